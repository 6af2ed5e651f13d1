"""Hook: repair what mkdocs-material 9.8.1 gets wrong for this site. What is patched, and the
check that stops a build when Material changes under a patch, live in
multilingual_site/upstream.py; tests/test_html_validity.py and
tests/test_public_experience.py fail if a defect comes back.

1. Validity and accessibility errors in its markup (the Nu Html Checker and axe-core must
   find none):
   - `autocomplete="off"` on its checkbox toggles (allowed on text-like inputs only);
   - `tabindex=""` on navigation section labels (an empty value is not an integer);
   - `<label for="__toc">` on pages outside the navigation, where Material renders no
     `__toc` input for it to point to;
   - the logo link named by the site name alone, which does not match the wordmark it
     shows (WCAG 2.5.3, axe label-content-name-mismatch).
2. Failed requests on every page load. Material's language-selector script fetches
   `sitemap.xml` next to every `<link rel="alternate">` of the page (hreflang alternates
   and feed links alike: `/news/2024/x/sitemap.xml`, `/feeds/sitemap.xml`, all 404s), to
   redirect a click on a language link to the same page in the other language. Our switcher
   links already point at the counterpart page (mkdocs-static-i18n sets them per page), so
   that lookup is not needed: the bundle is published with the selector narrowed to links
   marked `data-md-sitemap`, which no page has, under a name with its own fingerprint. The
   one sitemap it still loads, `<language root>/sitemap.xml` (for instant navigation), is
   written for every language (sitemaps.py).
Events:
- on_files: publishes the repaired bundle in place of Material's;
- on_env: fixes Material's template source as it is loaded, once per build (rewriting the
  output of every page cost a second at network scale);
- on_post_page / on_post_template (404.html): the `__toc` label, which depends on the page.
Output owned: the repaired `assets/javascripts/bundle.<hash>.<hash>.min.js`.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from multilingual_site import upstream

# After mkdocs-static-i18n (-100), which rebuilds every File from its path and cannot take
# a File made in memory.
@event_priority(-110)
def on_files(files, config):
    original = upstream.bundle_path()
    for path in (original, original + ".map"):  # the map describes the original only
        file = files.get_file_from_path(path)
        if file is not None:
            files.remove(file)
    name, data = upstream.repaired_bundle()
    files.append(File.generated(config, name, content=data))
    return files


def on_env(env, config, files):
    if not isinstance(env.loader, upstream.PatchingLoader):
        env.loader = upstream.PatchingLoader(env.loader)
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
        output = output.replace(upstream.TOC_LABEL, '<label class="md-nav__title">')
    return output
