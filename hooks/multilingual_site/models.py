"""The typed schema of every data file and of news front matter (pydantic v2).

This is the content contract communications staff work against (see STAFF.md). Field
names here are the names in the YAML; error messages are written for non-programmers.
Cross-file rules (unknown ids, duplicates) live in `content_checks.py`, not here.
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import pycountry
from markupsafe import Markup
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, GetCoreSchemaHandler, StrictBool
from pydantic_core import core_schema

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


def _translated_from(value: object) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*@[0-9a-f]{12}", value):
        raise ValueError(f"expected the source's language and version, like zh@3fa2b1c0e9d8 (written by make news, "
                         f"the editor or make translated), got {_describe(value)}")
    return value


Text = Annotated[str, BeforeValidator(_text)]
TranslatedFrom = Annotated[str, BeforeValidator(_translated_from)]
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


class TextLanguages:
    """What a text in every language is checked against and shown in: the site's languages
    (languages.Languages, from mkdocs.yml) and the converters of its derived languages.
    Set for a validation by `texts_in` (content_checks.load_content)."""

    def __init__(self, languages, converters: dict | None = None):
        self.languages = languages
        self.converters = converters or {}


_TEXT_LANGUAGES: ContextVar[TextLanguages | None] = ContextVar("text_languages", default=None)


@contextmanager
def texts_in(languages: TextLanguages):
    """Validate texts against these languages (the content is loaded once per build)."""
    token = _TEXT_LANGUAGES.set(languages)
    try:
        yield
    finally:
        _TEXT_LANGUAGES.reset(token)


class Texts:
    """A text given per language (`{zh: 昆明市, en: Kunming, ko: 쿤밍시}`).

    Which languages a text must have is the site's policy (languages.py: `required`); a
    language made from another (Traditional Chinese) is never written, its text is converted;
    an optional language left out is shown in its first fallback language that has the text.
    `get(lang)` (and `texts[lang]` in templates) is the text to show in `lang`;
    `language_of(lang)` the language it is actually in.
    """

    __slots__ = ("values", "_with")

    def __init__(self, values: dict[str, str], languages: TextLanguages | None = None):
        self.values = values
        self._with = languages

    def language_of(self, lang: str) -> str:
        if lang in self.values or self._with is None:
            return lang
        languages = self._with.languages
        source = languages[lang].derived_from if lang in languages else None
        if source is not None and source in self.values:
            return lang  # converted from its source: in this language
        return next((other for other in languages.fallbacks(lang) if other in self.values), next(iter(self.values)))

    def get(self, lang: str) -> str:
        if lang in self.values:
            return self.values[lang]
        shown = self.language_of(lang)
        if shown == lang:  # a derived language
            source = self._with.languages[lang].derived_from
            return self._with.converters[lang].text(self.values[source])
        return self.values[shown]

    def marked(self, lang: str) -> str:
        """The text to show in `lang`, as HTML: in a span naming its language where it is
        another's (a fallback), so that readers and screen readers pronounce it right."""
        text = self.get(lang)
        shown = self.language_of(lang)
        if shown == lang or self._with is None:
            return text
        return Markup('<span lang="{}">{}</span>').format(self._with.languages[shown].tag, text)

    # Templates write `name[lang]`, in an element's text (never an attribute's): marked.
    # Without __getitem__, Jinja would try item access, catch the TypeError and fall back to
    # the attribute, once per value on every page.
    __getitem__ = marked

    def __eq__(self, other) -> bool:
        return isinstance(other, Texts) and self.values == other.values

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.values.items())))

    def __repr__(self) -> str:
        return f"Texts({self.values!r})"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler):
        return core_schema.no_info_plain_validator_function(cls._validate)

    @classmethod
    def _validate(cls, value: object) -> "Texts":
        if isinstance(value, Texts):
            return value
        if not isinstance(value, dict):
            raise ValueError(f"expected the text in each language (like {{zh: 昆明市, en: Kunming}}), got {_describe(value)}")
        with_languages = _TEXT_LANGUAGES.get()
        values: dict[str, str] = {}
        problems: list[str] = []
        languages = with_languages.languages if with_languages else None
        for key, text in value.items():
            key = str(key)
            if languages is not None and key not in languages:
                problems.append(f"'{key}' is not a language of the site ({', '.join(languages.codes)}; mkdocs.yml, languages)")
                continue
            if languages is not None and not languages[key].hand_translated:
                problems.append(f"{key}: {languages[key].name} is made from {languages[key].derived_from} when the site "
                                "is built; remove this line")
                continue
            try:
                values[key] = _text(text)
            except ValueError as error:
                problems.append(f"{key}: {error}")
        if languages is not None:
            for language in languages.required:
                if language.code not in value:
                    problems.append(f"missing in {language.name} ({language.code}); every text needs it "
                                    "(mkdocs.yml, languages: required)")
        if not values and not problems:
            problems.append("must give the text in at least one language")
        if problems:
            raise ValueError("; ".join(problems))
        return cls(values, with_languages)


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
    name: Texts
    country: CountryCode
    type: MemberType = "city"
    seat: Texts | None = None  # a province's or region's capital (where the map places it)
    joined: PartialDate | None = None
    website: HttpUrl | None = None
    location: Location | None = None
    summary: Texts | None = None
    programmes: Annotated[list[ProgrammeId], AfterValidator(_unique_list)] = []


