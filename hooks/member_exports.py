"""Hook: the member directory's JSON index and the open-data exports.

Event: on_env, once per language pass of mkdocs-static-i18n; the files are made from data
alone, so they are written in a background process where the build allows one
(background.py), while MkDocs renders the pages:
- every pass: `<language root>members/index.json`, the index the directory's filters search
  (member_directory.filter_index);
- the default language's pass: `/members.json`, `/members.csv` (UTF-8 with BOM) and
  `/members.geojson`, with every member and every field in every language, and
  `/members/map.svg`, the directory's map (template `overrides/partials/members-map-svg.html`;
  a separate file, so the directory page stays light at thousands of members), with only the
  land of the base map its view shows (base_map.py).
Output owned: those files.
"""

from __future__ import annotations

from pathlib import Path

from multilingual_site import background, base_map, build_context, i18n, member_directory


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def on_env(env, config, files):
    ctx = build_context.current()
    background.run("member exports", lambda: write_exports(ctx, config))
    return env


def write_exports(ctx, config) -> None:
    lang = ctx.pass_.language
    members = list(ctx.content.members.values())
    site = Path(config.site_dir)
    root = i18n.language_root(lang, ctx.default_language)
    _write(site / root / "members" / "index.json", member_directory.index_json(members, lang, ctx.languages))
    if lang == ctx.default_language:
        _write(site / "members.json", member_directory.members_json(members, ctx.languages))
        _write(site / "members.csv", member_directory.members_csv(members, ctx.languages))
        _write(site / "members.geojson", member_directory.members_geojson(members, ctx.languages))
        view_box = member_directory.map_view(members)
        if view_box is not None:
            env = config.theme.get_env()
            world, _, _ = env.loader.get_source(env, "assets/map/world.svg")
            svg = env.get_template("partials/members-map-svg.html").render(
                view_box=view_box, title=config.site_name,
                land=base_map.land_path(base_map.land_rings(world), view_box),
                points=[member_directory.point(m.location) for m in members if m.location])
            _write(site / "members" / "map.svg", svg.encode("utf-8"))
