"""Languages as configuration (issue 27): the list in mkdocs.yml, interface strings per
language, Korean written by hand, Traditional Chinese converted at build time, untranslated
pages standing in honestly, translation status, and a language added without code."""

from __future__ import annotations

import ast
import io
import json
import re
import subprocess
import sys
import tokenize
from pathlib import Path
from urllib.parse import quote, unquote

import opencc
import yaml

from pages import LANGUAGES, SITE_URL, parse, resolve, site_pages, url_path_of
from sitebuild import REPO, build, edit_file, make_project

REAL_MEMBERS = yaml.safe_load((REPO / "data/members.yml").read_text(encoding="utf-8"))
REAL_PLAN = yaml.safe_load((REPO / "data/action_plan.yml").read_text(encoding="utf-8"))


# --- 1. Languages are configuration ------------------------------------------------------

# Every spelling of a language a line of code could hard-wire: codes, tags, CLDR locales.
SPELLINGS = ({language.code for language in LANGUAGES} | {language.tag for language in LANGUAGES}
             | {language.cldr for language in LANGUAGES if language.cldr}
             | {"ja", "zh_Hans", "zh_Hant", "zh-CN", "zh-TW", "ko_KR", "ja_JP"})


def _python_strings(file: Path) -> list[tuple[int, str]]:
    found = []
    for token in tokenize.generate_tokens(io.StringIO(file.read_text(encoding="utf-8")).readline):
        if token.type == tokenize.STRING:
            try:
                value = ast.literal_eval(token.string)
            except (ValueError, SyntaxError):  # f-strings
                continue
            found.append((token.start[0], value))
    return found


def test_no_python_or_template_names_a_language():
    """Codes, tags and locales come from mkdocs.yml and strings/ only (ARCHITECTURE.md, "Languages")."""
    named = []
    for file in sorted((REPO / "hooks").rglob("*.py")) + sorted((REPO / "tools").glob("*.py")):
        named += [f"{file.relative_to(REPO)}:{line}: {value!r}" for line, value in _python_strings(file)
                  if isinstance(value, str) and value in SPELLINGS]
    quoted = re.compile(r"""(["'])(%s)\1""" % "|".join(map(re.escape, sorted(SPELLINGS, key=len, reverse=True))))
    for file in sorted(p for p in (REPO / "overrides").rglob("*") if p.suffix in (".html", ".xml", ".js")):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            named += [f"{file.relative_to(REPO)}:{number}: {m.group(0)}" for m in quoted.finditer(line)]
    assert named == []


def test_a_text_missing_a_required_language_is_refused_with_file_line_and_language(tmp_path):
    """English is required (mkdocs.yml), Korean optional: the fixture has no Korean at all."""
    project = make_project(tmp_path)
    edit_file(project, "data/members.yml", "  name: {zh: 深圳市, en: Shenzhen}", "  name: {zh: 深圳市}")
    result = build(project)
    assert result.returncode == 1
    assert "data/members.yml:3: name: missing in English (en); every text needs it" in result.output


# --- 2. Interface strings, one file per language -----------------------------------------

def test_every_language_has_one_strings_file_with_every_key_of_the_default():
    default = yaml.safe_load((REPO / "strings" / f"{LANGUAGES.default.code}.yml").read_text(encoding="utf-8"))
    for language in LANGUAGES.hand_translated:
        words = yaml.safe_load((REPO / "strings" / f"{language.code}.yml").read_text(encoding="utf-8"))
        assert set(words) == set(default), language.code
    # A derived language's words are converted from its source's, never written.
    assert not any((REPO / "strings" / f"{language.code}.yml").exists() for language in LANGUAGES.derived)


def test_a_strings_file_missing_a_key_is_refused_naming_file_and_key(tmp_path):
    project = make_project(tmp_path)
    edit_file(project, "strings/ko.yml", "\nno_version:", "\nno_version_typo:")
    result = build(project)
    assert result.returncode == 1
    assert re.search(r"strings/ko\.yml:\d+: no_version: missing; strings/zh\.yml has it", result.output), result.output


