"""The real site, built from the repo's docs/ and data/: every article, member and office
from the source documents is reachable in both languages."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import yaml

from pages import internal_links, parse, resolve, url_path_of
from sitebuild import REPO


def _data(name):
    return yaml.safe_load((REPO / "data" / name).read_text(encoding="utf-8"))


def _reachable(site: Path, start: str) -> set[Path]:
    """Every built page reachable by following links from `start`."""
    seen, queue = set(), deque([site / start / "index.html"])
    while queue:
        file = queue.popleft()
        if file in seen or not file.exists():
            continue
        seen.add(file)
        path = url_path_of(site, file)
        for href in internal_links(parse(file)):
            target = resolve(site, path, href)
            if target is not None and target.suffix == ".html":
                queue.append(target)
    return seen


def test_the_real_site_builds_strictly_without_warnings(real_site):
    assert "WARNING" not in real_site.output


def test_home_pages_are_served_at_root_and_en(real_site):
    assert parse(real_site.site / "index.html").get("lang") == "zh-Hans"
    assert parse(real_site.site / "en/index.html").get("lang") == "en"


def test_every_article_from_the_documents_is_reachable_in_both_languages(real_site):
    articles = sorted((REPO / "docs/news").glob("*/*.md"))
    slugs = {(p.parent.name, p.name.split(".")[0]) for p in articles}
    assert {s for _, s in slugs} >= {"kunming-joins-iclei", "china-biodiversity-white-paper",
                                      "biodiversity-friendly-city-event-ningbo", "mongolia-visit"}
    for start, prefix in (("", ""), ("en", "en/")):
        reachable = _reachable(real_site.site, start)
        for year, slug in slugs:
            assert real_site.site / prefix / "news" / year / slug / "index.html" in reachable, (prefix, slug)


def test_every_member_is_reachable_in_both_languages_under_its_own_name(real_site):
    members = _data("members.yml")
    assert {m["id"] for m in members} >= {"kunming", "ulaanbaatar", "darkhan", "orkhon"}
    for start, prefix, lang in (("", "", "zh"), ("en", "en/", "en")):
        reachable = _reachable(real_site.site, start)
        for member in members:
            page = real_site.site / prefix / "members" / member["id"] / "index.html"
            assert page in reachable, (lang, member["id"])
            assert parse(page).findtext(".//h1") == member["name"][lang]


def test_every_office_is_listed_in_both_languages(real_site):
    regions = _data("offices.yml")
    for start, prefix, lang in (("", "", "zh"), ("en", "en/", "en")):
        page = real_site.site / prefix / "offices" / "index.html"
        assert page in _reachable(real_site.site, start)
        tree = parse(page)
        headings = {h.get("id"): h.text_content().strip() for h in tree.iter("h2")}
        for region in regions:
            assert headings[region["id"]] == region["name"][lang]
            for office in region["offices"]:
                card = tree.get_element_by_id(office["id"])
                assert card.cssselect(".site-office__name")[0].text_content() == office["name"][lang]
                assert card.cssselect("address")[0].text_content() == office["address"]


def test_programme_pages_show_the_plan_of_action_and_the_centre(real_site):
    plan = _data("action_plan.yml")
    assert len(plan["areas"]) == 7
    for prefix, lang in (("", "zh"), ("en/", "en")):
        tree = parse(real_site.site / prefix / "programmes/plan-of-action/index.html")
        ids = {h.get("id") for h in tree.iter("h3")}
        assert {a["id"] for a in plan["areas"]} <= ids
        coe = (real_site.site / prefix / "programmes/centre-of-excellence/index.html").read_text(encoding="utf-8")
        assert 'datetime="2022-12-12"' in coe
        edinburgh = parse(real_site.site / prefix / "programmes/edinburgh-process/index.html")
        assert len(edinburgh.cssselect("#milestones ~ ol.site-timeline > li")) == len(_data("edinburgh.yml")["milestones"])
