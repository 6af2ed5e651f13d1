"""Everything this site takes from the insides of MkDocs, Material for MkDocs and
mkdocs-static-i18n, in one place: each private name, template patch, copied pattern and
asset name, the versions they were written for, and the check every build starts with.

Why one module: Material gets no security fixes after 5 May 2027 and MkDocs 1.6.1 is its
last 1.x release; the site will move (ProperDocs, the maintained drop-in fork of MkDocs
1.6, already builds it byte for byte). A newcomer upgrading a package reads this file, and
nothing else in hooks/ or overrides/ names a private part of those packages (a test greps).

`check(config)` runs before anything is written (hooks/build_setup.py): an unknown version
or a missing piece stops the build with one message naming the package, its version and
what changed; never a traceback, never a silent stale page. Hashed asset names (Material
renames its bundle every release) are found by pattern, never written here.

What is borrowed, by package (each entry names its user):
- mkdocs-static-i18n 1.3.1: the plugin's attributes `current_language`, `building`,
  `default_language`, `build_languages`, `search_entries`, `i18n_files_per_language`,
  `extra_alternate` (read by every hook through the functions below; written by
  parallel.py, which builds the other languages in their own processes), the module-level
  `build` it calls for each extra language (replaced: parallel_languages.py), and its
  sitemap template (our copy: overrides/sitemap.xml).
- MkDocs 1.6.1 (or ProperDocs 1.6.7): `commands.build._build_theme_template` (the sitemap
  of every language, parallel.py), `commands.build.log` (the build's own logger, watched by
  fast_exit.py and quietened in language processes), `File.copy_file` (photos' originals
  are not published, hooks/photo_sizes.py).
- Material for MkDocs 9.8.1: its JavaScript bundle (patched: material_fixes.py), its
  templates' source (patched as they load, TEMPLATE_PATCHES), templates copied into
  overrides/ (COPIED: a changed original stops the build so the copy is redone), the
  templates partials_cache.py renders once per navigation state (CACHED_PARTIALS), the
  search plugin's entries, its `jieba` module reference and a regular expression of it
  (search_per_language.py, chinese_words.py, search_scope.py), its search worker and
  stylesheet found by pattern (the site-search worker, the editor's preview).
"""

from __future__ import annotations

import hashlib
import logging
import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable

import jinja2
import material
import mkdocs
import mkdocs.commands.build
import mkdocs_static_i18n
import mkdocs_static_i18n.plugin
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

# The versions every piece below was written for and checked against. MkDocs or its
# maintained fork ProperDocs, whichever runs the build (`mkdocs.__name__`: ProperDocs maps
# `mkdocs.*` imports onto itself).
WRITTEN_FOR = {
    "mkdocs": "1.6.1",
    "properdocs": "1.6.7",
    "mkdocs-material": "9.8.1",
    "mkdocs-static-i18n": "1.3.1",
}

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
I18N_SITEMAP = Path(mkdocs_static_i18n.__file__).parent / "custom_i18n_sitemap" / "sitemap.xml"

# Material's templates copied into overrides/ (or replaced there, or extended with copied
# blocks), with the sha256 (first 16 hex digits) of the 9.8.1 original each was taken from.
# A release that changes an original stops the build: redo the copy from the new original,
# then update its hash here.
COPIED = {
    "main.html": ("base.html", "8536d352b0093623"),  # blocks htmltitle, site_meta, footer, config
    "404.html": ("404.html", "80c93494b5432b1b"),
    "partials/search.html": ("partials/search.html", "bfd556535abcddb9"),
    "partials/logo.html": ("partials/logo.html", "e0925ef6c190174a"),
    "partials/alternate.html": ("partials/alternate.html", "572b1d4dae611aa5"),
    "sitemap.xml": ("mkdocs-static-i18n:sitemap.xml", "538e71a0c68befda"),
}
# What partials_cache.py knows these templates read of a page (its docstring): checked by
# hash, so a release that makes them read more stops the build instead of serving a stale
# navigation.
CACHED_PARTIALS = {
    "partials/nav.html": "af33f6e032f632eb",
    "partials/tabs.html": "d2c82916569e645a",
    "partials/nav-item.html": "89895208f22d68ce",
}

