"""The same site as hand-written Markdown, built with our hooks doing no work.

After the measured build of a project, `write_twin` makes its "hand-written twin": a
project whose docs are the docs that build read (the staging directory's hand-written
pages plus the stubs of the generated pages, which a build keeps in memory) with every
page that showed a data view rewritten as an
ordinary Markdown page of the same content (the page's HTML from the built site,
converted back to Markdown with markdownify), and whose mkdocs.yml is the site's own with
no hooks but the page timer. Building the twin answers two questions in one run:

- what do our hooks cost? the full build's wall time next to the twin's, which builds
  the same pages and does no hook work (no validation, views, feeds, exports);
- does a generated page cost more than a hand-written page of the same length? both
  builds time every page (`PAGE_TIMER`), and the generated pages are compared one for one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import yaml
from markdownify import MarkdownConverter

# A hook written into both projects: each page's build time, in MkDocs' two page phases
# (reading and converting the source; then the template, search and post-processing),
# from the first hook of each phase to the last. Written as JSON at exit.
PAGE_TIMER = '''"""Written by bench/run.py: how long each page takes to build (both page phases)."""

import atexit
import json
import os
import time

from mkdocs.plugins import event_priority

_started = {}
_spent = {}


def _start(page):
    _started[page.file.dest_uri] = time.perf_counter()


def _stop(page):
    key = page.file.dest_uri
    _spent[key] = _spent.get(key, 0.0) + time.perf_counter() - _started.pop(key)


@event_priority(10000)
def on_pre_page(page, config, files):
    _start(page)
    return page


@event_priority(-10000)
def on_page_content(html, page, config, files):
    _stop(page)
    return html


@event_priority(10000)
def on_page_context(context, page, config, nav):
    _start(page)
    return context


@event_priority(-10000)
def on_post_page(output, page, config):
    _stop(page)
    return output


@atexit.register
def _dump():
    target = os.environ.get("BENCH_PAGE_TIMES")
    if target:
        with open(target, "w", encoding="utf-8") as out:
            json.dump(_spent, out)
'''

STAGING = Path(".cache") / "staging" / "docs"  # where hooks/site_content.py stages the docs
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n?", re.S)


class _Converter(MarkdownConverter):
    """markdownify, keeping the one thing Markdown cannot say (an inline SVG map) as raw HTML."""

    def convert_svg(self, el, text, parent_tags=None):
        return "\n\n" + str(el) + "\n\n"


def install_page_timer(project: Path) -> str:
    """Write the page timer into `project/.bench/`; return its `hooks:` entry."""
    shims = project / ".bench"
    shims.mkdir(parents=True, exist_ok=True)
    (shims / "_bench_page_timer.py").write_text(PAGE_TIMER, encoding="utf-8")
    return ".bench/_bench_page_timer.py"


# Run in the project with the build's environment (its build date decides what is published).
# The content is loaded as tools/translations.py loads it: in the languages of mkdocs.yml,
# with their converters and interface strings.
_STUBS = """
import json, sys
from pathlib import Path
sys.path.insert(0, "hooks")
from multilingual_site import build_context
from multilingual_site.content_checks import load_content
from multilingual_site.conversion import converters
from multilingual_site.generated_pages import all_generated_pages
from multilingual_site.languages import from_mkdocs_yml
from multilingual_site.publishing import build_date
from multilingual_site.strings import load_strings
project = Path(".")
ctx = build_context.start("bench", dirty=False)
ctx.project_dir = project
ctx.languages = from_mkdocs_yml(project / "mkdocs.yml")
ctx.default_language = ctx.languages.default.code
ctx.converters = converters(ctx.languages, project)
ctx.strings = load_strings(project, ctx.languages, ctx.converters)
content, _ = load_content(project, project / "docs", ctx.languages, ctx.converters, ctx.strings).visible(build_date(), False)
json.dump(all_generated_pages(content), sys.stdout)
"""


def generated_stubs(project: Path, env: dict | None = None) -> dict[str, str]:
    """The stubs of the pages the hooks generate (docs path -> text), as a build makes them in
    memory: computed by the project's own hooks, in a fresh process with the build's `env`."""
    result = subprocess.run([sys.executable, "-c", _STUBS], cwd=project, env=env, capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout)


def built_page(src: str, default_language: str = "zh") -> str:
    """Where the i18n build writes the page of a suffixed docs file: `a/b.en.md` ->
    `en/a/b/index.html` (the page's dest_uri)."""
    stem, lang = src[: -len(".md")].rsplit(".", 1)
    folder = "" if stem == "index" else stem.removesuffix("/index")
    parts = ([] if lang == default_language else [lang]) + ([folder] if folder else [])
    return "/".join([*parts, "index.html"])


def _as_markdown(html_file: Path) -> str:
    """The page's content (Material's article, less the title it adds) as Markdown."""
    article = lxml.html.parse(str(html_file)).xpath('//article[contains(@class, "md-content__inner")]')[0]
    heading = article.find("h1")
    if heading is not None:
        article.remove(heading)
    inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in article)
    return _Converter(heading_style="ATX", bullets="-").convert(inner).strip() + "\n"


def write_twin(project: Path, site: Path, twin: Path, default_language: str = "zh",
               env: dict | None = None) -> dict:
    """Write the hand-written twin of `project` (built into `site` with `env`) into `twin`."""
    staged = project / STAGING
    shutil.copytree(staged, twin / "docs")
    stubs = generated_stubs(project, env)
    for src, stub in stubs.items():
        (twin / "docs" / src).parent.mkdir(parents=True, exist_ok=True)
        (twin / "docs" / src).write_text(stub, encoding="utf-8")
    os.symlink((project / "overrides").resolve(), twin / "overrides")
    rewritten = 0
    for page in sorted((twin / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        match = _FRONT_MATTER.match(text)
        meta = yaml.safe_load(match[1]) if match else {}
        is_article = page.parent.parent.name == "news" and page.parent.name.isdigit()
        if not (meta.get("view") or is_article):
            continue
        src = page.relative_to(twin / "docs").as_posix()
        front = {"title": str(meta["title"])}
        if meta.get("search"):
            front["search"] = meta["search"]
        body = _as_markdown(site / built_page(src, default_language))
        page.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n\n" + body, encoding="utf-8")
        rewritten += 1
    timer_entry = install_page_timer(twin)
    config = twin / "mkdocs.yml"
    # INHERIT merges the site's config; hooks (a list) is replaced. docs_dir and the
    # theme's custom_dir resolve next to this file: the copied docs, the linked overrides.
    config.write_text(
        "# Written by bench/run.py: the site's config, no hooks but the page timer.\n"
        f"INHERIT: {os.path.relpath(project / 'mkdocs.yml', twin)}\n"
        f"hooks:\n  - {timer_entry}\n"
        "watch: []\n"  # data/ and hooks/ are not there; nothing is served anyway
        # Pages link to feeds and exports, which only the hooks write.
        "validation:\n  links:\n    not_found: info\n",
        encoding="utf-8",
    )
    return {"config": config, "rewritten_pages": rewritten, "generated_pages": sorted(stubs)}
