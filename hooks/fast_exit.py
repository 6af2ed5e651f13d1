"""Hook: a `mkdocs build` that has succeeded ends at once, without Python's teardown.

At the end of a process Python frees every object one by one: for a build at 2,500 members
and 2,000 articles per language (some 500 MB of pages, views and index) that took about 2 s
after the last file was written, while `make site` waits to publish the finished site
(mypy ends the same way, for the same reason).

Events:
- on_startup: only for `mkdocs build` (the live preview's server ends as usual);
- on_config: watches MkDocs' own last line of a successful build ("Documentation built in"),
  logged by the outermost pass only (a nested language pass, i18n `building`, does not count);
- on_build_error: a failed build is never ended early: MkDocs exits with its error as usual;
- on_shutdown, the last event: after a success, runs the exit handlers (`atexit`: what a
  tool measuring the build registered, logging's flush), flushes the output and ends the
  process with exit status 0. Every file is closed and every background process and language
  pass has been waited for by then (background_work.py, parallel_languages.py).
Output owned: none.
"""

from __future__ import annotations

import atexit
import logging
import os
import sys

_state = {"command": None, "config": None, "built": False}


class _SuccessWatcher(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        config = _state["config"]
        if (config is not None and record.getMessage().startswith("Documentation built in")
                and not config.plugins["i18n"].building):
            _state["built"] = True
        return True


_watcher = _SuccessWatcher()


def on_startup(command, dirty):
    _state.update(command=command, config=None, built=False)


def on_config(config):
    _state["config"] = config
    build_log = logging.getLogger("mkdocs.commands.build")
    if _watcher not in build_log.filters:
        build_log.addFilter(_watcher)
    return config


def on_build_error(error):
    _state["built"] = False


def on_shutdown():
    if _state["command"] != "build" or not _state["built"]:
        return
    atexit._run_exitfuncs()  # what Python runs at exit before freeing objects; logging.shutdown among them
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