# Material's bundle, found by pattern: its language selector fetches `sitemap.xml` next to
# every <link rel="alternate"> (hreflang alternates and feeds alike: 2 to 7 failed requests
# per page). Narrowed to links marked `data-md-sitemap`, which no page has (our switcher's
# links already lead to the counterpart page): material_fixes.py publishes it so.
BUNDLE_PATTERN = "assets/javascripts/bundle.*.min.js"
BUNDLE_PATCH = ('M("link[rel=alternate]")', 'M("link[rel=alternate][data-md-sitemap]")')
SEARCH_WORKER_PATTERN = "assets/javascripts/workers/search.*.min.js"
STYLESHEET_PATTERN = "assets/stylesheets/main.*.min.css"

# Exact replacements in the source of Material's templates, as the theme loads them
# (material_fixes.py says why each is needed). The bundle's name in base.html is filled in
# by `template_patches()`.
TEMPLATE_PATCHES = {
    "base.html": [
        ('id="__drawer" autocomplete="off">', 'id="__drawer">'),
        ('id="__search" autocomplete="off">', 'id="__search">'),
        # <html lang>: the BCP 47 tag of mkdocs.yml's languages list (Material's is the
        # locale, "zh"), and on a page standing in for a missing translation, the tag of the
        # text it shows (page_views.py sets pass_language_tag and page.meta.html_lang).
        ("<html lang=\"{{ lang.t('language') }}\"",
         "<html lang=\"{{ page.meta.html_lang if page and page.meta and page.meta.html_lang else pass_language_tag }}\""),
        ('class="md-skip">', 'class="md-skip" lang="{{ pass_language_tag }}">'),
    ],
    "partials/header.html": [
        (' title="{{ config.site_name | e }}" class="md-header__button md-logo" aria-label="{{ config.site_name }}"',
         ' class="md-header__button md-logo"'),
        # The site's own words, in the pass's language, also on a page whose text is another's
        # (a stand-in: <html lang> is the text's); so the tabs, the navigation and the skip link.
        ('<header class="{{ class }}" data-md-component="header">',
         '<header class="{{ class }}" lang="{{ pass_language_tag }}" data-md-component="header">'),
    ],
    "partials/top.html": [
        ('class="md-top md-icon" data-md-component="top"', 'class="md-top md-icon" lang="{{ pass_language_tag }}" data-md-component="top"'),
    ],
    "partials/tabs.html": [
        ('<nav class="md-tabs" aria-label=', '<nav class="md-tabs" lang="{{ pass_language_tag }}" aria-label='),
    ],
    "partials/nav.html": [
        ('<nav class="{{ class }}" aria-label="{{ lang.t(\'nav\') }}" data-md-level="0">',
         '<nav class="{{ class }}" lang="{{ pass_language_tag }}" aria-label="{{ lang.t(\'nav\') }}" data-md-level="0">'),
    ],
    "partials/toc.html": [
        ('<nav class="md-nav md-nav--secondary" aria-label="{{ title | e }}">',
         '<nav class="md-nav md-nav--secondary" lang="{{ pass_language_tag }}" aria-label="{{ title | e }}">'),
    ],
    "partials/nav-item.html": [
        (' tabindex="{{ tabindex }}"', '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}'),
    ],
}
# Material's table-of-contents label, which points at an input pages outside the
# navigation do not have (material_fixes.repair).
TOC_LABEL = '<label class="md-nav__title" for="__toc">'
# What Material's search plugin removes from `page.content` once it has indexed the page
# (material/plugins/search/plugin.py, on_page_context); search_scope.py does the same to the
# HTML it gives back.
SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")

