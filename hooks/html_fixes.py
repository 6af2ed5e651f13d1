"""Hook: repair three validity errors in mkdocs-material 9.8.1's own markup.

The Nu Html Checker must find no error on any page, and these come from Material's
templates, not from ours:
- `autocomplete="off"` on its checkbox toggles (allowed on text-like inputs only);
- `tabindex=""` on navigation section labels (an empty value is not an integer);
- `<label for="__toc">` on pages outside the navigation, where Material renders no
  `__toc` input for it to point to.
Events:
- on_env: the first two are fixed in Material's template source as it is loaded, once
  per build (rewriting the output of every page cost a second at network scale);
- on_post_page / on_post_template (404.html): the third depends on the page, so it is
  fixed in the page's HTML, and only when that page has no `__toc` input.
Each fix is an exact string match: after upgrading Material, check whether it is still
needed; tests/test_html_validity.py fails if one comes back, and a template-source fix
that no longer matches its template stops the build.
"""

from __future__ import annotations

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# template name -> exact (before, after) replacements in its source
_SOURCE_FIXES = {
    "base.html": [
        ('id="__drawer" autocomplete="off">', 'id="__drawer">'),
        ('id="__search" autocomplete="off">', 'id="__search">'),
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
                raise PluginError(f"html_fixes: '{before}' is no longer in Material's {template}; "
                                  "check whether the fix is still needed")
            source = source.replace(before, after)
        return source, filename, uptodate

    def list_templates(self):
        return self.inner.list_templates()


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