def _switcher_label(tree) -> str:
    return tree.cssselect(".md-select > button")[0].get("aria-label")


def test_materials_own_words_come_from_its_language_files(real_site):
    select = {"zh": "选择当前语言", "en": "Select language", "ko": "언어설정", "zh-hant": "選擇語言"}
    for language in LANGUAGES:
        assert _switcher_label(parse(real_site.site / language.root / "index.html")) == select[language.code]


def test_the_navigation_speaks_each_language(real_site):
    for language in LANGUAGES:
        words = yaml.safe_load((REPO / "strings" / f"{(language.derived_from or language.code)}.yml").read_text(encoding="utf-8"))
        expected = [words["nav"][key] for key in ("index.md", "news/index.md", "members/index.md", "programmes/", "offices.md")]
        if language.derived_from:
            expected = [opencc.OpenCC("s2twp").convert(label) for label in expected]
        home = parse(real_site.site / language.root / "index.html")
        assert [a.text_content().strip() for a in home.cssselect("a.md-tabs__link")] == expected, language.code


def test_an_invisible_character_in_a_strings_file_is_refused_with_its_place(tmp_path):
    project = make_project(tmp_path)
    edit_file(project, "strings/ko.yml", "\nno_version:", "\n\u200bno_version:")
    result = build(project)
    assert result.returncode == 1
    assert re.search(r'strings/ko\.yml:\d+: no_version: a zero-width space \(U\+200B\) before "no_version"; delete it',
                     result.output), result.output


# --- 3. Korean at /ko/ --------------------------------------------------------------------

def test_korean_pages_are_korean_with_every_name_as_the_place_writes_it(real_site):
    ko = LANGUAGES["ko"]
    home = parse(real_site.site / ko.root / "index.html")
    assert home.get("lang") == "ko" and not home.cssselect(".site-notice--untranslated")
    directory = parse(real_site.site / ko.root / "members/index.html")
    for member in REAL_MEMBERS:
        profile = parse(real_site.site / ko.root / "members" / member["id"] / "index.html")
        assert profile.get("lang") == "ko"
        assert profile.findtext(".//h1") == member["name"]["ko"]
        assert member["name"]["ko"] in directory.text_content()
    assert "울란바토르시" in directory.text_content() and "쿤밍시" in directory.text_content()
    for page in ("programmes/edinburgh-process/", "programmes/centre-of-excellence/", "programmes/plan-of-action/",
                 "offices/", "news/"):
        tree = parse(real_site.site / ko.root / page / "index.html")
        assert tree.get("lang") == "ko" and not tree.cssselect(".site-notice--untranslated"), page
    plan = parse(real_site.site / ko.root / "programmes/plan-of-action/index.html")
    areas = [h3.text_content() for h3 in plan.cssselect("h3[id]")]
    assert len(REAL_PLAN["areas"]) == 7
    for area in REAL_PLAN["areas"]:
        assert any(area["title"]["ko"] in text for text in areas), area["id"]
    not_found = parse(real_site.site / ko.root / "404.html")
    assert not_found.get("lang") == "ko" and not_found.findtext(".//h1") == "페이지를 찾을 수 없습니다"
    footer = home.cssselect("footer.site-footer")[0].text_content()
    assert "동아시아본부 및 사무소" in footer and "구독 및 오픈 데이터" in footer


def test_korean_dates_are_written_the_korean_way(real_site):
    article = parse(real_site.site / "ko/news/2024/mongolia-visit/index.html")
    assert article.get("lang") == "ko" and not article.cssselect(".site-notice--untranslated")
    assert article.cssselect('time[datetime="2024-08-03"]')[0].text_content().strip() == "2024년 8월 3일"


