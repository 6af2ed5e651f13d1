"""Validation's words for staff: a pydantic error, an invisible character, turned into one
located line, `file:line: field: message` (loading.Problem), readable by a non-programmer.

`validate(located, model)` is how every document is checked against its model; list files
are checked entry by entry (`validate_entries`), so one bad entry hides no other problem.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from pydantic import TypeAdapter, ValidationError

from .loading import Located, Problem

_FRIENDLY = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field (check the spelling; see the content contract in STAFF.md)",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "too_short": "must list at least one entry",
    "list_type": "expected a list (like [a, b] or one '- item' per line)",
    "model_type": "expected a set of 'field: value' lines",
    "model_attributes_type": "expected a set of 'field: value' lines",
}


def field_name(loc: tuple, top_is_list: bool) -> str:
    parts = list(loc[1:] if top_is_list and loc and isinstance(loc[0], int) else loc)
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            # A key YAML read from odd input (a space, a number, a control character) is quoted.
            name = str(part) if re.fullmatch(r"[A-Za-z_][\w-]*", str(part)) else repr(part)
            text += ("." if text else "") + name
    return text


def _message(error: dict) -> str:
    if error["type"] in _FRIENDLY:
        return _FRIENDLY[error["type"]]
    if error["type"] == "literal_error":
        return f"unknown value {_shown(error.get('input'))}; expected {error['ctx']['expected']}"
    message = error["msg"]
    return message.removeprefix("Value error, ")


def _shown(value) -> str:
    return repr(value) if isinstance(value, (str, int, float, bool)) or value is None else "a " + type(value).__name__


@lru_cache(maxsize=None)
def _adapter(schema) -> TypeAdapter:
    # Building a TypeAdapter compiles the schema: once per schema, not once per article.
    return TypeAdapter(schema)


def slip_problems(located: Located) -> list[Problem]:
    """The invisible or look-alike characters parse_yaml took out of the document, located."""
    top_is_list = isinstance(located.data, list)
    return [Problem(located.path, line or located.line_of(loc), field_name(loc, top_is_list), message)
            for loc, line, message in located.slips]


def validate(located: Located, schema) -> tuple[object | None, list[Problem]]:
    """Validate a located document against a model; map pydantic errors to positions."""
    slips = slip_problems(located)
    try:
        return _adapter(schema).validate_python(located.data), slips
    except ValidationError as error:
        top_is_list = isinstance(located.data, list)
        problems = slips
        for item in error.errors():
            loc = tuple(p for p in item["loc"] if not (isinstance(p, str) and "[" in p))  # drop union tags
            problems.append(
                Problem(located.path, located.line_of(loc), field_name(loc, top_is_list), _message(item))
            )
        return None, problems


def validate_entries(located: Located, item_schema) -> tuple[list, list[Problem]]:
    """Validate a list file entry by entry, so one bad entry hides no problem in the others.

    Entries that fail are left out of the result; their `id`, if readable, is kept as a
    placeholder so that references to them are not reported a second time as unknown.
    """
    if not isinstance(located.data, list):
        return validate(located, list[item_schema])
    entries, problems = [], slip_problems(located)
    lines_by_entry = _lines_by_entry(located)
    for index, raw in enumerate(located.data):
        entry, found = validate(Located(located.path, raw, lines_by_entry.get(index, {}), located.line_of((index,))), item_schema)
        problems += found
        if entry is not None:
            entries.append(entry)
        elif isinstance(raw, dict) and isinstance(raw.get("id"), str):
            entries.append(Unreadable(raw["id"]))
    return entries, problems


@dataclass(frozen=True)
class Unreadable:
    """Stands for an entry that failed validation; only its id is known."""

    id: str


def _lines_by_entry(located: Located) -> dict[int, dict]:
    """The line table of a list file split per entry, in one pass (not one scan per entry)."""
    tables: dict[int, dict] = defaultdict(dict)
    for key, line in located.lines.items():
        if key and isinstance(key[0], int):
            tables[key[0]][key[1:]] = line
    return tables


