"""The member directory, profiles, map and open data, in both languages."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import yaml

from browser import browser_page, serve
from pages import parse, resolve
from sitebuild import FIXTURE, REPO, build, hook_module, make_project

MEMBERS = yaml.safe_load((FIXTURE / "data/members.yml").read_text(encoding="utf-8"))


def _directory(site, prefix):
    tree = parse(site / prefix / "members/index.html")
    return tree, {s.get("data-country"): [li.get("id")[2:] for li in s.cssselect("li")] for s in tree.cssselect("section.view-country")}


def test_directory_lists_every_member_grouped_by_country_in_each_languages_order(fixture_site):
    zh_tree, zh = _directory(fixture_site.site, "")
    en_tree, en = _directory(fixture_site.site, "en/")
    assert zh["CN"] == ["chengdu", "kunming", "shenzhen"]  # pinyin: cheng < kun < shen
    assert en["CN"] == ["chengdu", "kunming", "shenzhen"]
    assert sorted(sum(zh.values(), [])) == sorted(m["id"] for m in MEMBERS) == sorted(sum(en.values(), []))
    # The countries with most members first (not the pinyin of their names: meng < zhong).
    assert [h.text_content() for h in zh_tree.cssselect("section.view-country h2")] == ["中国（3）", "蒙古（1）"]
    assert [h.text_content() for h in en_tree.cssselect("section.view-country h2")] == ["China (3)", "Mongolia (1)"]
    kunming = en_tree.get_element_by_id("m-kunming").text_content()
    assert kunming == "Kunming City · since Dec 2022"


def test_pinyin_order_is_not_unicode_order(tmp_path):
    project = make_project(tmp_path)
    with open(project / "data/members.yml", "a", encoding="utf-8") as f:
        f.write("- id: anqing\n  name: {zh: 安庆市, en: Anqing}\n  country: CN\n")
        f.write("- id: zhuhai\n  name: {zh: 珠海市, en: Zhuhai}\n  country: CN\n")
        f.write("- id: beijing\n  name: {zh: 北京市, en: Beijing}\n  country: CN\n")
    result = build(project)
    assert result.returncode == 0, result.output
    _, zh = _directory(result.site, "")
    assert zh["CN"] == ["anqing", "beijing", "chengdu", "kunming", "shenzhen", "zhuhai"]
    # Unicode order would differ: 北 (U+5317) < 安 (U+5B89) < 成 < 昆 < 深 < 珠 (U+73E0)
    unicode_order = sorted(zh["CN"], key=lambda i: {"anqing": "安", "beijing": "北", "chengdu": "成", "kunming": "昆",
                                                    "shenzhen": "深", "zhuhai": "珠"}[i])
    assert unicode_order[0] == "beijing" and unicode_order != zh["CN"]


def test_profiles_show_both_names_and_link_back_to_the_articles_naming_the_member(fixture_site):
    site = fixture_site.site
    for prefix in ("", "en/"):
        path = f"{prefix}members/kunming/"
        tree = parse(site / path / "index.html")
        text = tree.text_content()
        assert "昆明市" in text and "Kunming" in text
        news = [resolve(site, path, a.get("href")) for a in tree.cssselect("#news ~ .site-cards .site-card__title a")]
        assert news == [site / prefix / "news/2023/normal-pair/index.html"]
        programmes = [resolve(site, path, a.get("href")) for a in tree.cssselect("#programmes + ul.site-chips a")]
        assert site / prefix / "programmes/edinburgh-process/index.html" in programmes


def test_map_draws_members_with_a_location_over_the_bundled_base_map(fixture_site):
    import xml.etree.ElementTree as ET
    site = fixture_site.site
    for prefix in ("", "en/"):
        image = parse(site / prefix / "members/index.html").cssselect(".view-map img")[0]
        assert resolve(site, prefix + "members/", image.get("src")) == site / "members/map.svg"
        assert image.get("alt").endswith("（2）" if prefix == "" else " (2)")
    svg = ET.parse(site / "members/map.svg").getroot()  # well-formed, self-contained
    paths = [p.get("d") for p in svg.iter("{http://www.w3.org/2000/svg}path")]
    assert len(paths) == 2  # the base map's land, then the dots
    assert paths[1] == "M282.71 64.96h0M286.92 42.08h0"  # Kunming, Ulaanbaatar (x = lon + 180, y = 90 - lat)
    profile = parse(site / "members/kunming/index.html").cssselect(".view-map circle")
    assert len(profile) == 1 and profile[0].findtext("title") == "昆明市"
    assert not parse(site / "members/chengdu/index.html").cssselect(".view-map")  # no location, no map


def test_the_directory_map_carries_only_the_land_its_view_shows(fixture_site):
    """The map shows East Asia: the world's outline under it was 97% of its weight, out of
    sight, and on a phone the map is the first screen's largest element (issue 25)."""
    site = fixture_site.site
    svg = ET.parse(site / "members/map.svg").getroot()
    left, top, width, height = (float(v) for v in svg.get("viewBox").split())
    land = next(svg.iter("{http://www.w3.org/2000/svg}path")).get("d")
    points = [tuple(float(v) for v in pair.split(",")) for ring in re.findall(r"M([^Z]+)Z", land) for pair in ring.split("L")]
    assert len(points) > 100  # China's coast and Mongolia's borders, not an empty map
    margin = hook_module("base_map").MARGIN
    assert all(left - margin <= x <= left + width + margin and top - margin <= y <= top + height + margin for x, y in points)
    assert (site / "members/map.svg").stat().st_size * 10 < (REPO / "overrides/assets/map/world.svg").stat().st_size
    for prefix in ("", "en/"):
        image = parse(site / prefix / "members/index.html").cssselect(".view-map img")[0]
        # On a phone, the first screen's largest element: asked for at once, first among images.
        assert image.get("loading") is None and image.get("fetchpriority") == "high"
        assert abs(int(image.get("width")) / int(image.get("height")) - width / height) < 0.01


