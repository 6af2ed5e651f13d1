"""The search index as plain data: documents in, files out (multilingual_site/search_index.py),
and a page's searchable text (multilingual_site/search_documents.py). The engine that reads the
files is the site's script, run by node (site_search_js.py), so what is checked is what a
reader's browser would find."""

from __future__ import annotations

import json

import pytest

import site_search_js
from sitebuild import hook_module

search_index = hook_module("search_index")
search_documents = hook_module("search_documents")


def _document(url, title, text="", kind="page", names=(), tags=(), date=None):
    return {"url": url, "title": title, "names": list(names), "tags": list(tags), "text": text, "kind": kind,
            "date": date, "shown_date": date}


DOCUMENTS = [
    _document("members/kunming/", "昆明市", "类型：城市\n昆明被誉为春城，是生物多样性之都。", "member", names=["昆明市", "Kunming"]),
    _document("news/2022/kunming-joins/", "昆明市正式加入宜可城", "昆明市正式加入宜可城网络。昆明、昆明、昆明。", "news",
              tags=["昆明", "爱丁堡进程"], date="2022-12-12"),
    _document("news/2024/mongolia/", "探索蒙古", "乌兰巴托、达尔汗和额尔登特。Ulaanbaatar offices.", "news", date="2024-08-03"),
    _document("programmes/edinburgh-process/", "爱丁堡进程", "苏格兰政府牵头。", "programme", names=["爱丁堡进程", "Edinburgh Process"]),
    _document("offices/", "办公室", "全球秘书处和办公室 office", "page"),
]


def _write(tmp_path, documents, name="index"):
    folder = tmp_path / name
    for path, data in search_index.build(documents).items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
    return folder


def test_the_same_documents_in_any_order_give_the_same_bytes():
    assert search_index.build(DOCUMENTS) == search_index.build(list(reversed(DOCUMENTS)))
    changed = [dict(DOCUMENTS[0], text="其他")] + DOCUMENTS[1:]
    before, after = search_index.build(DOCUMENTS), search_index.build(changed)
    # A new version folder: a browser never mixes two builds' files.
    assert json.loads(before["manifest.json"])["version"] != json.loads(after["manifest.json"])["version"]


def test_documents_are_numbered_newest_first_then_the_undated_by_address():
    files = search_index.build(DOCUMENTS)
    manifest = json.loads(files["manifest.json"])
    rows = json.loads(files[f"{manifest['version']}/m/0.json"])
    assert [r[0] for r in rows] == ["news/2024/mongolia/", "news/2022/kunming-joins/", "members/kunming/", "offices/",
                                    "programmes/edinburgh-process/"]
    assert rows[0] == ["news/2024/mongolia/", "探索蒙古", "news", "2024-08-03", "2024-08-03"]
    assert manifest["documents"] == 5 and manifest["format"] == search_index.FORMAT
    assert [w for _, w in manifest["fields"]] == sorted(w for _, w in manifest["fields"])  # text < tags < title < names


def test_every_token_lives_in_the_shard_of_the_longest_key_beginning_it():
    sizes = {f"b{chr(97 + i)}{chr(97 + j)}": 300 for i in range(26) for j in range(10)}
    sizes.update({"b": 50, "c": 40, "生物": 9000, "生态": 100, "生": 10})
    shards = search_index.shard_keys(sizes, limit=2000)
    assert sorted(t for tokens in shards.values() for t in tokens) == sorted(sizes)
    for key, tokens in shards.items():
        for token in tokens:
            assert token.startswith(key)
            assert max((k for k in shards if token.startswith(k)), key=len) == key
        assert sum(sizes[t] for t in tokens) <= 2000 or len(tokens) == 1  # one big token stays whole
    assert "生物" in shards and "" in shards  # the big group has a key; small ones stay at the root


def test_a_field_holding_every_word_weighs_in_full(tmp_path):
    folder = _write(tmp_path, DOCUMENTS)
    found = site_search_js.search(folder, ["Kunming", "昆明", "爱丁堡进程", "苏格兰政府", "offices", "蒙古", "额尔", "市", "昆明 蒙古", "昆明 xyzzy"])
    urls = [f["urls"] for f in found]
    assert urls[0][0] == "members/kunming/"  # its names: above the article titled and tagged so
    assert urls[1][0] == "members/kunming/"
    assert urls[2][0] == "programmes/edinburgh-process/"
    assert urls[3] == ["programmes/edinburgh-process/"]
    assert urls[4][0] == "offices/" and "news/2024/mongolia/" in urls[4]  # office (stemmed) and offices
    assert urls[5] == ["news/2024/mongolia/"]
    assert urls[6] == ["news/2024/mongolia/"]  # a partial word
    assert set(urls[7]) == {"members/kunming/", "news/2022/kunming-joins/"}  # a lone character: what it begins
    assert urls[8] == []  # every word the index has must match
    assert set(urls[9]) == set(urls[1])  # a word it has nowhere is left out


