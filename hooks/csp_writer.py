"""Hook: the Content-Security-Policy of every page (multilingual_site/content_security_policy.py).

Events: on_post_page, and on_post_template for 404.html (rendered outside the page loop):
hashes the page's inline scripts and style attributes and writes the page's policy into the
<meta> that overrides/main.html puts first in <head> (string work only), and gathers the
hashes into the build context; at the end of the build, their union is written for nginx
(end_steps.py: content_security_policy.write_nginx_snippet). The live preview allows inline
scripts (content_security_policy.PREVIEW_SCRIPTS).
Output owned: the <meta> policy of every page.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from multilingual_site import build_context, content_security_policy


def _fill(html: str) -> str:
    ctx = build_context.current()
    html, scripts, styles = content_security_policy.fill_meta(html, preview=ctx.preview)
    ctx.csp_scripts.update(scripts)
    ctx.csp_styles.update(styles)
    return html


# After every other plugin and hook, material_fixes.py (-200) included: the hashes are of the
# scripts exactly as the page is written.
@event_priority(-210)
def on_post_page(output, page, config):
    return _fill(output)


@event_priority(-210)
def on_post_template(output_content, template_name, config):
    return _fill(output_content) if template_name.endswith(".html") else output_content
