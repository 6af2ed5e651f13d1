"""The typed schema of every data file and of news front matter (pydantic v2).

This is the content contract communications staff work against (see STAFF.md). Field
names here are the names in the YAML; error messages are written for non-programmers.
Cross-file rules (unknown ids, duplicates) live in `content_checks.py`, not here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

import pycountry
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool

LANGUAGES = ("zh", "en")

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # ids and slugs: lowercase ASCII words joined by hyphens
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {_describe(value)}")
    if not value.strip():
        raise ValueError("must not be empty")
    if UNPRINTABLE.search(value):
        raise ValueError("contains an invisible control character; retype the text")
    return value.strip()


# Control characters (category Cc) but newline and tab, surrogates (Cs) and Unicode
# non-characters: invisible to an author, and not allowed in the XML of the feeds.
UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)


def _slug(value: object) -> str:
    if not isinstance(value, str) or not SLUG.match(value):
        raise ValueError(f"must be lowercase ASCII letters, digits and single hyphens (like 'kunming'), got {_describe(value)}")
    return value


# Dates outside this range are typing mistakes (and would overflow date arithmetic).
_YEARS = range(1900, 2200)


def _iso_date(value: object) -> dt.date:
    if isinstance(value, dt.date):  # a date made in Python (tests, generators)
        return value
    if not isinstance(value, str) or not ISO_DATE.match(value):
        raise ValueError(f"expected a date written YYYY-MM-DD (like 2023-05-18), got {_describe(value)}")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value} is not a real calendar date") from None
    if day.year not in _YEARS:
        raise ValueError(f"{value}: the year must be between {_YEARS.start} and {_YEARS.stop - 1}")
    return day


def _partial_date(value: object) -> str:
    if isinstance(value, int) and 1000 <= value <= 9999:  # `joined: 2014` unquoted
        value = str(value)
    if not isinstance(value, str) or not PARTIAL_DATE.match(value):
        raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {_describe(value)}")
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise ValueError(f"{value} is not a real calendar date") from None
    if parts[0] not in _YEARS:
        raise ValueError(f"{value}: the year must be between {_YEARS.start} and {_YEARS.stop - 1}")
    return value


def _http_url(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a web address, got {_describe(value)}")
    if UNPRINTABLE.search(value) or any(ch.isspace() for ch in value.strip()):
        raise ValueError(f"a web address must not contain spaces or invisible control characters, got {value!r}")
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"only http:// or https:// web addresses are accepted, got {value!r}")
    return value.strip()


def _country(value: object) -> str:
    if not isinstance(value, str) or len(value) != 2 or pycountry.countries.get(alpha_2=value.upper()) is None or value != value.upper():
        raise ValueError(f"expected an ISO 3166-1 alpha-2 country code in capitals (like CN or MN), got {_describe(value)}")
    return value


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        return "a " + ("list" if isinstance(value, list) else "set of fields")
    return repr(value)


Text = Annotated[str, BeforeValidator(_text)]
Slug = Annotated[str, BeforeValidator(_slug)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
PartialDate = Annotated[str, BeforeValidator(_partial_date)]
HttpUrl = Annotated[str, BeforeValidator(_http_url)]
CountryCode = Annotated[str, BeforeValidator(_country)]
ProgrammeId = Literal["edinburgh-process", "citieswithnature", "coe"]
MemberType = Literal["city", "county", "district", "province", "region"]
ActivityType = Literal["agreement", "conference", "meeting", "workshop", "visit", "award"]


class Model(BaseModel):
    """Unknown fields are errors: a typo like `catgory` must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(Model):
    """A text given in both languages; a missing language is an error."""

    zh: Text
    en: Text

    def get(self, lang: str) -> str:
        return getattr(self, lang)

    # Templates write `name[lang]`: without this, Jinja tries item access, catches the
    # TypeError and falls back to the attribute, once per value on every page.
    __getitem__ = get


def _unique_list(values: list) -> list:
    seen = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{value!r} is listed twice")
        seen.add(value)
    return values


class Location(Model):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    source: Text | None = None  # the published dataset it comes from, e.g. "GeoNames 1804651"


class Member(Model):
    id: Slug
    name: Bilingual
    country: CountryCode
    type: MemberType = "city"
    seat: Bilingual | None = None  # a province's or region's capital (where the map places it)
    joined: PartialDate | None = None
    website: HttpUrl | None = None
    location: Location | None = None
    summary: Bilingual | None = None
    programmes: Annotated[list[ProgrammeId], AfterValidator(_unique_list)] = []


class Category(Model):
    id: Slug
    label: Bilingual


class Office(Model):
    id: Slug
    name: Bilingual
    address: Text
    postal_address: Text | None = None
    phone: Text | None = None
    fax: Text | None = None
    website: HttpUrl | None = None


