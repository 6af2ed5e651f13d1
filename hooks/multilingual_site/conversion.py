"""A language made from another at build time: Traditional Chinese (Taiwan usage) from the
Simplified sources, by OpenCC (`opencc:s2twp`), never written by hand.

OpenCC converts characters and, with Taiwan phrases, words (软件 → 軟體); it gets some names
and terms wrong, so a reviewed phrase table in `data/` (a list of `[simplified, traditional]`
pairs) wins over it: each phrase is set aside before OpenCC runs and put back, in its
reviewed form, after; the longest phrase first, so a name wins over a word inside it.

Only text is converted: in Markdown, link and image addresses, reference definitions, HTML
tags and code stay as written (an image named 宁波活动.jpg is still found), and in front
matter only the fields that hold text (`TEXT_FIELDS`). Deterministic: the same source, table
and OpenCC version give the same text (the version is pinned).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .content_messages import slip_problems
from .loading import ContentError, Problem, load_data_file

# Front-matter fields that hold text a reader reads; ids, dates, file names stay as written.
TEXT_FIELDS = ("title", "summary", "source", "description", "tags")

# What Markdown never shows as text: fenced code, inline code, HTML tags and comments,
# autolinks, a link's or an image's address (`](address` — its title, a caption, is text),
# and reference definitions' labels and addresses.
_PROTECTED = re.compile(
    r"```.*?```|~~~.*?~~~"
    r"|`[^`\n]+`"
    r"|<!--.*?-->|<[A-Za-z/!][^>\n]*>"
    r"|\]\(\s*(?:<[^>\n]*>|[^)\s]*)"
    r"|^[ ]{0,3}\[[^\]\n]+(?P<definition>\]:[ \t]*\S+)",  # a label is text, converted as its uses are
    re.DOTALL | re.MULTILINE,
)
# Placeholders for set-aside phrases: private-use characters no source holds (content
# checks refuse none of them, but OpenCC leaves them alone).
_PRIVATE = 0xF0000


class Converter:
    """Text of one language made from another's: OpenCC, then the reviewed phrases."""

    def __init__(self, configuration: str, phrases: list[tuple[str, str]] = ()):
        import opencc  # the site's requirements pin it; imported only where a language needs it

        self._opencc = opencc.OpenCC(configuration)
        self.phrases = sorted(phrases, key=lambda pair: (-len(pair[0]), pair[0]))
        self._pattern = re.compile("|".join(re.escape(source) for source, _ in self.phrases)) if self.phrases else None
        self._reviewed = dict(self.phrases)

    @lru_cache(maxsize=100_000)  # the same names and labels, again and again
    def text(self, text: str) -> str:
        """Plain text converted."""
        if not text:
            return text
        kept: list[str] = []
        if self._pattern is not None:
            def set_aside(match):
                kept.append(self._reviewed[match.group(0)])
                return chr(_PRIVATE + len(kept) - 1)
            text = self._pattern.sub(set_aside, text)
        converted = self._opencc.convert(text)
        for index, reviewed in enumerate(kept):
            converted = converted.replace(chr(_PRIVATE + index), reviewed)
        return converted

    def markdown(self, markdown: str) -> str:
        """A Markdown body converted, its addresses, tags and code left as written."""
        pieces, position = [], 0
        for match in _PROTECTED.finditer(markdown):
            start, end = match.span("definition") if match.group("definition") else match.span()
            pieces.append(self.text(markdown[position:start]))
            pieces.append(markdown[start:end])
            position = end
        pieces.append(self.text(markdown[position:]))
        return "".join(pieces)

    def front_matter(self, data: dict) -> dict:
        """Front matter with its text fields converted (TEXT_FIELDS), the rest as it is."""
        result = {}
        for key, value in data.items():
            if key in TEXT_FIELDS and isinstance(value, str):
                value = self.text(value)
            elif key in TEXT_FIELDS and isinstance(value, list):
                value = [self.text(item) if isinstance(item, str) else item for item in value]
            result[key] = value
        return result


# Characters that make Markdown or HTML: a phrase holding none, and OpenCC mapping Han
# characters only, a converted page carries no markup its source lacks, so it is not checked
# again (hooks/staff_html_check.py).
MARKUP = frozenset("<>&[](){}`*_\\!|#=\"'")


def load_phrases(file: Path, shown_as: str) -> tuple[list[tuple[str, str]], list[Problem]]:
    """A phrase table: a list of `[simplified, traditional]` pairs; anything else is a
    problem with its line (the good pairs are kept, so the rest of the content is checked too)."""
    if not file.is_file():
        return [], [Problem("mkdocs.yml", 1, "languages: phrases", f"{shown_as}: no such file in the project")]
    try:
        located = load_data_file(file, shown_as)
    except ContentError as error:
        return [], error.problems
    if not isinstance(located.data, list):
        return [], [Problem(shown_as, located.first_line, "", "expected a list of [simplified, traditional] pairs")]
    pairs, problems = [], slip_problems(located)
    for index, entry in enumerate(located.data):
        if (not isinstance(entry, list) or len(entry) != 2 or not all(isinstance(part, str) and part.strip() for part in entry)):
            problems.append(Problem(shown_as, located.line_of((index,)), f"[{index}]",
                                    "each entry must be a pair of texts: [simplified, traditional]"))
            continue
        markup = sorted({char for part in entry for char in part if char in MARKUP})
        if markup:
            problems.append(Problem(shown_as, located.line_of((index,)), f"[{index}]",
                                    f"a phrase is words only: remove {' '.join(markup)}"))
            continue
        pairs.append((entry[0].strip(), entry[1].strip()))
    return pairs, problems


def converters_and_problems(languages, project_dir: Path) -> tuple[dict[str, Converter], list[Problem]]:
    """The converter of every derived language, with the good entries of its phrase table, and
    every problem of the tables."""
    made, problems = {}, []
    for language in languages.derived:
        phrases, found = load_phrases(project_dir / language.phrases, language.phrases) if language.phrases else ([], [])
        made[language.code] = Converter(language.convert.removeprefix("opencc:"), phrases)
        problems += found
    return made, problems


def converters(languages, project_dir: Path) -> dict[str, Converter]:
    """The converter of every derived language; every problem of the phrase tables at once."""
    made, problems = converters_and_problems(languages, project_dir)
    if problems:
        raise ContentError(problems)
    return made
