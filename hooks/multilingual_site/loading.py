"""Read YAML data files and Markdown front matter, remembering where each value sits.

Everything the site publishes enters through here, so every problem is turned into a
`Problem` that names the file, the line and the field, never into a traceback.

Two deliberate choices:
- Timestamps are *not* resolved by the YAML loader: PyYAML would turn `2023-02-30` into a
  bare `ValueError` with no position. Dates stay strings and the models parse them.
- Positions come from PyYAML's node tree (`yaml.compose`), indexed by the path of keys and
  list indexes that pydantic reports in its error locations.

Content never needs YAML's anchors, aliases or explicit tags, and never nests deeply, so
those are refused from the event stream before any node is built: an alias bomb ("billion
laughs") would otherwise exhaust memory, deep nesting the stack, and `!!timestamp` bypass
the date rules. Full-width punctuation typed with a Chinese input method (`title：`, a
full-width space after the colon) is named, with what to type instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import invisible_characters


@dataclass(frozen=True, order=True)
class Problem:
    """One located error, printed as `file:line: field: message`."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ContentError(Exception):
    """Raised with every problem found, so the author sees them all at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class _DataLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader without the timestamp resolver (see the module docstring); libyaml's C
    parser when PyYAML has it (ten times faster on thousands of articles)."""


_DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Located:
    """A parsed YAML document and the line of every value in it, by path."""

    path: str
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    first_line: int = 1
    # Invisible or look-alike characters found in keys and values, taken out of `data`:
    # (path, line, message) each (invisible_characters.py); content.validate reports them.
    slips: list[tuple] = field(default_factory=list)

    def line_of(self, loc: tuple) -> int:
        """Line of the deepest part of `loc` that exists (a missing key points at its parent)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), self.first_line)


def _index_lines(node: yaml.Node, path: tuple, lines: dict, offset: int, twice: list) -> None:
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1 + offset
            if path + (key,) in lines:  # YAML would silently keep the last one
                twice.append((line, path + (key,), lines[path + (key,)]))
            lines[path + (key,)] = line
            _index_lines(value_node, path + (key,), lines, offset, twice)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1 + offset
            _index_lines(item, path + (index,), lines, offset, twice)


# Deeper than any content file needs (offices.yml, the deepest, nests five levels).
MAX_DEPTH = 20


def _refuse_unneeded_features(text: str, path: str, line_offset: int) -> None:
    """Anchors, aliases, explicit tags and deep nesting, found in the event stream (no node
    is built yet, so nothing can blow up): one located problem each."""
    problems, depth = [], 0
    try:
        for event in yaml.parse(text, Loader=_DataLoader):
            line = event.start_mark.line + 1 + line_offset
            if isinstance(event, yaml.AliasEvent):
                problems.append(Problem(path, line, "", f"'*{event.anchor}' is a YAML alias, which content never needs; "
                                        "write the value itself"))
                continue
            anchor, tag = getattr(event, "anchor", None), getattr(event, "tag", None)
            if anchor is not None:
                problems.append(Problem(path, line, "", f"'&{anchor}' is a YAML anchor, which content never needs; remove it"))
            if tag is not None:
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                problems.append(Problem(path, line, "", f"'{shown}' is an explicit YAML tag, which content never needs; "
                                        "remove it and write the value as plain text"))
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ContentError([Problem(path, line, "", f"nested more than {MAX_DEPTH} levels deep; "
                                                "content never needs that (check the indentation and brackets)")])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # a syntax error: parse_yaml reports it with its position
    if problems:
        raise ContentError(problems)


# A key typed with a Chinese input method, or pasted: `title：…`, or `title:` followed by a
# space YAML does not take for one (U+3000 from an input method, a no-break space...).
_FULL_WIDTH_KEY = re.compile(r"^(?P<indent>[ \t]*(?:-[ \t]+)?)(?P<key>[A-Za-z_][A-Za-z0-9_-]*)[ \t]*"
                             r"(?P<mark>：|:[\u3000\u00a0\u2007\u2009\u202f])")
_FULL_WIDTH_INDENT = re.compile(r"^[ \t]*\u3000")


def input_method_problem(text: str, path: str, line_offset: int = 0) -> Problem | None:
    """The first line where a Chinese input method's full-width punctuation broke the YAML."""
    for number, line in enumerate(text.splitlines(), start=1 + line_offset):
        match = _FULL_WIDTH_KEY.match(line)
        if match and match["mark"] == "：":
            return Problem(path, number, match["key"], "a full-width colon '：' after the field name; "
                           f"type an ASCII colon and a space instead: '{match['key']}: ' (switch the input method to English)")
        if match:
            space = invisible_characters.name_of(match["mark"][1])
            return Problem(path, number, match["key"], f"{space} after '{match['key']}:'; "
                           f"type an ASCII space instead: '{match['key']}: ' (switch the input method to English)")
        if _FULL_WIDTH_INDENT.match(line):
            return Problem(path, number, "", "a full-width space '\u3000' in the indentation; indent with ASCII spaces")
    return None


