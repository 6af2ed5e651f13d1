"""Hook: an iCalendar file (RFC 5545) of dated events, per language: `calendar.ics`, `en/calendar.ics`.

Event: on_env, once per language pass of mkdocs-static-i18n, when every page's URL is known
(a few dozen events: written at once).
Data read: the Centre of Excellence's activities and the Edinburgh Process milestones that
have a full date (a month-only milestone is no calendar event). Written with the icalendar
library. UIDs come from the entries' ids (`coe-<id>@…`, `edinburgh-<id>@…`), so a
calendar application updates an edited event instead of adding a new one; DTSTAMP is the
event's own date, never the clock, so two builds write the same file.
Output owned: `calendar.ics`, `<lang>/calendar.ics`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar

from multilingual_site import build_context, i18n

UID_DOMAIN = "eastasia.iclei.org"


def _event(uid: str, day: dt.date, title: str, description: str | None, location: str | None, url: str | None):
    event = icalendar.Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc))
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))  # an all-day event (RFC 5545 3.6.1)
    event.add("summary", title)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    return event


def calendar_of(content, lang: str, page_urls: dict[str, str], site_name: str) -> bytes:
    """The calendar of one language, events in date order; `page_urls` are absolute, by docs path."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{UID_DOMAIN}//{site_name}//{lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", site_name)
    events = []
    coe_url = page_urls.get("programmes/centre-of-excellence.md")
    for activity in content.coe.activities:
        events.append((activity.date, f"coe-{activity.id}", activity.title.get(lang), content.coe.name.get(lang),
                       activity.place.get(lang) if activity.place else None, f"{coe_url}#{activity.id}" if coe_url else None))
    edinburgh_url = page_urls.get("programmes/edinburgh-process.md")
    for milestone in content.edinburgh.milestones:
        if len(milestone.date) == 10:
            events.append((dt.date.fromisoformat(milestone.date), f"edinburgh-{milestone.id}", milestone.title.get(lang),
                           milestone.text.get(lang), None, f"{edinburgh_url}#milestones" if edinburgh_url else None))
    for day, uid, title, description, location, url in sorted(events):
        calendar.add_component(_event(uid, day, title, description, location, url))
    return calendar.to_ical()


def on_env(env, config, files):
    write_calendar(build_context.current(), config)
    return env


def write_calendar(ctx, config) -> None:
    lang = ctx.pass_.language
    target = Path(config.site_dir) / i18n.language_root(lang, ctx.default_language) / "calendar.ics"
    target.parent.mkdir(parents=True, exist_ok=True)
    page_urls = {path: config.site_url + url for path, url in ctx.pass_.urls.items()
                 if path in ("programmes/centre-of-excellence.md", "programmes/edinburgh-process.md")}
    target.write_bytes(calendar_of(ctx.content, lang, page_urls, config.site_name))
