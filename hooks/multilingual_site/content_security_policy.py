"""The site's Content-Security-Policy: what a page may load and run, and nothing else.

No `'unsafe-inline'` for scripts: each inline script a page contains is allowed by the
SHA-256 hash of its text (CSP Level 3, "hash-source"). Material 9.8.1 writes two on
every page (`partials/javascripts/base.html`, `content.html`); `extra.scope: /` in
mkdocs.yml keeps the first one the same at every page depth, so the whole site has one
short list of hashes. Style attributes (Markdown writes `style="text-align: right;"` for
aligned table columns) are allowed the same way, by `style-src-attr 'unsafe-hashes'`.

The inline scripts are found with regular expressions over the page's final HTML, not
an HTML parser (the build writes 12,000+ pages): a `<script>` without `src` whose type
makes it a script. Data blocks (`application/json`, `application/ld+json`, any type that
is not JavaScript, `module`, `importmap` or `speculationrules`) are never executed:
HTML's "prepare the script element" returns for them before it asks CSP whether inline
script is allowed, so they need no hash (and Chromium reports no violation for them).
tests/test_content_security_policy.py checks every built page with lxml against the
policy, so a script this expression misses fails the suite.

The policy is delivered twice: as a `<meta http-equiv>` first in every page's `<head>`
(hosts that send no headers, such as GitHub Pages) and as a response header by nginx
(`deploy/nginx.conf` includes the file written by `nginx_snippet`). A `<meta>` policy
ignores `frame-ancestors`, so that directive is in the header only.
"""

from __future__ import annotations

import base64
import hashlib
import html as htmllib
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

# The content of the <meta http-equiv="Content-Security-Policy"> that overrides/main.html
# writes first in <head>; each page's policy replaces it (hook csp_writer.py).
META_PLACEHOLDER = "__CONTENT_SECURITY_POLICY__"

