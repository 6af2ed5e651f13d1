"""Hook: the end of every language pass: end_steps.AFTER_EACH_PASS, in order.

Event: on_post_build, before mkdocs-static-i18n (-100), which then runs the other
languages' passes.
Output owned: none of its own (each step names its module).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from multilingual_site import build_context, end_steps


@event_priority(-50)
def on_post_build(config):
    end_steps.run(end_steps.AFTER_EACH_PASS, build_context.current(), config)