def test_a_ring_cut_to_a_box_keeps_what_lies_inside():
    base_map = hook_module("base_map")
    square = [(0, 0), (10, 0), (10, 10), (0, 10)]
    assert base_map.clip_ring(square, (5, -1, 20, 20)) == [(5, 0), (10, 0), (10, 10), (5, 10)]
    assert base_map.clip_ring(square, (-1, -1, 20, 20)) == square  # inside: as it is
    assert base_map.clip_ring(square, (11, 11, 20, 20)) == []  # outside: nothing
    rings = base_map.land_rings('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0,0L10,0L10,10L0,10Z"/></svg>')
    assert base_map.land_path(rings, "6 -1 20 20") == "M5,0L10,0L10,10L5,10Z"  # a margin of 1 around the view


def test_open_data_exports_parse_and_hold_every_member_and_field(fixture_site):
    site = fixture_site.site
    rows = json.loads((site / "members.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == [m["id"] for m in MEMBERS]
    kunming = next(r for r in rows if r["id"] == "kunming")
    assert kunming["name_zh"] == "昆明市" and kunming["website"] == "https://example.org/kunming"
    assert kunming["lat"] == 25.04 and kunming["programmes"] == ["edinburgh-process", "citieswithnature", "coe"]
    raw = (site / "members.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["id"] for r in table] == [m["id"] for m in MEMBERS] and table[1]["name_zh"] == "昆明市"
    assert set(table[0]) == set(kunming)
    geo = json.loads((site / "members.geojson").read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection"
    assert {f["id"]: f["geometry"]["coordinates"] for f in geo["features"]} == {"kunming": [102.71, 25.04], "ulaanbaatar": [106.92, 47.92]}
    directory = parse(site / "en/members/index.html").cssselect(".site-directory__summary")[0]
    links = [a.get("href") for a in directory.cssselect('a[type="text/csv"], a[type="application/json"], a[type="application/geo+json"]')]
    assert [resolve(site, "en/members/", h) for h in links] == [site / "members.json", site / "members.csv", site / "members.geojson"]


HOSTILE = '<script>alert("x")</script> & "quoted"'


def test_markup_in_member_fields_is_escaped_everywhere(tmp_path):
    project = make_project(tmp_path)
    with open(project / "data/members.yml", "a", encoding="utf-8") as f:
        f.write(yaml.safe_dump([{"id": "hostile", "name": {"zh": HOSTILE, "en": HOSTILE}, "country": "CN",
                                 "summary": {"zh": HOSTILE, "en": HOSTILE},
                                 "location": {"lat": 30.0, "lon": 120.0}}], allow_unicode=True))
    result = build(project)
    assert result.returncode == 0, result.output
    site = result.site
    for page in ("members/hostile/index.html", "en/members/hostile/index.html", "members/index.html", "en/members/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;quoted&#34;" in html, page
    for data in ("members.json", "members.geojson", "members/index.json", "en/members/index.json"):
        raw = (site / data).read_text(encoding="utf-8")
        assert "<script>" not in raw, data
        assert HOSTILE in json.dumps(json.loads(raw), ensure_ascii=False).replace('\\"', '"'), data
    table = list(csv.DictReader(io.StringIO((site / "members.csv").read_bytes().decode("utf-8-sig"))))
    assert next(r for r in table if r["id"] == "hostile")["name_en"] == HOSTILE


def test_values_that_a_spreadsheet_would_run_as_formulas_are_quoted_in_the_csv(tmp_path):
    project = make_project(tmp_path)
    for start in ("=", "+", "-", "@"):
        with open(project / "data/members.yml", "a", encoding="utf-8") as members:
            members.write(f"- id: formula-{ord(start)}\n  name: {{zh: '{start}1+1', en: '{start}HYPERLINK(\"http://x\")'}}\n"
                          "  country: CN\n")
    result = build(project)
    assert result.returncode == 0, result.output
    table = list(csv.DictReader(io.StringIO((result.site / "members.csv").read_bytes().decode("utf-8-sig"))))
    rows = {row["id"]: row for row in table}
    for start in ("=", "+", "-", "@"):
        row = rows[f"formula-{ord(start)}"]
        assert row["name_zh"] == f"'{start}1+1" and row["name_en"].startswith(f"'{start}HYPERLINK"), row
    assert rows["kunming"]["name_en"] == "Kunming"  # ordinary values are left as they are


def test_a_javascript_website_is_rejected_with_file_line_and_field(tmp_path):
    project = make_project(tmp_path)
    with open(project / "data/members.yml", "a", encoding="utf-8") as f:
        f.write('- id: bad\n  name: {zh: 坏, en: Bad}\n  country: CN\n  website: "javascript:alert(1)"\n')
    result = build(project)
    assert result.returncode != 0
    assert "data/members.yml:31: website: only http:// or https:// web addresses are accepted" in result.output


def test_search_box_and_filters_narrow_the_list_in_a_real_browser(fixture_site):
    with serve(fixture_site.site) as base, browser_page(base) as page:
        page.goto(base + "en/members/")
        form = page.locator("#member-filter")
        form.wait_for(state="visible")
        visible = lambda: page.locator(".view-members li:visible").count()
        # Predicates are functions: Playwright eval()s a bare expression, which the policy forbids.
        assert visible() == 4
        page.fill("#member-filter input[name=q]", "kun")
        page.wait_for_function("() => document.querySelectorAll('.view-members li:not([hidden])').length === 1")
        assert page.locator(".view-members li:visible").inner_text().startswith("Kunming")
        page.fill("#member-filter input[name=q]", "")
        page.select_option("#member-filter select[name=country]", "MN")
        page.wait_for_function("() => document.querySelectorAll('.view-members li:not([hidden])').length === 1")
        assert page.locator(".view-members li:visible").inner_text().startswith("Ulaanbaatar")
        page.select_option("#member-filter select[name=country]", "")
        page.select_option("#member-filter select[name=programme]", "citieswithnature")
        page.wait_for_function("() => document.querySelectorAll('.view-members li:not([hidden])').length === 2")
        page.select_option("#member-filter select[name=joined]", "2014")
        page.wait_for_function("() => document.querySelectorAll('.view-members li:not([hidden])').length === 0")
        assert "0" in page.locator("#member-filter output").inner_text()
        # Chinese search in the Chinese directory finds by either name
        page.goto(base + "members/")
        page.locator("#member-filter").wait_for(state="visible")
        page.fill("#member-filter input[name=q]", "昆明")
        page.wait_for_function("() => document.querySelectorAll('.view-members li:not([hidden])').length === 1")
        assert page.outside_requests == []