log = logging.getLogger("mkdocs.hooks.upstream")


# --- The check ---------------------------------------------------------------------------

def engine() -> str:
    """The package running the build: "mkdocs", or "properdocs" (which answers `import mkdocs`)."""
    return mkdocs.__name__


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return None


def _original(name: str) -> Path:
    return I18N_SITEMAP if name == "mkdocs-static-i18n:sitemap.xml" else MATERIAL_TEMPLATES / name


def problems(config=None) -> list[tuple[str, str]]:
    """(package with its version, what changed) for every piece that is not as written for."""
    found: list[tuple[str, str]] = []
    versions = {name: _version(name) for name in (engine(), "mkdocs-material", "mkdocs-static-i18n")}
    for name, installed in versions.items():
        if installed != WRITTEN_FOR[name]:
            found.append((f"{name} {installed}", f"this site was written for {name} {WRITTEN_FOR[name]}"))
    material_label = f"mkdocs-material {versions['mkdocs-material']}"
    for pattern in (BUNDLE_PATTERN, SEARCH_WORKER_PATTERN, STYLESHEET_PATTERN):
        matches = sorted(MATERIAL_TEMPLATES.glob(pattern))
        if len(matches) != 1:
            found.append((material_label, f"{len(matches)} files match {pattern} (one expected)"))
        elif pattern == BUNDLE_PATTERN and matches[0].read_text(encoding="utf-8").count(BUNDLE_PATCH[0]) != 1:
            found.append((material_label, f"'{BUNDLE_PATCH[0]}' is no longer once in {matches[0].name}"))
    bundles = sorted(MATERIAL_TEMPLATES.glob(BUNDLE_PATTERN))
    patched = dict(TEMPLATE_PATCHES)
    if len(bundles) == 1:  # base.html must load the bundle found (a release renames both together)
        patched["base.html"] = [*patched["base.html"], (f"'{bundles[0].relative_to(MATERIAL_TEMPLATES).as_posix()}'", "")]
    for template, patches in patched.items():
        try:
            source = (MATERIAL_TEMPLATES / template).read_text(encoding="utf-8")
        except OSError:
            found.append((material_label, f"templates/{template} is missing"))
            continue
        for before, _after in patches:
            if before not in source:
                found.append((material_label, f"templates/{template} no longer has '{before.strip()}' (patched by material_fixes.py)"))
    for override, (name, expected) in COPIED.items():
        if _sha(_original(name)) != expected:
            package = "mkdocs-static-i18n " + str(versions["mkdocs-static-i18n"]) if name.startswith("mkdocs-static-i18n:") else material_label
            found.append((package, f"{name.split(':')[-1]} changed: overrides/{override} was copied from its earlier version; "
                                   "copy it again and update upstream.COPIED"))
    for name, expected in CACHED_PARTIALS.items():
        if _sha(MATERIAL_TEMPLATES / name) != expected:
            found.append((material_label, f"templates/{name} changed: partials_cache.py may serve a stale navigation; "
                                          "check what it reads and update upstream.CACHED_PARTIALS"))
    mkdocs_label = f"{engine()} {versions[engine()]}"
    if not callable(getattr(mkdocs.commands.build, "_build_theme_template", None)):
        found.append((mkdocs_label, "commands.build._build_theme_template is gone (the sitemap of every language)"))
    if not isinstance(getattr(mkdocs.commands.build, "log", None), logging.Logger):
        found.append((mkdocs_label, "commands.build.log is gone (the build's own logger)"))
    if not callable(getattr(File, "copy_file", None)):
        found.append((mkdocs_label, "File.copy_file is gone (photos' originals)"))
    i18n_label = f"mkdocs-static-i18n {versions['mkdocs-static-i18n']}"
    if not callable(getattr(mkdocs_static_i18n.plugin, "build", None)):
        found.append((i18n_label, "plugin.build is gone (the other languages' passes)"))
    if config is not None:
        plugin = config.plugins.get("i18n")
        for attribute in ("current_language", "building", "default_language", "build_languages", "search_entries",
                          "i18n_files_per_language", "extra_alternate"):
            if plugin is not None and not hasattr(plugin, attribute):
                found.append((i18n_label, f"the plugin has no attribute '{attribute}'"))
    try:
        from material.plugins.search import plugin as material_search
    except ImportError:
        found.append((material_label, "material.plugins.search is gone"))
    else:
        if not hasattr(material_search, "jieba"):
            found.append((material_label, "its search plugin no longer reads the module-level 'jieba' (chinese_words.py)"))
    return found


