"""The member directory's data: groups, filters, the browser's search index, map points and
the open-data exports. Plain data in, plain data out (rendering is in the templates).

The directory must stay light at ICLEI's scale (2,500+ members): the page carries one short
list item per member, and everything the filters need lives in the JSON index instead of
in the HTML.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

from .i18n import country_name, name_sort_key

# The equirectangular projection of overrides/assets/map/world.svg (viewBox 0 0 360 180).
MAP_WIDTH, MAP_HEIGHT = 360, 180


def sorted_members(members, lang: str) -> list:
    """Chinese names by pinyin in the Chinese site, English names alphabetically in the English site."""
    return sorted(members, key=lambda m: name_sort_key(m.name.get(lang), lang))


def country_groups(members, lang: str) -> list[dict]:
    """Members grouped by country, the countries with most members first (then by their
    localised name): a reader looks for the network's main countries first, not for the
    pinyin of a country's name."""
    groups = defaultdict(list)
    for member in sorted_members(members, lang):
        groups[member.country].append(member)
    codes = sorted(groups, key=lambda code: (-len(groups[code]), name_sort_key(country_name(code, lang), lang)))
    return [{"code": code, "name": country_name(code, lang), "members": groups[code]} for code in codes]


def filter_options(members, lang: str) -> dict:
    """The values each filter offers, from the data itself."""
    return {
        "countries": [(g["code"], g["name"]) for g in country_groups(members, lang)],
        "types": sorted({m.type for m in members}),
        "programmes": sorted({p for m in members for p in m.programmes}),
        "years": sorted({m.joined[:4] for m in members if m.joined}, reverse=True),
    }


def filter_index(members, lang: str, languages) -> list[dict]:
    """What the directory's filters search, per member (its names in every language, so any
    of them finds it)."""
    return [
        {
            "id": m.id,
            "name": m.name.get(lang),
            "other_names": sorted({m.name.get(other.code) for other in languages} - {m.name.get(lang)}),
            "country": m.country,
            "country_name": country_name(m.country, lang),
            "type": m.type,
            "programmes": list(m.programmes),
            "joined": m.joined[:4] if m.joined else None,
        }
        for m in sorted_members(members, lang)
    ]


def point(location) -> tuple[float, float]:
    return round(location.lon + 180, 2), round(90 - location.lat, 2)


def map_view(members, padding: float = 8, min_span: float = 40) -> str | None:
    """An SVG viewBox around the members with a location (None when none has one)."""
    points = [point(m.location) for m in members if m.location]
    if not points:
        return None
    xs, ys = [x for x, _ in points], [y for _, y in points]
    width = max(max(xs) - min(xs) + 2 * padding, min_span)
    height = max(max(ys) - min(ys) + 2 * padding, min_span / 2)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    left = min(max(cx - width / 2, 0), MAP_WIDTH - width) if width < MAP_WIDTH else 0
    top = min(max(cy - height / 2, 0), MAP_HEIGHT - height) if height < MAP_HEIGHT else 0
    return f"{left:.1f} {top:.1f} {min(width, MAP_WIDTH):.1f} {min(height, MAP_HEIGHT):.1f}"


MAP_SHOWN_WIDTH = 720  # the width the directory states for /members/map.svg; its height follows the map's shape


def map_size(view_box: str | None) -> dict | None:
    """The width and height the directory's `<img>` of /members/map.svg states: the shape of
    the map's viewBox (drawn around the members), so that the page keeps the map's place
    before the image arrives instead of moving when it does (None when there is no map)."""
    if view_box is None:
        return None
    _, _, width, height = (float(value) for value in view_box.split())
    return {"width": MAP_SHOWN_WIDTH, "height": round(MAP_SHOWN_WIDTH * height / width)}


def export_fields(languages) -> list[str]:
    """The exports' columns: a name, a country name and a summary per language of the site."""
    codes = languages.codes
    return (["id", *(f"name_{c}" for c in codes), "country", *(f"country_name_{c}" for c in codes), "type",
             "joined", "website", "lat", "lon", "location_source", *(f"summary_{c}" for c in codes), "programmes"])


# Credited wherever coordinates are published (GeoNames is CC BY 4.0).
LOCATION_CREDIT = "Coordinates: GeoNames (geonames.org), CC BY 4.0, where location_source names it"


def export_rows(members, languages) -> list[dict]:
    """Every member with every field, flat (the open-data exports), in every language; an
    optional language's missing text is its fallback's, as its pages show it."""
    codes = languages.codes
    rows = []
    for m in members:
        row = {"id": m.id}
        row.update({f"name_{c}": m.name.get(c) for c in codes})
        row["country"] = m.country
        row.update({f"country_name_{c}": country_name(m.country, c) for c in codes})
        row.update({"type": m.type, "joined": m.joined, "website": m.website,
                    "lat": m.location.lat if m.location else None, "lon": m.location.lon if m.location else None,
                    "location_source": m.location.source if m.location else None})
        row.update({f"summary_{c}": m.summary.get(c) if m.summary else None for c in codes})
        row["programmes"] = list(m.programmes)
        rows.append(row)
    return rows


def _json(value, **options) -> bytes:
    """JSON with <, > and & written as \\u escapes: still the same data to any parser, and
    inert should a browser ever sniff the file as HTML."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


def members_json(members, languages) -> bytes:
    return _json(export_rows(members, languages), indent=1) + b"\n"


def members_csv(members, languages) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet software reads the Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=export_fields(languages), lineterminator="\r\n")
    writer.writeheader()
    for row in export_rows(members, languages):
        row = {**row, "programmes": " ".join(row["programmes"])}
        writer.writerow({key: _inert_cell(value) for key, value in row.items()})
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _inert_cell(value):
    """A text cell starting with = + - @ would run as a formula in a spreadsheet: quote it."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def members_geojson(members, languages) -> bytes:
    """Members with a location as GeoJSON points (RFC 7946: longitude first)."""
    features = [
        {
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {k: v for k, v in row.items() if k not in ("lat", "lon")},
        }
        for row in export_rows(members, languages)
        if row["lat"] is not None
    ]
    # A foreign member (RFC 7946, 6.1) carries the credit for the coordinates.
    return _json({"type": "FeatureCollection", "attribution": LOCATION_CREDIT, "features": features}, indent=1) + b"\n"


def index_json(members, lang: str, languages) -> bytes:
    return _json(filter_index(members, lang, languages), separators=(",", ":"))

