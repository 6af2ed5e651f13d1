"""Hostile and careless input: nothing from outside docs/ and data/ is ever published, nothing
executable from content reaches a page or a feed, and every mistake is one located line.

Each case edits the good fixture site, builds it for real (`mkdocs build --strict` in a fresh
process) and reads the output; a refusal must name the file and line, exit non-zero, leave no
traceback and write no page.
"""

from __future__ import annotations

import os

import pytest

from sitebuild import build, edit_file, make_project

SECRET = "SECRET-VALUE-THAT-MUST-NOT-BE-PUBLISHED"


def _refused(result, *lines, rendered=False):
    """A refusal: located lines, no traceback, no page written. A page's rendered HTML is
    checked when its language pass has read every page (staff_html_check.py), so a refusal in
    the English pass comes after the Chinese pages: `make site` then leaves site/ untouched
    (tests/test_publishing.py), which is what readers see."""
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    for line in lines:
        assert line in result.output, result.output
    if not rendered:
        assert not (result.site / "index.html").exists(), "a refused build must write no page"


def _nothing_secret_in(site):
    for file in site.rglob("*"):
        if file.is_file():
            assert SECRET.encode() not in file.read_bytes(), file


# 1. Symbolic links -----------------------------------------------------------------------

@pytest.mark.parametrize("name", ["report.pdf", "news/2023/images/photo.png", "news/2023/stolen.zh.md"])
def test_a_link_to_a_file_outside_docs_is_refused_by_name(tmp_path, name):
    project = make_project(tmp_path)
    outside = tmp_path / "environ"
    outside.write_text(f"---\ntitle: {SECRET}\n---\n{SECRET}\n", encoding="utf-8")
    link = project / "docs" / name
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside)
    result = build(project)
    _refused(result, f"docs/{name}:1: refused: this file is a link to {outside}, outside the folder")
    if result.site.exists():
        _nothing_secret_in(result.site)


def test_links_to_system_files_never_reach_the_site(tmp_path):
    project = make_project(tmp_path)
    (project / "docs/report.pdf").symlink_to("/proc/self/environ")
    (project / "docs/news/2023/images").mkdir(parents=True)
    (project / "docs/news/2023/images/p.png").symlink_to("/etc/passwd")
    result = build(project, extra_env={"CI_SECRET": SECRET})
    _refused(result, "docs/report.pdf:1: refused: this file is a link to /proc/", "docs/news/2023/images/p.png:1: refused")


