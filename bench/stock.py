"""The yardstick: stock MkDocs + Material + mkdocs-static-i18n building the same number of
plain Markdown pages as a project's build, with a one-entry navigation and no hooks.

    python bench/stock.py <project> <site of its build> <target folder>

`write_stock_site` counts the HTML pages of each of the project's languages (the i18n
plugin's list in its mkdocs.yml) in the project's built site and writes as many
`page-<n>.<lang>.md` pages (plus the home page) into `target`: each a title and the text of
one of the project's news articles in that language, cycling through them, so pages are of
the length a news site has. A language the project makes from another at build time
(zh-hant, converted from zh by the project's hooks) is a plain language here, its pages
written with its source's texts: stock has nothing to convert with. Its `mkdocs.yml` keeps
the project's theme, languages and search settings (what stock users of the stack would
have) and drops everything of ours: hooks, overrides, extra CSS and JavaScript, the
navigation but for the home page.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from pathlib import Path

import yaml


def _config(project: Path) -> dict:
    from mkdocs.utils.yaml import yaml_load  # reads !ENV and the like, as MkDocs does

    with open(project / "mkdocs.yml", encoding="utf-8") as file:
        return yaml_load(file)


def languages(project: Path) -> dict[str, dict]:
    """The languages the project builds (its i18n plugin's list), the default one first:
    code -> its URL prefix in the site (`root`: "" for the default language, "ko/") and the
    language its texts are made from (`source`: itself, or `extra.language.derived_from`)."""
    for plugin in _config(project).get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = [entry for entry in plugin["i18n"]["languages"] if entry.get("build", True)]
            break
    else:
        raise SystemExit(f"{project / 'mkdocs.yml'}: no i18n plugin with its languages")
    result = {}
    for entry in sorted(entries, key=lambda entry: not entry.get("default")):
        code = entry["locale"]
        link = entry.get("link") or ("/" if entry.get("default") else f"/{code}/")
        settings = (entry.get("extra") or {}).get("language") or {}
        result[code] = {"root": link.strip("/") + "/" if link.strip("/") else "",
                        "source": settings.get("derived_from") or code}
    return result


def page_counts(site: Path, roots: dict[str, str]) -> dict[str, int]:
    """HTML pages a build wrote, per language: those under a language's prefix (en/, ko/...)
    are its pages; the default language's (prefix "") are the others."""
    pages = [p.relative_to(site).as_posix() for p in site.rglob("index.html")]
    prefixed = {code: root for code, root in roots.items() if root}
    counts = {code: sum(1 for p in pages if p.startswith(root)) for code, root in prefixed.items()}
    for code, root in roots.items():
        if not root:
            counts[code] = len(pages) - sum(counts.values())
    return {code: counts[code] for code in roots}


def _bodies(project: Path, lang: str) -> list[str]:
    bodies = []
    for file in sorted((project / "docs" / "news").glob(f"[0-9][0-9][0-9][0-9]/*.{lang}.md")):
        text = file.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # no images: stock pages are plain text
        bodies.append(text.strip() or "Text.")
    return bodies or ["Text."]


def stock_config(project: Path) -> dict:
    """The project's mkdocs.yml with everything of ours removed."""
    config = _config(project)
    theme = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
    plugins = []
    for plugin in config.get("plugins", []):
        name, options = next(iter(plugin.items())) if isinstance(plugin, dict) else (plugin, None)
        if name == "i18n":
            options = {**options, "languages": [{k: v for k, v in lang.items() if k != "nav_translations"}
                                                for lang in options["languages"]]}
        plugins.append({name: options} if options is not None else name)
    return {"site_name": config["site_name"], "site_url": config.get("site_url"), "docs_dir": "docs",
            "theme": theme, "plugins": plugins, "nav": [{"Home": "index.md"}],
            "markdown_extensions": config.get("markdown_extensions", []),
            "validation": {"nav": {"omitted_files": "ignore"}}}


def write_stock_site(project: Path, site: Path, target: Path) -> dict[str, int]:
    """Write the stock project into `target`; returns its page counts per language."""
    site_languages = languages(project)
    counts = page_counts(site, {code: language["root"] for code, language in site_languages.items()})
    docs = target / "docs"
    docs.mkdir(parents=True)
    (target / "mkdocs.yml").write_text(yaml.safe_dump(stock_config(project), allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    for lang, language in site_languages.items():
        (docs / f"index.{lang}.md").write_text("# Home\n\nA plain page.\n", encoding="utf-8")
        bodies = itertools.cycle(_bodies(project, language["source"]))
        for number in range(1, counts[lang]):  # the home page is one of them
            (docs / f"page-{number}.{lang}.md").write_text(f"# Page {number}\n\n{next(bodies)}\n", encoding="utf-8")
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("site", type=Path)
    parser.add_argument("target", type=Path)
    args = parser.parse_args(argv)
    print(write_stock_site(args.project, args.site, args.target))
    return 0


if __name__ == "__main__":
    sys.exit(main())
