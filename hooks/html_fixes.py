"""Hook: repair three validity errors in mkdocs-material 9.8.1's own markup.

Events: on_post_page (every page's final HTML) and on_post_template (404.html). The Nu Html Checker must find no error on
any page, and these come from Material's templates, not from ours:
- `autocomplete="off"` on its checkbox toggles (allowed on text-like inputs only);
- `tabindex=""` on navigation section labels (an empty value is not an integer);
- `<label for="__toc">` on pages outside the navigation, where Material renders no
  `__toc` input for it to point to.
Each fix is an exact string match on Material's output: after upgrading Material, check
whether it is still needed (tests/test_html_validity.py fails if one comes back).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

# Material's two checkbox toggles, exactly as base.html writes them.
_TOGGLES = [
    ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'),
    ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'),
]


# Last, after every other plugin and hook has written the page.
@event_priority(-200)
def on_post_page(output, page, config):
    return repair(output)


@event_priority(-200)
def on_post_template(output_content, template_name, config):
    return repair(output_content) if template_name.endswith(".html") else output_content


def repair(output: str) -> str:
    for before, after in _TOGGLES:
        output = output.replace(before, after)
    output = output.replace(' tabindex="">', ">")
    if 'id="__toc"' not in output:
        output = output.replace('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">')
    return output
