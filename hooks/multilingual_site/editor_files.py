"""The browser editor at /admin/ (Decap CMS; STAFF.md, "在浏览器中编辑 · Editing in the browser"):
which editor a build publishes, and its files.

- `local`: the live preview of `make edit` (tools/edit.py sets SITE_EDITOR=local; so do the
  editor's tests): Decap saving through decap-server, on 127.0.0.1, into this working tree;
- `hosted`: mkdocs.yml names a git host (`extra.editor.backend`): Decap saving there;
- otherwise a short page saying how staff edit (`make edit`, STAFF.md), with no script: a
  public page must never probe a visitor's own computer for a decap-server (browsers'
  Private Network Access rules block or prompt for it, and it looks like a scan). `make site`
  never publishes the local editor (tools/build_site.py clears SITE_EDITOR).

`write_admin` (end_steps.py) writes `admin/`: `config.yml`, made from the schema and the
data at each build (editor_config.py), so the editor offers exactly what the validator
accepts; `index.html` (template `editor/index.html`, with the site's stylesheets for the
preview pane); the editor's script; and copies of Decap's bundle, never a CDN. Or, with no
editor to publish, `index.html` alone (template `editor/not-hosted.html`). Nothing is
written under docs/ or data/: the live preview would rebuild forever.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml
from mkdocs.exceptions import PluginError

from . import build_context, upstream
from .editor_config import EDITOR_ONLY_FIELDS, LIST_KEY, EditorConfigError, config_yaml, editor_config

log = logging.getLogger("mkdocs.hooks.editor")

ADMIN = "admin"
# Where the editor's files come from, relative to the project (the folder of mkdocs.yml).
DECAP_DIST = Path("node_modules/decap-cms/dist")
YAML_DIST = Path("node_modules/yaml/browser/dist")
EDITOR_DIR = Path("editor")
LOCAL, HOSTED, NONE = "local", "hosted", "none"


@dataclass(frozen=True)
class Sources:
    decap: Path
    yaml: Path
    editor: Path


def editor_mode(config) -> str:
    """Which editor this build publishes at /admin/ (see the module docstring)."""
    if os.environ.get("SITE_EDITOR") == LOCAL:
        return LOCAL
    return HOSTED if (config.extra.get("editor") or {}).get("backend") else NONE


def write_admin(ctx, config) -> None:
    """`admin/`, once, into the finished site: it belongs to no language."""
    site = Path(config.site_dir)
    admin = site / ADMIN
    mode = editor_mode(config)
    if mode == NONE:
        page = _not_hosted_page(ctx.editor_sources.editor, _site_styles(site, config), config.theme["favicon"])
        _install(admin, {}, {"index.html": page.encode("utf-8")})
        log.info("Editor: no hosted editor (extra.editor.backend in mkdocs.yml), so /admin/ says how to "
                 "edit with `make edit` (STAFF.md)")
        return
    files = _bundle_files(ctx.editor_sources)
    labels = yaml.safe_load((ctx.editor_sources.editor / "labels.yml").read_text(encoding="utf-8"))
    try:
        settings = editor_config(**_site_inputs(config, labels))
    except EditorConfigError as error:
        raise PluginError(f"The editor's configuration cannot be made from the schema: {error}") from None
    written = {
        "config.yml": config_yaml(settings).encode("utf-8"),
        "index.html": _index_page(ctx.editor_sources.editor, _site_styles(site, config) + ["preview.css"],
                                  config.theme["favicon"]).encode("utf-8"),
    }
    _install(admin, files, written)


def _site_inputs(config, labels: dict) -> dict:
    """What the editor's configuration is made from: validated content and mkdocs.yml."""
    ctx = build_context.current()
    content = ctx.content
    hand = ctx.languages.hand_translated
    default = ctx.default_language
    options = config.extra.get("editor") or {}

    def texts(values) -> list[str]:  # a text in each language written by hand that has it
        return [values.values[language.code] for language in hand if language.code in values.values]

    return {
        "languages": [(language.code, language.name, language.required) for language in hand],
        "categories": [(c.id, texts(c.label)) for c in content.categories.values()],
        "members": [(m.id, texts(m.name)) for m in content.members.values()],
        "action_areas": [(a.id, a.number, a.title.get(default)) for a in content.action_plan.areas],
        "labels": labels,
        "site_url": config.site_url,
        # decap-server's address in the live preview of `make edit` only (see the docstring).
        "local_backend": options.get("local_backend", "http://127.0.0.1:8081/api/v1") if editor_mode(config) == LOCAL else None,
        "backend": options.get("backend"),
    }


def _bundle_files(sources: Sources) -> dict[str, Path]:
    """Path under admin/ -> the file copied there.

    Decap's script and the chunks it loads on demand from next to itself (`<n>.decap-cms.js`,
    and the WebAssembly of its optional image processing), without source maps (25 MB each)
    or the `cms.*` copies of the same bundle under its old name.
    """
    files = {}
    for file in sorted(sources.decap.iterdir()):
        if file.name.endswith((".decap-cms.js", ".wasm")) or file.name in ("decap-cms.js", "decap-cms.js.LICENSE.txt"):
            files[file.name] = file
    for file in sorted(sources.yaml.glob("*.js")):
        files[f"vendor/yaml/{file.name}"] = file
    files["vendor/yaml/LICENSE"] = sources.yaml.parent.parent / "LICENSE"
    for name in ("editor.js", "manual-init.js", "preview.css"):
        files[name] = sources.editor / name
    return files


def _site_styles(site: Path, config) -> list[str]:
    """The stylesheets of the site's pages, relative to /admin/ (the editor's preview pane,
    the page that says how to edit)."""
    return [f"../{path}" for path in [upstream.stylesheet_path(), *config.extra_css]]


def _not_hosted_page(editor_dir: Path, styles: list[str], favicon: str) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(editor_dir), autoescape=True, keep_trailing_newline=True)
    return env.get_template("not-hosted.html").render(styles=styles, favicon=favicon)


def _index_page(editor_dir: Path, preview_styles: list[str], favicon: str) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(editor_dir), autoescape=True, keep_trailing_newline=True)
    return env.get_template("index.html").render(preview_styles=preview_styles, favicon=favicon, list_key=LIST_KEY,
                                                 editor_only=EDITOR_ONLY_FIELDS)


def _install(admin: Path, copies: dict[str, Path], written: dict[str, bytes]) -> None:
    """Make `admin/` hold exactly these files; unchanged ones are left alone (the live
    preview rebuilds after every edit, and the bundle is 6 MB)."""
    wanted = set(copies) | set(written)
    if admin.is_dir():
        for old in sorted(admin.rglob("*"), reverse=True):
            relative = old.relative_to(admin).as_posix()
            if old.is_file() and relative not in wanted:
                old.unlink()
            elif old.is_dir() and not any(old.iterdir()):
                old.rmdir()
    for relative, source in copies.items():
        target = admin / relative
        stat = source.stat()
        if target.is_file() and target.stat().st_size == stat.st_size and target.stat().st_mtime_ns == stat.st_mtime_ns:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    for relative, data in written.items():
        target = admin / relative
        if not (target.is_file() and target.read_bytes() == data):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