def test_one_korean_article_is_translated_and_the_others_stand_in(real_site):
    articles = sorted(p.parent.name for p in (REPO / "docs/news").glob("*/*.zh.md"))
    translated = {p.name.split(".")[0] for p in (REPO / "docs/news").glob("*/*.ko.md")}
    assert translated and set(articles) - translated  # both paths exercised on the real site
    for file in (REPO / "docs/news").glob("*/*.zh.md"):
        slug = file.name.removesuffix(".zh.md")
        page = parse(real_site.site / "ko/news" / file.parent.name / slug / "index.html")
        assert bool(page.cssselect(".site-notice--untranslated")) == (slug not in translated), slug


# --- 4. An untranslated page is handled honestly -------------------------------------------

def test_no_dead_link_and_no_duplicate_content_in_any_language(real_site):
    """Every page's canonical is itself, or for a stand-in the original, which exists; every
    internal link resolves."""
    for file in site_pages(real_site.site):
        path = url_path_of(real_site.site, file)
        if path.endswith("404.html"):
            continue
        tree = parse(file)
        canonical = tree.cssselect('link[rel="canonical"]')[0].get("href")
        if tree.cssselect(".site-notice--untranslated"):
            assert canonical != SITE_URL + quote(path)
            original = real_site.site / unquote(canonical.removeprefix(SITE_URL)) / "index.html"
            assert original.exists() and not parse(original).cssselect(".site-notice--untranslated"), path
            assert not tree.cssselect('link[rel="alternate"][hreflang]'), path
        else:
            assert canonical == SITE_URL + quote(path), path


def test_a_stand_in_is_described_as_the_original_and_its_own_words_keep_their_language(real_site):
    page = parse(real_site.site / "ko/news/2023/biodiversity-friendly-city-event-ningbo/index.html")
    assert page.get("lang") == "en"  # the text shown
    meta = {m.get("property"): m.get("content") for m in page.cssselect("meta[property]")}
    assert meta["og:locale"] == "en_GB" and "og:locale:alternate" not in meta
    assert meta["og:url"] == SITE_URL + "en/news/2023/biodiversity-friendly-city-event-ningbo/"
    ld = json.loads(page.cssselect('script[type="application/ld+json"]')[0].text)
    assert ld["inLanguage"] == "en"
    # The site's own words around it are Korean, marked so.
    for chrome in ("header.md-header", "nav.md-tabs", ".md-nav--primary", "footer.site-footer", ".site-article"):
        assert page.cssselect(chrome)[0].get("lang") == "ko", chrome
    assert page.cssselect(".site-article__title")[0].get("lang") == "en"
    assert page.cssselect(".site-article__body")[0].get("lang") == "en"


def test_words_of_the_strings_files_are_escaped(tmp_path):
    project = make_project(tmp_path)
    edit_file(project, "strings/en.yml", "site_name: ICLEI East Asia", "site_name: ICLEI <East> & Asia")
    edit_file(project, "strings/en.yml", "  offices.md: Offices", "  offices.md: <b>Offices</b>")
    result = build(project)
    assert result.returncode == 0, result.output
    home = (result.site / "en/index.html").read_text(encoding="utf-8")
    assert "<East>" not in home and "<b>Offices</b>" not in home
    assert "ICLEI &lt;East&gt; &amp; Asia" in home and "&lt;b&gt;Offices&lt;/b&gt;" in home


# --- 5. Traditional Chinese, derived at build time ----------------------------------------

def test_traditional_chinese_is_the_simplified_converted_and_says_so(real_site):
    converter = opencc.OpenCC("s2twp")
    zh_home = parse(real_site.site / "index.html")
    hant_home = parse(real_site.site / "zh-hant/index.html")
    assert hant_home.get("lang") == "zh-Hant"
    lead = zh_home.cssselect(".site-section__lead")[0].text_content()
    assert hant_home.cssselect(".site-section__lead")[0].text_content() == converter.convert(lead)
    for page in ("", "news/2024/mongolia-visit/", "members/kunming/", "programmes/plan-of-action/"):
        tree = parse(real_site.site / "zh-hant" / page / "index.html")
        notice = tree.cssselect(".site-notice--converted")[0]
        assert notice.get("lang") == "zh-Hant" and "自動轉換" in notice.text_content(), page
        link = notice.cssselect('a[hreflang="zh-Hans"]')[0].get("href")
        assert resolve(real_site.site, f"zh-hant/{page}", link) == real_site.site / page / "index.html"


