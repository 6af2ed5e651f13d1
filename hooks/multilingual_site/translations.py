"""Translations: what each language is missing, and which translations are out of date.

**Which version a translation was made from.** A translation records it in its front matter:
`translated_from: zh@3fa2b1c0e9d8`, the language of its source and a content hash of the
source's text as it was (`source_version`: title, summary and body). `make news` writes it
into a new article's translations, the editor writes it when a translation is saved, and
`make translated FILE=...` records it by hand. A content hash, not git history: it works in
a folder that is not a git checkout (the editor's, a zip of the site) and says exactly which
text was translated. When the source's text changes, its hash does: the translation is
reported outdated until it is updated and its record renewed. A record naming a version that
no longer exists (an unknown language, a hash of no text the source ever had) is outdated too,
never an error.

**How an untranslated page is handled** (`SiteContent._stand_ins`): every page exists in
every language. Where a language has no version of a page or an article, the build publishes,
at that language's own address, the version its readers are shown instead (the language's
`fallback` list in mkdocs.yml, then the default language), with a visible notice in the
reader's language naming the language shown, `<html lang>` of the text shown, and a
canonical link to the original. Search engines see no duplicate (canonical; left out of the
sitemap and of hreflang, which list only the languages a page exists in), the language
switcher always lands on the same page, and the page says when it is not translated.
Listings show such an article's card, marked with its language. Feeds and search hold only
the language's own articles and pages.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

RECORD = re.compile(r"^(?P<lang>[A-Za-z][A-Za-z0-9_-]*)@(?P<version>[0-9a-f]{12})$")


def source_version(title: str | None, summary: str | None, body: str) -> str:
    """The content hash a translation records of its source: its title, summary and body,
    with line endings and surrounding space normalised (editor/editor.js computes the same)."""
    text = "\n".join(part.replace("\r\n", "\n").strip() for part in (title or "", summary or "", body or ""))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def version_of(item) -> str:
    summary = getattr(item.meta, "summary", None)
    return source_version(item.meta.title, summary, getattr(item, "body", ""))


@dataclass
class LanguageStatus:
    missing: list[tuple[str, str]] = field(default_factory=list)  # (source shown_as, language shown instead)
    outdated: list[tuple[str, str]] = field(default_factory=list)  # (translation shown_as, why)
    untracked: list[str] = field(default_factory=list)  # translations without a record


def _identity(item) -> str:
    return item.slug if hasattr(item, "slug") else item.identity


def status(content) -> dict[str, LanguageStatus]:
    """Hand-translated language code -> its missing, outdated and untracked pages and articles
    (derived languages are made from their source: never missing, never out of date)."""
    languages = content.languages
    result = {language.code: LanguageStatus() for language in languages.hand_translated}
    versions: dict[tuple[str, str], dict[str, object]] = {}
    for item in (*content.articles, *content.pages):
        if item.derived_from is None and item.fallback_of is None:
            versions.setdefault((type(item).__name__, _identity(item)), {})[item.lang] = item
    for (_kind, _identity_), have in sorted(versions.items()):
        originals = [item for item in have.values() if not item.meta.translated_from]
        source = next((have[code] for code in languages.codes if code in have and have[code] in originals),
                      next(iter(have.values())))
        for language in languages.hand_translated:
            item = have.get(language.code)
            if item is None:
                shown = next((code for code in languages.fallbacks(language.code) if code in have), source.lang)
                result[language.code].missing.append((have[shown].shown_as, shown))
                continue
            record = item.meta.translated_from
            if not record:
                if item is not source:
                    result[language.code].untracked.append(item.shown_as)
                continue
            match = RECORD.match(record)
            recorded = have.get(match["lang"]) if match else None
            if recorded is None:
                result[language.code].outdated.append((item.shown_as, f"its source ({record}) no longer exists"))
            elif version_of(recorded) != match["version"]:
                result[language.code].outdated.append((item.shown_as, f"{recorded.shown_as} changed since it was translated"))
    return result


def report_lines(statuses: dict[str, LanguageStatus], detailed: bool = False) -> list[str]:
    """What `make translations` prints (detailed), or the build log's one line per language."""
    lines = []
    for code, found in statuses.items():
        if not detailed:
            if found.missing or found.outdated:
                lines.append(f"Translations ({code}): {len(found.missing)} missing, {len(found.outdated)} outdated "
                             "(make translations lists them)")
            continue
        for shown_as, shown in found.missing:
            lines.append(f"{code}: missing: {shown_as} has no {code} version (its readers are shown this {shown} one)")
        for translation, why in found.outdated:
            lines.append(f"{code}: outdated: {translation}: {why}")
        for translation in found.untracked:
            lines.append(f"{code}: no source version recorded: {translation} (make translated FILE={translation})")
    return lines
