"""Hook: nothing executable and nothing from another host reaches a page or a feed.

Events:
- on_page_content: removes HTML comments (`<!-- ... -->`: notes for editors, such as a
  photo caption waiting for its photo, are never published, in pages or feeds); checks the
  HTML MkDocs rendered from each page's Markdown against the
  policy of multilingual_site/staff_html.py (scripts, event handlers, javascript:/data:
  URLs, remote images, CSS url()), and notes every refusal with its file and line;
- on_env: MkDocs has read every page of the language pass and written none yet; if
  anything was refused, every refusal is logged as `file:line: message` and the build
  stops, so nothing of the pass is written.
Data read: the pages' rendered bodies and their source files (for the line numbers).
Output owned: none.
"""

from __future__ import annotations

import logging
import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from multilingual_site import build_context
from multilingual_site.loading import Problem
from multilingual_site.staff_html import line_of, refusals_in_html

log = logging.getLogger("mkdocs.hooks.staff_html_check")

_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)


# Before feeds (0), which keep each article's body for the feeds.
@event_priority(50)
def on_page_content(html, page, config, files):
    if html and "<!--" in html:
        html = _COMMENT.sub("", html)  # in code, Markdown has escaped them: `&lt;!--`
    if _made_from_another(page):
        return html  # checked, and refused with its own file and line, in its source's pass
    refusals = refusals_in_html(html or "")
    if refusals:
        source = _source_lines(page)
        for refusal in refusals:
            build_context.current().pass_.refused.append(Problem(f"docs/{page.file.src_uri}", line_of(refusal.needle, source), "", refusal.message))
    return html


def _made_from_another(page) -> bool:
    """A stand-in repeats another language's page as it is, and a converted page changes
    only Han characters and reviewed phrases that hold no markup (conversion.MARKUP):
    generated_pages.other_versions names the source of both in their front matter."""
    meta = page.meta or {}
    return bool(meta.get("fallback_of") or meta.get("derived_from"))


def _source_lines(page) -> list[str]:
    try:
        with open(page.file.abs_src_path, encoding="utf-8") as source:
            return source.read().splitlines()
    except (OSError, TypeError):  # a generated page held in memory has no body to check
        return []


# First among on_env handlers: before background work starts and before anything is written.
@event_priority(100)
def on_env(env, config, files):
    refused = build_context.current().pass_.refused  # each pass, and each live-preview rebuild, its own
    if refused:
        for problem in sorted(set(refused)):
            log.error(str(problem))
        count = len(set(refused))
        refused.clear()
        raise PluginError(f"{count} problem(s) in the content above; nothing was built. "
                          "Each line names the file and the line to fix.")
    return env
