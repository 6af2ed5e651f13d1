"""An article ready for WeChat's Official Account editor (`make wechat`).

    python tools/wechat.py news/2024/mongolia-visit              # make wechat ARTICLE=news/2024/mongolia-visit
    python tools/wechat.py news/2024/mongolia-visit --language en

writes `wechat/news/2024/mongolia-visit.html` (the site's default language; another
language's copy is `....<language>.html`) and prints its path. Open it in a browser, select
all (Ctrl+A), copy and paste into the Official Account editor: its look comes along (inline
styles only); links out of WeChat are numbered and listed at the end; the article's address
follows 原文链接 as text. The browser editor's "copy for WeChat" button gives the same.
What a copy holds: hooks/multilingual_site/wechat.py. The folder is not committed.

An article that is not published (unknown, a draft, scheduled, or not written in the language
asked) is refused in one line naming it; the file is written whole or not at all.
Exit code 0 when written, 1 when the content has problems (each printed on its line), 2 for
an article that cannot be copied (one line).
"""

from __future__ import annotations

import argparse
import posixpath
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from multilingual_site import channels, wechat  # noqa: E402
from multilingual_site.article_html import ArticleHTMLError  # noqa: E402
from multilingual_site.loading import ContentError  # noqa: E402

OUTPUT = "wechat"


def _article(site: channels.Site, asked: str, lang: str):
    """The published article `asked` names (news/<year>/<slug>, as under docs/), in `lang`."""
    path = asked.strip().removeprefix("docs/").removesuffix(".md").strip("/")
    if posixpath.splitext(path)[1].lstrip(".") in site.languages:
        path = posixpath.splitext(path)[0]  # a file's name given with its language: the article
    parts = path.split("/")
    example = "news/<year>/<slug>, like news/2024/mongolia-visit"
    if len(parts) != 3 or parts[0] != "news":
        raise channels.ChannelError(f"'{asked}' does not name an article: write it as {example}")
    versions = site.content.articles_by_slug.get(parts[2], {})
    article = versions.get(lang)
    if article is None or str(article.meta.date.year) != parts[1]:
        raise channels.ChannelError(f"no published article {path} (a draft or a scheduled one is published later; "
                                    f"check the name: {example})")
    if article.fallback_of is not None:
        raise channels.ChannelError(f"{path} is not translated into {site.languages[lang].name} ({lang}); "
                                    f"its languages: {', '.join(sorted(c for c, a in versions.items() if a.fallback_of is None))}")
    return article, path


def make(project: Path, asked: str, lang: str | None = None) -> Path:
    """Write the WeChat copy of the article `asked` names; returns its path."""
    site = channels.load(project)
    lang = lang or site.languages.default.code
    if lang not in site.languages:
        raise channels.ChannelError(f"LANGUAGE: '{lang}' is not a language of the site ({', '.join(site.languages.codes)})")
    article, path = _article(site, asked, lang)
    language = site.languages[lang]
    try:
        html = wechat.copy(article, site.rendering(), site.templates(), site.strings[lang], language.tag, language.script)
    except (ArticleHTMLError, wechat.WeChatError) as error:
        raise channels.ChannelError(str(error)) from None
    name = path if language.default else f"{path}.{lang}"
    target = project / OUTPUT / f"{name}.html"
    try:
        channels.write_whole(target, html.encode("utf-8"))
    except OSError as error:
        raise channels.ChannelError(f"cannot write {target.relative_to(project)}: {error.strerror or error}") from None
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", help="news/<year>/<slug>")
    parser.add_argument("--language", help="a language code of the site (default: the site's default language)")
    parser.add_argument("--project", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    project = args.project.resolve()
    try:
        target = make(project, args.article, args.language)
    except ContentError as error:
        print(error)
        return 1
    except channels.ChannelError as error:
        print(f"make wechat ARTICLE={args.article}: {error}")
        return 2
    print(target.relative_to(project))
    return 0


if __name__ == "__main__":
    sys.exit(main())
