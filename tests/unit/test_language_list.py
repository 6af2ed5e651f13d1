"""The language list of mkdocs.yml as plain data (languages.from_entries): what it accepts,
and each mistake refused in one line naming the entry and the setting."""

from __future__ import annotations

import copy

import pytest

from sitebuild import REPO, hook_module

languages_module = hook_module("languages")
LanguageError = languages_module.LanguageError

ENTRIES = [
    {"locale": "zh", "name": "简体中文", "default": True,
     "extra": {"language": {"tag": "zh-Hans", "cldr": "zh_Hans_CN", "required": True, "fallback": ["en"]}}},
    {"locale": "en", "name": "English",
     "extra": {"language": {"tag": "en", "cldr": "en_GB", "required": True, "fallback": ["zh"]}}},
    {"locale": "zh-hant", "name": "繁體中文",
     "extra": {"language": {"tag": "zh-Hant", "cldr": "zh_Hant_TW", "derived_from": "zh", "convert": "opencc:s2twp"}}},
]


def _languages(change=None):
    entries = copy.deepcopy(ENTRIES)
    if change:
        change(entries)
    return languages_module.from_entries(entries)


def test_the_sites_own_list_reads_with_the_default_first():
    languages = languages_module.from_mkdocs_yml(REPO / "mkdocs.yml")
    assert languages.codes[0] == languages.default.code
    assert [language.code for language in languages.derived] == ["zh-hant"]
    assert languages.fallbacks("zh-hant") == ["zh", "en"]


def test_the_default_comes_first_wherever_it_is_listed():
    languages = _languages(lambda entries: entries.append(entries.pop(0)))
    assert languages.codes == ["zh", "en", "zh-hant"]
    assert [language.root for language in languages] == ["", "en/", "zh-hant/"]


@pytest.mark.parametrize("change, message", [
    (lambda e: e[1].update(link="/english/"), "languages[1] (en): link: the language's pages are at /en/; leave `link` out"),
    (lambda e: e[2]["extra"]["language"].update(convert="opencc:s2xx"),
     "languages[2] (zh-hant): extra.language.convert: 'opencc:s2xx' is no OpenCC configuration (known: "),
    (lambda e: e[2]["extra"]["language"].pop("convert"),
     "languages[2] (zh-hant): a derived language needs extra.language.convert, like opencc:s2twp"),
    (lambda e: e[2]["extra"]["language"].update(required=True),
     "(zh-hant): extra.language: a derived language takes its source's texts; leave required and fallback out"),
    (lambda e: e[2]["extra"]["language"].update(derived_from="fr"),
     "(zh-hant): extra.language.derived_from: 'fr' is not a hand-translated language of the site (they are: zh, en)"),
    (lambda e: e[1]["extra"]["language"].update(fallback=["zh-hant"]),
     "(en): extra.language.fallback: 'zh-hant' is not a hand-translated language of the site"),
    (lambda e: e[1]["extra"]["language"].update(cldr="english"), "(en): extra.language.cldr: 'english' is not a CLDR locale"),
    (lambda e: e[1]["extra"]["language"].update(sort="alphabet"), "(en): extra.language.sort must be one of"),
    (lambda e: e[1]["extra"]["language"].update(colour="red"), "(en): extra.language: unknown setting(s) colour"),
    (lambda e: e[1]["extra"]["language"].pop("tag"), "(en): extra.language.tag is required"),
    (lambda e: e[1].pop("extra"), "(en): extra.language is missing"),
    (lambda e: e[1].update(default=True), "exactly one language must be `default: true`"),
])
def test_each_mistake_is_refused_naming_the_entry_and_setting(change, message):
    with pytest.raises(LanguageError) as refused:
        _languages(change)
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_language_left_out_of_the_build_is_not_a_site_language():
    languages = _languages(lambda entries: entries[2].update(build=False))
    assert languages.codes == ["zh", "en"]