class Region(Model):
    id: Slug
    name: Bilingual
    offices: list[Office] = Field(min_length=1)


class NumberedText(Model):
    id: Slug
    text: Bilingual


class Decision(Model):
    number: Text
    title: Bilingual
    summary: Bilingual


class ActionArea(Model):
    number: int = Field(ge=1)
    id: Slug
    title: Bilingual
    activities: list[NumberedText] = Field(min_length=1)


class ActionPlan(Model):
    title: Bilingual
    short_name: Bilingual | None = None
    tagline: Bilingual | None = None
    decision: Decision
    background: Bilingual
    objectives: list[NumberedText] = Field(min_length=1)
    areas: list[ActionArea] = Field(min_length=1)
    implementation: Bilingual


class Milestone(Model):
    id: Slug  # stable: the calendar's event UID is made from it
    date: PartialDate
    title: Bilingual
    text: Bilingual
    members: Annotated[list[Slug], AfterValidator(_unique_list)] = []
    news: Slug | None = None


class EdinburghProcess(Model):
    name: Bilingual
    short_name: Bilingual
    tagline: Bilingual | None = None  # one line for the home page's programme tile
    summary: Bilingual
    led_by: Bilingual
    partners: list[Bilingual] = []
    milestones: list[Milestone] = Field(min_length=1)


class Agreement(Model):
    date: IsoDate
    title: Bilingual
    text: Bilingual


class Activity(Model):
    id: Slug
    date: IsoDate
    type: ActivityType
    title: Bilingual
    place: Bilingual | None = None
    partners: list[Bilingual] = []
    news: Slug | None = None
    action_areas: Annotated[list[Slug], AfterValidator(_unique_list)] = []  # ids from action_plan.yml


class CentreOfExcellence(Model):
    name: Bilingual
    short_name: Bilingual | None = None
    tagline: Bilingual | None = None
    summary: Bilingual
    host: Slug
    agreement: Agreement
    activities: list[Activity] = []


def _one_tag_each(tags: list[str]) -> list[str]:
    """A Chinese input method types '，' or '、' where YAML needs ',': `[宁波，生物多样性]` is
    one tag to YAML. Say so rather than publish a tag page nobody meant."""
    for tag in tags:
        for mark in ("，", "、"):
            if mark in tag:
                parts = ", ".join(part.strip() for part in tag.split(mark))
                raise ValueError(f"'{tag}' contains the full-width '{mark}'; separate tags with an ASCII comma: [{parts}]")
    return tags


class NewsFrontMatter(Model):
    """Front matter of `docs/news/<YYYY>/<slug>.<lang>.md` (the staff contract)."""

    title: Text
    date: IsoDate
    updated: IsoDate | None = None  # the last substantial edit, for search engines (dateModified)
    category: Slug
    tags: Annotated[list[Text], AfterValidator(_unique_list), AfterValidator(_one_tag_each)] = []
    members: Annotated[list[Slug], AfterValidator(_unique_list)] = []
    summary: Text | None = None
    cover: Text | None = None
    source: Text | None = None
    draft: StrictBool = False
    action_areas: Annotated[list[Slug], AfterValidator(_unique_list)] = []  # ids from action_plan.yml


class Figure(Model):
    value: Text  # as the source states it: "2500+", "120+", "25"
    label: Bilingual


class Network(Model):
    """ICLEI's global network as the documents describe it (the home page's figures)."""

    about: Bilingual
    home_region: Slug  # the region of data/offices.yml this site's secretariat belongs to
    figures: list[Figure] = Field(min_length=1)


# Views a hand-written page may choose; the others (a member's profile, later pages of a
# listing) are generated from data/ and cannot be written by hand.
PageView = Literal["home", "news-list", "member-directory", "offices", "edinburgh-process",
                   "centre-of-excellence", "action-plan"]
PageHidden = Literal["navigation", "toc", "footer", "path", "tags", "feedback"]


class SearchOptions(Model):
    exclude: StrictBool = False


class PageFrontMatter(Model):
    """Front matter of every other page under `docs/` (home, listings, programme pages...)."""

    title: Text
    view: PageView | None = None
    description: Text | None = None
    draft: StrictBool = False
    hide: Annotated[list[PageHidden], AfterValidator(_unique_list)] = []
    search: SearchOptions | None = None


# What each data file holds: a list of entries, or one mapping.
DATA_FILES: dict[str, type] = {
    "categories.yml": list[Category],
    "members.yml": list[Member],
    "offices.yml": list[Region],
    "action_plan.yml": ActionPlan,
    "edinburgh.yml": EdinburghProcess,
    "coe.yml": CentreOfExcellence,
    "network.yml": Network,
}
