"""Create a new article in every language written by hand, front matter filled in (`make news`).

    python tools/new_article.py --title "标题" [--slug my-slug] [--date 2024-08-03] [--category network-news]

The languages are mkdocs.yml's (its languages list: the default language's file holds the
title, the others a placeholder to translate). A translation records the version of its
source only once it is translated (`make translated FILE=...`, or the editor's save):
until then `make translations` lists it as not yet recorded. The placeholders are each
language's words (strings/<locale>.yml). Every file starts as a draft (`draft: true`): shown in the live
preview, marked, and published once the author sets `draft: false` in each language.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from multilingual_site.i18n import tag_slug  # noqa: E402
from multilingual_site.languages import from_mkdocs_yml  # noqa: E402
from multilingual_site.models import _slug  # noqa: E402
from multilingual_site.publishing import build_date  # noqa: E402


def scaffold(project: Path, title: str, slug: str | None, day: dt.date, category: str) -> list[Path]:
    categories = [c["id"] for c in yaml.safe_load((project / "data/categories.yml").read_text(encoding="utf-8"))]
    if category not in categories:
        raise SystemExit(f"unknown category '{category}' (known: {', '.join(categories)})")
    slug = slug or tag_slug(title)[:60].strip("-")
    try:
        _slug(slug)
    except ValueError as error:
        raise SystemExit(f"SLUG: {error}") from None
    if slug in ("index", "page", "tag"):
        raise SystemExit(f"SLUG: '{slug}' is reserved; choose another")
    languages = from_mkdocs_yml(project / "mkdocs.yml").hand_translated
    words = {language.code: yaml.safe_load((project / "strings" / f"{language.code}.yml").read_text(encoding="utf-8"))
             for language in languages}
    folder = project / "docs" / "news" / str(day.year)
    files = [folder / f"{slug}.{language.code}.md" for language in languages]
    for file in files:
        if file.exists():
            raise SystemExit(f"{file.relative_to(project)} already exists; choose another SLUG")
    folder.mkdir(parents=True, exist_ok=True)
    source = next(language.code for language in languages if language.default)
    for language, file in zip(languages, files):
        own = words[language.code]
        front_matter = {
            "title": title if language.code == source else own["scaffold_title"].format(title=title),
            "date": day.isoformat(),
            "category": category,
            "tags": [],
            "members": [],
            "source": own["wordmark"],
            "draft": True,
        }
        text = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False)
        hint = f"# summary: {own['scaffold_summary']}\n"
        file.write_text(f"---\n{text}{hint}---\n\n{own['scaffold_body']}", encoding="utf-8")
    return files


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--title")
    parser.add_argument("--from-environment", action="store_true",
                        help="take TITLE, SLUG, DATE and CATEGORY from the environment (make news)")
    parser.add_argument("--slug")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--category", default="network-news")
    parser.add_argument("--project", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    if args.from_environment:
        args.title = os.environ.get("TITLE") or args.title
        args.slug = os.environ.get("SLUG") or args.slug
        args.date = dt.date.fromisoformat(os.environ["DATE"]) if os.environ.get("DATE") else args.date
        args.category = os.environ.get("CATEGORY") or args.category
    if not args.title:
        parser.error("a title is needed (--title or TITLE=...)")
    files = scaffold(args.project, args.title, args.slug, args.date or build_date(), args.category)
    for file in files:
        print(f"created {file.relative_to(args.project)}")
    print("All are drafts: set `draft: false` when each is ready. Preview with `make serve`; "
          "`make translations` lists what is left to translate.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
