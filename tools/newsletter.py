"""The monthly newsletter, in every language of the site, for the mailing tool (`make newsletter`).

    python tools/newsletter.py 2024-08        # make newsletter MONTH=2024-08

writes, for each language, `newsletters/2024-08.<language>.eml` (a MIME message: import it
into the mailing tool, or open it in Outlook or Thunderbird and send it) and
`newsletters/2024-08.<language>.html` (to paste into the mailing tool's HTML editor), and
prints their paths. The folder is not committed (.gitignore). What an issue holds:
hooks/multilingual_site/newsletters.py; the e-mail: newsletter_mail.py.

A month without a published article is refused, with the months that have one; any problem
stops the command before a file is written, and each file is written whole or not at all.
Exit code 0 when written, 1 when the content has problems (each printed on its line), 2 for
a month or setting that cannot be used (one line).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from multilingual_site import channels, newsletter_mail, newsletters  # noqa: E402
from multilingual_site.loading import ContentError  # noqa: E402

OUTPUT = "newsletters"


def make(project: Path, month_text: str) -> list[Path]:
    """Every language's .eml and .html for the month; raises ChannelError, ContentError."""
    try:
        month = newsletters.Month.parse(month_text)
    except newsletters.MonthError as error:
        raise channels.ChannelError(f"MONTH: {error}") from None
    try:
        site = channels.load(project)
        newsletters.settings(site.config.get("extra"))
    except newsletters.SettingsError as error:
        raise channels.ChannelError(str(error)) from None
    if not any(newsletters.articles_of(site.content, language.code, month) for language in site.languages):
        known = ", ".join(str(m) for m in newsletters.issues(site.content)[site.languages.default.code]) or "none"
        raise channels.ChannelError(f"no published article is dated {month}, so there is no newsletter for it "
                                    f"(months with articles: {known})")
    html_env, text_env = newsletter_mail.environments(site)
    mails = [newsletter_mail.mail(site, language.code, month, html_env, text_env) for language in site.languages]
    written = []
    for mail in mails:  # every language made before any file is written
        for suffix, data in ((".eml", mail.eml), (".html", mail.html.encode("utf-8"))):
            target = project / OUTPUT / f"{month}.{mail.lang}{suffix}"
            try:
                channels.write_whole(target, data)
            except OSError as error:
                raise channels.ChannelError(f"cannot write {target.relative_to(project)}: {error.strerror or error}") from None
            written.append(target)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("month", help="the issue's month, YYYY-MM")
    parser.add_argument("--project", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    project = args.project.resolve()
    try:
        written = make(project, args.month)
    except ContentError as error:
        print(error)
        return 1
    except channels.ChannelError as error:
        print(f"make newsletter MONTH={args.month}: {error}")
        return 2
    for path in written:
        print(path.relative_to(project))
    return 0


if __name__ == "__main__":
    sys.exit(main())
