"""The land of the bundled base map (overrides/assets/map/world.svg), cut to what a map shows.

The directory's map (/members/map.svg) shows East Asia, a ninth of the world's width:
drawing the whole world's outline under it made it a 55 KB file, 2 KB of which lay within its
view, and on a phone that map is the largest thing in the first screen (Lighthouse's Largest
Contentful Paint), so every byte of it delayed the page. `land_path` keeps only the land
within the view (and a margin, so that the coastline's stroke at the cut is out of sight).
Plain text in, path data out; the template draws it (partials/members-map-svg.html).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
# world.svg's one path, as tools/basemap.mjs writes it: rings of absolute points, "M x,y L x,y … Z".
_RING = re.compile(r"M([^MZ]+)Z")
# Wider than the land's stroke (0.2), so the edges a cut adds stay outside the view.
MARGIN = 1.0

Point = tuple[float, float]


def land_rings(world_svg: str) -> list[list[Point]]:
    """The rings of world.svg's land path."""
    path = ET.fromstring(world_svg).find(f"{SVG}path")
    data = path.get("d") if path is not None else None
    if not data or _RING.sub("", data):
        raise ValueError("overrides/assets/map/world.svg: expected one <path> of rings 'Mx,yLx,y…Z' "
                         "(as tools/basemap.mjs writes it)")
    return [[_point(pair) for pair in ring.split("L")] for ring in _RING.findall(data)]


def _point(pair: str) -> Point:
    x, y = pair.split(",")
    return float(x), float(y)


def land_path(rings: list[list[Point]], view_box: str) -> str:
    """SVG path data of the land within `view_box` ("left top width height", in world.svg's
    coordinates) and a margin around it."""
    left, top, width, height = (float(v) for v in view_box.split())
    box = (left - MARGIN, top - MARGIN, left + width + MARGIN, top + height + MARGIN)
    parts = []
    for ring in rings:
        written = []
        for x, y in clip_ring(ring, box):
            point = f"{_number(x)},{_number(y)}"
            if not written or written[-1] != point:  # a cut can leave a run of points that round to one
                written.append(point)
        if len(written) >= 3:
            parts.append("M" + "L".join(written) + "Z")
    return "".join(parts)


def clip_ring(ring: list[Point], box: tuple[float, float, float, float]) -> list[Point]:
    """The part of a closed ring inside `box` (x0, y0, x1, y1), by Sutherland–Hodgman: one
    pass per side of the box. A ring leaving and re-entering the box is joined along the box's
    side, which the fill hides and the margin keeps out of view."""
    x0, y0, x1, y1 = box
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    if max(xs) < x0 or min(xs) > x1 or max(ys) < y0 or min(ys) > y1:
        return []
    if x0 <= min(xs) and max(xs) <= x1 and y0 <= min(ys) and max(ys) <= y1:
        return ring
    points = ring
    for inside, crossing in (
        (lambda p: p[0] >= x0, lambda a, b: (x0, a[1] + (b[1] - a[1]) * (x0 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= x1, lambda a, b: (x1, a[1] + (b[1] - a[1]) * (x1 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= y0, lambda a, b: (a[0] + (b[0] - a[0]) * (y0 - a[1]) / (b[1] - a[1]), y0)),
        (lambda p: p[1] <= y1, lambda a, b: (a[0] + (b[0] - a[0]) * (y1 - a[1]) / (b[1] - a[1]), y1)),
    ):
        kept = []
        for i, point in enumerate(points):
            previous = points[i - 1]
            if inside(point):
                if not inside(previous):
                    kept.append(crossing(previous, point))
                kept.append(point)
            elif inside(previous):
                kept.append(crossing(previous, point))
        points = kept
        if not points:
            return []
    return points


def _number(value: float) -> str:
    """Written as world.svg writes its numbers: one decimal at most ("120.4", "170")."""
    return format(round(value, 1) + 0.0, "g")