def test_a_phrase_of_the_table_wins_over_opencc(tmp_path):
    """OpenCC's s2twp writes 软件 as 軟體 (Taiwan usage); the table says 軟件, and wins."""
    assert opencc.OpenCC("s2twp").convert("软件") == "軟體"
    project = make_project(tmp_path)
    (project / "data/zh_hant_phrases.yml").write_text("- [软件, 軟件]\n", encoding="utf-8")
    edit_file(project, "docs/news/2023/normal-pair.zh.md", "\n---\n", "\n---\n\n开源软件与城市。\n")
    result = build(project)
    assert result.returncode == 0, result.output
    page = (result.site / "zh-hant/news/2023/normal-pair/index.html").read_text(encoding="utf-8")
    assert "開源軟件與城市。" in page and "軟體" not in page


def test_a_phrase_table_entry_that_is_not_a_pair_is_refused_with_its_line(tmp_path):
    project = make_project(tmp_path)
    (project / "data/zh_hant_phrases.yml").write_text(
        "# table\n- [宜可城, 宜可城]\n- [只有一个]\n- {软件: 軟件}\n"
        "- [新闻, '<img src=x onerror=alert(1)>']\n- ['[链接](javascript:x)', 鏈接]\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    assert "data/zh_hant_phrases.yml:3: [1]: each entry must be a pair of texts: [simplified, traditional]" in result.output
    assert "data/zh_hant_phrases.yml:4: [2]: each entry must be a pair of texts" in result.output
    # A converted page is not checked again for markup (hooks/staff_html_check.py): a phrase can add none.
    assert "data/zh_hant_phrases.yml:5: [3]: a phrase is words only: remove ( ) < = >" in result.output
    assert "data/zh_hant_phrases.yml:6: [4]: a phrase is words only: remove ( ) [ ]" in result.output


# --- 6. Every per-language output exists for every language -------------------------------

def test_every_language_has_its_feeds_calendar_exports_search_and_404(real_site):
    for language in LANGUAGES:
        root = real_site.site / language.root
        for path in ("feeds/news.rss.xml", "feeds/news.atom.xml", "calendar.ics", "404.html",
                     "members/index.json", "search/manifest.json"):
            assert (root / path).is_file(), f"{language.code}: {path}"
        rss = (root / "feeds/news.rss.xml").read_text(encoding="utf-8")
        assert f"<language>{language.tag}</language>" in rss
    header = (real_site.site / "members.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {f"name_{language.code}" for language in LANGUAGES} <= set(header)


def test_the_switcher_lists_every_language_by_its_own_name(real_site):
    for language in LANGUAGES:
        links = parse(real_site.site / language.root / "index.html").cssselect("a.md-select__link")
        assert [(a.get("hreflang"), a.get("lang"), a.text_content().strip()) for a in links] == [
            (other.tag, other.tag, other.name) for other in LANGUAGES]


def test_robots_txt_names_the_sitemap_and_every_language_is_allowed(real_site):
    robots = (real_site.site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots
    assert not re.search(r"^Disallow: /(%s)/" % "|".join(l.code for l in LANGUAGES), robots, re.M)


# --- 7 and 10. Translation status ----------------------------------------------------------

def _translations(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "tools/translations.py"), "--project", str(project), *args],
                          capture_output=True, text=True, timeout=120)


def _status_project(tmp_path) -> Path:
    """The fixture with one article in Chinese, English and Korean, all up to date."""
    project = make_project(tmp_path)
    text = (project / "docs/news/2023/normal-pair.en.md").read_text(encoding="utf-8")
    (project / "docs/news/2023/normal-pair.ko.md").write_text(
        text.replace('title: "', 'title: "한국어 ', 1), encoding="utf-8")
    for code in ("en", "ko"):
        done = _translations(project, "--done", f"docs/news/2023/normal-pair.{code}.md")
        assert done.returncode == 0, done.stdout + done.stderr
    return project


def test_editing_the_source_reports_its_translations_outdated_until_one_is_updated(tmp_path):
    project = _status_project(tmp_path)
    report = _translations(project)
    assert report.returncode == 0 and ": outdated: " not in report.stdout
    edit_file(project, "docs/news/2023/normal-pair.zh.md", "\n---\n", "\n---\n\n新增的第一段。\n")
    report = _translations(project).stdout
    changed = "docs/news/2023/normal-pair.zh.md changed since it was translated"
    assert f"en: outdated: docs/news/2023/normal-pair.en.md: {changed}" in report
    assert f"ko: outdated: docs/news/2023/normal-pair.ko.md: {changed}" in report
    # The English translation is brought up to date and recorded: only Korean stays outdated.
    edit_file(project, "docs/news/2023/normal-pair.en.md", "\n---\n", "\n---\n\nA new first paragraph.\n")
    assert _translations(project, "--done", "docs/news/2023/normal-pair.en.md").returncode == 0
    report = _translations(project).stdout
    assert "en: outdated:" not in report
    assert f"ko: outdated: docs/news/2023/normal-pair.ko.md: {changed}" in report


def test_a_recorded_source_version_that_never_existed_is_outdated_not_an_error(tmp_path):
    project = _status_project(tmp_path)
    file = project / "docs/news/2023/normal-pair.ko.md"
    file.write_text(re.sub(r"translated_from: zh@\w+", "translated_from: zh@000000000000",
                           file.read_text(encoding="utf-8")), encoding="utf-8")
    report = _translations(project)
    assert report.returncode == 0 and "docs/news/2023/normal-pair.ko.md" in report.stdout
    result = build(project)
    assert result.returncode == 0, result.output
    assert "Translations (ko): " in result.output and "1 outdated" in result.output


def test_recording_a_file_that_is_no_translation_is_refused_in_one_line(tmp_path):
    project = make_project(tmp_path)
    for asked in ("/etc/passwd", "../mkdocs.yml", "docs/news/2023/no-such-article.en.md"):
        result = _translations(project, "--done", asked)
        assert result.returncode == 2 and result.stderr == "", result.stderr
        assert result.stdout == f"{asked}: no page or article under docs/ has this name\n"


def test_a_staff_tool_reports_a_broken_language_setting_or_strings_file_in_words(tmp_path):
    project = make_project(tmp_path)
    strings = project / "strings/en.yml"
    strings.write_text(strings.read_text(encoding="utf-8") + "broken: [\n", encoding="utf-8")
    made = subprocess.run([sys.executable, str(REPO / "tools/new_article.py"), "--project", str(project),
                           "--title", "昆明论坛", "--slug", "kunming-forum", "--date", "2024-09-01"],
                          capture_output=True, text=True, timeout=60)
    assert made.returncode == 1 and "Traceback" not in made.stderr
    assert "strings/en.yml:" in made.stderr and "YAML syntax error" in made.stderr
    assert not (project / "docs/news/2024/kunming-forum.zh.md").exists()
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("opencc:s2twp", "opencc:s2tx"), encoding="utf-8")
    report = _translations(project)
    assert report.returncode == 1 and "Traceback" not in report.stderr
    assert "(zh-hant): extra.language.convert: 'opencc:s2tx' is no OpenCC configuration" in report.stdout


