"""Characters an author cannot see, or cannot tell from the ones meant, named in words.

A Chinese input method types a full-width space (U+3000) where YAML needs an ASCII one; text
pasted from a word processor or a web page brings no-break spaces, zero-width spaces and
byte-order marks. In a field name they make an unknown field (`'\\u3000members': unknown
field` is all pydantic can say); in an id, a date or a web address, a value that looks right
and fails; in text, words that search cannot find. So every such character of a YAML
document's keys and values is reported on its own, at its line, named and placed by the
visible text around it: `a full-width space (U+3000) before "members"; delete it`.

What counts:
- in a field name: any character but printable ASCII (field names are ASCII words);
- in a value: an invisible format character anywhere (Unicode category Cf: zero-width space,
  joiners, word joiner, byte-order mark, soft hyphen, direction marks), and a space other
  than the ASCII one at either end (invisible there);
- in a value that is otherwise a single ASCII word (an id, a date, a web address), a space
  other than the ASCII one, or a full-width colon or comma, anywhere.
A full-width space or colon inside Chinese text is Chinese typography, and left alone.

Plain data in, plain data out: `find_in(data)` gives the problems by path and the data with
those characters removed, so the model's own checks still run, on what the author meant.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Names staff recognise, for the characters they meet; others get Unicode's own name.
_NAMES = {
    "\u3000": "a full-width space",
    "\u00a0": "a no-break space",
    "\u202f": "a narrow no-break space",
    "\u2007": "a figure space",
    "\u2009": "a thin space",
    "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner",
    "\u200d": "a zero-width joiner",
    "\u2060": "a word joiner",
    "\ufeff": "a byte-order mark",
    "\u00ad": "a soft hyphen",
    "\u200e": "a left-to-right mark",
    "\u200f": "a right-to-left mark",
    "\uff1a": "a full-width colon",
    "\uff0c": "a full-width comma",
    "\t": "a tab",
}
# What an author types instead of a visible look-alike.
_INSTEAD = {"\uff1a": "type an ASCII colon ':' instead", "\uff0c": "type an ASCII comma ',' instead"}
_CONTEXT = 12  # visible characters quoted on each side, at most
# Every character a value may be reported for (format characters, spaces other than ASCII's,
# the look-alikes): a value without one costs one search (thousands of values per build).
# Those beyond the Basic Multilingual Plane (Egyptian, shorthand and musical format
# characters, language tags) are listed rather than looked up: reading every code point's
# category cost a quarter of a second at every start.
_CANDIDATES = re.compile("[" + "".join(
    re.escape(chr(code)) for code in range(0x80, 0x10000) if unicodedata.category(chr(code)) in ("Cf", "Zs"))
    + "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    + "\U000e0001\U000e0020-\U000e007f" + "\t" + "".join(_INSTEAD) + "]")


@dataclass(frozen=True)
class Slip:
    """One character: what it is, where it is, what to do."""

    message: str


def name_of(ch: str) -> str:
    """`a full-width space (U+3000)`; for a character without a name of ours, Unicode's."""
    code = f"U+{ord(ch):04X}"
    if ch in _NAMES:
        return f"{_NAMES[ch]} ({code})"
    if "\uff01" <= ch <= "\uff5e":  # full-width forms of ASCII, typed with a Chinese input method
        return f'a full-width "{ch}" ({code})'
    return f'"{ch}" ({unicodedata.name(ch, "an unnamed character").lower()}, {code})'


def _is_suspect_in_key(ch: str) -> bool:
    return not (" " < ch < "\x7f")


