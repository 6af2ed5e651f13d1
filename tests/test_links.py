"""Every internal link, image and anchor of the built site resolves, in both languages:
the real site and the news fixture (pagination, tags, years, covers)."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from pages import html_files, parse, resolve, url_path_of

_ids_cache: dict = {}


def _ids(file):
    if file not in _ids_cache:
        _ids_cache[file] = {e.get("id") for e in parse(file).iter() if e.get("id")} | \
                           {e.get("name") for e in parse(file).iter("a") if e.get("name")}
    return _ids_cache[file]


def _broken_links(site, minimum: int = 100) -> list[str]:
    broken, checked = [], 0
    for file in html_files(site):
        path = url_path_of(site, file)
        if path.endswith("404.html"):
            continue  # served at any depth: its links are absolute paths by design
        tree = parse(file)
        references = [(e.get("href"), e.tag) for e in tree.iter("a", "link") if e.get("href")]
        references += [(e.get("src"), e.tag) for e in tree.iter("img", "script", "source") if e.get("src")]
        references += [(e.get("href"), e.tag) for e in tree.iter("{http://www.w3.org/2000/svg}image", "image") if e.get("href")]
        for href, tag in references:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto") or href.startswith("//"):
                continue
            checked += 1
            if not parts.path:  # a same-page anchor
                if parts.fragment and unquote(parts.fragment) not in _ids(file):
                    broken.append(f"{path}: #{parts.fragment} (no such anchor)")
                continue
            target = resolve(site, path, href)
            if target is None or not target.exists():
                broken.append(f"{path}: {href} ({tag}) leads nowhere")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids(target):
                broken.append(f"{path}: {href} (no such anchor)")
    assert checked >= minimum
    return broken


def test_every_link_of_the_real_site_resolves(real_site):
    assert _broken_links(real_site.site) == []


def test_every_link_of_the_news_fixture_resolves(news_site):
    assert _broken_links(news_site.site) == []


def test_the_crawler_finds_a_dead_link_an_anchor_and_an_image(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<h2 id="here">x</h2><a href="#here">ok</a><a href="#gone">x</a>'
                                           '<a href="../b/">x</a><a href="../a/#nowhere">x</a><img src="pic.png" alt="">',
                                           encoding="utf-8")
    assert sorted(_broken_links(tmp_path, minimum=5)) == [
        "a/: #gone (no such anchor)", "a/: ../a/#nowhere (no such anchor)",
        "a/: ../b/ (a) leads nowhere", "a/: pic.png (img) leads nowhere"]
