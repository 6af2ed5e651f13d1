"""Hook: a few of Material's partials rendered once per state they depend on, not per page.

Material 9.8.1's `partials/nav.html` (the drawer's navigation) and `partials/tabs.html`
render the whole navigation tree into every page: at 2,500 members that was a fifth of
each language pass's template time (about 2.5 s of CPU per pass), for markup that differs
between two pages only where the navigation state does. Besides what is the same for a
whole language pass (config, features, interface strings, the translated titles of the
navigation), both templates read only:
- which navigation items are active (the page's section);
- the navigation's links, made relative to the page by MkDocs' `url` filter;
- whether the page itself is a navigation item (nav.html then nests the page's contents).
A page that is a navigation item is rendered as usual. For any other page, the output is
kept under a key made of those inputs (the active flag of every item, every link as `url`
makes it for this page), and the next page with the same key gets the same string: about
ten renderings per pass instead of 6,000. `partials/site/search.html` (the site's search)
and `partials/logo.html` (ours) read nothing of the page at all: one rendering per pass.
`tests/test_partials_cache.py` builds the site with and without the cache
(`SITE_PARTIALS_CACHE=0`) and compares every byte.

Events:
- on_env, after material_fixes.py (0), which repairs Material's templates as they are
  loaded: wraps the compiled templates; the kept output is emptied for each language pass
  and each rebuild of the live preview;
(At the end of each pass, end_steps.py logs at debug level, `mkdocs build -v`, how many
renderings served how many inclusions of the partials.)
Output owned: none (the pages are MkDocs').
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from mkdocs.plugins import event_priority
from mkdocs.utils import normalize_url

from multilingual_site import build_context



def _items(items) -> Iterator:
    for item in items:
        yield item
        if item.children:
            yield from _items(item.children)


def _navigation_state(context) -> tuple | None:
    """What nav.html and tabs.html show of this page, or None to render them as usual."""
    page, nav = context.get("page"), context.get("nav")
    if page is None or nav is None:
        return None
    items = list(_items(nav.items))
    if page in items:  # compared as nav-item.html compares them (`nav_item == page`)
        return None
    links = [item.url for item in items if getattr(item, "url", None) is not None]
    if nav.homepage is not None:
        links.append(nav.homepage.url)
    if context["config"].extra.get("homepage"):  # nav.html's logo link prefers it
        links.append(str(context["config"].extra["homepage"]))
    base_url = context.get("base_url")
    return (id(nav), base_url, tuple(normalize_url(link, page=page, base=base_url) for link in links),
            tuple(bool(item.active) for item in items))


def _same_for_every_page(context) -> tuple:
    """The same output for every page of a language pass (the kept output is emptied for
    each pass anyway)."""
    return (context["config"].theme["language"],)


CACHED_TEMPLATES = {
    "partials/nav.html": _navigation_state,
    "partials/tabs.html": _navigation_state,
    "partials/site/search.html": _same_for_every_page,
    "partials/logo.html": _same_for_every_page,
}


def _rendering_once_per_state(template_name: str, state_of, render):
    """A template's render function that keeps its output per state."""
    def root(context, *args, **kwargs):
        state = state_of(context)
        if state is None:
            yield from render(context, *args, **kwargs)
            return
        this_pass = build_context.current().pass_  # what is kept is emptied for each pass
        key = (template_name, *state)
        output = this_pass.partials_kept.get(key)
        if output is None:
            output = this_pass.partials_kept[key] = "".join(render(context, *args, **kwargs))
            this_pass.partials_served["renderings"] += 1
        this_pass.partials_served["inclusions"] += 1
        yield output
    root.renders_once_per_state = True
    return root


# After material_fixes.py (0): the templates wrapped are the repaired ones.
@event_priority(-50)
def on_env(env, config, files):
    if os.environ.get("SITE_PARTIALS_CACHE") == "0":
        return env
    for name, state_of in CACHED_TEMPLATES.items():
        template = env.get_template(name)
        if not getattr(template.root_render_func, "renders_once_per_state", False):
            template.root_render_func = _rendering_once_per_state(name, state_of, template.root_render_func)
    return env
