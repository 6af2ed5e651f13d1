"""The monthly newsletter (`make newsletter MONTH=2024-08`): every language of the site gets an
.eml and an .html; each .eml goes through a real SMTP server and arrives whole, in its
language, with both parts, absolute links and under Gmail's clipping size; the HTML holds in a
strict mail client (no <style>, no class) at 375 and 640 px and reads in dark mode; every link
leads to a page or photo the site publishes; each issue has its archive page on the site in
every language. Built from the channel fixture (tests/channel_fixture.py)."""

from __future__ import annotations

import email
import email.policy
import re
import smtplib
import socket
import time
from pathlib import Path

import lxml.html
import pytest

from browser import browser_page, serve_files
from channel_fixture import BUILD_DATE, MONTH, SIGNUP, TITLES, make_channel_project, run_tool
from pages import LANGUAGES, SITE_URL, parse, site_pages
from sitebuild import build, make_project

MERGE_TAG = "{{ UnsubscribeURL }}"  # mkdocs.yml's extra.newsletter.unsubscribe (listmonk's)
SUBJECTS = {  # what readers of each language see in their inbox
    "zh": "宜可城东亚通讯 · 2024年8月",
    "en": "ICLEI East Asia newsletter · August 2024",
    "ko": "이클레이 동아시아 뉴스레터 · 2024년 8월",
    "zh-hant": "宜可城東亞通訊 · 2024年8月",
}


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The channel fixture built as `make site` builds it, and its newsletter for August 2024."""
    project = make_channel_project(tmp_path_factory.mktemp("newsletter"))
    site = build(project, extra_env={"SITE_BUILD_DATE": BUILD_DATE})
    assert site.returncode == 0, site.output
    result = run_tool(project, "newsletter", MONTH)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, result


def _html(site, lang: str) -> str:
    return (site.project / f"newsletters/{MONTH}.{lang}.html").read_text(encoding="utf-8")


def _published_file(site_dir: Path, url: str) -> Path:
    """The file of the built site an absolute address under SITE_URL leads to."""
    path = url[len(SITE_URL):].split("#")[0]
    return site_dir / path / "index.html" if path == "" or path.endswith("/") else site_dir / path


def _links(html: str) -> list[tuple[str, str, str]]:
    return [(element.tag, attribute, address) for element, attribute, address, _ in lxml.html.document_fromstring(html).iterlinks()
            if attribute in ("href", "src")]


# 1. Every language, both files ---------------------------------------------------------------

def test_every_language_of_the_site_gets_its_eml_and_html(made):
    site, result = made
    expected = [f"newsletters/{MONTH}.{language.code}{suffix}" for language in LANGUAGES for suffix in (".eml", ".html")]
    assert result.stdout.split() == expected
    for path in expected:
        assert (site.project / path).stat().st_size > 0


def test_two_runs_write_the_same_bytes(made):
    site, _ = made
    before = {p.name: p.read_bytes() for p in (site.project / "newsletters").iterdir()}
    again = run_tool(site.project, "newsletter", MONTH)
    assert again.returncode == 0
    assert {p.name: p.read_bytes() for p in (site.project / "newsletters").iterdir()} == before


# 2. Through a real SMTP server ----------------------------------------------------------------

class _Mailbox:
    """aiosmtpd's handler: keeps every message as delivered, bytes untouched."""

    def __init__(self):
        self.delivered: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        self.delivered.append(envelope.content)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def delivered(made):
    """Each language's .eml sent through an SMTP server on 127.0.0.1, as delivered to the mailbox."""
    from aiosmtpd.controller import Controller

    site, _ = made
    mailbox = _Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        for language in LANGUAGES:
            eml = (site.project / f"newsletters/{MONTH}.{language.code}.eml").read_bytes()
            with smtplib.SMTP("127.0.0.1", controller.port, timeout=30) as smtp:
                refused = smtp.sendmail("newsletter@example.org", ["reader@example.org"], eml)
            assert refused == {}
        deadline = time.monotonic() + 10
        while len(mailbox.delivered) < len(LANGUAGES) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        controller.stop()
    assert len(mailbox.delivered) == len(LANGUAGES)
    return {language.code: email.message_from_bytes(data, policy=email.policy.default)
            for language, data in zip(LANGUAGES, mailbox.delivered)}


