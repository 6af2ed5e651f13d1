"""The site's languages, from the one list in mkdocs.yml (`plugins.i18n.languages`).

Each entry of that list is mkdocs-static-i18n's (`locale`: the suffix of the language's pages,
`index.ko.md`, and its URL prefix, `/ko/`, the default language at `/`; `name`: the
language's own name, in the language switcher), with this site's own settings under
`extra.language`:

- `tag`: its BCP 47 tag (`<html lang>`, hreflang, feeds, JSON-LD);
- `cldr`: the CLDR locale of its dates and country names (Babel): `zh_Hans_CN`, `en_GB`;
- `required`: whether every text in `data/` must be given in it (the content policy: a text
  missing a required language is refused with its line); an optional language's missing
  text is shown in its first `fallback` language that has it, marked with that language;
- `fallback`: the languages a reader of this one is shown, in order, where a page or a text
  is not translated (the page says so: translations.py);
- `sort`: `pinyin` to order names in Han characters by their pinyin, as Chinese readers
  expect; otherwise by the text itself;
- or, for a language made from another at build time, never written by hand: `derived_from`
  (the language it is made from), `convert` (`opencc:<configuration>`, e.g. `opencc:s2twp`
  for Taiwan usage) and `phrases` (a reviewed table in `data/` of names and terms that the
  conversion gets wrong: conversion.py).

Nothing else in Python or the templates names a language: interface words are in
`strings/<locale>.yml` (strings.py), Material's own come from its language files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from babel.core import get_global

SORTS = ("pinyin", "text")


class LanguageError(ValueError):
    """The languages list of mkdocs.yml is not usable; the message names the entry and field."""


@dataclass(frozen=True)
class Language:
    code: str  # the pages' suffix and the URL prefix (mkdocs-static-i18n's `locale`)
    name: str  # its own name
    tag: str  # BCP 47
    cldr: str  # Babel's locale
    root: str  # URL prefix from the site root: "" for the default language, else "ko/"
    default: bool = False
    required: bool = False
    fallback: tuple[str, ...] = ()
    sort: str = "text"
    derived_from: str | None = None
    convert: str | None = None
    phrases: str | None = None

    @property
    def hand_translated(self) -> bool:
        return self.derived_from is None

    @property
    def script(self) -> str:
        """Its writing system (ISO 15924), from CLDR's likely subtags: Hans, Hant, Latn, Kore, Jpan..."""
        locale = Locale.parse(self.cldr)
        if locale.script:
            return locale.script
        likely = get_global("likely_subtags").get(locale.language, "")
        parts = likely.split("_")
        return parts[1] if len(parts) > 2 else "Latn"

    @property
    def og_locale(self) -> str:
        """Open Graph's `language_TERRITORY` (zh_CN, en_GB, ko_KR, zh_TW)."""
        locale = Locale.parse(self.cldr)
        return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


@dataclass(frozen=True)
class Languages:
    """Every language of the site, in the order of mkdocs.yml (the default one first)."""

    all: tuple[Language, ...]
    by_code: dict[str, Language] = field(default_factory=dict, compare=False)

    def __post_init__(self):
        self.by_code.update({language.code: language for language in self.all})

    def __getitem__(self, code: str) -> Language:
        return self.by_code[code]

    def __contains__(self, code: str) -> bool:
        return code in self.by_code

    def __len__(self) -> int:
        return len(self.all)

    def __iter__(self):
        return iter(self.all)

    @property
    def default(self) -> Language:
        return next(language for language in self.all if language.default)

    @property
    def codes(self) -> list[str]:
        return [language.code for language in self.all]

    @property
    def hand_translated(self) -> list[Language]:
        return [language for language in self.all if language.hand_translated]

    @property
    def derived(self) -> list[Language]:
        return [language for language in self.all if not language.hand_translated]

    @property
    def required(self) -> list[Language]:
        return [language for language in self.all if language.required]

    def fallbacks(self, code: str) -> list[str]:
        """Where a reader of `code` is shown what is not translated, in order: its own
        `fallback` list (a derived language's is its source's), then the default language."""
        language = self[code]
        chain = list(self[language.derived_from].fallback if language.derived_from else language.fallback)
        if language.derived_from:
            chain.insert(0, language.derived_from)
        chain.append(self.default.code)
        seen, result = {code}, []
        for other in chain:
            if other not in seen:
                seen.add(other)
                result.append(other)
        return result