class Category(Model):
    id: Slug
    label: Texts


class Office(Model):
    id: Slug
    name: Texts
    address: Text
    postal_address: Text | None = None
    phone: Text | None = None
    fax: Text | None = None
    website: HttpUrl | None = None


class Region(Model):
    id: Slug
    name: Texts
    offices: list[Office] = Field(min_length=1)


class NumberedText(Model):
    id: Slug
    text: Texts


class Decision(Model):
    number: Text
    title: Texts
    summary: Texts


class ActionArea(Model):
    number: int = Field(ge=1)
    id: Slug
    title: Texts
    activities: list[NumberedText] = Field(min_length=1)


class ActionPlan(Model):
    title: Texts
    short_name: Texts | None = None
    tagline: Texts | None = None
    decision: Decision
    background: Texts
    objectives: list[NumberedText] = Field(min_length=1)
    areas: list[ActionArea] = Field(min_length=1)
    implementation: Texts


class Milestone(Model):
    id: Slug  # stable: the calendar's event UID is made from it
    date: PartialDate
    title: Texts
    text: Texts
    members: Annotated[list[Slug], AfterValidator(_unique_list)] = []
    news: Slug | None = None


class EdinburghProcess(Model):
    name: Texts
    short_name: Texts
    tagline: Texts | None = None  # one line for the home page's programme tile
    summary: Texts
    led_by: Texts
    partners: list[Texts] = []
    milestones: list[Milestone] = Field(min_length=1)


class Agreement(Model):
    date: IsoDate
    title: Texts
    text: Texts


class Activity(Model):
    id: Slug
    date: IsoDate
    type: ActivityType
    title: Texts
    place: Texts | None = None
    partners: list[Texts] = []
    news: Slug | None = None
    action_areas: Annotated[list[Slug], AfterValidator(_unique_list)] = []  # ids from action_plan.yml


class CentreOfExcellence(Model):
    name: Texts
    short_name: Texts | None = None
    tagline: Texts | None = None
    summary: Texts
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
    translated_from: TranslatedFrom | None = None  # a translation's source version (translations.py)


class Figure(Model):
    value: Text  # as the source states it: "2500+", "120+", "25"
    label: Texts


class Network(Model):
    """ICLEI's global network as the documents describe it (the home page's figures)."""

    about: Texts
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
    translated_from: TranslatedFrom | None = None


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