def test_each_message_arrives_with_its_subject_in_its_language_as_utf8_alternatives(made, delivered):
    site, _ = made
    for language in LANGUAGES:
        message = delivered[language.code]
        assert message["Subject"] == SUBJECTS[language.code]
        # the same words as the issue's page on the site, in that language
        assert message["Subject"] == parse(site.site / language.root / f"newsletter/{MONTH}/index.html").findtext(".//h1").strip()
        assert message["Content-Language"] == language.tag
        assert message.get_content_type() == "multipart/alternative"
        parts = list(message.iter_parts())
        assert [part.get_content_type() for part in parts] == ["text/plain", "text/html"]
        assert all(part.get_content_charset() == "utf-8" for part in parts)
        assert re.search(r"=\?utf-8\?", message.as_string().split("\n", 1)[0], re.I)  # the Subject header, encoded


def test_both_parts_carry_the_months_articles_and_every_link_is_absolute(delivered):
    for language in LANGUAGES:
        text, html = (part.get_content() for part in delivered[language.code].iter_parts())
        tree = lxml.html.document_fromstring(html)
        titles = [h.text_content() for h in tree.cssselect("h3")]
        assert len(titles) == 2  # the riverside walk, and the article written in Chinese only
        for title in titles:
            assert title in text
        for _tag, attribute, address in _links(html):
            assert address.startswith(SITE_URL) or (attribute == "href" and address == MERGE_TAG), address
        assert len([a for a in tree.iter("a") if a.get("href") == MERGE_TAG]) == 1  # the unsubscribe link
        for address in re.findall(r"https?://\S+", text):
            assert address.startswith(SITE_URL), address
        assert MERGE_TAG in text
        for image in tree.iter("img"):
            assert image.get("width") and image.get("height") and image.get("alt"), lxml.html.tostring(image)


def test_each_html_part_is_under_gmails_clipping_size(delivered):
    for language in LANGUAGES:
        html_part = list(delivered[language.code].iter_parts())[1]
        assert len(html_part.get_content().encode("utf-8")) < 100 * 1024


def test_every_link_leads_to_a_page_or_photo_the_site_publishes(made):
    site, _ = made
    for language in LANGUAGES:
        links = [address for _tag, _attribute, address in _links(_html(site, language.code)) if address != MERGE_TAG]
        assert SITE_URL + language.root + f"newsletter/{MONTH}/" in links  # the issue's own page
        for address in links:
            assert _published_file(site.site, address).is_file(), address


# 3. What an issue holds ----------------------------------------------------------------------

def test_the_issue_lists_the_months_articles_with_cover_and_the_coming_events(made):
    site, _ = made
    zh = lxml.html.document_fromstring(_html(site, "zh"))
    text = zh.text_content()
    assert [h.text_content() for h in zh.cssselect("h3")] == [TITLES["zh"], "仅有中文的新闻"]  # August's, newest first
    assert "测试新闻：昆明" not in text  # May 2023's article is another issue's
    assert "活动 · 2024年8月20日" in text and "城市河岸步道开放，沿途设有观鸟点。" in text
    cover = zh.cssselect("img")[0]
    assert cover.get("alt") == TITLES["zh"] and re.fullmatch(re.escape(SITE_URL) + r"news/2024/images/river\.[0-9a-f]{8}\.960\.jpg", cover.get("src"))
    assert (cover.get("width"), cover.get("height")) == ("592", "395")  # the 960 px size, shown in the 592 px column
    assert "2025年9月1日 · 昆明" in text and "秋季研讨会" in text  # the calendar's coming event
    hrefs = {a.text_content(): a.get("href") for a in zh.iter("a")}
    assert hrefs["秋季研讨会"] == SITE_URL + "programmes/centre-of-excellence/#autumn-workshop"
    assert hrefs["RSS 订阅"] == SITE_URL + "feeds/news.rss.xml" and hrefs["活动日历"] == SITE_URL + "calendar.ics"
    assert hrefs["访问网站"] == SITE_URL and hrefs["退订"] == MERGE_TAG


