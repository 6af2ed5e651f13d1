"""Language helpers shared by the hooks: dates, country names, name order, tags of text runs.

Each takes a language's code and reads its settings from the build's languages (mkdocs.yml,
languages.py): formatting comes from Babel's CLDR data for the language's `cldr` locale and
pinyin from pypinyin, so the site follows the conventions readers expect (`2023年5月18日`,
`18 May 2023`, `2023년 5월 18일`; 成都 < 昆明 < 深圳), and a language added to mkdocs.yml gets
its own without a line of code.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton
from pypinyin import lazy_pinyin

from . import build_context

# A date at the precision it is given (YYYY-MM-DD, YYYY-MM, YYYY), as CLDR skeletons: each
# locale orders and words them its own way (`May 2023`, `2023年5月`, `2023년 5월`).
_SKELETONS = {3: "yMMMMd", 2: "yMMMM", 1: "y"}
# Abbreviated months, for long lists such as the member directory (18 May 2023 / May 2023).
_SHORT_SKELETONS = {3: "yMMMd", 2: "yMMM", 1: "y"}


def _language(lang: str):
    return build_context.current().languages[lang]


def _cldr(lang: str) -> str:
    return _language(lang).cldr


@lru_cache(maxsize=None)
def _format(day: dt.date, cldr: str, precision: int, short: bool) -> str:
    if precision == 3 and not short:
        return format_date(day, "long", locale=cldr)
    return format_skeleton((_SHORT_SKELETONS if short else _SKELETONS)[precision], day, locale=cldr)


def format_day(day: dt.date, lang: str) -> str:
    """A full date as readers of `lang` write it (CLDR's long date)."""
    return _format(day, _cldr(lang), 3, False)


def format_partial(value: str, lang: str, short: bool = False) -> str:
    """A YYYY, YYYY-MM or YYYY-MM-DD value, at the precision it was given."""
    parts = [int(p) for p in value.split("-")]
    day = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    return _format(day, _cldr(lang), len(parts), short)


@lru_cache(maxsize=None)
def _territory(code: str, cldr: str) -> str:
    return Locale.parse(cldr).territories.get(code, code)


def country_name(code: str, lang: str) -> str:
    """Localised country name from CLDR (e.g. MN -> 蒙古 / Mongolia / 몽골)."""
    return _territory(code, _cldr(lang))


@lru_cache(maxsize=None)
def _pinyin_key(name: str) -> tuple:
    return (tuple(lazy_pinyin(name)), name)


def name_sort_key(name: str, lang: str) -> tuple:
    """Names in Han characters by their pinyin where the language says so (`sort: pinyin`),
    not in Unicode order; others by the text itself (Hangul's order is the dictionary's)."""
    if _language(lang).sort == "pinyin":
        return _pinyin_key(name)
    return (name.casefold(), name)


@lru_cache(maxsize=None)
def tag_slug(tag: str) -> str:
    """URL slug of a tag: Han characters by their pinyin (昆明 -> kunming), letters of other
    scripts lowercased as they are (a Korean tag keeps its Hangul), anything else a hyphen."""
    text = "".join(lazy_pinyin(tag.strip().lower()))
    slug = "".join(ch if ch.isalnum() and (ch.isascii() or not _is_han(ch)) else "-" for ch in text)
    return "-".join(part for part in slug.split("-") if part) or "tag"


def language_root(lang: str, default_language: str) -> str:
    """Where a language's site lives: the default at the root, others under `<lang>/`."""
    return "" if lang == default_language else f"{lang}/"


# Unicode blocks of the scripts a text run is told by (ISO 15924 codes, as CLDR names them).
def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f"


def _is_kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff"


def _scripts_of(text: str) -> set[str]:
    found = set()
    for ch in text:
        if _is_hangul(ch):
            found.add("Kore")
        elif _is_kana(ch):
            found.add("Jpan")
        elif _is_han(ch):
            found.add("Han")
    return found


def text_language(text: str, page_lang: str) -> str:
    """The BCP 47 tag of a run of text shown on a page of `page_lang` (an address, a name in
    another language), by its script: the page's own tag when its language writes that
    script (and is written by hand: a derived page shows such text as data has it), else the
    first of the site's languages written by hand that does; Latin text is taken for the
    first language written in Latin (addresses abroad are written in English, or in a Latin
    language the page cannot name better)."""
    languages = build_context.current().languages
    scripts = _scripts_of(text)
    if "Kore" in scripts:
        wanted = {"Kore"}
    elif "Jpan" in scripts:
        wanted = {"Jpan"}
    elif "Han" in scripts:  # Han characters alone: Chinese
        wanted = {"Hans", "Hant"}
    else:
        wanted = {"Latn"}
    page = languages[page_lang]
    if page.script == "Jpan" and wanted == {"Hans", "Hant"}:
        wanted = {"Jpan", "Hans", "Hant"}  # kanji alone, on a Japanese page: Japanese
    if page.script in wanted and page.hand_translated:  # a derived page shows data's text unconverted
        return page.tag
    chosen = next((language for language in languages if language.script in wanted and language.hand_translated), None)
    # No language of the site writes it: the script alone ("und-Kore", undetermined language).
    if chosen:
        return chosen.tag
    return "und-" + ("Hani" if "Hans" in wanted else next(iter(wanted)))
