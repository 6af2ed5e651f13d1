"""Hook: the browser editor at /admin/ (multilingual_site/editor_files.py says which editor a
build publishes, and writes it at the end of the build: end_steps.py).

Event: on_config: finds the editor's files: Decap's bundle and the YAML library its script
uses (`node_modules/`, next to mkdocs.yml, installed by `npm ci`) and the editor's own files
(`editor/`). A missing one stops the build with the command that installs it: a site whose
/admin/ cannot load is never published.
Output owned: `admin/` (written by editor_files.write_admin).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from multilingual_site import build_context
from multilingual_site.editor_files import DECAP_DIST, EDITOR_DIR, YAML_DIST, Sources

_INSTALL_HINT = "run `make site` (it runs `npm ci`, which installs the pinned npm packages into node_modules/)"


def on_config(config):
    ctx = build_context.current()
    project = ctx.project_dir
    sources = Sources(project / DECAP_DIST, project / YAML_DIST, project / EDITOR_DIR)
    for folder, needed in ((sources.decap, "decap-cms.js"), (sources.yaml, "index.js"), (sources.editor, "index.html")):
        if not (folder / needed).is_file():
            raise PluginError(f"The editor at /admin/ cannot be built: {folder / needed} is missing; "
                              + (_INSTALL_HINT if "node_modules" in folder.parts else "it belongs to the repository"))
    ctx.editor_sources = sources
    return config
