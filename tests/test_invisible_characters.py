"""Characters staff cannot see, or cannot tell from the ones meant, named in words and placed
by the text around them (hooks/multilingual_site/invisible_characters.py): plain data, no build."""

from __future__ import annotations

import pytest

from sitebuild import hook_module

invisible = hook_module("invisible_characters")


def messages(found) -> list[str]:
    return [slip.message for slip in found]


@pytest.mark.parametrize("key, message", [
    ("\u3000members", 'a full-width space (U+3000) before "members"; delete it'),
    ("members\u00a0", 'a no-break space (U+00A0) after "members"; delete it'),
    ("mem\u200bbers", 'a zero-width space (U+200B) between "mem" and "bers"; delete it'),
    ("\ufefftitle", 'a byte-order mark (U+FEFF) before "title"; delete it'),
    ("\uff54itle", 'a full-width "\uff54" (U+FF54) before "itle"; type a plain "t" instead (switch the input method to English)'),
    ("n\u0430me", '"\u0430" (cyrillic small letter a, U+0430) between "n" and "me"; field names are plain ASCII letters: '
                  "type it again with the input method set to English"),
])
def test_a_character_in_a_field_name_is_named_and_placed(key, message):
    assert messages(invisible.slips_in_key(key)) == [message]


def test_each_character_gets_a_message_of_its_own():
    assert messages(invisible.slips_in_key("\u3000\u3000tags\u200b")) == [
        'a full-width space (U+3000), 1 of 2, before "tags"; delete it',
        'a full-width space (U+3000), 2 of 2, before "tags"; delete it',
        'a zero-width space (U+200B) after "tags"; delete it',
    ]


def test_a_plain_field_name_has_nothing_to_report():
    assert invisible.slips_in_key("action_areas") == [] and invisible.cleaned_key("action_areas") == "action_areas"


@pytest.mark.parametrize("value, message, meant", [
    ("kunming\u200b", 'a zero-width space (U+200B) after "kunming"; delete it', "kunming"),
    ("2024-08-03\u3000", 'a full-width space (U+3000) after "2024-08-03"; delete it', "2024-08-03"),
    ("https\uff1a//example.org", "a full-width colon (U+FF1A) between \"https\" and \"//example.or\"; type an ASCII colon ':' instead",
     "https://example.org"),
    ("昆明\u200b市", 'a zero-width space (U+200B) between "昆明" and "市"; delete it', "昆明市"),
    ("\u00a0Kunming joins ICLEI", 'a no-break space (U+00A0) before "Kunming join"; delete it', "Kunming joins ICLEI"),
    ("标题\u2060", 'a word joiner (U+2060) after "标题"; delete it', "标题"),
    ("a\u202eb", '"\u202e" (right-to-left override, U+202E) between "a" and "b"; delete it', "ab"),
])
def test_a_character_in_a_value_is_named_placed_and_taken_out(value, message, meant):
    assert messages(invisible.slips_in_value(value)) == [message]
    assert invisible.cleaned_value(value) == meant


@pytest.mark.parametrize("value", [
    "第七届城市峰会开幕式（来源：中国日报）",  # a full-width colon in Chinese text is Chinese typography
    "一、背景\u3000说明",  # so is a full-width space inside it
    "Mr.\u00a0Smith visited Ulaanbaatar",  # a no-break space inside English text keeps words together
    "Kunming, Yunnan",
])
def test_typography_inside_text_is_left_alone(value):
    assert invisible.slips_in_value(value) == [] and invisible.cleaned_value(value) == value


def test_a_document_is_cleaned_and_every_slip_located_by_the_cleaned_path():
    data = {"\u3000members": ["kunming\u200b"], "title": "ok", "name": {"zh": "昆明\u200b市"}}
    lines = {("\u3000members",): 5, ("\u3000members", 0): 5, ("title",): 2, ("name",): 3, ("name", "zh"): 3}
    cleaned, cleaned_lines, slips = invisible.find_in(data, lines)
    assert cleaned == {"members": ["kunming"], "title": "ok", "name": {"zh": "昆明市"}}
    assert cleaned_lines[("members", 0)] == 5 and ("\u3000members",) not in cleaned_lines
    assert slips == [
        (("members",), 5, 'a full-width space (U+3000) before "members"; delete it'),
        (("members", 0), 5, 'a zero-width space (U+200B) after "kunming"; delete it'),
        (("name", "zh"), 3, 'a zero-width space (U+200B) between "昆明" and "市"; delete it'),
    ]


def test_a_clean_document_is_returned_as_it_is():
    data = {"title": "昆明市加入宜可城", "tags": ["昆明", "COP15"], "draft": False, "n": 3}
    lines = {("title",): 2}
    cleaned, cleaned_lines, slips = invisible.find_in(data, lines)
    assert (cleaned, cleaned_lines, slips) == (data, lines, [])
