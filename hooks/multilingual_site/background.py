"""Work handed to a second process, so the build's own process does not wait for it.

MkDocs renders pages on one core. Our largest jobs need nothing from that rendering once
every page of a language pass has been read (`on_env`): the data views, the feeds and the
member exports. A forked child inherits the build's memory (validated content, pages,
templates) without copying or pickling it, does the job on the other core and either
streams its results back through a pipe (`Job`: the views) or writes its files itself
(`run`: feeds, exports).

Only where that is safe and pays: `mkdocs build` on Linux, not `--dirty`. The live
preview builds in a server thread (forking a threaded process is unsafe) and re-renders a
few pages at a time, and other systems do not fork cheaply; there, and when
`SITE_BACKGROUND_WORK=0` is set, the same functions run inline. Output is the same either
way (tests/test_multilingual_site.py builds both and compares every byte).

A failure in a child is never lost: its message is sent back and stops the build (a view's
`PluginError` with the same message, at the same page, as the inline path; a feed's or an
export's at the end of the build), a warning logged in a child fails a strict build as it
would inline, and every child is waited for (or, when the build fails, stopped) before
the build ends (hook `background_work.py`). A child also dies with the build's process.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import threading
import traceback
from collections import deque
from typing import Callable, Iterator

from mkdocs.exceptions import PluginError

from . import build_context, upstream

log = logging.getLogger("mkdocs.hooks.background")

_BATCH = 64  # results per message: one pipe round-trip per result cost more than the result
_DONE = "done"
_FAILED = "failed"
_RESULTS = "results"


def _jobs() -> list:
    """The build's jobs still running (build_context; whether a build may use them at all is
    decided by hooks/build_setup.py: only a full `mkdocs build` on Linux)."""
    return build_context.current().background_jobs


class Job:
    """A function running in a forked child; `results()` yields what it sends, in order."""

    def __init__(self, name: str, work: Callable[[Callable[[object], None]], None]):
        self.name = name
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        # Daemonic: if the build fails, the child is stopped with it, never left writing.
        self._process = context.Process(target=_run, args=(work, writer, os.getpid()), name=name, daemon=True)
        try:
            self._process.start()
        finally:
            writer.close()  # the child holds the only writing end: its exit means end of file
        self._pending: deque = deque()
        self._finished = False
        _jobs().append(self)

    def results(self) -> Iterator[object]:
        while True:
            while self._pending:
                yield self._pending.popleft()
            if self._finished:
                return
            self._receive()

    def _receive(self) -> None:
        try:
            kind, payload = self._reader.recv()
        except EOFError:
            self._finish()
            raise PluginError(f"{self.name}: the background process stopped unexpectedly "
                              f"(exit code {self._process.exitcode}); run the build again") from None
        if kind == _RESULTS:
            self._pending.extend(payload)
        elif kind == _DONE:
            cpu_seconds, warnings = payload
            figures = build_context.current().background_figures  # for the build log (and bench/run.py)
            figures["processes"] += 1
            figures["cpu_seconds"] += cpu_seconds
            self._finish()
            if warnings:  # printed by the child; logged here too, so that --strict counts them
                log.warning(f"{self.name}: {warnings} warning(s) in the background process, printed above")
        else:  # _FAILED: the child's own message, raised here as the inline path would
            self._finish()
            raise PluginError(payload)

    def wait(self) -> None:
        """Block until the child has finished; raise its failure, if any."""
        while not self._finished:
            self._receive()

    def _finish(self) -> None:
        self._finished = True
        self._reader.close()
        self._process.join()
        if self in _jobs():
            _jobs().remove(self)

    def stop(self) -> None:
        if not self._finished:
            self._process.terminate()
            self._finish()


def start(name: str, work: Callable[[Callable[[object], None]], None]) -> Job | None:
    """`work` in a background process, or None if this build may not use one now: only a
    single-threaded process forks safely, and a failed fork (no memory) leaves the work to be
    done inline."""
    if not build_context.current().background or threading.active_count() > 1:
        return None
    try:
        return Job(name, work)
    except OSError as error:
        log.info(f"{name}: no background process ({error}); done inline")
        return None


def run(name: str, work: Callable[[], None]) -> None:
    """Run `work` (which writes files and returns nothing) in a background process when this
    build allows one, else now. Either way it has finished when the build ends."""
    if start(name, lambda send: _yielding(work)) is None:
        work()


def _yielding(work: Callable[[], None]) -> None:
    """Run `work` at a lower CPU priority: files are not needed before the build ends, while
    the build's own process and the views it is waiting for are."""
    os.nice(10)
    work()


class _WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record) -> None:
        self.count += 1


def die_with_parent(parent: int) -> None:
    """Have Linux stop this child if the build's process is killed (then no cleanup of its
    own runs): never a child left writing into a site after its build has gone."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        return
    if os.getppid() != parent:  # the build died before that took effect
        os._exit(1)


def _run(work, writer, parent: int) -> None:
    """The child: run `work`, sending its results in batches, then the outcome."""
    die_with_parent(parent)
    warnings = _WarningCounter()
    upstream.engine_logger().addHandler(warnings)
    batch: list = []

    def send(result) -> None:
        batch.append(result)
        if len(batch) >= _BATCH:
            writer.send((_RESULTS, batch[:]))
            batch.clear()

    outcome = None
    try:
        work(send)
    except PluginError as error:
        outcome = (_FAILED, str(error))
    except Exception:  # a bug, not bad content: the whole traceback helps
        outcome = (_FAILED, "background work failed:\n" + traceback.format_exc())
    try:
        try:
            if batch:  # what came before a failure, too: the build stops at the page that failed
                writer.send((_RESULTS, batch))
        except Exception:  # a result that cannot be sent is a bug to report, not a crash
            outcome = outcome or (_FAILED, "background work failed:\n" + traceback.format_exc())
        if outcome is None:
            times = os.times()
            outcome = (_DONE, (times.user + times.system, warnings.count))  # this child's own CPU time
        writer.send(outcome)
    finally:
        writer.close()


def wait_for_all() -> None:
    """Wait for every child still running; the first failure stops the others and is raised."""
    try:
        while _jobs():
            _jobs()[0].wait()
    except PluginError:
        stop_all()
        raise


def stop_all() -> None:
    for job in list(_jobs()):
        job.stop()


def finish(ctx, config) -> None:
    """End of the build: every background process has finished (so the build ends only when
    all its files are written), the first failure raised as the build's error; the log says
    how much CPU time they used beside the build's own."""
    wait_for_all()
    figures = ctx.background_figures
    if figures["processes"]:
        log.info(f"Background work: {figures['processes']} processes, "
                 f"{figures['cpu_seconds']:.1f} s of CPU time beside the build's own")
