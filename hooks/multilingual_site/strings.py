"""The site's interface words: one file per language, `strings/<locale>.yml`, so that a
translator adds a language by adding one file (and its entry in mkdocs.yml's languages).

Every file holds the same keys as the default language's (a missing or unknown key is
refused with its file and line); a derived language has no file: its words are its source's,
converted (conversion.py). The views get them as `t`; the build takes the site's name,
description, copyright and navigation labels of each language from them too. Material's own
words (search box, navigation aria labels) come from Material's language files.
"""

from __future__ import annotations

from pathlib import Path

from .conversion import Converter
from .content_messages import slip_problems
from .loading import ContentError, Located, Problem, load_data_file

FOLDER = "strings"


def _keys(data, prefix: tuple = ()) -> dict[tuple, object]:
    """Every key path of a mapping of mappings, with its value."""
    found = {}
    for key, value in data.items():
        path = prefix + (key,)
        if isinstance(value, dict):
            found.update(_keys(value, path))
        else:
            found[path] = value
    return found


def _converted(data, converter: Converter):
    if isinstance(data, dict):
        return {key: _converted(value, converter) for key, value in data.items()}
    if isinstance(data, list):
        return [_converted(value, converter) for value in data]
    return converter.text(data) if isinstance(data, str) else data


def load_strings(project_dir: Path, languages, converters: dict[str, Converter]) -> dict[str, dict]:
    """Language code -> its words; every problem of every file at once (ContentError)."""
    located: dict[str, Located] = {}
    problems: list[Problem] = []
    for language in languages.hand_translated:
        shown_as = f"{FOLDER}/{language.code}.yml"
        file = project_dir / shown_as
        if not file.is_file():
            problems.append(Problem(shown_as, 1, "", f"the interface words of {language.name} are missing: add this file "
                                    f"(copy {FOLDER}/{languages.default.code}.yml and translate every value)"))
            continue
        try:
            located[language.code] = load_data_file(file, shown_as)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        problems.extend(slip_problems(located[language.code]))  # invisible characters, full-width keys
        if not isinstance(located[language.code].data, dict):
            problems.append(Problem(shown_as, 1, "", "expected 'key: words' lines"))
            del located[language.code]
    default = languages.default.code
    if default in located:
        expected = _keys(located[default].data)
        for code, document in located.items():
            found = _keys(document.data)
            for path in sorted(set(expected) - set(found), key=str):
                problems.append(Problem(document.path, document.line_of(path[:-1]) if len(path) > 1 else 1, ".".join(path),
                                        f"missing; {FOLDER}/{default}.yml has it (line {located[default].line_of(path)})"))
            for path in sorted(set(found) - set(expected), key=str):
                problems.append(Problem(document.path, document.line_of(path), ".".join(path),
                                        f"unknown key: {FOLDER}/{default}.yml does not have it"))
            for path, value in found.items():
                if path in expected and not isinstance(value, str):
                    problems.append(Problem(document.path, document.line_of(path), ".".join(path), "expected words (text)"))
    if problems:
        raise ContentError(problems)
    words = {code: document.data for code, document in located.items()}
    for language in languages.derived:
        words[language.code] = _converted(words[language.derived_from], converters[language.code])
    return words
