"""Hook: start and finish the build's background processes (background.py).

Events:
- on_startup: decides whether this run may use them (a full `mkdocs build` on Linux);
- on_post_build, at the very end (after mkdocs-static-i18n has built every language): waits
  for every background process, so the build ends only when all its files are written, and
  raises the first failure as the build's error, and logs the CPU time they used;
- on_build_error: stops them, so a failed build leaves nothing writing into the site.
Output owned: none.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

from multilingual_site import background, parallel

log = logging.getLogger("mkdocs.hooks.background_work")


def on_startup(command, dirty):
    background.decide(command, dirty)


def _add_figures(figures: dict) -> None:
    """The background work of another language's process, counted in this build's figures."""
    for key, value in figures.items():
        background.finished[key] += value


# Each language's process has background processes of its own (multilingual_site/parallel.py).
parallel.contribute("background work", lambda: dict(background.finished), _add_figures)


# Below every other on_post_build (reproducible.py, -120): the last thing a build does.
@event_priority(-150)
def on_post_build(config):
    if config.plugins["i18n"].building:
        return  # a nested language pass; the outer pass waits for all of them at its end
    background.wait_for_all()
    if background.finished["processes"]:
        log.info(f"Background work: {background.finished['processes']} processes, "
                 f"{background.finished['cpu_seconds']:.1f} s of CPU time beside the build's own")


def on_build_error(error):
    background.stop_all()