def _entry_language(entry: dict, index: int) -> Language:
    where = f"mkdocs.yml: plugins.i18n.languages[{index}]"
    code = entry.get("locale")
    settings = (entry.get("extra") or {}).get("language")
    if not isinstance(settings, dict):
        raise LanguageError(f"{where} ({code}): extra.language is missing; give its tag, cldr and either "
                            "required/fallback or derived_from/convert (hooks/multilingual_site/languages.py)")
    unknown = set(settings) - {"tag", "cldr", "required", "fallback", "sort", "derived_from", "convert", "phrases"}
    if unknown:
        raise LanguageError(f"{where} ({code}): extra.language: unknown setting(s) {', '.join(sorted(unknown))}")
    for name in ("tag", "cldr"):
        if not isinstance(settings.get(name), str) or not settings[name]:
            raise LanguageError(f"{where} ({code}): extra.language.{name} is required")
    try:
        Locale.parse(settings["cldr"])
    except (ValueError, UnknownLocaleError):
        raise LanguageError(f"{where} ({code}): extra.language.cldr: '{settings['cldr']}' is not a CLDR locale "
                            "(like zh_Hans_CN, en_GB, ko_KR)") from None
    if settings.get("sort", "text") not in SORTS:
        raise LanguageError(f"{where} ({code}): extra.language.sort must be one of {', '.join(SORTS)}")
    derived = settings.get("derived_from")
    if derived is not None and not str(settings.get("convert", "")).startswith("opencc:"):
        raise LanguageError(f"{where} ({code}): a derived language needs extra.language.convert, like opencc:s2twp")
    # mkdocs-static-i18n writes a language's pages under /<locale>/ whatever its `link`.
    link = "/" if entry.get("default") else f"/{code}/"
    if entry.get("link") not in (None, link):
        raise LanguageError(f"{where} ({code}): link: the language's pages are at {link}; leave `link` out")
    if derived is not None and ("required" in settings or "fallback" in settings):
        raise LanguageError(f"{where} ({code}): extra.language: a derived language takes its source's texts; "
                            "leave required and fallback out")
    return Language(
        code=code, name=entry.get("name") or code, tag=settings["tag"], cldr=settings["cldr"],
        root=link.lstrip("/"), default=bool(entry.get("default")),
        required=bool(settings.get("required", False)) and derived is None,
        fallback=tuple(settings.get("fallback") or ()), sort=settings.get("sort", "text"),
        derived_from=derived, convert=settings.get("convert"), phrases=settings.get("phrases"),
    )


def from_entries(entries: list[dict]) -> Languages:
    """The languages of mkdocs-static-i18n's entries (plain dicts), those built only."""
    built = [(index, entry) for index, entry in enumerate(entries) if entry.get("build", True)]
    listed = [_entry_language(entry, index) for index, entry in built]
    defaults = [language for language in listed if language.default]
    if len(defaults) != 1:
        raise LanguageError("mkdocs.yml: plugins.i18n.languages: exactly one language must be `default: true`")
    # The default language first, wherever it is listed: its order is the site's.
    languages = Languages(tuple(defaults + [language for language in listed if not language.default]))
    if not defaults[0].hand_translated:
        raise LanguageError("mkdocs.yml: plugins.i18n.languages: the default language cannot be derived")
    for language in languages:
        for other in (*language.fallback, *([language.derived_from] if language.derived_from else [])):
            if other not in languages or not languages[other].hand_translated:
                field_name = "derived_from" if other == language.derived_from else "fallback"
                hand = ", ".join(l.code for l in languages.hand_translated)
                raise LanguageError(f"mkdocs.yml: plugins.i18n.languages ({language.code}): extra.language.{field_name}: "
                                    f"'{other}' is not a hand-translated language of the site (they are: {hand})")
    return languages


class _MkDocsYamlLoader(yaml.SafeLoader):
    """mkdocs.yml with MkDocs' own tags (`!ENV`, `!relative`) read as nothing: the tools
    outside a build read the languages only."""


_MkDocsYamlLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def from_mkdocs_yml(path: Path) -> Languages:
    """The languages of a project, for the staff tools that run without MkDocs."""
    config = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_MkDocsYamlLoader) or {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return from_entries(plugin["i18n"].get("languages") or [])
    raise LanguageError(f"{path}: no i18n plugin with its languages")
