"""Build the site and publish it into site/ atomically (`make site`).

    python tools/build_site.py [--site-dir site] [--engine mkdocs|properdocs] [build options...]

A reader of site/ (a web server, a deploy step) must only ever see the old site or the
new one, never a half-written or half-removed tree, and never none:
- the build writes into a fresh folder next to site/ (`.site.build-<pid>`), on the same
  file system;
- only a successful build is published, by exchanging the two folders in one
  `renameat2(RENAME_EXCHANGE)` system call (Linux 3.15+), so the name `site` always holds
  a complete site; the old tree is removed afterwards, where a failure harms nobody;
- a lock (`.cache/site-build.lock`) makes a second build wait for the first, so two builds
  started together publish one after the other, never a mix;
- Ctrl-C or SIGTERM stops the build's processes and removes the unfinished folder.

Exit codes: 0 published; 1 the build failed (a content problem, each printed as
`file:line: field: message`, or a warning in the strict build; site/ is untouched);
130 interrupted (site/ is untouched). `make site` turns any failure into make's own 2.
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from multilingual_site.languages import from_mkdocs_yml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> None:
    """Swap two paths atomically (both must exist, on one file system)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a))


def publish(built: Path, site: Path) -> Path | None:
    """Put `built` in place of `site` in one step; return where the old site now is."""
    if not site.exists() and not site.is_symlink():
        os.rename(built, site)
        return None
    try:
        exchange(built, site)
    except (OSError, AttributeError) as error:
        if isinstance(error, OSError) and error.errno not in (errno.ENOSYS, errno.EINVAL):
            raise
        # No RENAME_EXCHANGE (another system or file system): two renames, a moment apart.
        print(f"warning: {site} is replaced in two steps here (no atomic exchange: {error})", file=sys.stderr)
        old = built.with_name(built.name + ".old")
        os.rename(site, old)
        os.rename(built, site)
        return old
    return built  # after the exchange, the old site sits where the new one was built


def _remove(path: Path) -> None:
    """Remove a tree no reader uses any more; a failure is reported, never fatal."""
    def report(function, failed, info):
        print(f"warning: could not remove {failed} ({info[1]}); remove {path} by hand", file=sys.stderr)
    shutil.rmtree(path, onerror=report)


def _stale_folders(project: Path) -> list[Path]:
    """Unfinished or old folders left by a build that was killed outright."""
    return sorted(project.glob(".site.build-*"))



def _where_languages_are(project: Path) -> str:
    """"简体中文 at /, English at /en/, ...": mkdocs.yml's languages."""
    languages = from_mkdocs_yml(project / "mkdocs.yml")
    return ", ".join(f"{language.name} at /{language.root}" for language in languages)

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default="site")
    parser.add_argument("--project", type=Path, default=ROOT)
    # MkDocs, or ProperDocs, its maintained drop-in fork (README): the module run as
    # `python -m <engine> build`, from this interpreter's environment.
    parser.add_argument("--engine", choices=("mkdocs", "properdocs"), default="mkdocs")
    args, mkdocs_options = parser.parse_known_args(argv)
    project = args.project.resolve()
    site = project / args.site_dir
    lock_path = project / ".cache" / "site-build.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Another build of this site is running; waiting for it to finish.", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in _stale_folders(project):  # we hold the lock: nobody else is building
            _remove(stale)
        return _build_and_publish(project, site, args.engine, mkdocs_options)


def _build_and_publish(project: Path, site: Path, engine: str, mkdocs_options: list[str]) -> int:
    built = project / f".site.build-{os.getpid()}"
    command = [sys.executable, "-m", engine, "build", "--strict", *mkdocs_options,
               "-f", str(project / "mkdocs.yml"), "--site-dir", str(built)]
    # The published site never carries the editor of `make edit`'s preview (hooks/editor.py).
    env = {name: value for name, value in os.environ.items() if name != "SITE_EDITOR"}
    # Its own process group: an interruption stops the build and every process it started.
    build = subprocess.Popen(command, cwd=project, start_new_session=True, env=env)
    interrupted = []

    def stop(signum, frame):
        interrupted.append(signum)
        try:
            os.killpg(build.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        code = build.wait()
        if not interrupted and code == 0:
            old = publish(built, site)
            if old is not None:
                _remove(old)
            print(f"Site built in {site.name}/ ({_where_languages_are(project)}).")
            return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if built.exists():
            _remove(built)
        for language_pass in project.glob(built.name + ".*"):  # an interrupted pass's folder
            _remove(language_pass)
    if interrupted:
        print(f"Interrupted: {site.name}/ is unchanged.", file=sys.stderr)
        return 130
    print(f"The build failed: {site.name}/ is unchanged.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