def test_the_coming_events_are_the_calendars_from_the_next_month_on(made):
    import icalendar

    site, _ = made
    for language in LANGUAGES:
        calendar = icalendar.Calendar.from_ical((site.site / language.root / "calendar.ics").read_bytes())
        published = {(str(event.get("summary")), event.decoded("dtstart").isoformat(), str(event.get("url")))
                     for event in calendar.walk("VEVENT")}
        mail = lxml.html.document_fromstring(_html(site, language.code))
        titles = mail.xpath("//p[@class='nl-event-title']/a")
        assert titles, language.code
        for title in titles:
            assert any(summary == title.text_content() and day >= "2024-09-01" and url == title.get("href")
                       for summary, day, url in published), (language.code, title.text_content())
        earlier = [summary for summary, day, _url in published if day < "2024-09-01"]
        assert earlier and not any(summary in mail.text_content() for summary in earlier)  # the past stays out


def test_a_language_without_the_translation_lists_the_article_marked_with_its_language(made):
    site, _ = made
    ko = lxml.html.document_fromstring(_html(site, "ko"))
    assert ko.get("lang") == "ko"
    titles = ko.cssselect("h3")
    assert [(h.text_content(), h.get("lang")) for h in titles] == [(TITLES["en"], "en"), ("仅有中文的新闻", "zh-Hans")]
    assert "예정된 활동" in ko.text_content()


def test_data_is_escaped_never_markup(made):
    site, _ = made
    html = _html(site, "en")
    assert "Rivers &amp; &lt;Lakes&gt;" in html  # in text; in attributes, html5's serialisation keeps < in quotes
    tree = lxml.html.document_fromstring(html)
    assert not list(tree.iter("lakes")) and tree.cssselect("h3")[0].text_content() == TITLES["en"]
    assert tree.cssselect("img")[0].get("alt") == TITLES["en"]


def test_the_html_needs_no_style_block_no_script_and_no_web_font(made):
    site, _ = made
    for language in LANGUAGES:
        html = _html(site, language.code)
        tree = lxml.html.document_fromstring(html)
        assert not tree.cssselect("script, link, iframe") and "@import" not in html and "@font-face" not in html
        styles = [style.text for style in tree.iter("style")]
        assert len(styles) == 1 and styles[0].strip().startswith("@media (prefers-color-scheme: dark)")  # all else inlined
        assert "font-family" not in re.sub(r"font-family: [^;]+;", "", styles[0])
        first_font = re.search(r"font-family: '?([^',;]+)", tree.cssselect("h1")[0].get("style"))[1]
        assert first_font == {"Hans": "PingFang SC", "Hant": "PingFang TC", "Kore": "Apple SD Gothic Neo"}.get(language.script, "-apple-system")
        page = tree.cssselect("table.nl-page")[0]
        assert "max-width: 640px" in page.get("style") and page.get("width") == "100%"


# 4. Refused, in one line, writing nothing ----------------------------------------------------

def test_a_month_without_articles_is_refused_in_one_line_and_nothing_is_written(tmp_path):
    project = make_project(tmp_path)
    for asked, named in (("2024-09", "2024-09"), ("2024-8", "2024-8"), ("August", "August")):
        result = run_tool(project, "newsletter", asked)
        assert result.returncode == 2
        assert len(result.stdout.splitlines()) == 1 and named in result.stdout and not result.stderr
    assert "months with articles: 2024-08, 2023-05, 2023-03" in run_tool(project, "newsletter", "2024-09").stdout
    assert not (project / "newsletters").exists()


