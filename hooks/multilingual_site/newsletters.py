"""The monthly newsletter: which months have an issue and what an issue holds, in one language.

One model for the two places an issue is shown: its web archive page on the site
(newsletter_archive.py, links relative to the page) and the e-mail staff import into their
mailing tool (newsletter_mail.py, links absolute). Both ask `issue()` with a `link` that
turns a language-neutral docs path into a URL and whose `asset(site path)` links a file, so
they list the same articles and events.

- An issue is a calendar month with at least one published article, in any language. Every
  language of the site gets it: an article not translated into a language is listed in the
  language its readers are shown (marked with it, as listings do: translations.py).
- The coming events are the calendar's (the events of `calendar.ics`: hooks/events_calendar.py):
  Centre of Excellence activities and Edinburgh Process milestones with a full date, from the
  first day of the month after the issue's (an issue goes out when its month is over), the
  soonest first. They depend on the month only, never on the day the issue is made, so an
  archive page does not change from one build to the next.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from babel.dates import format_skeleton

from .content_model import Article, SiteContent
from .publishing import PUBLISHED

COMING_EVENTS = 5  # events an issue announces
ARCHIVE = "newsletter"  # the archive's folder: /newsletter/, /newsletter/2024-08/ (and in each language's root)

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class MonthError(ValueError):
    """A month that is not YYYY-MM."""


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> "Month":
        found = _MONTH.match(text.strip())
        if not found or not 1 <= int(found[2]) <= 12:
            raise MonthError(f"'{text}' is not a month: write it as YYYY-MM, like 2024-08")
        return cls(int(found[1]), int(found[2]))

    @classmethod
    def of(cls, day: dt.date) -> "Month":
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def next(self) -> "Month":
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def name(self, cldr: str) -> str:
        """The month as readers of a CLDR locale write it: 2024年8月, August 2024, 2024년 8월."""
        return format_skeleton("yMMMM", self.first_day, locale=cldr)


def archive_path(month: Month | None = None) -> str:
    """Language-neutral docs path of the archive's index, or of one issue's page."""
    return f"{ARCHIVE}/{month}.md" if month else f"{ARCHIVE}/index.md"


def _published(articles) -> list[Article]:
    return [a for a in articles if a.status == PUBLISHED]


def issues(content: SiteContent) -> dict[str, dict[Month, list[Article]]]:
    """Language code -> every month with a published article (in any language), newest
    first -> the articles its readers get that month, newest first. One pass over the
    articles: made once per build (newsletter_archive.pages), not per page."""
    by_language: dict[str, dict[Month, list[Article]]] = {lang: {} for lang in content.languages.codes}
    for lang, articles in content.by_lang.items():
        for article in _published(articles):
            by_language[lang].setdefault(Month.of(article.meta.date), []).append(article)
    every = sorted({month for found in by_language.values() for month in found}, reverse=True)
    return {lang: {month: found.get(month, []) for month in every} for lang, found in by_language.items()}


def articles_of(content: SiteContent, lang: str, month: Month) -> list[Article]:
    """The month's published articles as readers of `lang` get them, newest first (from the
    year's list: a page's cost does not grow with the archive)."""
    return [a for a in _published(content.by_year.get((lang, month.year), [])) if a.meta.date.month == month.month]


@dataclass(frozen=True)
class Event:
    day: dt.date
    title: str
    place: str | None
    page: str  # language-neutral docs path of the programme page that describes it
    anchor: str


def coming_events(content: SiteContent, lang: str, month: Month) -> list[Event]:
    """The calendar's events from the first day of the next month, soonest first."""
    start = month.next.first_day
    events = [Event(a.date, a.title.get(lang), a.place.get(lang) if a.place else None,
                    "programmes/centre-of-excellence.md", a.id)
              for a in content.coe.activities if a.date >= start]
    for milestone in content.edinburgh.milestones:
        if len(milestone.date) == 10 and dt.date.fromisoformat(milestone.date) >= start:
            events.append(Event(dt.date.fromisoformat(milestone.date), milestone.title.get(lang), None,
                                "programmes/edinburgh-process.md", "milestones"))
    return sorted(events, key=lambda e: (e.day, e.title))[:COMING_EVENTS]


def event_entries(events: list[Event], link) -> list[dict]:
    """Events as the templates show them: with the address of their programme page's entry."""
    entries = []
    for event in events:
        page = link(event.page)
        entries.append({"day": event.day, "title": event.title, "place": event.place,
                        "url": f"{page}#{event.anchor}" if page else None})
    return entries


def words(strings: dict, lang: str) -> dict:
    """A language's newsletter words (strings/<locale>.yml, `newsletter`)."""
    return strings[lang]["newsletter"]


def title(strings: dict, lang: str, month_name: str) -> str:
    """An issue's title, which is also its e-mail's subject."""
    return words(strings, lang)["title"].format(site=strings[lang]["site_name"], month=month_name)


class SettingsError(ValueError):
    """mkdocs.yml's `extra.newsletter` is not usable; the message names the setting."""


@dataclass(frozen=True)
class Settings:
    """`extra.newsletter` in mkdocs.yml: the project sends no e-mail itself, so it only needs
    the mailing tool's merge tag that the tool replaces by each subscriber's unsubscribe
    address, and, once there is a mailing list, its public sign-up page."""

    unsubscribe: str | None = None  # listmonk: {{ UnsubscribeURL }}; Mailchimp: *|UNSUB|*
    subscribe: str | None = None  # https://...: shown on /newsletter/


_SETTINGS = {"unsubscribe", "subscribe"}
# A merge tag goes into an href as it is: no quote, angle bracket, backslash or line break.
_NOT_IN_A_TAG = re.compile(r"[<>\"'\\\r\n\t]")


def settings(extra) -> Settings:
    """The newsletter's settings from mkdocs.yml's `extra`, checked: SettingsError otherwise."""
    where = "mkdocs.yml: extra.newsletter"
    value = (extra or {}).get("newsletter") or {}
    if not isinstance(value, dict):
        raise SettingsError(f"{where}: expected its settings (unsubscribe:, subscribe:), got {value!r}")
    unknown = sorted(set(value) - _SETTINGS)
    if unknown:
        raise SettingsError(f"{where}: unknown setting(s) {', '.join(map(str, unknown))} (known: {', '.join(sorted(_SETTINGS))})")
    unsubscribe, subscribe = value.get("unsubscribe"), value.get("subscribe")
    if unsubscribe is not None and (not isinstance(unsubscribe, str) or not unsubscribe.strip()
                                    or _NOT_IN_A_TAG.search(unsubscribe) or len(unsubscribe) > 100):
        raise SettingsError(f"{where}.unsubscribe: expected the mailing tool's merge tag, like {{{{ UnsubscribeURL }}}} "
                            f"(listmonk) or *|UNSUB|* (Mailchimp), got {unsubscribe!r}")
    if subscribe is not None and (not isinstance(subscribe, str) or not re.fullmatch(r"https?://[^\s<>\"'\\]+", subscribe)):
        raise SettingsError(f"{where}.subscribe: only an http:// or https:// web address is accepted, got {subscribe!r}")
    return Settings(unsubscribe.strip() if unsubscribe else None, subscribe)