def test_a_page_suffix_naming_no_language_is_refused_listing_the_languages(tmp_path):
    project = make_project(tmp_path)
    (project / "docs/offices.en.md").rename(project / "docs/offices.kr.md")
    result = build(project)
    assert result.returncode == 1
    line = next(l for l in result.output.splitlines() if "docs/offices.kr.md" in l)
    assert "'kr' is not a language of the site" in line
    for language in LANGUAGES.hand_translated:
        assert f"{language.code} ({language.name})" in line


# --- 8. Adding a language is configuration and content only --------------------------------

JAPANESE = """        - locale: ja
          name: 日本語
          build: true
          extra:
            language: {tag: ja, cldr: ja_JP, required: false, fallback: [en, zh]}
"""


def test_japanese_is_added_with_one_entry_and_one_strings_file(tmp_path):
    project = make_project(tmp_path)
    edit_file(project, "mkdocs.yml", "        - locale: zh-hant\n", JAPANESE + "        - locale: zh-hant\n")
    words = (project / "strings/en.yml").read_text(encoding="utf-8")
    (project / "strings/ja.yml").write_text(
        re.sub(r"^site_name: .*$", "site_name: イクレイ東アジア", words, flags=re.M), encoding="utf-8")
    hooks_before = {p: p.read_bytes() for p in (project / "hooks").rglob("*.py")}
    result = build(project)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output
    assert {p: p.read_bytes() for p in (project / "hooks").rglob("*.py")} == hooks_before
    home = parse(result.site / "ja/index.html")
    assert home.findtext(".//title") == "イクレイ東アジア"
    assert _switcher_label(home) == "言語切り替え"  # Material's Japanese
    sitemap = (result.site / "sitemap.xml").read_text(encoding="utf-8")
    # Its home page and listings are its own: in Japanese, indexed; only their lead paragraph
    # waits for a translation, shown in English, marked so.
    for listing in ("", "news/", "members/", "offices/", "news/category/events/"):
        page = parse(result.site / "ja" / listing / "index.html")
        assert page.get("lang") == "ja", listing
        assert page.cssselect('link[rel="canonical"]')[0].get("href") == SITE_URL + "ja/" + listing
        assert f"<loc>{SITE_URL}ja/{listing}</loc>" in sitemap, listing
        alternates = {l.get("hreflang") for l in page.cssselect('link[rel="alternate"][hreflang]')}
        assert "ja" in alternates and "x-default" in alternates, listing
    lead = parse(result.site / "ja/news/index.html")
    assert lead.cssselect(".site-notice--partly")[0].get("lang") == "ja"
    assert lead.cssselect('div[lang="en"]'), "the English lead paragraph is marked"
    # Every article stands in, untranslated, and the switcher everywhere names 日本語.
    for article in ("news/2023/normal-pair/", "news/2024/chinese-only/"):
        page = parse(result.site / "ja" / article / "index.html")
        notice = page.cssselect(".site-notice--untranslated")[0]
        assert notice.get("lang") == "ja" and "日本語" in notice.text_content()
        assert page.cssselect('link[rel="canonical"]')[0].get("href").startswith(SITE_URL)
        assert not page.cssselect('link[rel="alternate"][hreflang]')
    original = parse(result.site / "news/2023/normal-pair/index.html")
    assert "ja" not in {l.get("hreflang") for l in original.cssselect('link[rel="alternate"][hreflang]')}
    assert "日本語" in [a.text_content().strip() for a in original.cssselect("a.md-select__link")]


# --- 9. Staff tools follow the configuration -----------------------------------------------

def test_make_news_scaffolds_every_language_written_by_hand(tmp_path):
    project = make_project(tmp_path)
    result = subprocess.run([sys.executable, str(REPO / "tools/new_article.py"), "--project", str(project),
                             "--title", "昆明论坛", "--slug", "kunming-forum", "--date", "2024-09-01"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (project / "docs/news/2024").glob("kunming-forum.*"))
    assert written == sorted(f"kunming-forum.{language.code}.md" for language in LANGUAGES.hand_translated)


def test_staff_md_says_how_to_translate_read_the_status_and_add_a_language():
    staff = (REPO / "STAFF.md").read_text(encoding="utf-8")
    for heading, words in (("## 翻译", ("make translations", "translated_from", "增加一种语言")),
                           ("## Translations", ("make translations", "translated_from", "Adding a language"))):
        section = staff.split(heading, 1)[1].split("\n## ", 1)[0]
        assert all(word in section for word in words), heading
