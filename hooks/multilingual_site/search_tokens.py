"""Words for search: the one specification, and its Python side (the build's index).

The browser cuts queries with `overrides/assets/javascripts/site-search.js` (`indexTokens`,
`queryTerms`), which implements this same specification: a query word must be cut exactly
as the page's words were, or it finds nothing. tests/test_search_tokens.py runs both on the
same texts (the real site's, Korean, Traditional Chinese, a sweep of Unicode) and compares.

Specification (format 1)
------------------------

1. **Fold** the text:
   a. Unicode NFKC (full-width Latin and digits become ASCII, compatibility forms are
      unified: ｋｕｎｍｉｎｇ and ２０２３ are kunming and 2023);
   b. lower case, Unicode's default full mapping (Python `str.lower`, JavaScript
      `toLowerCase`), then the two case foldings lower case leaves out: ß → ss, ς → σ;
   c. accents off: NFD, every combining diacritical mark U+0300–U+036F removed, NFC
      (Montréal → montreal; Hangul and kana, whose marks lie elsewhere, come back whole);
   d. Han characters to one script: each Traditional character (and Taiwan variant) to its
      Simplified form, OpenCC's character tables (`han_variants`: 發 and 髮 → 发, 臺 → 台),
      so that a query in either script finds a page in either: the Traditional Chinese
      site is converted from the Simplified one, and its readers type both. A character
      table, not OpenCC's phrases: a query is cut like the text, one character at a time.
      The browser gets the part of the table the index needs (the pairs whose Simplified
      character the index holds: search_index.py puts them in its manifest); a character
      whose Simplified form the index lacks can match nothing either way.
2. **Cut** the folded text into runs, leftmost first, each run one of:
   a. CJK: Han characters and kana (`CJK_RANGES`): no spaces between words and no
      dictionary in the browser, so a run is indexed as its overlapping bigrams and its last
      character alone (生物多样性 → 生物 物多 多样 样性 性; 市 → 市): every character is then
      the first of some token. A query run of two characters or more is its bigrams, each
      matching whole tokens (生物多样 finds 生物多样性); a single character matches every
      token it begins (市 finds 市长 and the 市 of 昆明市);
   b. digits: a run of decimal digits (category Nd), one token (2023, 15 of COP15);
   c. word: a run of other letters (categories L*, Nl, No): Latin, Cyrillic, Hangul,
      Greek... one token per run; Korean words keep their particles (울란바토르에서), which
      is why query words match by prefix (below);
   anything else (spaces, punctuation, symbols, emoji, marks outside words) separates.
3. **Stem** a word of ASCII letters only, five letters or more, ending in s but not in
   ss, us or is: -ies becomes -y (cities → city), -sses → -ss, otherwise the s goes
   (offices → office, areas → area); "news", "bus", "analysis", "process" stay.
   Measured on bench/search_queries.yml (ARCHITECTURE.md, Search): plural and singular
   queries find the same pages.
4. **Query terms** are the tokens of the query, cut the same way, each used once, in
   order: a word of two letters or more, and a lone CJK character, also match every index
   token they begin (울란바토르 finds 울란바토르에서, biodiv finds biodiversity); CJK
   bigrams, digits and one-letter words match whole tokens only.
5. **Korean particles** (`PARTICLES`): a query word of Hangul syllables that ends in one,
   with two syllables or more before it, is searched by what comes before it, as a prefix
   (울란바토르의 and 울란바토르에서 find 울란바토르 and 울란바토르시). Only the query's:
   the index keeps words as written, and a prefix of a word finds the word with any
   particle; stripping can only find more, never less.

Python and JavaScript agree for every character both Unicode databases know (Python
3.11: Unicode 14; the browser's may be newer, so a letter added since may cut differently).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

FORMAT = 2

# Han (radicals, 々 〇 and the Hangzhou numerals, the unified ideographs and extensions,
# compatibility ideographs) and kana (hiragana, katakana with ー, their extensions, small
# kana). The JavaScript side writes the same ranges.
CJK_RANGES = (
    (0x2E80, 0x2FDF), (0x3005, 0x3005), (0x3007, 0x3007), (0x3021, 0x3029), (0x3038, 0x303B),
    (0x3041, 0x309F), (0x30A0, 0x30FF), (0x31F0, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF), (0x1B000, 0x1B16F), (0x20000, 0x323AF),
)
_CJK = "".join(f"{chr(a)}-{chr(b)}" for a, b in CJK_RANGES)
# One alternative per kind of run; `[^\W\d_...]` is "a letter or a numeric that is not a
# decimal digit, not CJK" (Python's \w is letters, numerics and the underscore).
_RUNS = re.compile(f"(?P<cjk>[{_CJK}]+)|(?P<digits>\\d+)|(?P<word>[^\\W\\d_{_CJK}]+)")
_MARKS = re.compile("[\u0300-\u036f]+")
_NEEDS_FOLDING = re.compile("[^a-z0-9\\s]")  # ASCII lower case and spaces fold to themselves
# Speed only, the same result: full-width forms and the ideographic space, common in Chinese
# text, replaced by their compatibility forms first let most texts pass NFKC's quick check;
# only a text holding a character that NFD gives a mark U+0300–U+036F (every such character
# lies in these ranges: tests/test_search_tokens.py) needs the accents step.
_WIDE = {c: unicodedata.normalize("NFKC", chr(c)) for c in (0x3000, *range(0xFF01, 0xFF5F))}
_MAY_HOLD_MARKS = re.compile("[\u00c0-\u04ff\u1e00-\u1fff\u2000-\u2aff]")
# Han characters that may have a Simplified form of their own (the CJK ranges' Han part).
_HAN_RANGES = ((0x2E80, 0x2FDF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))
_MAY_BE_HAN = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _HAN_RANGES) + "]")
# Korean particles a query word may end in (step 5), the longest first.
PARTICLES = ("에서", "에게", "으로", "부터", "까지", "처럼", "보다", "하고",
             "의", "에", "은", "는", "이", "가", "을", "를", "과", "와", "로", "도", "만")
_HANGUL_WORD = re.compile("[\uac00-\ud7a3]+")


@lru_cache(maxsize=1)
def han_variants() -> dict[str, str]:
    """Traditional character (or Taiwan variant) -> its Simplified form: OpenCC's `t2s` and
    `tw2s` character by character (the build pins OpenCC, so the table is the same on every
    machine), chains followed to the end so that folding twice changes nothing."""
    import opencc  # the site's requirements pin it (it converts the Traditional Chinese site)

    characters = [chr(c) for a, b in _HAN_RANGES for c in range(a, b + 1)]
    table: dict[str, str] = {}
    for configuration in ("t2s", "tw2s"):
        converted = opencc.OpenCC(configuration).convert("\n".join(characters)).split("\n")
        for character, simplified in zip(characters, converted):
            if simplified != character and len(simplified) == 1:
                table.setdefault(character, simplified)
    for character, simplified in table.items():
        seen = {character}
        while simplified in table and simplified not in seen:
            seen.add(simplified)
            simplified = table[simplified]
        table[character] = simplified
    return {character: simplified for character, simplified in table.items() if character != simplified}


@lru_cache(maxsize=1)
def _han_table() -> dict[int, str]:
    return {ord(character): simplified for character, simplified in han_variants().items()}


def fold(text: str) -> str:
    """Step 1 of the specification."""
    if not _NEEDS_FOLDING.search(text):
        return text
    text = text.translate(_WIDE)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = text.lower().replace("ß", "ss").replace("ς", "σ")
    if _MAY_HOLD_MARKS.search(text):
        decomposed = unicodedata.normalize("NFD", text)
        if _MARKS.search(decomposed):
            text = unicodedata.normalize("NFC", _MARKS.sub("", decomposed))
    if _MAY_BE_HAN.search(text):
        text = text.translate(_han_table())
    return text


def without_particle(word: str) -> str | None:
    """Step 5: a Hangul word's part before the particle it ends in (None: no particle)."""
    if not _HANGUL_WORD.fullmatch(word):
        return None
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return word[:-len(particle)]
    return None