# Directive -> sources, in the order written. Each one is what the site needs, found by
# running every browser test under the policy (tests/browser.py fails on any violation).
DIRECTIVES: tuple[tuple[str, str], ...] = (
    # Everything not named below (fonts, fetches of the search index, the sitemap the
    # language switcher reads, the member directory's index): this site only.
    ("default-src", "'self'"),
    # Material's bundle, member-filter.js, and the inline scripts by hash (added per page).
    ("script-src", "'self'"),
    # Material's pages have no <style> element (`font: false`, one palette; content may
    # have none: staff_html.py) and its scripts set styles through the CSSOM, which CSP
    # does not restrict. Style attributes (Markdown's aligned table columns write
    # `style="text-align: right;"`) are allowed by hash: `style-src-attr`, added per page.
    ("style-src", "'self'"),
    # Material's icons (search, navigation, admonitions) are data: SVG images in its CSS.
    ("img-src", "'self' data:"),
    # Material's search runs in a worker started from a file of the site (`new Worker(url)`,
    # never a blob: URL).
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# Honoured only in a response header (CSP3: ignored, with a console error, in <meta>).
HEADER_ONLY: tuple[tuple[str, str], ...] = (
    ("frame-ancestors", "'self'"),
)
# The live preview: MkDocs' livereload adds an inline script whose text changes with every
# response, so no hash can cover it; there scripts may be inline (every other directive
# stays as published, so an image or a font from another host is blocked in the preview too).
PREVIEW_SCRIPTS = "'self' 'unsafe-inline'"

# A style attribute's value, quoted or not; the character before "style" is checked apart.
# Lower case only, as Markdown and Material write it: matching any case was 15 times slower
# (a pattern starting with a letter is not searched for as a literal then). A hand-written
# `STYLE=` goes unhashed and unapplied; tests/test_content_security_policy.py finds it.
_STYLE_ATTRIBUTE = re.compile(r"""style\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_SCRIPT_START = re.compile(r"<script\b([^>]*)>", re.I)
_SCRIPT_END = re.compile(r"</script[\s/>]", re.I)  # where HTML ends a script's text
_SRC = re.compile(r"(?:^|\s)src(?:\s*=|\s|$)", re.I)
_ATTRIBUTE = r"""(?:^|\s){name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"""
_TYPE = re.compile(_ATTRIBUTE.format(name="type"), re.I)
_LANGUAGE = re.compile(_ATTRIBUTE.format(name="language"), re.I)
# HTML's "JavaScript MIME type essence match" list, and the other types it executes.
_JAVASCRIPT_TYPES = frozenset("""
    application/ecmascript application/javascript application/x-ecmascript
    application/x-javascript text/ecmascript text/javascript text/javascript1.0
    text/javascript1.1 text/javascript1.2 text/javascript1.3 text/javascript1.4
    text/javascript1.5 text/jscript text/livescript text/x-ecmascript text/x-javascript
""".split())
_EXECUTED_TYPES = _JAVASCRIPT_TYPES | {"module", "importmap", "speculationrules"}


def _attribute(pattern: re.Pattern, attributes: str) -> str | None:
    match = pattern.search(attributes)
    return None if match is None else next(g for g in match.groups() if g is not None)


def _is_executed(attributes: str) -> bool:
    """Whether a <script> with these attributes (and no src) runs its text (HTML §4.12.1.1)."""
    script_type = _attribute(_TYPE, attributes)
    if script_type is None:
        language = _attribute(_LANGUAGE, attributes)
        script_type = "" if not language else "text/" + language
    script_type = script_type.strip().lower()
    return script_type == "" or script_type in _EXECUTED_TYPES


def source_hash(source: str) -> str:
    """The CSP hash-source of an inline script's text or a style attribute's value. The HTML
    parser turns CR LF and CR into LF before the browser sees the text, and CSP hashes that
    text as UTF-8."""
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _scripts(html: str):
    """(attributes, text) of each <script> element. Two searches per script rather than one
    pattern with a lazy `.*?`, which tested every character of the page (three times slower)."""
    position = 0
    while (start := _SCRIPT_START.search(html, position)) is not None:
        end = _SCRIPT_END.search(html, start.end())
        if end is None:
            return
        yield start.group(1), html[start.end():end.start()]
        position = end.end()


def style_attribute_hashes(html: str) -> tuple[str, ...]:
    """The hashes of every style attribute's value (as the browser reads it: entities
    decoded), sorted and without repeats. Text that only looks like an attribute adds a
    harmless hash; no lower-case attribute is missed."""
    found = set()
    for match in _STYLE_ATTRIBUTE.finditer(html):
        if match.start() and html[match.start() - 1] in " \t\n\r\f/\"'":
            value = next(g for g in match.groups() if g is not None)
            found.add(source_hash(htmllib.unescape(value)))
    return tuple(sorted(found))


def inline_script_hashes(html: str) -> tuple[str, ...]:
    """The hashes of every inline script `html` executes, sorted and without repeats."""
    return tuple(sorted({
        source_hash(text)
        for attributes, text in _scripts(html)
        if not _SRC.search(attributes) and _is_executed(attributes)
    }))


@lru_cache(maxsize=64)
def policy(script_hashes: tuple[str, ...], style_hashes: tuple[str, ...] = (), *,
           header: bool = False, preview: bool = False) -> str:
    """The policy allowing these inline scripts and style attributes; `header` adds the
    directives a <meta> cannot carry; `preview` allows inline scripts instead (see
    PREVIEW_SCRIPTS)."""
    directives = DIRECTIVES + (HEADER_ONLY if header else ())
    parts = []
    for name, sources in directives:
        if name == "script-src":
            sources = PREVIEW_SCRIPTS if preview else " ".join((sources, *script_hashes))
        parts.append(f"{name} {sources}")
        if name == "style-src" and style_hashes:
            # 'unsafe-hashes': CSP's word for hashes that may match attributes, not elements.
            parts.append(" ".join(("style-src-attr", "'unsafe-hashes'", *style_hashes)))
    return "; ".join(parts)


def fill_meta(html: str, *, preview: bool = False) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The page with its own policy in the <meta> placeholder, its script hashes and its
    style attribute hashes. Pages without the placeholder (not from our templates) are
    left as they are."""
    if META_PLACEHOLDER not in html:
        return html, (), ()
    scripts, styles = inline_script_hashes(html), style_attribute_hashes(html)
    return html.replace(META_PLACEHOLDER, policy(scripts, styles, preview=preview), 1), scripts, styles


def nginx_snippet(script_hashes: Iterable[str], style_hashes: Iterable[str] = ()) -> str:
    """The nginx directive sending the site's policy: the union of every page's hashes."""
    value = policy(tuple(sorted(set(script_hashes))), tuple(sorted(set(style_hashes))), header=True)
    return ("# Written by the build (hooks/multilingual_site/content_security_policy.py); included by deploy/nginx.conf.\n"
            f'add_header Content-Security-Policy "{value}" always;\n')


NGINX_SNIPPET = Path(".nginx", "content-security-policy.conf")


def write_nginx_snippet(ctx, config) -> None:
    """The union of all pages' hashes, every language's, as an nginx directive in the site
    (`.nginx/content-security-policy.conf`): it travels with the site it was computed from;
    deploy/nginx.conf includes it, and nginx serves no dotfile (deploy/README.md)."""
    target = Path(config.site_dir) / NGINX_SNIPPET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(nginx_snippet(ctx.csp_scripts, ctx.csp_styles), encoding="utf-8")