def test_a_traditional_chinese_page_is_found_in_either_script_and_shown_as_written(tmp_path):
    """The Traditional Chinese site is converted from the Simplified one: its readers type
    either script, or both; the manifest carries the Han pairs the index needs, and only those."""
    import opencc

    to_traditional = opencc.OpenCC("s2twp").convert
    documents = [_document(d["url"], to_traditional(d["title"]), to_traditional(d["text"]), d["kind"],
                           names=[to_traditional(n) for n in d["names"]] + d["names"], date=d["date"])
                 for d in DOCUMENTS]
    folder = _write(tmp_path, documents)
    found = site_search_js.search(folder, ["生物多样性", "生物多樣性", "生物多樣性之都", "愛丁堡进程", "烏蘭巴托"])
    assert [f["urls"][:1] for f in found] == [["members/kunming/"]] * 3 + [["programmes/edinburgh-process/"], ["news/2024/mongolia/"]]
    texts = [json.loads(p.read_text(encoding="utf-8")) for p in folder.rglob("t/*.json")]
    assert any("生物多樣性" in t for t in texts) and not any("生物多样性" in t for t in texts)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    pairs = dict(zip(manifest["han"][0::2], manifest["han"][1::2]))
    assert pairs["樣"] == "样" and pairs["烏"] == "乌" and "髮" not in pairs  # 发: no text holds it
    english = json.loads(search_index.build([_document("a/", "Kunming", "Spring City")])["manifest.json"])
    assert english["han"] == ""


def test_korean_words_are_found_by_their_stem_without_particles(tmp_path):
    documents = [_document("news/a/", "동북아 시장 포럼", "울란바토르에서 열린 포럼에 참석했습니다.", "news", date="2024-08-03"),
                 _document("members/ulaanbaatar/", "울란바토르", "몽골의 수도.", "member", names=["울란바토르", "Ulaanbaatar"])]
    folder = _write(tmp_path, documents)
    found = site_search_js.search(folder, ["울란바토르", "포럼", "참석", "울란바토르의", "울란바토르에서"])
    assert found[0]["urls"] == found[3]["urls"] == found[4]["urls"] == ["members/ulaanbaatar/", "news/a/"]
    assert found[1]["urls"] == ["news/a/"] and found[2]["urls"] == ["news/a/"]


def test_a_query_fetches_the_manifest_its_words_shards_and_nothing_else(tmp_path):
    folder = _write(tmp_path, DOCUMENTS)
    (fetched,) = [f["fetched"] for f in site_search_js.search(folder, ["昆明"])]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    shards = [p for p in fetched if "/s/" in p]
    assert fetched[0] == "manifest.json" and 1 <= len(shards) <= 2
    assert all(p.startswith(manifest["version"] + "/") for p in fetched[1:])


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown kind 'blog'"):
        search_index.build([_document("x/", "X", kind="blog")])


@pytest.mark.parametrize("html, text", [
    ('<p>Kept</p><div data-search-exclude><div>cards</div><p>still cards</p></div><p>after</p>', "Kept\nafter"),
    ('<dl><div><dt>Type<span class="x">: </span></dt> <dd>City</dd></div></dl>', "Type:\nCity"),
    ("<p><strong>昆明</strong>市 &amp; <em>bio</em>diversity</p>", "昆明市 & biodiversity"),
    ('<p>a</p><script>var x = "<p>no</p>";</script><svg><title>map</title></svg><form><label>Search</label></form><p>b</p>', "a\nb"),
    ('<figure class="view-map" data-search-exclude/><p>c</p>', "c"),
])
def test_page_text_keeps_the_pages_own_words(html, text):
    assert search_documents.page_text(html) == text


def test_a_document_drops_the_heading_that_repeats_its_title():
    document = search_documents.document(url="a/", title="Kunming", html="<h1>Kunming</h1><p>Spring City</p>", kind="member")
    assert document["text"] == "Spring City"
