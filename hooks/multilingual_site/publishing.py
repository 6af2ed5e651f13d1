"""When an article is public: drafts and future-dated articles are preview-only.

`make site` (mkdocs build) publishes only articles that are not drafts and whose date has
come; `make serve` (mkdocs serve) shows every article, marked. "Today" is the build date:
`SITE_BUILD_DATE` (YYYY-MM-DD, used by tests), else `SOURCE_DATE_EPOCH`, else the date in
Beijing (the secretariat's publishing day), so the same input on the same day builds the
same site.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from mkdocs.exceptions import PluginError

PUBLISHED, DRAFT, SCHEDULED = "published", "draft", "scheduled"


BEIJING = ZoneInfo("Asia/Shanghai")
# Articles carry a day, not a time: they are dated 00:00 Beijing time (UTC+8) in feeds and
# metadata. A fixed offset, because the zone's historic daylight saving would shift old dates.
BEIJING_MIDNIGHT_OFFSET = dt.timezone(dt.timedelta(hours=8))


def moment(day: dt.date) -> dt.datetime:
    """An article's day as a datetime: 00:00 in Beijing."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=BEIJING_MIDNIGHT_OFFSET)


def build_date() -> dt.date:
    try:
        if os.environ.get("SITE_BUILD_DATE"):
            return dt.date.fromisoformat(os.environ["SITE_BUILD_DATE"])
        if os.environ.get("SOURCE_DATE_EPOCH"):
            return dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), tz=BEIJING).date()
    except ValueError:
        raise PluginError("SITE_BUILD_DATE must be YYYY-MM-DD and SOURCE_DATE_EPOCH a number of seconds") from None
    return dt.datetime.now(BEIJING).date()


def status(meta, today: dt.date) -> str:
    """published, draft or scheduled (dated after `today`)."""
    if meta.draft:
        return DRAFT
    if meta.date > today:
        return SCHEDULED
    return PUBLISHED
