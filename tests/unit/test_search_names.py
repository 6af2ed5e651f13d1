"""The names a page answers to in search (multilingual_site/search_names.py), from the real
`data/`: every member's profile and every programme's page carries its names in every
language, so that "Plan of Action" typed on the Chinese site, or 昆明 on the English one,
finds the page; a member's seat's names too (Erdenet for Orkhon Aimag)."""

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


@pytest.mark.parametrize("member", MEMBERS, ids=[m.id for m in MEMBERS])
def test_every_member_answers_to_its_names_in_every_language(member):
    names = search_names.page_names({"view": "member", "member": member.id}, CONTENT)
    seat = [name for name in (_every_language(member.seat) if member.seat else []) if name not in member.name.values.values()]
    assert names == list(dict.fromkeys(_every_language(member.name) + seat))
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
    content = SimpleNamespace(members={"ub": SimpleNamespace(name=same, seat=None)}, languages=LANGUAGES)
    assert search_names.page_names({"view": "member", "member": "ub"}, content) == ["Ulaanbaatar"]


def test_a_programme_without_a_short_name_answers_to_none():
    content = SimpleNamespace(edinburgh=SimpleNamespace(short_name=None), languages=LANGUAGES)
    assert search_names.page_names({"view": "edinburgh-process"}, content) == []


def test_a_provinces_seat_answers_for_it():
    names = search_names.page_names({"view": "member", "member": "orkhon"}, CONTENT)
    assert {"Erdenet", "额尔登特市", "에르데넷시", "Orkhon Aimag"} <= set(names)
