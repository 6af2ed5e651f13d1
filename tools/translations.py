"""What each language is missing, and which translations are out of date (`make translations`);
and recording that a translation is up to date (`make translated FILE=...`).

    python tools/translations.py                      # the report, per language
    python tools/translations.py --done docs/news/2024/x.ko.md   # record its source's version

A translation records the version of the text it was made from (`translated_from:
zh@<hash>`, hooks/multilingual_site/translations.py): when its source changes it is reported
outdated, until its text is updated and `--done` records the source's new version. Data
entries are checked by the build: a text missing a language that mkdocs.yml requires stops
it. Exit code 0 for the report (it is a report, not a check); 1 when the content cannot be
read (its problems are printed), 2 for a file `--done` cannot record.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from multilingual_site import build_context, translations  # noqa: E402
from multilingual_site.content_checks import load_content  # noqa: E402
from multilingual_site.conversion import converters  # noqa: E402
from multilingual_site.languages import LanguageError, from_mkdocs_yml  # noqa: E402
from multilingual_site.loading import ContentError  # noqa: E402
from multilingual_site.strings import load_strings  # noqa: E402


def _content(project: Path):
    """Every article and page, drafts and scheduled ones included."""
    ctx = build_context.start("translations", dirty=False)
    ctx.project_dir = project
    ctx.languages = from_mkdocs_yml(project / "mkdocs.yml")
    ctx.default_language = ctx.languages.default.code
    ctx.converters = converters(ctx.languages, project)
    ctx.strings = load_strings(project, ctx.languages, ctx.converters)
    content = load_content(project, project / "docs", ctx.languages, ctx.converters, ctx.strings)
    content.index()
    return content


_RECORD_LINE = re.compile(r"^translated_from:.*$", re.MULTILINE)


class DoneError(Exception):
    """A FILE that `--done` cannot record, in one line naming it."""


def mark_done(project: Path, file: str, content) -> str:
    """Write into a translation's front matter the version of its source as it is now; the
    source is the one it records, else the version of its page written without a record."""
    path = (project / file).resolve()
    if not path.is_relative_to((project / "docs").resolve()) or not path.is_file():
        raise DoneError(f"{file}: no page or article under docs/ has this name")
    src_uri = path.relative_to((project / "docs").resolve()).as_posix()
    item = content.articles_by_src_uri.get(src_uri) or content.pages_by_src_uri.get(src_uri)
    if item is None or item.derived_from is not None or item.fallback_of is not None:
        raise DoneError(f"{file}: not a page or article of the site written by hand")
    versions = [other for other in (*content.articles, *content.pages)
                if type(other) is type(item) and getattr(other, "slug", None) == getattr(item, "slug", None)
                and (hasattr(item, "slug") or other.identity == item.identity)
                and other.derived_from is None and other.fallback_of is None and other is not item]
    recorded = translations.RECORD.match(item.meta.translated_from or "")
    by_lang = {other.lang: other for other in versions}
    source = by_lang.get(recorded["lang"]) if recorded else None
    source = source or next((other for code in content.languages.codes for other in versions
                             if other.lang == code and not other.meta.translated_from), None)
    if source is None:
        raise DoneError(f"{file}: no version in another language to record as its source")
    line = f"translated_from: {source.lang}@{translations.version_of(source)}"
    text = path.read_text(encoding="utf-8")
    head, separator, body = text.partition("\n---")
    if _RECORD_LINE.search(head):
        head = _RECORD_LINE.sub(line, head, count=1)
    else:
        head = head.rstrip("\n") + "\n" + line
    path.write_text(head + separator + body, encoding="utf-8")
    return line


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--done", metavar="FILE", help="record that FILE is translated from its source as it is now")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    try:
        content = _content(project)
    except (ContentError, LanguageError) as error:
        print(error)
        return 1
    if args.done:
        try:
            print(f"{args.done}: {mark_done(project, args.done, content)}")
        except DoneError as error:
            print(error)
            return 2
        return 0
    statuses = translations.status(content)
    for line in translations.report_lines(statuses, detailed=True):
        print(line)
    for code, found in statuses.items():
        name = content.languages[code].name
        print(f"{code} ({name}): {len(found.missing)} missing, {len(found.outdated)} outdated, "
              f"{len(found.untracked)} without a recorded source")
    return 0


if __name__ == "__main__":
    sys.exit(main())
