"""Hook: a `mkdocs build` that has succeeded ends at once, without Python's teardown.

At the end of a process Python frees every object one by one: for a build at 2,500 members
and 2,000 articles per language (some 500 MB of pages, views and index) that took about 2 s
after the last file was written, while `make site` waits to publish the finished site
(mypy ends the same way, for the same reason).

Events:
- on_config (outermost pass): watches the build's own last line of a successful build
  ("Documentation built in"), logged by the outermost pass only, on the build's own logger
  (upstream.build_log: its name differs under ProperDocs);
- on_build_error: a failed build is never ended early: MkDocs exits with its error as usual;
- on_shutdown, the last event: after a success of `mkdocs build` (the live preview's server
  ends as usual), runs the exit handlers (`atexit`: what a tool measuring the build
  registered, logging's flush), flushes the output and ends the process with exit status 0.
  Every file is closed and every background process and language pass has been waited for
  by then (end_steps.py).
Output owned: none.
"""

from __future__ import annotations

import atexit
import logging
import os
import sys

from multilingual_site import build_context, upstream


class _SuccessWatcher(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        ctx = build_context.current()
        if record.getMessage().startswith("Documentation built in") and not ctx.pass_.nested:
            ctx.built = True
        return True


_watcher = _SuccessWatcher()


def on_config(config):
    build_log = upstream.build_log()
    if _watcher not in build_log.filters:
        build_log.addFilter(_watcher)
    return config


def on_build_error(error):
    build_context.current().built = False


def on_shutdown():
    ctx = build_context.current()
    if ctx.command != "build" or not ctx.built:
        return
    atexit._run_exitfuncs()  # what Python runs at exit before freeing objects; logging.shutdown among them
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