def parse_yaml(text: str, path: str, line_offset: int = 0) -> Located:
    """Parse one YAML document; raise ContentError with the position of a syntax error."""
    _refuse_unneeded_features(text, path, line_offset)
    loader = _DataLoader(text)
    try:
        # One parse: the node tree gives the positions, and the data is built from it.
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if "quoted scalar" in (error.context or "") and error.context_mark is not None:
            # An unclosed quote is found only where the text ends: name the line it opens on.
            line = error.context_mark.line + 1 + line_offset
            raise ContentError([Problem(path, line, "", "YAML syntax error: a quote opens on this line and is never "
                                        "closed; add the closing quote (or remove the opening one)")]) from None
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        problem = error.problem or "invalid YAML"
        lines = text.splitlines()
        nearby = lines[max(0, mark.line - 1): mark.line + 1] if mark else []
        if "tab" in problem or any("\t" in line[: len(line) - len(line.lstrip())] for line in nearby):
            problem = "a tab character; indent YAML with spaces"
        hint = " (check the indentation and quotes on this line and the one above)" if "tab character" not in problem else ""
        typed = input_method_problem(text, path, line_offset)
        raise ContentError([typed or Problem(path, line, "", f"YAML syntax error: {problem}{hint}")]) from None
    except yaml.YAMLError as error:  # pragma: no cover - non-marked errors are rare
        raise ContentError([Problem(path, 1 + line_offset, "", f"YAML error: {error}")]) from None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    twice: list = []
    if node is not None:
        _index_lines(node, (), lines, line_offset, twice)
    if twice:
        raise ContentError([
            Problem(path, line, ".".join(str(p) for p in key_path if not isinstance(p, int)) or "",
                    f"given twice (first on line {first}); keep one")
            for line, key_path, first in twice
        ])
    data, lines, slips = invisible_characters.find_in(data, lines)
    return Located(path=path, data=data, lines=lines, first_line=1 + line_offset, slips=slips)


def read_text(file: Path, shown_as: str) -> str:
    """Read a UTF-8 file without BOM; anything else is a located problem."""
    raw = file.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise ContentError([Problem(shown_as, 1, "", "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError([Problem(shown_as, line, "", "file is not valid UTF-8; save it as UTF-8")]) from None


def load_data_file(file: Path, shown_as: str) -> Located:
    """Load one `data/*.yml` file."""
    text = read_text(file, shown_as)
    if not text.strip():
        raise ContentError([Problem(shown_as, 1, "", "file is empty")])
    return parse_yaml(text, shown_as)


# As MkDocs reads it: the closing `---` must end its line (a file ending right after `---`
# would be shown with its front matter as text).
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*\r?\n", re.DOTALL)


@dataclass
class MarkdownSource:
    """A Markdown page split into its front matter (located) and body."""

    front_matter: Located
    body: str
    body_first_line: int  # line number of the body's first line in the file


def load_markdown(file: Path, shown_as: str) -> MarkdownSource:
    """Split front matter from body; the YAML's line numbers are those of the file."""
    text = read_text(file, shown_as)
    if not text.strip():
        raise ContentError([Problem(shown_as, 1, "", "file is empty")])
    match = _FRONT_MATTER.match(text)
    if not match and _FRONT_MATTER.match(text + "\n"):
        raise ContentError([Problem(shown_as, text.count("\n") + 1, "", "the closing '---' must be followed by a line break; "
                                    "add an empty line at the end of the file")])
    if not match:
        raise ContentError([Problem(shown_as, 1, "", "no front matter: the file must start with a '---' line, then the fields, then '---'")])
    located = parse_yaml(match.group(1) or "", shown_as, line_offset=1)
    if not isinstance(located.data, dict):
        typed = input_method_problem(match.group(1) or "", shown_as, line_offset=1)
        raise ContentError([typed or Problem(shown_as, 2, "", "front matter must be a set of 'field: value' lines")])
    return MarkdownSource(front_matter=located, body=text[match.end():],
                          body_first_line=text[: match.end()].count("\n") + 1)