def test_without_the_mailing_tools_merge_tag_nothing_is_made(tmp_path):
    project = make_project(tmp_path)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace('    unsubscribe: "{{ UnsubscribeURL }}"\n', ""), encoding="utf-8")
    result = run_tool(project, "newsletter", MONTH)
    assert result.returncode == 2 and len(result.stdout.splitlines()) == 1
    assert "mkdocs.yml: extra.newsletter.unsubscribe: give the mailing tool's unsubscribe merge tag" in result.stdout
    assert not (project / "newsletters").exists()


def test_a_file_that_cannot_be_written_is_named_and_no_half_file_is_left(tmp_path):
    project = make_project(tmp_path)
    (project / f"newsletters/{MONTH}.ko.eml").mkdir(parents=True)  # in the way of the Korean .eml
    (project / f"newsletters/{MONTH}.zh.html").write_text("an earlier issue", encoding="utf-8")
    result = run_tool(project, "newsletter", MONTH)
    assert result.returncode == 2 and len(result.stdout.splitlines()) == 1, result.stdout + result.stderr
    assert f"newsletters/{MONTH}.ko.eml" in result.stdout
    assert not [p.name for p in (project / "newsletters").iterdir() if p.name.startswith(".")]  # no temporary file left
    assert (project / f"newsletters/{MONTH}.zh.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")  # whole


def test_a_month_of_many_articles_stays_under_the_clipping_size_and_links_the_rest(tmp_path):
    project = make_project(tmp_path)
    for i in range(40):
        (project / f"docs/news/2024/busy-{i:02d}.en.md").write_text(
            f"---\ntitle: Busy month article {i}\ndate: 2024-09-{i % 28 + 1:02d}\ncategory: events\n"
            f"summary: {'A long summary of what happened. ' * 12}\n---\n\nText.\n", encoding="utf-8")
    result = run_tool(project, "newsletter", "2024-09")
    assert result.returncode == 0, result.stdout
    for language in LANGUAGES:
        html = (project / f"newsletters/2024-09.{language.code}.html").read_text(encoding="utf-8")
        assert len(html.encode("utf-8")) < 100 * 1024
        tree = lxml.html.document_fromstring(html)
        assert len(tree.cssselect("h3")) == 12
        assert tree.xpath(f"//a[@href='{SITE_URL}{language.root}newsletter/2024-09/' and contains(., '28')]")  # the other 28


# 5. In a browser, as mail clients show it ----------------------------------------------------

def _strict(html: str) -> str:
    """What strict mail clients (Gmail's, Outlook.com's) keep: no <style>, no class."""
    tree = lxml.html.document_fromstring(html)
    for style in list(tree.iter("style")):
        style.drop_tree()
    for element in tree.iter():
        if isinstance(element.tag, str):
            element.attrib.pop("class", None)
    return "<!DOCTYPE html>" + lxml.html.tostring(tree, encoding="unicode")


def test_the_layout_holds_without_style_blocks_and_classes_at_375_and_640_px(made):
    site, _ = made
    with serve_files(site.site, {}) as base:
        for language in LANGUAGES:
            html = _strict(_html(site, language.code)).replace(SITE_URL, base)  # its photos, from the built site
            for width in (375, 640):
                with browser_page(base, viewport=(width, 800)) as page:
                    page.set_content(html, wait_until="load")
                    fits = page.evaluate("""() => ({
                        scroll: document.documentElement.scrollWidth, width: window.innerWidth,
                        images: [...document.images].map(i => ({right: i.getBoundingClientRect().right, loaded: i.complete && i.naturalWidth > 0})),
                        page: Math.max(...[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().width)),
                    })""")
                    assert fits["scroll"] <= width, (language.code, width, fits)
                    assert fits["images"] and all(i["loaded"] and i["right"] <= width for i in fits["images"]), fits
                    assert fits["page"] <= min(width, 640 + 16)
                    assert page.outside_requests == []


