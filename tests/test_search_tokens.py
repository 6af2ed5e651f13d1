"""Words for search, cut the same way by the build (Python) and the browser (JavaScript):
a query word cut otherwise than the page's words finds nothing.

One specification (hooks/multilingual_site/search_tokens.py), two implementations
(search_tokens.py, overrides/assets/javascripts/site-search.js run by node), compared on the
same texts: every page text of the real site in every language (the Traditional Chinese
site's as built, converted by OpenCC), Korean, hostile
and mixed input, and every character Python's Unicode database knows.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

import site_search_js
from sitebuild import hook_module

search_tokens = hook_module("search_tokens")

KOREAN = [
    "울란바토르에서 열린 제6회 동북아 시장 포럼에 이클레이 동아시아 사무소가 참석했습니다.",
    "쿤밍시는 2022년 6월 에든버러 프로세스에 가입한 첫 번째 중국 도시입니다.",
    "도시 생물다양성 지수(싱가포르 지수)와 자연 기반 해법을 논의하였다.",
]
HOSTILE = [
    "+kunming -city *bio* ~2 title:x ^10", "(.*)[a-z]+\\d{3}$|^?", "🌏🌱 生物多样性 🚲", "Ｋｕｎｍｉｎｇ　２０２３年",
    "İstanbul STRASSE Straße ΟΔΟΣ Montréal", "昆明Kunming쿤밍コンミン", "\u200b\u200d\ufeff", "",
    "x" * 500, "生" * 500, "a\u0301e\u0300", "ｶﾞｷﾞｸﾞ ｱｲｳ",
]


def _texts_of_index(site, root: str) -> list[str]:
    folder = site / root / "search"
    version = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["version"]
    texts = []
    for chunk in sorted((folder / version / "m").glob("*.json")):
        texts += [row[1] for row in json.loads(chunk.read_text(encoding="utf-8"))]
    for text in sorted((folder / version / "t").glob("*.json")):
        texts.append(json.loads(text.read_text(encoding="utf-8")))
    return texts


def _compare(texts: list[str]) -> list:
    """Texts where Python and JavaScript differ (index tokens as a multiset, query terms in order)."""
    javascript = site_search_js.tokens(texts)
    differing = []
    for text, (js_index, js_query) in zip(texts, javascript):
        py_index = sorted(search_tokens.index_tokens(text))
        py_query = [list(term) for term in search_tokens.query_terms(text)]
        if py_index != sorted(js_index) or py_query != js_query:
            differing.append((text[:80], sorted(set(py_index) ^ set(js_index))[:10], py_query[:5], js_query[:5]))
    return differing


def test_python_and_javascript_cut_the_real_site_in_every_language_alike(real_site):
    roots = {"": "zh", "en/": "en", "ko/": "ko", "zh-hant/": "zh-hant"}
    texts = [text for root in roots for text in _texts_of_index(real_site.site, root)] + KOREAN + HOSTILE
    assert len(texts) > 150 and sum(map(len, texts)) > 60_000
    assert _compare(texts) == []


def test_python_and_javascript_cut_every_known_character_alike():
    """Each character alone, and inside a Latin word (so that letters join and marks fold),
    for every character Python's Unicode database knows (the browser's may know more)."""
    known = [chr(c) for c in range(0x20, 0x323B0) if unicodedata.category(chr(c)) not in ("Cn", "Cs", "Co")]
    texts = [" ".join(known[i:i + 64]) for i in range(0, len(known), 64)]
    texts += ["a" + "".join(known[i:i + 64]) + "b" for i in range(0, len(known), 64)]
    assert _compare(texts) == []


def test_folding_unifies_width_case_and_accents():
    fold = search_tokens.fold
    assert fold("Ｋｕｎｍｉｎｇ　２０２３") == "kunming 2023"
    assert fold("STRASSE Straße") == "strasse strasse"
    assert fold("ΟΔΟΣ") == "οδοσ"
    assert fold("Montréal Ulaanbaatar Ḱ") == "montreal ulaanbaatar k"
    assert fold("울란바토르 ガギグ") == "울란바토르 ガギグ"  # Hangul and kana keep their marks
    assert fold("plain ascii 42") == "plain ascii 42"


def test_the_accents_step_runs_wherever_a_mark_could_come_from():
    """fold() skips NFD for texts without a character NFD gives a mark U+0300–U+036F: every
    such character must lie in the ranges it checks."""
    marked = [c for c in map(chr, range(0x80, 0x110000)) if re.search("[\u0300-\u036f]", unicodedata.normalize("NFD", c))]
    assert len(marked) > 900
    assert [c for c in marked if not search_tokens._MAY_HOLD_MARKS.search(c)] == []


def test_chinese_is_cut_into_bigrams_and_each_run_ends_with_its_last_character():
    assert sorted(search_tokens.index_tokens("昆明市 生物多样性")) == sorted(
        ["昆明", "明市", "市", "生物", "物多", "多样", "样性", "性"])
    assert search_tokens.index_tokens("市") == ["市"]
    # A query run is its bigrams; a lone character matches what it begins.
    assert search_tokens.query_terms("生物多样") == [("生物", False), ("物多", False), ("多样", False)]
    assert search_tokens.query_terms("市") == [("市", True)]


def test_words_digits_and_korean():
    tokens = search_tokens.index_tokens("COP15 in 2022: Kunming's 울란바토르에서")
    assert sorted(tokens) == sorted(["cop", "15", "in", "2022", "kunming", "s", "울란바토르에서"])
    assert search_tokens.query_terms("울란바토르 COP15 a") == [("울란바토르", True), ("cop", True), ("15", False), ("a", False)]
    assert search_tokens.query_terms("Kunming kunming KUNMING") == [("kunming", True)]  # each term once


@pytest.mark.parametrize("query, term", [
    ("울란바토르의", "울란바토르"), ("울란바토르에서", "울란바토르"), ("이클레이는", "이클레이"), ("프로그램으로", "프로그램"),
    ("서울", "서울"), ("회의", "회의"), ("인도", "인도"),  # two syllables: nothing stripped
    ("생물다양성", "생물다양성"), ("kunming의", "kunming의"),  # no particle; not all Hangul
])
def test_a_korean_query_word_is_searched_without_its_particle(query, term):
    assert search_tokens.query_terms(query) == [(term, True)]
    assert search_tokens.index_tokens(query) == [query]  # the index keeps words as written


def test_traditional_and_simplified_han_fold_to_one_form():
    fold = search_tokens.fold
    assert fold("烏蘭巴托 生物多樣性 愛丁堡進程") == fold("乌兰巴托 生物多样性 爱丁堡进程") == "乌兰巴托 生物多样性 爱丁堡进程"
    assert fold("臺灣 頭髮 發展") == "台湾 头发 发展"
    assert fold("裡 著") == fold("里 着")  # Taiwan's variants too
    assert search_tokens.query_terms("烏蘭") == search_tokens.query_terms("乌兰") == [("乌兰", False)]
    table = search_tokens.han_variants()
    assert len(table) > 4000 and all(s not in table for s in table.values())  # folding twice changes nothing


@pytest.mark.parametrize("word, stem", [
    ("offices", "office"), ("cities", "city"), ("areas", "area"), ("addresses", "address"), ("mayors", "mayor"),
    ("news", "news"), ("process", "process"), ("analysis", "analysis"), ("campus", "campus"), ("gas", "gas"),
    ("kunming", "kunming"), ("울란바토르에서", "울란바토르에서"),
])
def test_the_english_plural_stemmer(word, stem):
    assert search_tokens.stem(word) == stem