def check(config=None) -> None:
    """Stop the build, with one message, if anything borrowed is not as written for."""
    found = problems(config)
    if found:
        lines = "\n".join(f"  - {package}: {what}" for package, what in found)
        raise PluginError("This site's build relies on insides of other packages, and they changed "
                          f"(hooks/multilingual_site/upstream.py):\n{lines}\nNothing was built.")


# --- mkdocs-static-i18n 1.3.1 ---------------------------------------------------------------

def _i18n(config):
    return config.plugins["i18n"]


def pass_language(config) -> str:
    """The language of the pass mkdocs-static-i18n is running (the default one first: the
    plugin sets it only in its own on_config, after ours)."""
    plugin = _i18n(config)
    return plugin.current_language or plugin.default_language


def language_entries(config) -> list[dict]:
    """The plugin's `languages` list of mkdocs.yml, as plain mappings (languages.py reads them)."""
    return [dict(entry) for entry in _i18n(config).config.languages]


def is_nested_pass(config) -> bool:
    """True in a pass mkdocs-static-i18n runs for another language inside the first one."""
    return bool(_i18n(config).building)


def become_nested_pass(config, language: str) -> None:
    """In a language's own process (parallel.py): run the pass of `language` as a nested one."""
    plugin = _i18n(config)
    plugin.current_language = language
    plugin.building = True


def search_entries(config) -> list:
    """The search entries mkdocs-static-i18n collects from every pass for the merged index."""
    return _i18n(config).search_entries


def sitemap_files(config) -> dict:
    """Language -> the Files of its pages, which overrides/sitemap.xml lists with their alternates."""
    return _i18n(config).i18n_files_per_language


def initial_language_switcher(config) -> list[dict]:
    """The switcher's links as mkdocs-static-i18n makes them before any page (language roots)."""
    return [dict(link) for link in _i18n(config).extra_alternate]


def language_switcher(config) -> list[dict]:
    """The switcher's links of the page being rendered: mkdocs-static-i18n sets them per page
    as an attribute of `config.extra`, which is what Material's template reads."""
    return getattr(config.extra, "alternate", None) or []


def set_language_switcher(config, links: list[dict]) -> None:
    config.extra.alternate = links


def alternates(file, default=None) -> dict:
    """Language -> the File of a page's version in that language (set by the plugin on each File)."""
    return getattr(file, "alternates", {} if default is None else default)


# What mkdocs-static-i18n calls to run the pass of each other language: MkDocs' own build.
NESTED_BUILD = mkdocs_static_i18n.plugin.build


def replace_nested_build(build: Callable) -> None:
    """Have mkdocs-static-i18n call `build(config, dirty=...)` for each other language."""
    mkdocs_static_i18n.plugin.build = build


# --- MkDocs 1.6.1 (or ProperDocs 1.6.7) ------------------------------------------------------

def render_theme_template(name: str, env, files, config, nav) -> None:
    """Render and write a theme template as MkDocs does at the end of a build (sitemap.xml)."""
    mkdocs.commands.build._build_theme_template(name, env, files, config, nav)


def build_log() -> logging.Logger:
    """The logger of the build itself ("Documentation built in ..."), whatever its name
    (`mkdocs.commands.build`, or `properdocs.commands.build` under ProperDocs)."""
    return mkdocs.commands.build.log


