"""Bad content stops the build with one located message per problem: file, line, field.

Each case is a small edit of the good fixture site; the expected line is checked exactly,
so a change in position or wording fails here.
"""

from __future__ import annotations

import re

import pytest
from PIL import Image

from sitebuild import build, edit_file, make_project

# (case id, file to edit, text to replace, replacement, expected message lines)
CASES = [
    ("yaml-bad-indentation", "data/members.yml", "  country: MN\n", "    country: MN\n",
     ["data/members.yml:24: YAML syntax error: did not find expected key (check the indentation and quotes on this line and the one above)"]),
    ("yaml-tab", "data/categories.yml", "  label: {zh: 活动", "\tlabel: {zh: 活动",
     ["data/categories.yml:5: YAML syntax error: a tab character; indent YAML with spaces"]),
    ("yaml-unclosed-quote", "data/coe.yml", 'date: "2022-12-12"\n  title', 'date: "2022-12-12\n  title',
     ["data/coe.yml:11: YAML syntax error:"]),
    ("missing-required-field", "data/members.yml", "  name: {zh: 成都市, en: Chengdu}\n", "  name: {zh: 成都市}\n",
     ["data/members.yml:19: name: missing in English (en); every text needs it"]),
    ("missing-member-name", "data/members.yml", "  name: {zh: 深圳市, en: Shenzhen}\n", "",
     ["data/members.yml:2: name: required field is missing"]),
    ("wrong-type", "data/action_plan.yml", "  - number: 1\n", "  - number: one\n",
     ["data/action_plan.yml:12: areas[0].number: expected a whole number"]),
    ("unknown-field", "data/members.yml", "  type: city\n  programmes: [citieswithnature]",
     "  type: city\n  programme: [citieswithnature]",
     ["data/members.yml:6: programme: unknown field (check the spelling"]),
    ("bad-country", "data/members.yml", "  country: MN\n", "  country: Mongolia\n",
     ["data/members.yml:24: country: expected an ISO 3166-1 alpha-2 country code"]),
    ("javascript-url", "data/members.yml", "https://example.org/kunming", "javascript:alert(1)",
     ["data/members.yml:12: website: only http:// or https:// web addresses are accepted, got 'javascript:alert(1)'"]),
    ("impossible-date", "data/coe.yml", '  - id: signing\n    date: "2022-12-12"', '  - id: signing\n    date: "2023-02-30"',
     ["data/coe.yml:11: activities[0].date: 2023-02-30 is not a real calendar date"]),
    ("slashed-date", "docs/news/2023/normal-pair.en.md", "date: 2023-05-18", "date: 2023/5/18",
     ["docs/news/2023/normal-pair.en.md:3: date: expected a date written YYYY-MM-DD (like 2023-05-18), got '2023/5/18'"]),
    ("duplicate-member-id", "data/members.yml", "- id: chengdu\n", "- id: kunming\n",
     ["data/members.yml:18: id: duplicate member id 'kunming' (first used on line 7)"]),
    ("unknown-member-in-news", "docs/news/2023/normal-pair.zh.md", "members: [kunming]", "members: [kunming, atlantis]",
     ["docs/news/2023/normal-pair.zh.md:6: members[1]: unknown member id 'atlantis' (not in data/members.yml)"]),
    ("unknown-category", "docs/news/2023/normal-pair.zh.md", "category: events", "category: sports",
     ["docs/news/2023/normal-pair.zh.md:4: category: unknown category 'sports' (known: events, network-news)"]),
    ("unknown-member-in-data", "data/coe.yml", "host: kunming", "host: atlantis",
     ["data/coe.yml:4: host: unknown member id 'atlantis'"]),
    ("unknown-news-slug", "data/edinburgh.yml", "news: normal-pair", "news: no-such-article",
     ["data/edinburgh.yml:14: milestones[0].news: no news article with slug 'no-such-article'"]),
    ("news-missing-title", "docs/news/2024/chinese-only.zh.md", "title: 仅有中文的新闻\n", "",
     ["docs/news/2024/chinese-only.zh.md:2: title: required field is missing"]),
    ("news-draft-not-bool", "docs/news/2024/chinese-only.zh.md", "members: [ulaanbaatar]", "members: [ulaanbaatar]\ndraft: maybe",
     ["docs/news/2024/chinese-only.zh.md:6: draft: expected true or false"]),
    ("front-matter-not-mapping", "docs/news/2024/chinese-only.zh.md", "---\ntitle: 仅有中文的新闻\ndate: 2024-08-03\ncategory: network-news\nmembers: [ulaanbaatar]\n---",
     "---\n- a list\n- not fields\n---",
     ["docs/news/2024/chinese-only.zh.md:2: front matter must be a set of 'field: value' lines"]),
    ("news-in-wrong-year-folder", "docs/news/2024/chinese-only.zh.md", "date: 2024-08-03", "date: 2023-08-03",
     ["docs/news/2024/chinese-only.zh.md:3: date: the date is in 2023 but the file is in the folder news/2024/"]),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_content_stops_the_build_with_a_located_message(tmp_path, case):
    _, path, old, new, expected = case
    project = make_project(tmp_path)
    edit_file(project, path, old, new)
    result = build(project)
    assert result.returncode != 0, result.output
    for line in expected:
        assert line in result.output, result.output
    assert "Traceback" not in result.output
    assert not (result.site / "index.html").exists(), "a failed build must not leave pages behind"


def test_duplicate_slug_in_two_years_is_reported_with_both_files(tmp_path):
    project = make_project(tmp_path)
    source = project / "docs/news/2023/normal-pair.zh.md"
    (project / "docs/news/2022").mkdir()
    (project / "docs/news/2022/normal-pair.zh.md").write_text(
        source.read_text(encoding="utf-8").replace("date: 2023-05-18", "date: 2022-05-18"), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert ("docs/news/2023/normal-pair.zh.md:1: duplicate slug 'normal-pair': "
            "docs/news/2022/normal-pair.zh.md has the same slug in the same language") in result.output


def test_every_problem_is_reported_at_once(tmp_path):
    project = make_project(tmp_path)
    edit_file(project, "data/members.yml", "https://example.org/kunming", "ftp://example.org")
    edit_file(project, "docs/news/2023/normal-pair.zh.md", "category: events", "category: sports")
    edit_file(project, "data/coe.yml", "host: kunming", "host: atlantis")
    result = build(project)
    assert result.returncode != 0
    assert "data/members.yml:12: website:" in result.output
    assert "docs/news/2023/normal-pair.zh.md:4: category:" in result.output
    assert "data/coe.yml:4: host:" in result.output
    assert "docs/news/2023/normal-pair.zh.md:4: category: differs from its translation" in result.output
    assert "4 problem(s) in the content above; nothing was built." in result.output


@pytest.mark.parametrize("raw, message", [
    (b"\xef\xbb\xbf---\ntitle: x\n---\n", "file starts with a byte-order mark (BOM)"),
    (b"---\ntitle: \xb2\xe2\xca\xd4\n---\n", "file is not valid UTF-8"),
    (b"", "file is empty"),
    (b"just text\n", "no front matter"),
])
def test_unreadable_news_files_are_named(tmp_path, raw, message):
    project = make_project(tmp_path)
    (project / "docs/news/2024/broken.zh.md").write_bytes(raw)
    result = build(project)
    assert result.returncode != 0
    assert "docs/news/2024/broken.zh.md:" in result.output and message in result.output, result.output
    assert "Traceback" not in result.output


def test_the_same_article_twice_under_different_slugs_is_reported(tmp_path):
    project = make_project(tmp_path)
    source = project / "docs/news/2023/normal-pair.en.md"
    (project / "docs/news/2023/normal-pair-copy.en.md").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert ("docs/news/2023/normal-pair.en.md:2: title: the same article (title and date) as "
            "docs/news/2023/normal-pair-copy.en.md; publish it once, under one slug") in result.output


@pytest.mark.parametrize("text, message", [
    ("", "data/categories.yml:1: file is empty"),
    ("id: events\n", "data/categories.yml:1: expected a list (like [a, b] or one '- item' per line)"),
    ("- id: Events!\n  label: {zh: 活动, en: Events}\n", "data/categories.yml:1: id: must be lowercase ASCII letters"),
])
def test_a_data_file_that_is_empty_or_of_the_wrong_shape_is_named(tmp_path, text, message):
    project = make_project(tmp_path)
    (project / "data/categories.yml").write_text(text, encoding="utf-8")
    result = build(project)
    assert result.returncode != 0 and message in result.output, result.output


def test_a_missing_data_file_is_named(tmp_path):
    project = make_project(tmp_path)
    (project / "data/offices.yml").unlink()
    result = build(project)
    assert result.returncode != 0
    assert "data/offices.yml:1: file is missing" in result.output


SCRIPT = "<script>alert(1)</script>"
TEXT_KEYS = {"zh", "en", "address", "postal_address", "phone", "fax", "title", "summary", "source"}


def _poison(value, key=None):
    """Append a script tag to every free-text value (names, labels, texts, addresses, tags)."""
    if isinstance(value, dict):
        return {k: _poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key) for v in value]
    if isinstance(value, str) and (key in TEXT_KEYS or key == "tags"):
        return value + SCRIPT
    return value


def test_markup_in_every_text_field_is_escaped_in_every_output(tmp_path):
    import yaml
    project = make_project(tmp_path)
    for file in (project / "data").glob("*.yml"):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        file.write_text(yaml.safe_dump(_poison(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    for file in (project / "docs/news").glob("*/*.md"):
        _, front, body = file.read_text(encoding="utf-8").split("---\n", 2)
        front = _poison(yaml.safe_load(front))
        front["date"] = str(front["date"])
        file.write_text(f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n{body}", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    checked = 0
    for output in result.site.rglob("*"):
        if output.suffix in (".html", ".xml", ".json", ".geojson", ".svg"):
            checked += 1
            text = output.read_text(encoding="utf-8")
            assert SCRIPT not in text, output
            if output.suffix == ".xml":  # a feed's summary is HTML: the text shown, HTML-escaped, then XML-escaped
                for summary in re.findall(r'<(?:summary type="html"|description)>(.*?)</', text, re.DOTALL):
                    assert "<" not in summary and "&amp;amp;lt;" not in summary, (output, summary)
                text = re.sub(r'<(summary type="html"|description)>.*?</', "<summary></", text, flags=re.DOTALL)
            assert "&amp;lt;" not in text and "&amp;amp;" not in text, f"escaped twice in {output}"
    assert checked > 50
    atom = (result.site / "en/feeds/news.atom.xml").read_text(encoding="utf-8")
    assert "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;</summary>" in atom  # shown as text, as on the site
    feed = (result.site / "en/feeds/news.rss.xml").read_text(encoding="utf-8")
    assert "<title>Test news: Kunming&lt;script&gt;alert(1)&lt;/script&gt;</title>" in feed
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (result.site / "en/offices/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name, text, message", [
    ("docs/news/2024/secret.zh.markdown", "---\ntitle: x\ndraft: true\n---\n",
     "docs/news/2024/secret.zh.markdown:1: only pages (.zh.md, .en.md or .ko.md) and images or PDF files are published"),
    ("docs/news/2024/secret.zh.MD", "---\ntitle: x\n---\n", "docs/news/2024/secret.zh.MD:1: only pages"),
    ("docs/news/2024/old.zh.md.bak", "backup", "docs/news/2024/old.zh.md.bak:1: only pages"),
    ("docs/about.md", "---\ntitle: x\n---\n", "docs/about.md:1: the page names no language; a page must be named <name>.<language>.md, the languages being zh"),
    ("docs/news/2024/no-break.zh.md", "---\ntitle: x\ndate: 2024-01-01\ncategory: events\n---",
     "docs/news/2024/no-break.zh.md:5: the closing '---' must be followed by a line break"),
    ("docs/news/2024/twice.zh.md", "---\ntitle: a\ntitle: b\ndate: 2024-01-01\ncategory: events\n---\n",
     "docs/news/2024/twice.zh.md:3: title: given twice (first on line 2); keep one"),
])
def test_files_that_would_bypass_validation_are_named(tmp_path, name, text, message):
    project = make_project(tmp_path)
    (project / name).parent.mkdir(parents=True, exist_ok=True)
    (project / name).write_text(text, encoding="utf-8")
    result = build(project)
    assert result.returncode != 0 and message in result.output, result.output


@pytest.mark.parametrize("edit, message", [
    (("members: [ulaanbaatar]", "members: [ulaanbaatar]\ncover: ../../../mkdocs.yml"),
     "docs/news/2024/chinese-only.zh.md:6: cover: ../../../mkdocs.yml: images must be inside docs/"),
    (("members: [ulaanbaatar]", "members: [ulaanbaatar]\ncover: /etc/passwd"),
     "docs/news/2024/chinese-only.zh.md:6: cover: /etc/passwd: images must be inside docs/"),
    (("只有中文版本。", '只有中文版本。\n\n<img src="https://mmbiz.qpic.cn/x.jpg" alt="">'),
     "docs/news/2024/chinese-only.zh.md:10: image: https://mmbiz.qpic.cn/x.jpg: images must be files of the site"),
    (("只有中文版本。", "只有中文版本。\n\n![图][p]\n\n[p]: https://example.com/p.png"),
     "docs/news/2024/chinese-only.zh.md:12: image: https://example.com/p.png: images must be files of the site"),
])
def test_images_outside_the_site_are_rejected(tmp_path, edit, message):
    project = make_project(tmp_path)
    edit_file(project, "docs/news/2024/chinese-only.zh.md", *edit)
    result = build(project)
    assert result.returncode != 0 and message in result.output, result.output


def test_a_drafts_images_are_not_published(tmp_path):
    project = make_project(tmp_path)
    images = project / "docs/news/2024/images"
    images.mkdir()
    Image.new("RGB", (640, 400)).save(images / "embargo.png", "PNG")
    edit_file(project, "docs/news/2024/chinese-only.zh.md", "members: [ulaanbaatar]",
           "members: [ulaanbaatar]\ncover: images/embargo.png\ndraft: true")
    result = build(project)
    assert result.returncode == 0, result.output
    assert not list(result.site.rglob("embargo*"))
