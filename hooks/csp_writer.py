"""Hook: the Content-Security-Policy of every page, and the same policy for the web server.

Events:
- on_startup: notes whether this is the live preview (see content_security_policy.PREVIEW_SCRIPTS);
- on_config, outermost language pass: starts the build's sets of hashes;
- on_post_page, and on_post_template for 404.html (rendered outside the page loop): hashes
  the page's inline scripts and style attributes and writes the page's policy into the <meta> that
  overrides/main.html puts first in <head> (string work only: content_security_policy.py);
- on_post_build, outermost pass (after mkdocs-static-i18n has built every language): writes
  the union of all pages' hashes as an nginx directive to `.nginx/content-security-policy.conf`
  in the site. It travels with the site it was computed from; deploy/nginx.conf includes it,
  and nginx serves no dotfile (deploy/README.md).
Output owned: the <meta> policy of every page, `.nginx/content-security-policy.conf`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from multilingual_site import content_security_policy, parallel

SNIPPET = Path(".nginx", "content-security-policy.conf")

_preview = False
# Every pass's hashes, in this process: inline scripts, style attributes.
_scripts: set[str] = set()
_styles: set[str] = set()


def _merge(hashes: tuple) -> None:
    scripts, styles = hashes
    _scripts.update(scripts)
    _styles.update(styles)


# The other languages' pages are hashed in their own processes (multilingual_site/parallel.py).
parallel.contribute("content security policy", lambda: (sorted(_scripts), sorted(_styles)), _merge)


def on_startup(command, dirty):
    global _preview
    _preview = command == "serve"


def on_config(config):
    if not config.plugins["i18n"].building:  # a new build, not the next language pass
        _scripts.clear()
        _styles.clear()
    return config


def _fill(html: str) -> str:
    html, scripts, styles = content_security_policy.fill_meta(html, preview=_preview)
    _scripts.update(scripts)
    _styles.update(styles)
    return html


# After every other plugin and hook, material_fixes.py (-200) included: the hashes are of the
# scripts exactly as the page is written.
@event_priority(-210)
def on_post_page(output, page, config):
    return _fill(output)


@event_priority(-210)
def on_post_template(output_content, template_name, config):
    return _fill(output_content) if template_name.endswith(".html") else output_content


# Below mkdocs-static-i18n (-100): its on_post_build runs the other languages' passes, so
# only then has every page been written.
@event_priority(-115)
def on_post_build(config):
    if config.plugins["i18n"].building:
        return  # a nested language pass; the outermost pass writes the union
    target = Path(config.site_dir) / SNIPPET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content_security_policy.nginx_snippet(_scripts, _styles), encoding="utf-8")