def test_a_link_to_a_folder_a_dangling_link_and_a_data_file_link_are_refused(tmp_path):
    project = make_project(tmp_path)
    (project / "docs/elsewhere").symlink_to(tmp_path)
    (project / "docs/gone.pdf").symlink_to(tmp_path / "missing.pdf")
    (tmp_path / "members.yml").write_text((project / "data/members.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (project / "data/members.yml").unlink()
    (project / "data/members.yml").symlink_to(tmp_path / "members.yml")
    result = build(project)
    _refused(result, "docs/elsewhere:1: refused: this file is a link to a folder",
             "docs/gone.pdf:1: refused: this file is a link to", "data/members.yml:1: refused: this file is a link to")


def test_a_link_to_a_file_inside_docs_is_published_as_that_file(tmp_path):
    project = make_project(tmp_path)
    (project / "docs/news/2023/images").mkdir(parents=True)
    (project / "docs/news/2023/images/a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    (project / "docs/news/2023/images/b.png").symlink_to("a.png")
    result = build(project)
    assert result.returncode == 0, result.output
    assert (result.site / "news/2023/images/b.png").read_bytes() == (project / "docs/news/2023/images/a.png").read_bytes()


# 11. Hidden files ------------------------------------------------------------------------

def test_hidden_files_of_operating_systems_and_editors_are_ignored(tmp_path):
    project = make_project(tmp_path)
    for name in (".DS_Store", "news/Thumbs.db", "news/2023/desktop.ini", ".obsidian/workspace.json", "news/.~lock.x#"):
        (project / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / name).write_bytes(b"junk")
    result = build(project)
    assert result.returncode == 0, result.output
    assert not [f for f in result.site.rglob("*") if f.name in (".DS_Store", "Thumbs.db", "desktop.ini", "workspace.json")]


# 2-4. Hand-written pages -----------------------------------------------------------------

PAGE_CASES = [
    ("broken-front-matter", "docs/offices.zh.md", "title: 全球秘书处和办公室", 'title: "全球秘书处和办公室',
     "docs/offices.zh.md:2: YAML syntax error: a quote opens on this line and is never closed"),
    ("unknown-view", "docs/offices.zh.md", "view: offices", "view: ofices",
     "docs/offices.zh.md:3: view: unknown value 'ofices'; expected 'home', 'news-list'"),
    ("member-view", "docs/offices.zh.md", "view: offices", "view: member",
     "docs/offices.zh.md:3: view: each member's profile is made from data/members.yml; remove this page"),
    ("member-key", "docs/offices.zh.md", "view: offices", "view: offices\nmember: atlantis",
     "docs/offices.zh.md:4: member: unknown field"),
    ("news-outside-news", "docs/offices.zh.md", "view: offices", "view: offices\ndate: 2024-01-01\ndraft: true",
     "docs/offices.zh.md:4: date: this looks like a news article; news articles go in docs/news/<YYYY>/<slug>.zh.md"),
]


@pytest.mark.parametrize("case", PAGE_CASES, ids=[c[0] for c in PAGE_CASES])
def test_every_pages_front_matter_is_validated_and_located(tmp_path, case):
    _, path, old, new, message = case
    project = make_project(tmp_path)
    edit_file(project, path, old, new)
    _refused(build(project), message)


def test_a_page_in_another_encoding_is_located(tmp_path):
    project = make_project(tmp_path)
    (project / "docs/about.zh.md").write_bytes("---\ntitle: 关于\n---\n\n正文\n".encode("gbk"))
    _refused(build(project), "docs/about.zh.md:2: file is not valid UTF-8; save it as UTF-8")


def test_a_draft_page_outside_news_is_not_published(tmp_path):
    project = make_project(tmp_path)
    (project / "docs/embargo.zh.md").write_text(f"---\ntitle: {SECRET}\ndraft: true\n---\n\n{SECRET}\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    assert not (result.site / "embargo").exists()
    _nothing_secret_in(result.site)


def test_two_pages_at_one_url_are_both_named(tmp_path):
    project = make_project(tmp_path)
    (project / "docs/members.zh.md").write_text("---\ntitle: 会员\n---\n\n另一页。\n", encoding="utf-8")
    _refused(build(project), "docs/members/index.zh.md:1: this page and docs/members.zh.md would both be published at /members/")


def test_a_page_at_the_url_of_a_generated_page_is_named(tmp_path):
    project = make_project(tmp_path)
    (project / "docs/members/kunming").mkdir(parents=True)
    (project / "docs/members/kunming/index.en.md").write_text("---\ntitle: Kunming\n---\n\nText.\n", encoding="utf-8")
    _refused(build(project), "docs/members/kunming/index.en.md:1: this page is at the URL of a page generated from data "
             "(/members/kunming/)")


# 6, 14. Article bodies ---------------------------------------------------------------------

BODY_CASES = [
    ("control-character", "只有中文版本。", "只有中文版本。\x08",
     "docs/news/2024/chinese-only.zh.md:8: an invisible control character (U+0008) in the text"),
    ("empty-body", "只有中文版本。", "", "docs/news/2024/chinese-only.zh.md:7: the article has no text"),
    ("space-in-image-name", "只有中文版本。", "只有中文版本。\n\n![图](images/my photo.jpg)",
     "docs/news/2024/chinese-only.zh.md:10: image: 'images/my photo.jpg': an image name must not contain spaces"),
    ("scaffold-body", "只有中文版本。", "在这里写正文第一段。",
     "docs/news/2024/chinese-only.zh.md:8: still holds the placeholder '在这里写正文第一段。' written by `make news`"),
    ("scaffold-title", "title: 仅有中文的新闻", "title: '[English title of: 仅有中文的新闻]'",
     "docs/news/2024/chinese-only.zh.md:2: title: still holds the placeholder '[English title of: …]'"),
    ("full-width-comma-in-tags", "members: [ulaanbaatar]", "members: [ulaanbaatar]\ntags: [宁波，生物多样性]",
     "docs/news/2024/chinese-only.zh.md:6: tags: '宁波，生物多样性' contains the full-width '，'; separate tags with an ASCII comma: [宁波, 生物多样性]"),
]


@pytest.mark.parametrize("case", BODY_CASES, ids=[c[0] for c in BODY_CASES])
def test_careless_articles_are_refused_with_their_line(tmp_path, case):
    _, old, new, message = case
    project = make_project(tmp_path)
    edit_file(project, "docs/news/2024/chinese-only.zh.md", old, new)
    _refused(build(project), message)


def test_a_draft_may_keep_the_scaffold_text(tmp_path):
    project = make_project(tmp_path)
    edit_file(project, "docs/news/2024/chinese-only.zh.md", "只有中文版本。", "在这里写正文第一段。")
    edit_file(project, "docs/news/2024/chinese-only.zh.md", "members: [ulaanbaatar]", "members: [ulaanbaatar]\ndraft: true")
    assert build(project).returncode == 0


def test_a_wrong_date_hides_no_other_problem_of_the_article(tmp_path):
    project = make_project(tmp_path)
    edit_file(project, "docs/news/2023/normal-pair.zh.md", "date: 2023-05-18", "date: 2023/5/18")
    edit_file(project, "docs/news/2023/normal-pair.zh.md", "category: events", "category: sports")
    edit_file(project, "docs/news/2023/normal-pair.zh.md", "members: [kunming]", "members: [kunming, atlantis]\ncover: images/none.jpg")
    _refused(build(project),
             "docs/news/2023/normal-pair.zh.md:3: date: expected a date written YYYY-MM-DD",
             "docs/news/2023/normal-pair.zh.md:4: category: unknown category 'sports'",
             "docs/news/2023/normal-pair.zh.md:6: members[1]: unknown member id 'atlantis'",
             "docs/news/2023/normal-pair.zh.md:7: cover: image not found: docs/news/2023/images/none.jpg")


# 7, 13. Executable and remote content --------------------------------------------------------

HTML_CASES = [
    ("script", '<script>alert(1)</script>', "the element <script> is not allowed"),
    ("event-handler", '<img src="../../index.zh.md" onerror="alert(1)">', "the event-handler attribute onerror= on <img> is not allowed"),
    ("javascript-link", '[klik](javascript:alert(1))', "a javascript: address in href= on <a> is not allowed"),
    ("data-link", '<a href="data:text/html,<script>alert(1)</script>">x</a>', "a data: address in href= on <a> is not allowed"),
    ("attr-list-handler", 'Text\n{: onclick="alert(1)" }', "the event-handler attribute onclick= on <p> is not allowed"),
    ("reference-image", '![图][p]\n\n[p]: https://example.com/photo',
     "image: https://example.com/photo: images must be files of the site, not links to another host"),
    ("multi-line-img", '<img alt="x"\n     src="https://example.com/a.jpg">', "<img> loading https://example.com/a.jpg from another host"),
    ("multi-line-alt", '![a long\ncaption](https://example.com/b.jpg)', "<img> loading https://example.com/b.jpg from another host"),
    ("css-background", '<div style="background-image: url(https://example.com/c.jpg)">x</div>', "url(...) in a style attribute on <div>"),
    ("iframe", '<iframe src="https://player.example.com/v"></iframe>', "the element <iframe> is not allowed"),
]


@pytest.mark.parametrize("case", HTML_CASES, ids=[c[0] for c in HTML_CASES])
def test_executable_or_remote_html_is_refused_with_its_line(tmp_path, case):
    _, html, message = case
    project = make_project(tmp_path)
    edit_file(project, "docs/news/2024/chinese-only.zh.md", "只有中文版本。", "只有中文版本。\n\n" + html)
    result = build(project)
    _refused(result, "docs/news/2024/chinese-only.zh.md:", message, rendered=True)
    line = next(l for l in result.output.splitlines() if message in l)
    assert ":10:" in line or ":11:" in line or ":12:" in line, line  # on the line that holds it, not line 1


def test_executable_html_in_a_hand_written_page_is_refused(tmp_path):
    project = make_project(tmp_path)
    edit_file(project, "docs/offices.en.md", "---\n\n", '---\n\n<p onmouseover="steal()">Hi</p>\n\n')
    _refused(build(project), "docs/offices.en.md:6: the event-handler attribute onmouseover=", rendered=True)


@pytest.mark.parametrize("svg, message", [
    (b'<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script></svg>', ":2: the element <script> is not allowed"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect onload="alert(1)"/></svg>', ":1: the event-handler attribute onload="),
    (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><image x:href="https://e.com/x.png"/></svg>',
     ":1: <image> referring to https://e.com/x.png from an SVG image is not allowed"),
    (b'<!DOCTYPE svg [<!ENTITY e SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&e;</svg>',
     ":1: a DOCTYPE with declarations in an SVG file is not allowed"),
])
def test_svg_images_with_scripts_or_outside_references_are_refused(tmp_path, svg, message):
    project = make_project(tmp_path)
    (project / "docs/news/2024/images").mkdir(parents=True)
    (project / "docs/news/2024/images/chart.svg").write_bytes(svg)
    _refused(build(project), "docs/news/2024/images/chart.svg" + message)


def test_a_clean_svg_is_published_but_cannot_be_a_cover(tmp_path):
    project = make_project(tmp_path)
    (project / "docs/news/2024/images").mkdir(parents=True)
    (project / "docs/news/2024/images/chart.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>')
    assert build(project).returncode == 0
    edit_file(project, "docs/news/2024/chinese-only.zh.md", "members: [ulaanbaatar]", "members: [ulaanbaatar]\ncover: images/chart.svg")
    _refused(build(project, site=tmp_path / "again"), "docs/news/2024/chinese-only.zh.md:6: cover: images/chart.svg: a cover must be a photo")


# 8-10. Hostile YAML, URLs, input methods -----------------------------------------------------

YAML_CASES = [
    ("alias-bomb", "members: [ulaanbaatar]", 'members: [ulaanbaatar]\nx: &a ["lol","lol"]\ny: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
     'z: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nw: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
     "docs/news/2024/chinese-only.zh.md:6: '&a' is a YAML anchor, which content never needs"),
    ("self-alias", "members: [ulaanbaatar]", "members: &m [ulaanbaatar, *m]",
     "docs/news/2024/chinese-only.zh.md:5: '*m' is a YAML alias, which content never needs"),
    ("deep-nesting", "members: [ulaanbaatar]", "members: [ulaanbaatar]\nsummary: " + "[" * 3000 + "]" * 3000,
     "docs/news/2024/chinese-only.zh.md:6: nested more than 20 levels deep"),
    ("explicit-tag", "date: 2024-08-03", "date: !!timestamp 2024-02-30",
     "docs/news/2024/chinese-only.zh.md:3: '!!timestamp' is an explicit YAML tag, which content never needs"),
    ("full-width-colon", "title: 仅有中文的新闻", "title：仅有中文的新闻",
     "docs/news/2024/chinese-only.zh.md:2: title: a full-width colon '：' after the field name; type an ASCII colon"),
    ("full-width-space", "title: 仅有中文的新闻", "title:\u3000仅有中文的新闻",
     "docs/news/2024/chinese-only.zh.md:2: title: a full-width space (U+3000) after 'title:'; type an ASCII space"),
]


@pytest.mark.parametrize("case", YAML_CASES, ids=[c[0] for c in YAML_CASES])
def test_hostile_or_mistyped_yaml_is_refused_quickly_with_its_line(tmp_path, case):
    _, old, new, message = case
    project = make_project(tmp_path)
    edit_file(project, "docs/news/2024/chinese-only.zh.md", old, new)
    _refused(build(project), message)


def test_invisible_and_look_alike_characters_are_named_one_message_each(tmp_path):
    """Characters staff cannot see, or cannot tell from the ones meant, in field names and
    values: each named in words and placed by the text around it, once, in one run."""
    project = make_project(tmp_path)
    article = "docs/news/2024/chinese-only.zh.md"
    edit_file(project, article, "members: [ulaanbaatar]", "\u3000members: [ulaanbaatar\u200b]")
    edit_file(project, article, "title: 仅有中文的新闻", "title: 仅有中文\ufeff的新闻\u00a0")
    edit_file(project, article, "category: network-news", "cate\u200bgory: network-news")
    edit_file(project, "data/members.yml", "https://example.org/kunming", "https\uff1a//example.org/kunming")
    edit_file(project, "data/categories.yml", "- id: events", "- id:\u00a0events")
    result = build(project)
    expected = [
        f'{article}:2: title: a byte-order mark (U+FEFF) between "仅有中文" and "的新闻"; delete it',
        f'{article}:2: title: a no-break space (U+00A0) after "的新闻"; delete it',
        f'{article}:4: category: a zero-width space (U+200B) between "cate" and "gory"; delete it',
        f'{article}:5: members: a full-width space (U+3000) before "members"; delete it',
        f'{article}:5: members[0]: a zero-width space (U+200B) after "ulaanbaatar"; delete it',
        'data/members.yml:12: website: a full-width colon (U+FF1A) between "https" and "//example.or"; '
        "type an ASCII colon ':' instead",
        "data/categories.yml:4: id: a no-break space (U+00A0) after 'id:'; type an ASCII space instead",
    ]
    _refused(result, *expected)
    for line in expected:
        assert result.output.count(line) == 1, line
    assert "unknown field" not in result.output and "\\u" not in result.output, result.output


def test_control_characters_in_a_web_address_are_refused(tmp_path):
    project = make_project(tmp_path)
    edit_file(project, "data/members.yml", "https://example.org/kunming", "https://example.org/kun\\0ming")
    (project / "data/members.yml").write_text(
        (project / "data/members.yml").read_text(encoding="utf-8").replace(
            "website: https://example.org/kun\\0ming", 'website: "https://example.org/kun\\0ming"'), encoding="utf-8")
    _refused(build(project), "data/members.yml:12: website: a web address must not contain spaces or invisible control characters")


def test_an_anchor_in_a_data_file_is_refused(tmp_path):
    project = make_project(tmp_path)
    edit_file(project, "data/categories.yml", "- id: events", "- id: &e events")
    _refused(build(project), "data/categories.yml:4: '&e' is a YAML anchor")


def test_nothing_is_built_from_the_environment(tmp_path):
    """The build's environment (CI secrets) is in no output file, whatever the content does."""
    project = make_project(tmp_path)
    result = build(project, extra_env={"CI_SECRET": SECRET})
    assert result.returncode == 0
    _nothing_secret_in(result.site)
    assert os.environ.get("CI_SECRET") != SECRET
