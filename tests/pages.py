"""Read built pages: links, the language switcher, head alternates (lxml, not regexes)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

from sitebuild import REPO, hook_module

SITE_URL = "https://eastasia.iclei.org/"
# The site's languages, as mkdocs.yml lists them (hooks/multilingual_site/languages.py).
LANGUAGES = hook_module("languages").from_mkdocs_yml(REPO / "mkdocs.yml")


EDITOR = "admin"  # the browser editor (hooks/editor.py)


def html_files(site: Path) -> list[Path]:
    """Every HTML file of the built site, the editor's page included."""
    return sorted(site.rglob("*.html"))


def site_pages(site: Path) -> list[Path]:
    """The pages of the public site: every HTML file but the editor's (`admin/index.html`),
    which is Decap CMS's application, not a page of the site: no language switcher, feeds or
    site navigation, an interface that is Decap's. It passes the checks every HTML file must
    (valid HTML, links that resolve, nothing loaded from another host); tests/test_editor*.py
    check the rest."""
    return [file for file in html_files(site) if file.relative_to(site).parts[0] != EDITOR]


def url_path_of(site: Path, file: Path) -> str:
    """Site path of a built file: index.html files are served as their folder."""
    relative = file.relative_to(site).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def language_of(url_path: str):
    """The language a site path belongs to: the one whose prefix it starts with, else the default."""
    for language in LANGUAGES:
        if language.root and url_path.startswith(language.root):
            return language
    return LANGUAGES.default


def in_language(url_path: str, language) -> str:
    """The same page's site path in another language."""
    return language.root + url_path.removeprefix(language_of(url_path).root)


def parse(file: Path):
    return lxml.html.fromstring(file.read_bytes())


def resolve(site: Path, from_path: str, href: str) -> Path | None:
    """The built file a relative link on page `from_path` leads to (None if outside the site)."""
    target = urljoin("http://site/" + from_path, href)
    parts = urlsplit(target)
    if parts.netloc != "site":
        return None
    path = unquote(parts.path).lstrip("/")  # a Korean tag's folder is named in Hangul, linked percent-encoded
    file = site / path
    if path == "" or path.endswith("/"):
        file = site / path / "index.html"
    return file


def switcher_links(tree) -> dict[str, str]:
    """hreflang -> href of the language switcher in the header."""
    return {a.get("hreflang"): a.get("href") for a in tree.cssselect("a.md-select__link")}


def language_roots(site: Path) -> list[str]:
    """Each language's root as a path from the site root ("" for the default language,
    "en/", ...), as the default home page's language switcher offers them: the languages of
    mkdocs.yml, read from the site itself, so a test using them covers a language added
    there without being edited."""
    links = switcher_links(parse(site / "index.html"))
    return sorted(urljoin(SITE_URL, href).removeprefix(SITE_URL) for href in links.values())


def internal_links(tree) -> list[str]:
    return [a.get("href") for a in tree.iter("a") if a.get("href") and not a.get("href").startswith(("http:", "https:", "mailto:", "#"))]