def stem(word: str) -> str:
    """Step 3: plural English words to their singular."""
    if len(word) < 5 or word[-1] != "s" or word[-2] in "sui" or not word.isascii() or not word.isalpha():
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    return word[:-1]


def runs(folded: str) -> Iterator[tuple[str, str]]:
    """(kind, text) of each run of a folded text: "cjk", "digits" or "word"."""
    for match in _RUNS.finditer(folded):
        yield match.lastgroup, match.group()


# The runs of each kind, one pass each over a text (the kinds' characters do not overlap, so
# these are the runs of `runs`): a build cuts millions of characters.
_BIGRAMS = re.compile(f"(?=([{_CJK}]{{2}}))")
_LAST_CJK = re.compile(f"[{_CJK}](?![{_CJK}])")
_DIGITS = re.compile(r"\d+")
_WORDS = re.compile(f"[^\\W\\d_{_CJK}]+")


def index_tokens(text: str) -> list[str]:
    """Every token of `text` as the index holds it, repeats kept (they count); grouped by
    kind, not in the text's order."""
    folded = fold(text)
    tokens = _BIGRAMS.findall(folded)
    tokens += _LAST_CJK.findall(folded)
    tokens += _DIGITS.findall(folded)
    tokens += [stem(word) if word[-1] == "s" else word for word in _WORDS.findall(folded)]
    return tokens


def query_terms(text: str) -> list[tuple[str, bool]]:
    """(token, matches by prefix) of each distinct term of a query, in order."""
    terms: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for kind, run in runs(fold(text)):
        if kind == "cjk":
            found = [(run[i:i + 2], False) for i in range(len(run) - 1)] if len(run) > 1 else [(run, True)]
        elif kind == "word":
            word = without_particle(run) or stem(run)
            found = [(word, len(word) > 1)]
        else:
            found = [(run, False)]
        for term in found:
            if term[0] not in seen:
                seen.add(term[0])
                terms.append(term)
    return terms
