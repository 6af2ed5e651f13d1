"""Hook: the end of the build, once every language's pages are written:
end_steps.AFTER_EVERY_LANGUAGE, in order (the table says what each step writes).

Event: on_post_build, after mkdocs-static-i18n (-100) has run (or collected) the other
languages' passes; in the outermost pass only.
Output owned: none of its own (each step names its module).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from multilingual_site import build_context, end_steps


@event_priority(-200)
def on_post_build(config):
    ctx = build_context.current()
    if not ctx.pass_.nested:
        end_steps.run(end_steps.AFTER_EVERY_LANGUAGE, ctx, config)
