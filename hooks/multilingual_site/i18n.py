"""Language helpers shared by the hooks: dates, country names and name sorting per language.

Formatting comes from Babel (CLDR data) and pinyin from pypinyin, so the site follows the
conventions readers expect (`2023年5月18日` / `18 May 2023`; 成都 < 昆明 < 深圳).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from pypinyin import lazy_pinyin

# CLDR locales behind our two site languages; `zh` is Simplified Chinese.
BABEL_LOCALE = {"zh": "zh_Hans_CN", "en": "en_GB"}
# BCP 47 tags for <html lang> and hreflang.
LANGUAGE_TAG = {"zh": "zh-Hans", "en": "en"}

_DATE_PATTERNS = {
    "zh": {3: "y年M月d日", 2: "y年M月", 1: "y年"},
    "en": {3: "d MMMM y", 2: "MMMM y", 1: "y"},
}
# Abbreviated months, for long lists such as the member directory (18 May 2023 / May 2023).
_SHORT_DATE_PATTERNS = {
    "zh": _DATE_PATTERNS["zh"],
    "en": {3: "d MMM y", 2: "MMM y", 1: "y"},
}


@lru_cache(maxsize=None)  # listings show the same few thousand days again and again
def format_day(day: dt.date, lang: str) -> str:
    """A full date as readers of `lang` write it."""
    return format_date(day, _DATE_PATTERNS[lang][3], locale=BABEL_LOCALE[lang])


@lru_cache(maxsize=None)
def format_partial(value: str, lang: str, short: bool = False) -> str:
    """A YYYY, YYYY-MM or YYYY-MM-DD value, at the precision it was given."""
    parts = [int(p) for p in value.split("-")]
    day = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    patterns = _SHORT_DATE_PATTERNS if short else _DATE_PATTERNS
    return format_date(day, patterns[lang][len(parts)], locale=BABEL_LOCALE[lang])


@lru_cache(maxsize=None)
def country_name(code: str, lang: str) -> str:
    """Localised country name from CLDR (e.g. MN -> 蒙古 / Mongolia)."""
    return Locale.parse(BABEL_LOCALE[lang]).territories.get(code, code)


@lru_cache(maxsize=None)
def name_sort_key(name: str, lang: str) -> tuple:
    """Chinese names sort by pinyin (not Unicode order); English names alphabetically."""
    if lang == "zh":
        return (tuple(lazy_pinyin(name)), name)
    return (name.casefold(), name)


@lru_cache(maxsize=None)
def tag_slug(tag: str) -> str:
    """URL slug of a tag: Chinese by pinyin (昆明 -> kunming), others lowercased ASCII."""
    text = "".join(lazy_pinyin(tag.strip().lower()))
    slug = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in slug.split("-") if part) or "tag"


def language_root(lang: str, default_language: str) -> str:
    """Where a language's site lives: the default at the root, others under `<lang>/`."""
    return "" if lang == default_language else f"{lang}/"


def text_language(text: str) -> str:
    """The BCP 47 tag of a run of text by its script: Korean (Hangul), Chinese, or Latin
    text taken as English (addresses of offices abroad are written in English or in a
    Latin-script language the page cannot name better)."""
    if any("\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" for ch in text):
        return "ko"
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return "zh-Hans"
    return "en"
