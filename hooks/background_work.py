"""Hook: stop the build's background processes (multilingual_site/background.py) and language
processes (parallel.py) when a build fails, so a failed build leaves nothing writing into the
site. (Whether a build uses them is decided by build_setup.py; the end of a successful build
waits for them: end_steps.py.)

Event: on_build_error.
Output owned: none.
"""

from __future__ import annotations

from multilingual_site import background, parallel


def on_build_error(error):
    background.stop_all()
    parallel.stop_all()
