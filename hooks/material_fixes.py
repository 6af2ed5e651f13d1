"""Hook: repair what mkdocs-material 9.8.1 gets wrong for this site, in one place.

Every fix is an exact string match against Material 9.8.1's own files: after upgrading
Material, a fix that no longer matches stops the build (so it is re-checked, never silently
lost), and tests/test_html_validity.py / tests/test_clean_page_loads.py fail if a defect
comes back.

1. Validity and accessibility errors in its markup (the Nu Html Checker and axe-core must
   find none):
   - `autocomplete="off"` on its checkbox toggles (allowed on text-like inputs only);
   - `tabindex=""` on navigation section labels (an empty value is not an integer);
   - `<label for="__toc">` on pages outside the navigation, where Material renders no
     `__toc` input for it to point to;
   - the logo link named by the site name alone, which does not match the wordmark it shows.
2. Failed requests on every page load. Material's language-selector script fetches
   `sitemap.xml` next to every `<link rel="alternate">` of the page (hreflang alternates
   and feed links alike: `/news/2024/x/sitemap.xml`, `/feeds/sitemap.xml`, all 404s), to
   redirect a click on a language link to the same page in the other language. Our switcher
   links already point at the counterpart page (mkdocs-static-i18n sets them per page), so
   that lookup is not needed: the bundle is published with the selector narrowed to links
   marked `data-md-sitemap`, which no page has, under a name with its own fingerprint. The
   one sitemap it still loads, `<language root>/sitemap.xml` (for instant navigation), is
   written for every language.
Events:
- on_files: publishes the repaired bundle in place of Material's;
- on_env: fixes Material's template source as it is loaded, once per build (rewriting the
  output of every page cost a second at network scale);
- on_post_page / on_post_template (404.html): the `__toc` label, which depends on the page;
- on_post_build (last pass): `sitemap.xml` for every language root.
Output owned: the repaired `assets/javascripts/bundle.a5f9d56c.<hash>.min.js`, `<lang>/sitemap.xml`.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import jinja2
import material
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

_MATERIAL = Path(material.__file__).parent / "templates"
_BUNDLE = "assets/javascripts/bundle.a5f9d56c.min.js"
_BUNDLE_FIX = ('M("link[rel=alternate]")', 'M("link[rel=alternate][data-md-sitemap]")')


def _repaired_bundle() -> tuple[str, bytes]:
    """(site path, bytes) of Material's bundle with the sitemap lookup of alternates off."""
    source = (_MATERIAL / _BUNDLE).read_text(encoding="utf-8")
    before, after = _BUNDLE_FIX
    if source.count(before) != 1:
        raise PluginError(f"material_fixes: '{before}' is no longer once in Material's {_BUNDLE}; "
                          "check whether the fix is still needed")
    # Its source map describes the original; the repaired file is published without one.
    text = source.replace(before, after).split("\n//# sourceMappingURL=")[0] + "\n"
    data = text.encode("utf-8")
    # A fingerprint of its own (the web server caches fingerprinted assets for a year).
    name = _BUNDLE.replace(".min.js", f".{hashlib.sha256(data).hexdigest()[:8]}.min.js")
    return name, data


_REPAIRED_NAME, _REPAIRED_DATA = _repaired_bundle()

# template name -> exact (before, after) replacements in its source
_SOURCE_FIXES = {
    "base.html": [
        ('id="__drawer" autocomplete="off">', 'id="__drawer">'),
        ('id="__search" autocomplete="off">', 'id="__search">'),
        (f"'{_BUNDLE}'", f"'{_REPAIRED_NAME}'"),
    ],
    # The logo link's name is its text, the wordmark: Material names it by the site name
    # alone, which the visible wordmark does not match (WCAG 2.5.3, axe label-content-name-mismatch).
    "partials/header.html": [
        (' title="{{ config.site_name | e }}" class="md-header__button md-logo" aria-label="{{ config.site_name }}"',
         ' class="md-header__button md-logo"'),
    ],
    "partials/nav-item.html": [
        # `tabindex` is "0" or undefined (printed as ""); leave the attribute out then.
        (' tabindex="{{ tabindex }}"', '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}'),
    ],
}
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


class _RepairingLoader(jinja2.BaseLoader):
    """The theme's loader, with `_SOURCE_FIXES` applied to Material's templates."""

    def __init__(self, inner: jinja2.BaseLoader):
        self.inner = inner

    def get_source(self, environment, template):
        source, filename, uptodate = self.inner.get_source(environment, template)
        for before, after in _SOURCE_FIXES.get(template, []):
            if before not in source:
                raise PluginError(f"material_fixes: '{before}' is no longer in Material's {template}; "
                                  "check whether the fix is still needed")
            source = source.replace(before, after)
        return source, filename, uptodate

    def list_templates(self):
        return self.inner.list_templates()


# After mkdocs-static-i18n (-100), which rebuilds every File from its path and cannot take
# a File made in memory.
@event_priority(-110)
def on_files(files, config):
    for path in (_BUNDLE, _BUNDLE + ".map"):  # the map describes the original only
        original = files.get_file_from_path(path)
        if original is not None:
            files.remove(original)
    files.append(File.generated(config, _REPAIRED_NAME, content=_REPAIRED_DATA))
    return files


def on_env(env, config, files):
    if not isinstance(env.loader, _RepairingLoader):
        env.loader = _RepairingLoader(env.loader)
    return env


# Last, after every other plugin and hook has written the page.
@event_priority(-200)
def on_post_page(output, page, config):
    return repair(output)


@event_priority(-200)
def on_post_template(output_content, template_name, config):
    return repair(output_content) if template_name.endswith(".html") else output_content


def repair(output: str) -> str:
    if 'id="__toc"' not in output:
        output = output.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return output


# Below mkdocs-static-i18n (-100): the last pass has written the sitemap of all languages.
@event_priority(-115)
def on_post_build(config):
    i18n_plugin = config.plugins["i18n"]
    if i18n_plugin.building:
        return  # a nested language pass; the outer pass finishes last
    sitemap = Path(config.site_dir) / "sitemap.xml"
    if not sitemap.exists():
        return
    for lang in i18n_plugin.build_languages:
        if lang != i18n_plugin.default_language:
            shutil.copyfile(sitemap, Path(config.site_dir) / lang / "sitemap.xml")
