"""The names a page answers to in search (multilingual_site/search_names.py), from the real
`data/`: every member's profile and every programme's page carries its names in every
language, so that "Plan of Action" typed on the Chinese site, or 昆明 on the English one,
finds the page; Chinese names are cut into words as Material cuts the text it indexes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sitebuild import REPO, hook_module

search_names = hook_module("search_names")
models = hook_module("models")
LANGUAGES = hook_module("languages").from_mkdocs_yml(REPO / "mkdocs.yml")
CONVERTERS = hook_module("conversion").converters(LANGUAGES, REPO)
with models.texts_in(models.TextLanguages(LANGUAGES, CONVERTERS)):
    data, problems = hook_module("content_checks")._load_data(REPO / "data", "data/")
assert problems == []
MEMBERS = data["members.yml"][0]
CONTENT = SimpleNamespace(members={m.id: m for m in MEMBERS}, edinburgh=data["edinburgh.yml"][0], coe=data["coe.yml"][0],
                          action_plan=data["action_plan.yml"][0], languages=LANGUAGES)


def _every_language(texts) -> list[str]:
    """The texts in mkdocs.yml's order, each once (Traditional Chinese converted)."""
    names = []
    for language in LANGUAGES:
        if texts.get(language.code) not in names:
            names.append(texts.get(language.code))
    return names
PROGRAMMES = {"edinburgh-process": CONTENT.edinburgh, "centre-of-excellence": CONTENT.coe, "action-plan": CONTENT.action_plan}
ZWSP = "\u200b"


@pytest.mark.parametrize("member", MEMBERS, ids=[m.id for m in MEMBERS])
def test_every_member_answers_to_its_names_in_every_language(member):
    names = search_names.page_names({"view": "member", "member": member.id}, CONTENT)
    assert names == _every_language(member.name)
    assert {member.name.values["zh"], member.name.values["en"], member.name.values["ko"]} <= set(names)


@pytest.mark.parametrize("view", PROGRAMMES)
def test_every_programme_answers_to_its_short_names_in_every_language(view):
    short = PROGRAMMES[view].short_name
    assert search_names.page_names({"view": view}, CONTENT) == _every_language(short)


def test_the_plan_of_action_answers_to_its_english_name_on_the_chinese_site_too():
    names = search_names.page_names({"view": "action-plan"}, CONTENT)
    assert names[:2] == ["2023-2030年行动计划", "Plan of Action 2023–2030"]
    assert "2023-2030年行動計畫" in names  # Traditional Chinese, converted


@pytest.mark.parametrize("meta", [{}, {"view": "article"}, {"view": "member-directory"}, {"view": "offices"},
                                  {"title": "Edinburgh Process"}, {"member": "kunming"}])
def test_other_pages_answer_to_no_names(meta):
    assert search_names.page_names(meta, CONTENT) == []


def test_a_name_written_alike_in_both_languages_is_given_once():
    same = SimpleNamespace(get=lambda lang: "Ulaanbaatar")
    content = SimpleNamespace(members={"ub": SimpleNamespace(name=same)}, languages=LANGUAGES)
    assert search_names.page_names({"view": "member", "member": "ub"}, content) == ["Ulaanbaatar"]


def test_a_programme_without_a_short_name_answers_to_none():
    content = SimpleNamespace(edinburgh=SimpleNamespace(short_name=None), languages=LANGUAGES)
    assert search_names.page_names({"view": "edinburgh-process"}, content) == []


@pytest.mark.parametrize("text, cut", [
    ("爱丁堡进程", f"爱丁堡{ZWSP}进程"),
    ("Edinburgh Process", "Edinburgh Process"),
    ("", ""),
    ("昆明市", "昆明市"),
    ("Plan of Action 2023–2030", "Plan of Action 2023–2030"),
    ("2023-2030年行动计划", f"2023-2030{ZWSP}年{ZWSP}行动计划"),
    ("昆明 Kunming 大理", f"昆明{ZWSP} Kunming {ZWSP}大理"),
    ("城市生物多样性", f"城市{ZWSP}生物{ZWSP}多样性"),
    ("서울특별시", "서울특별시"),  # Hangul: not Han, left whole
    ("とうきょう", "とうきょう"),  # kana too
    ("宜可城，东亚", f"宜可城{ZWSP}，{ZWSP}东亚"),  # full-width punctuation is not Han
    ("Xiamen 厦门", f"Xiamen {ZWSP}厦门"), ("厦门 X", f"厦门{ZWSP} X"),
])
def test_chinese_runs_are_cut_into_words_and_other_text_is_left_whole(text, cut):
    assert search_names.segmented(text) == cut


@pytest.mark.parametrize("character", ["\u2e80", "\u2fdf", "\u3005", "\u3007", "\u3021", "\u3029", "\u3038", "\u303b",
                                       "\u3400", "\u4dbf", "\u4e00", "\u9fff", "\uf900", "\ufaff", "\U00020000", "\U0003134f"])
def test_every_han_character_counts_as_chinese(character):
    assert search_names.segmented(f"a{character}b") == f"a{ZWSP}{character}{ZWSP}b"


@pytest.mark.parametrize("character", ["\u2e7f", "\u2fe0", "\u3004", "\u3006", "\u3020", "\u302a", "\u3037", "\u303c",
                                       "\u33ff", "\u4dc0", "\ua000", "\uf8ff", "\ufb00", "\U0001ffff", "\U00031350"])
def test_characters_next_to_the_han_ranges_do_not(character):
    assert search_names.segmented(f"a{character}b") == f"a{character}b"