_CONTRAST = """() => {
  const rgb = c => { const v = c.match(/[\\d.]+/g).map(Number); return {r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1}; };
  const lum = ({r, g, b}) => [r, g, b].map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; })
                                     .reduce((s, x, i) => s + x * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c.a > 0) return c; }
                             return matchMedia('(prefers-color-scheme: dark)').matches ? {r: 18, g: 18, b: 18} : {r: 255, g: 255, b: 255}; };
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
    found.push({text: el.textContent.trim().slice(0, 30), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)});
  }
  return {found, page: lum(background(document.querySelector('td')))};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_is_readable_in_light_and_dark_mode(made, scheme):
    site, _ = made
    with serve_files(site.site, {}) as base:
        for language in LANGUAGES:
            html = _html(site, language.code).replace(SITE_URL, base)
            for shown in (html, _strict(html)):  # a client honouring the dark rules, and one dropping them
                with browser_page(base, viewport=(640, 800), color_scheme=scheme) as page:
                    page.set_content(shown, wait_until="load")
                    read = page.evaluate(_CONTRAST)
                    low = [f for f in read["found"] if f["ratio"] < 4.5]
                    assert read["found"] and low == [], (language.code, scheme, low)
            with browser_page(base, viewport=(640, 800), color_scheme=scheme) as page:
                page.set_content(html, wait_until="load")
                dark_page = page.evaluate(_CONTRAST)["page"] < 0.05
                assert dark_page == (scheme == "dark")  # the dark rules apply where the client honours them


# 6. The archive on the site ------------------------------------------------------------------

def test_each_issue_has_its_page_in_every_language_listed_on_the_archive_with_a_subscribe_block(made):
    site, _ = made
    for language in LANGUAGES:
        root = language.root
        issue = parse(site.site / root / f"newsletter/{MONTH}/index.html")
        mail = lxml.html.document_fromstring(_html(site, language.code))
        # the same articles as the e-mail, as the site's cards
        assert [h.text_content().strip() for h in issue.cssselect(".site-card__title")] == [h.text_content() for h in mail.cssselect("h3")]
        assert issue.cssselect(".site-subscribe") and issue.xpath(f"//a[@href='{SIGNUP}']")
        index = parse(site.site / root / "newsletter/index.html")
        listed = {a.get("href"): a.text_content() for a in index.cssselect(".site-chips a")}
        assert f"{MONTH}/" in listed and listed[f"{MONTH}/"].endswith("2")  # two articles
        assert "2023-05/" in listed and "2023-03/" in listed
        assert index.xpath(f"//a[@href='{SIGNUP}']") and index.cssselect(".site-subscribe")
        home = parse(site.site / root / "index.html")
        assert home.cssselect(".site-footer a[href$='newsletter/']")  # every page links the archive


def test_the_archive_pages_of_the_real_site_are_among_the_pages_every_check_reads(real_site):
    """tests/test_html_validity.py (Nu), test_public_experience.py (axe, failed requests,
    console errors) and test_links.py read site_pages(): the archive's pages are there."""
    checked = {path.relative_to(real_site.site).as_posix() for path in site_pages(real_site.site)}
    for language in LANGUAGES:
        for page in ("newsletter/index.html", f"newsletter/{MONTH}/index.html", "newsletter/2021-10/index.html"):
            assert language.root + page in checked
    index = parse(real_site.site / "newsletter/index.html")
    assert not index.cssselect(".site-newsletter-signup")  # no mailing list named in mkdocs.yml yet
    assert "探索蒙古" in (real_site.site / f"newsletter/{MONTH}/index.html").read_text(encoding="utf-8")


def test_a_signup_address_that_is_not_a_web_address_stops_the_build_in_one_line(tmp_path):
    project = make_project(tmp_path)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("    # subscribe:\n", "    subscribe: javascript:alert(1)\n"), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "mkdocs.yml: extra.newsletter.subscribe: only an http:// or https:// web address is accepted, got 'javascript:alert(1)'" in result.output