def _is_invisible(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf"


def _is_odd_space(ch: str) -> bool:
    return ch != " " and (unicodedata.category(ch) == "Zs" or ch == "\t")


def _position(text: str, start: int, end: int, flagged: set[int]) -> str:
    """Where text[start:end] (a run of one character) sits, by the visible text around it
    (quoted up to the next character that is itself reported)."""
    left = start
    while left > 0 and left - 1 not in flagged and start - left < _CONTEXT:
        left -= 1
    right = end
    while right < len(text) and right not in flagged and right - end < _CONTEXT:
        right += 1
    before, after = text[left:start].strip(), text[end:right].strip()
    if before and after:
        return f'between "{before}" and "{after}"'
    if after:
        return f'before "{after}"'
    if before:
        return f'after "{before}"'
    return "on its own"


def _slips(text: str, flagged: set[int], *, key: bool) -> list[Slip]:
    """One slip per flagged character of `text` (by index)."""
    slips = []
    index = 0
    while index < len(text):
        if index not in flagged:
            index += 1
            continue
        ch = text[index]
        end = index
        while end < len(text) and end in flagged and text[end] == ch:
            end += 1
        where = _position(text, index, end, flagged)
        if ch in _INSTEAD:
            todo = _INSTEAD[ch]
        elif _ascii_twin(ch):
            todo = f'type a plain "{_ascii_twin(ch)}" instead (switch the input method to English)'
        elif key and not (_is_invisible(ch) or _is_odd_space(ch)):
            todo = "field names are plain ASCII letters: type it again with the input method set to English"
        else:
            todo = "delete it"
        run = end - index
        for number in range(1, run + 1):
            which = f", {number} of {run}," if run > 1 else ""
            slips.append(Slip(f"{name_of(ch)}{which} {where}; {todo}"))
        index = end
    return slips


def _ascii_twin(ch: str) -> str | None:
    """The ASCII character a full-width form stands for (U+FF4D "ｍ" -> "m"), if any."""
    twin = unicodedata.normalize("NFKC", ch)
    return twin if len(twin) == 1 and "!" <= twin <= "~" and twin != ch else None


def slips_in_key(key: str) -> list[Slip]:
    return _slips(key, {i for i, ch in enumerate(key) if _is_suspect_in_key(ch)}, key=True)


def _look_alike(ch: str) -> bool:
    return _is_invisible(ch) or _is_odd_space(ch) or ch in _INSTEAD


def _machine_value(text: str) -> bool:
    """A single ASCII word once the odd characters are taken out: an id, a date, an address."""
    plain = "".join(ch for ch in text if not _look_alike(ch))
    return bool(plain) and plain.isascii() and " " not in plain.strip()


def flagged_in_value(value: str) -> set[int]:
    """The indexes of the characters of `value` to report (see the module docstring)."""
    if _machine_value(value):
        return {i for i, ch in enumerate(value) if _look_alike(ch)}
    flagged = {i for i, ch in enumerate(value) if _is_invisible(ch)}
    start, end = len(value) - len(value.lstrip()), len(value.rstrip())
    flagged |= {i for i in [*range(start), *range(end, len(value))] if _is_odd_space(value[i])}
    return flagged


def slips_in_value(value: str) -> list[Slip]:
    return _slips(value, flagged_in_value(value), key=False)


def _meant(ch: str) -> str:
    """What a reported character stands for: a full-width form its ASCII twin, others nothing."""
    return _ascii_twin(ch) or ""


def cleaned_key(key: str) -> str:
    return "".join(_meant(ch) if _is_suspect_in_key(ch) else ch for ch in key)


def cleaned_value(value: str) -> str:
    flagged = flagged_in_value(value)
    return "".join(_meant(ch) if i in flagged else ch for i, ch in enumerate(value))


def find_in(data, lines: dict[tuple, int]) -> tuple[object, dict[tuple, int], list[tuple[tuple, int | None, str]]]:
    """Every slip in the keys and string values of a parsed YAML document: (the data with
    them taken out, its line table by the cleaned keys, [(cleaned path, line, message)])."""
    slips: list[tuple[tuple, int | None, str]] = []
    renamed = False

    def walk(value, path: tuple, clean_path: tuple):
        nonlocal renamed
        if isinstance(value, dict):
            cleaned = {}
            for key, item in value.items():
                clean = key
                if isinstance(key, str) and not (key.isascii() and key.isprintable()):
                    clean = cleaned_key(key)
                    renamed = True
                    line = lines.get(path + (key,))
                    slips.extend((clean_path + (clean,), line, s.message) for s in slips_in_key(key))
                cleaned[clean] = walk(item, path + (key,), clean_path + (clean,))
            return cleaned
        if isinstance(value, list):
            return [walk(item, path + (i,), clean_path + (i,)) for i, item in enumerate(value)]
        if isinstance(value, str) and _CANDIDATES.search(value):
            found = slips_in_value(value)
            if found:
                line = lines.get(path)
                slips.extend((clean_path, line, s.message) for s in found)
                return cleaned_value(value)
        return value

    data = walk(data, (), ())
    if renamed:
        lines = {tuple(cleaned_key(part) if isinstance(part, str) else part for part in path): line
                 for path, line in lines.items()}
    return data, lines, slips
