"""Property-based: member records and article front matter with arbitrary Unicode (CJK,
emoji, right-to-left text, control characters) either build and appear escaped and intact
in pages, JSON and feeds, or are rejected with a located message; never a traceback."""

from __future__ import annotations

import json
import unicodedata
import xml.etree.ElementTree as ET

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from sitebuild import build, make_project

# Letters from several scripts plus the characters that break naive code.
SAMPLES = "昆明市生物多样性宜可城ÅßéΩЖ" "مرحباשלום" "😀🌏🏙️" "<>&\"'{}%#:-|*`\\" " \t\n" "\x00\x07\x1b\x7f\x85\u200b\u202e\ufeff\uffff"
text = st.text(alphabet=st.sampled_from(SAMPLES) | st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=24)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name_zh=text, name_en=text, title=text, summary=text)
@example(name_zh="昆明<市>", name_en='Kun & "Ming" 😀 مرحبا', title="<b>Title</b> & 'x' \u202eRTL", summary="概要 {{ x }} %")
@example(name_zh="ok", name_en="bad\x07bell", title="t", summary="s")
@example(name_zh="0", name_en="0", title="0", summary="0\x85")  # CI found it: YAML reads NEL as a line break
def test_arbitrary_unicode_is_built_escaped_or_rejected_with_a_location(tmp_path_factory, name_zh, name_en, title, summary):
    project = make_project(tmp_path_factory.mktemp("prop"))
    member_yaml = yaml.safe_dump([{"id": "generated", "name": {"zh": name_zh, "en": name_en}, "country": "CN",
                                   "summary": {"zh": summary, "en": summary}}], allow_unicode=True)
    with open(project / "data/members.yml", "a", encoding="utf-8") as f:
        f.write(member_yaml)
    front_matter = yaml.safe_dump({"title": title, "date": "2023-06-01", "category": "events",
                                   "members": ["generated"], "summary": summary}, allow_unicode=True)
    (project / "docs/news/2023/generated.en.md").write_text(f"---\n{front_matter}---\n\nBody.\n", encoding="utf-8")
    result = build(project)
    assert "Traceback" not in result.output, result.output
    # Judge the values as YAML itself reads them back (YAML folds NEL, U+0085, into a space),
    # not as typed: that is what the data file holds.
    member = yaml.safe_load(member_yaml)[0]
    stored_article = yaml.safe_load(front_matter)
    name_zh, name_en = member["name"]["zh"], member["name"]["en"]
    title = stored_article["title"]
    summaries = (member["summary"]["zh"], member["summary"]["en"], stored_article["summary"])
    # What the content contract accepts, decided here independently of the code under test:
    # non-empty after trimming, no control character (but newline and tab), no non-character,
    # no invisible format character (zero-width space, BOM, direction marks), no space other
    # than ASCII's (or newline) at either end, and none (nor a full-width colon or comma) in a
    # value that is otherwise one ASCII word, such as an id or a web address.
    def odd(ch):
        return ch == "\t" or (unicodedata.category(ch) == "Zs" and ch != " ")

    def one_ascii_word(value):
        rest = "".join(ch for ch in value if not (odd(ch) or unicodedata.category(ch) == "Cf" or ch in "\uff1a\uff0c"))
        return rest.isascii() and rest and " " not in rest.strip()

    acceptable = all(value.strip() and not any(
        (unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\t") or 0xFDD0 <= ord(ch) <= 0xFDEF
        or (ord(ch) & 0xFFFE) == 0xFFFE or unicodedata.category(ch) == "Cf" for ch in value)
        and not any(odd(ch) for ch in value[:len(value) - len(value.lstrip())] + value[len(value.rstrip()):])
        and not (one_ascii_word(value) and any(odd(ch) or ch in "\uff1a\uff0c" for ch in value))
        for value in (name_zh, name_en, title, *summaries))
    assert (result.returncode == 0) == acceptable, result.output
    if result.returncode != 0:
        located = [line for line in result.output.splitlines()
                   if line.startswith("ERROR") and ("data/members.yml:" in line or "docs/news/2023/generated.en.md:" in line)]
        assert located, result.output
        return
    site = result.site
    name, headline = name_en.strip(), title.strip()
    page = (site / "en/members/generated/index.html").read_text(encoding="utf-8")
    assert f"<h1>{escape(name)}</h1>" in page
    rows = {row["id"]: row for row in json.loads((site / "members.json").read_text(encoding="utf-8"))}
    assert rows["generated"]["name_en"] == name and rows["generated"]["name_zh"] == name_zh.strip()
    article = (site / "en/news/2023/generated/index.html").read_text(encoding="utf-8")
    assert f'<h1 class="site-article__title">{escape(headline)}</h1>' in article
    feed = ET.fromstring((site / "en/feeds/member/generated.rss.xml").read_bytes())
    assert [item.findtext("title") for item in feed.iter("item")] == [headline]