def engine_logger() -> logging.Logger:
    """The logger every message of a build reaches (`mkdocs`, or `properdocs`)."""
    return logging.getLogger(engine())


def never_copy(file: File) -> None:
    """Leave a File out of the site: MkDocs copies a static file with `copy_file`."""
    file.copy_file = _not_copied


def _not_copied(dirty: bool = False) -> None:
    """Stands in for File.copy_file."""


# --- Material for MkDocs 9.8.1 ---------------------------------------------------------------

def _one(pattern: str) -> Path:
    matches = sorted(MATERIAL_TEMPLATES.glob(pattern))
    if len(matches) != 1:  # check() says so first, with its version
        raise PluginError(f"mkdocs-material: {len(matches)} files match {pattern}")
    return matches[0]


def bundle_path() -> str:
    """Site path of Material's JavaScript bundle (its name carries a content hash)."""
    return _one(BUNDLE_PATTERN).relative_to(MATERIAL_TEMPLATES).as_posix()


@lru_cache(maxsize=None)
def repaired_bundle() -> tuple[str, bytes]:
    """(site path, bytes) of Material's bundle with the sitemap lookup of alternates off,
    under a fingerprint of its own, without its source map (which describes the original)."""
    source = _one(BUNDLE_PATTERN).read_text(encoding="utf-8")
    before, after = BUNDLE_PATCH
    text = source.replace(before, after).split("\n//# sourceMappingURL=")[0] + "\n"
    data = text.encode("utf-8")
    name = bundle_path().replace(".min.js", f".{hashlib.sha256(data).hexdigest()[:8]}.min.js")
    return name, data


def search_worker_path() -> str:
    """Site path of Material's search worker, relative to the folder of workers."""
    return _one(SEARCH_WORKER_PATTERN).name


def stylesheet_path() -> str:
    """Site path of Material's main stylesheet."""
    return _one(STYLESHEET_PATTERN).relative_to(MATERIAL_TEMPLATES).as_posix()


def template_patches() -> dict[str, list[tuple[str, str]]]:
    """TEMPLATE_PATCHES, with base.html loading the repaired bundle."""
    original = bundle_path()
    patches = {name: list(pairs) for name, pairs in TEMPLATE_PATCHES.items()}
    patches["base.html"].append((f"'{original}'", f"'{repaired_bundle()[0]}'"))
    return patches


class PatchingLoader(jinja2.BaseLoader):
    """The theme's loader, with template_patches() applied to Material's templates."""

    def __init__(self, inner: jinja2.BaseLoader):
        self.inner = inner
        self.patches = template_patches()

    def get_source(self, environment, template):
        source, filename, uptodate = self.inner.get_source(environment, template)
        for before, after in self.patches.get(template, []):
            if before not in source:
                raise PluginError(f"mkdocs-material: '{before}' is no longer in its {template}; "
                                  "check whether the patch in upstream.py is still needed")
            source = source.replace(before, after)
        return source, filename, uptodate

    def list_templates(self):
        return self.inner.list_templates()


def material_search(config):
    """Material's search plugin of this build, or None."""
    return config.plugins.get("material/search") or config.plugins.get("search")


def search_index_entries(config) -> list | None:
    """The entries Material's search plugin has made in this pass, in page order."""
    index = getattr(material_search(config), "search_index", None)
    return getattr(index, "entries", None)


def segment_search_with(cut: Callable) -> None:
    """Have Material's search plugin cut Chinese into words with `cut` (it calls the module
    it imported as `jieba`: `jieba.cut`, only when no custom dictionary is configured)."""
    from material.plugins.search import plugin as material_search_module

    class _Segmenter:
        def __init__(self):
            self.cut = cut

        def __bool__(self) -> bool:  # the plugin segments only `if jieba:`
            return True

    material_search_module.jieba = _Segmenter()
