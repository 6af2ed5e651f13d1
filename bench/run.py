"""Benchmark the site build at network scale: time, memory, output size, time inside hooks.

    python bench/run.py [--sizes real,500x500,2500x2000] [--json bench/results/latest.json]

Sizes: `real` is the repo's own docs/ and data/; `NxM` is a project from bench/generate.py
with N members and M articles per hand-translated language (plus about 5% more in Chinese
only; as many missing in Korean), in every language of the repo's mkdocs.yml.

Each size is built the way `make site` builds (`python -m mkdocs build --strict`) in a
fresh process, in a temporary copy of the project. Measured per size:

- wall time of the build process; the peak resident memory of its largest process
  (`peak MB`: each process's own high-water mark, VmHWM, sampled from /proc), and the peak
  of all its processes together (`all MB`: the sum of their proportional set sizes, which
  counts a page forked processes share once, sampled from /proc a few times a second);
- the CPU time of the build's background processes (hooks/multilingual_site/background.py: views, feeds and
  exports prepared on the other core), from the build's log (`bg CPU s`);
- output size (bytes, files, HTML pages), the member directory page in each language and
  a members JSON index if the site has one (`n/a` otherwise);
- time spent inside our hooks, per hook module and event, in the same build. hooks/ is
  not touched: the temporary project gets `mkdocs.bench.yml` (`INHERIT: mkdocs.yml`, with
  `hooks:` replaced) whose entries are generated shims under `.bench/`; each shim loads the
  real hook module the way MkDocs does and wraps every `on_*` function in a
  `time.perf_counter` accumulator; the totals are written to a JSON file at exit;

At one size (`--serve-size`, default 500x500) it also times a one-article edit in the live
preview: `mkdocs serve` on a free port, wait for "Serving on", append a sentence to a news
file, and time until the log shows "Reloading browsers" (MkDocs logs it once the rebuild
has finished; "Documentation built in" comes just before it, with MkDocs' own figure).

Every build is checked before its figures are kept (`checked_build`): it exited 0, wrote at
least the pages it should in every language, and the environment's packages were not
reinstalled while it ran; otherwise the bench stops, printing why and the end of the build's
log (the JSON then holds the sizes measured in full and `stopped`). A failed build takes a
second and would otherwise pass for a fast one.

Results: a table on stdout and JSON (`--json`). Timings are only comparable on one machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import REPO, SITE_SOURCES, generate  # noqa: E402
from stock import languages, page_counts, write_stock_site  # noqa: E402

DEFAULT_SIZES = "real,500x500,2500x2000"
BUILD_DATE = "2026-01-01"  # after every generated article: none is left out as scheduled
BUILD_TIMEOUT = 3600
SERVE_TIMEOUT = 1200
EDIT_SENTENCE = {"zh": "（预览测试：追加的一句话。）", "en": "(Preview test: an appended sentence.)"}

# ---------------------------------------------------------------------------------------
# Hook timing shims (written into the temporary project, never into hooks/).

TIMER_MODULE = '''"""Written by bench/run.py: time every on_* function of the site's hooks.

`load_timed` loads a hook file as MkDocs itself does (same module name, its folder on
sys.path while it runs) and puts a timed wrapper of each of its on_* functions into the
shim's namespace; functools.wraps keeps `mkdocs_priority` (event_priority). Totals per
hook and event are written as JSON to $BENCH_HOOK_TIMES when the build process exits.
"""

import atexit
import functools
import importlib.util
import json
import os
import sys
import time

_totals = {}


def _timed(hook, event, function):
    key = (hook, event)
    _totals.setdefault(key, [0.0, 0])

    @functools.wraps(function)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            total = _totals[key]
            total[0] += time.perf_counter() - start
            total[1] += 1
    return timed


def load_timed(name, path, namespace):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    old_path = sys.path.copy()
    sys.path.insert(0, os.path.dirname(path))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = old_path
    hook = os.path.splitext(os.path.basename(path))[0]
    for attribute in dir(module):
        function = getattr(module, attribute)
        if attribute.startswith("on_") and callable(function):
            namespace[attribute] = _timed(hook, attribute, function)
    namespace["__doc__"] = module.__doc__


@atexit.register
def _dump():
    target = os.environ.get("BENCH_HOOK_TIMES")
    if not target:
        return
    rows = [{"hook": hook, "event": event, "seconds": seconds, "calls": calls}
            for (hook, event), (seconds, calls) in sorted(_totals.items())]
    with open(target, "w", encoding="utf-8") as out:
        json.dump(rows, out, indent=1)
'''

SHIM = '''# Written by bench/run.py: {name} with every on_* event timed (see _bench_hook_timer.py).
import _bench_hook_timer

_bench_hook_timer.load_timed({name!r}, {path!r}, globals())
'''


def hook_entries(project: Path) -> list[str]:
    """The `hooks:` entries of the project's mkdocs.yml, read with MkDocs' own YAML loader."""
    from mkdocs.utils.yaml import yaml_load

    with open(project / "mkdocs.yml", "rb") as config:
        return list(yaml_load(config).get("hooks") or [])


def install_hook_timers(project: Path) -> Path:
    """Write `.bench/` shims and `mkdocs.bench.yml` next to mkdocs.yml; return the config."""
    shims = project / ".bench"
    shims.mkdir(exist_ok=True)
    (shims / "_bench_hook_timer.py").write_text(TIMER_MODULE, encoding="utf-8")
    entries = []
    for name in hook_entries(project):
        path = (project / name).resolve()
        shim = shims / f"timed_{path.stem}.py"
        shim.write_text(SHIM.format(name=name, path=str(path)), encoding="utf-8")
        entries.append(shim.relative_to(project).as_posix())
    config = project / "mkdocs.bench.yml"
    # INHERIT merges the parent config with this one; a list (hooks) is replaced, not merged.
    config.write_text(
        "# Written by bench/run.py: mkdocs.yml with every hook timed.\n"
        "INHERIT: mkdocs.yml\nhooks:\n" + "".join(f"  - {entry}\n" for entry in entries),
        encoding="utf-8",
    )
    return config


# ---------------------------------------------------------------------------------------
# Projects and builds.


def parse_size(text: str) -> tuple[int, int] | None:
    """'real' -> None; '500x500' -> (500, 500)."""
    if text == "real":
        return None
    match = re.fullmatch(r"(\d+)x(\d+)", text)
    if not match:
        raise SystemExit(f"unknown size {text!r}: use 'real' or MEMBERSxARTICLES like 500x500")
    return int(match[1]), int(match[2])


def real_project(project: Path) -> dict:
    """A copy of the repo's site: config, hooks, templates, editor, interface strings, docs/
    and data/ (and node_modules/ linked in, for the editor's bundle)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    project.mkdir(parents=True)
    for name in (*SITE_SOURCES, "docs", "data"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=ignore)
        else:
            shutil.copy2(source, project / name)
    (project / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    members = yaml.safe_load((project / "data" / "members.yml").read_text(encoding="utf-8")) or []
    written = [code for code, language in languages(project).items() if language["source"] == code]
    counts = {lang: len(list((project / "docs" / "news").glob(f"[0-9][0-9][0-9][0-9]/*.{lang}.md"))) for lang in written}
    return {"members": len(members), "articles": counts, "chinese_only": None}


def _env(extra: dict | None = None) -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}


class BenchStopped(Exception):
    """A build the bench must not time: it failed, wrote fewer pages than it should, or ran
    while its packages were being reinstalled. Timing it anyway gives figures of nothing (a
    failing build takes a second and looks fast), so the bench stops and shows why."""


def environment_fingerprint(site_packages: Path | None = None) -> dict[str, tuple[int, int]]:
    """Each package installed in the environment the builds run with (or in `site_packages`)
    -> (inode, mtime) of its RECORD file, which pip writes anew whenever it installs the package.

    The virtual environment may be shared (worktrees link the main checkout's `.venv`), and a
    `make` elsewhere reinstalls its packages when its requirements file looks newer: a build
    running meanwhile fails on a half-installed package (Material without its templates) or,
    worse, succeeds with other versions. Compared before and after every build."""
    site_packages = site_packages or Path(sysconfig.get_paths()["purelib"])
    fingerprint = {}
    for record in site_packages.glob("*.dist-info/RECORD"):
        try:
            status = record.stat()
        except OSError:  # removed while we looked: being reinstalled
            continue
        fingerprint[record.parent.name] = (status.st_ino, status.st_mtime_ns)
    return fingerprint


def _changed_packages(before: dict, after: dict) -> list[str]:
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def _log_tail(log: Path, characters: int = 4000) -> str:
    return log.read_text(encoding="utf-8", errors="replace")[-characters:]


def checked_build(label: str, project: Path, config: Path, site: Path, log: Path, env: dict,
                  least_pages: dict[str, int], roots: dict[str, str]) -> dict:
    """`run_build`, stopping the bench (BenchStopped, with the log's end) unless the build
    exited 0, its packages stayed as they were, and it wrote at least `least_pages` HTML
    pages in each language (`roots`: each language's URL prefix). The pages are counted after
    the clock has stopped."""
    before = environment_fingerprint()
    build = run_build(project, config, site, log, env)
    changed = _changed_packages(before, environment_fingerprint())
    if changed:
        raise BenchStopped(f"{label}: packages of {sys.prefix} were reinstalled while it ran "
                           f"({', '.join(changed[:8])}); its figures would not be of these versions. Log {log}:\n"
                           + _log_tail(log))
    if build["returncode"] != 0:
        raise BenchStopped(f"{label} FAILED (exit {build['returncode']}, {build['wall_seconds']:.1f} s). "
                           f"Log {log}:\n" + _log_tail(log))
    pages = page_counts(site, roots) if site.is_dir() else dict.fromkeys(roots, 0)
    short = {code: (pages[code], least) for code, least in least_pages.items() if pages[code] < least}
    if short:
        raise BenchStopped(f"{label} exited 0 but wrote too few pages (language: written, expected at least) "
                           f"{short} into {site}. Log {log}:\n" + _log_tail(log))
    build["html_pages_per_language"] = pages
    return build


def run_build(project: Path, config: Path, site: Path, log: Path, env: dict) -> dict:
    """`mkdocs build --strict` in a fresh process: wall time, peak RSS, exit code."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)]
    # The generator's files and an earlier build's output go to disk first: otherwise their
    # write-back competes with this build's own file writes and the figures drift by seconds.
    os.sync()
    with open(log, "w", encoding="utf-8") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=project, env=env)
        deadline = time.monotonic() + BUILD_TIMEOUT
        tree_peak, process_peak, sampled = 0, 0, 0.0
        while True:
            # Reading /proc costs: a few samples a second, but every loop in the first two seconds,
            # or a build that short could end before one sample saw it running.
            if time.monotonic() - sampled > (0.25 if time.perf_counter() - start > 2 else 0):
                pss, high_water = _tree_memory(process.pid)
                tree_peak, process_peak, sampled = max(tree_peak, pss), max(process_peak, high_water), time.monotonic()
            # wait4 gives the resource usage of this one child (not the running maximum of
            # all children that RUSAGE_CHILDREN reports).
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    reported = re.findall(r"Documentation built in ([\d.]+) seconds", text)
    background = re.search(r"Background work: (\d+) processes, ([\d.]+) s of CPU", text)
    return {
        "command": command,
        "returncode": process.returncode,
        "wall_seconds": round(wall, 3),
        "mkdocs_reported_seconds": float(reported[-1]) if reported else None,
        # Not wait4's ru_maxrss: Linux counts in it the memory of the process that started the
        # build (the bench, 230 MB after generating 2500x2000), as the child shared it until exec.
        "peak_rss_bytes": process_peak,
        # The build with all its processes together (language passes, background processes), sampled.
        "peak_tree_pss_bytes": tree_peak,
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),  # background processes included
        "background_processes": int(background[1]) if background else 0,
        "background_cpu_seconds": float(background[2]) if background else 0.0,
    }


def _descendants(pid: int) -> list[int]:
    """A process and every process below it (language passes fork background processes)."""
    found, queue = [], [pid]
    while queue:
        member = queue.pop()
        found.append(member)
        try:
            queue += [int(c) for c in Path(f"/proc/{member}/task/{member}/children").read_text().split()]
        except (OSError, ValueError):
            pass
    return found


def _tree_memory(pid: int) -> tuple[int, int]:
    """Memory of a process and all its descendants, in bytes: the sum of their proportional
    set sizes, which counts a page shared by forked processes once (summing their RSS would
    count it in each), and the largest resident high-water mark (VmHWM) of one of them.
    (0, 0) once they have gone."""
    total = largest = 0
    for member in _descendants(pid):
        total += _proc_field(f"/proc/{member}/smaps_rollup", "Pss:")
        largest = max(largest, _proc_field(f"/proc/{member}/status", "VmHWM:"))
    return total, largest


def _proc_field(path: str, name: str) -> int:
    """A `name: <n> kB` line of a /proc file, in bytes; 0 if the process has gone."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(name):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def measure_output(site: Path, roots: dict[str, str]) -> dict:
    """What a build wrote; `roots`: each language's URL prefix ("" for the default one)."""
    files = [p for p in site.rglob("*") if p.is_file()]

    def size(relative: str) -> int | None:
        path = site / relative
        return path.stat().st_size if path.is_file() else None

    # Members JSON indexes, if the site has them: members.json, members/index.json,
    # en/members/index.json ... (a *member*.json or a .json file in a members/ folder, up
    # to two folders deep; files inside a member's own page folder are not counted).
    members_json = [{"path": p.relative_to(site).as_posix(), "bytes": p.stat().st_size}
                    for p in sorted(files) if p.suffix == ".json" and len(p.relative_to(site).parts) <= 3
                    and ("member" in p.name or p.parent.name == "members")]
    return {
        "output_bytes": sum(p.stat().st_size for p in files),
        "output_files": len(files),
        "html_pages": sum(1 for p in files if p.suffix == ".html"),
        "member_directory_bytes": {code: size(f"{root}members/index.html") for code, root in roots.items()},
        "members_json": members_json,
    }


def hook_summary(rows: list[dict], wall: float) -> dict:
    by_event: dict[str, dict] = {}
    for row in rows:
        total = by_event.setdefault(row["event"], {"seconds": 0.0, "calls": 0})
        total["seconds"] += row["seconds"]
        total["calls"] += row["calls"]
    seconds = sum(row["seconds"] for row in rows)
    return {
        "hook_seconds": round(seconds, 3),
        "hook_share_of_wall": round(seconds / wall, 4) if wall else None,
        "hook_events": {event: {"seconds": round(t["seconds"], 3), "calls": t["calls"]}
                        for event, t in sorted(by_event.items(), key=lambda item: -item[1]["seconds"]) if t["calls"]},
        "hook_by_module": [{**row, "seconds": round(row["seconds"], 3)}
                           for row in sorted(rows, key=lambda r: -r["seconds"]) if row["calls"]],
    }


# ---------------------------------------------------------------------------------------
# Live preview.


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(predicate, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def _article_to_edit(project: Path) -> Path:
    """The newest article that has both languages (its page exists in both sites)."""
    for zh in sorted((project / "docs" / "news").glob("[0-9][0-9][0-9][0-9]/*.zh.md"), reverse=True):
        if zh.with_name(zh.name.replace(".zh.md", ".en.md")).exists():
            return zh
    raise SystemExit("no news article to edit")


def time_live_preview(project: Path, log: Path) -> dict:
    """Time one article edit in the live preview (`mkdocs serve` with the flags of `make serve`),
    from saving the file to "Reloading browsers"."""
    port = _free_port()
    article = _article_to_edit(project)
    url = f"http://127.0.0.1:{port}/{article.relative_to(project / 'docs').parent.as_posix()}/{article.name[:-len('.zh.md')]}/"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}",
               "-f", str(project / "mkdocs.yml")]
    result = {"command": command, "edited_file": article.relative_to(project).as_posix(), "page": url}
    with open(log, "w", encoding="utf-8") as out:
        start = time.perf_counter()
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=project, env=_env())
    text = lambda: log.read_text(encoding="utf-8", errors="replace")  # noqa: E731
    try:
        if not _wait_for(lambda: "Serving on" in text() or server.poll() is not None, SERVE_TIMEOUT) or server.poll() is not None:
            raise RuntimeError(f"mkdocs serve did not start:\n{text()[-3000:]}")
        result["startup_seconds"] = round(time.perf_counter() - start, 3)
        time.sleep(2)  # let the file watcher settle
        before = text()
        builds_before = before.count("Building documentation...")
        reloads_before = before.count("Reloading browsers")
        with open(article, "a", encoding="utf-8") as edit:
            edit.write(f"\n{EDIT_SENTENCE['zh']}\n")
        edited = time.perf_counter()
        if not _wait_for(lambda: text().count("Reloading browsers") > reloads_before or server.poll() is not None, SERVE_TIMEOUT):
            raise RuntimeError(f"no rebuild finished within {SERVE_TIMEOUT} s:\n{text()[-3000:]}")
        result["rebuild_seconds"] = round(time.perf_counter() - edited, 3)
        after = text()[len(before):]
        result["finished_line"] = "Reloading browsers"
        result["log_lines_after_edit"] = [re.sub(r"^\S+\s+-\s+", "", line) for line in after.splitlines()
                                          if re.search(r"Detected file changes|Building documentation|Documentation built|Reloading browsers|ERROR|WARNING", line)]
        reported = re.findall(r"Documentation built in ([\d.]+) seconds", after)
        result["mkdocs_reported_seconds"] = float(reported[-1]) if reported else None
        time.sleep(3)  # a rebuild loop would show up as more builds here
        result["rebuilds"] = text().count("Building documentation...") - builds_before
        page = urllib.request.urlopen(url, timeout=60).read().decode("utf-8")
        result["edit_visible"] = EDIT_SENTENCE["zh"] in page
    finally:
        server.send_signal(signal.SIGINT)  # MkDocs cleans up its temporary site on Ctrl-C
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return result


# ---------------------------------------------------------------------------------------
# Against stock MkDocs, photos, and what a phone downloads.

PAIRS = 3


def bench_pairs(project: Path, stock: Path, folder: Path, env: dict, pages: dict[str, int], pairs: int = PAIRS) -> dict:
    """The project's build (`make site`'s command, all its processes) and stock MkDocs building
    the same number of pages (`pages`, per language: both must write as many as the project's
    first build did, or the bench stops), timed in alternating pairs: the machine drifts, so
    each pair is two builds close in time, and which goes first alternates. Every site is kept
    until the last pair: ext4 passes over recently deleted inodes when it creates a file, and
    right after 40,000 files were deleted creating 20,000 took three times as long (measured),
    so a build following a deletion would pay for the build before it."""
    roots = {code: language["root"] for code, language in languages(project).items()}
    rows = []
    for number in range(1, pairs + 1):
        order = ("project", "stock") if number % 2 else ("stock", "project")
        row = {"pair": number, "first": order[0]}
        for which in order:
            where = project if which == "project" else stock
            print(f"  pair {number}: {which} ...", file=sys.stderr, flush=True)
            row[which] = checked_build(f"pair {number}: the {which} build", where, where / "mkdocs.yml",
                                       folder / f"{which}-site-{number}", folder / f"{which}-{number}.log",
                                       env if which == "project" else _env(), pages, roots)
            print(f"  pair {number}: {which} {_build_line(row[which])}", file=sys.stderr, flush=True)
        row["ratio"] = round(row["project"]["wall_seconds"] / row["stock"]["wall_seconds"], 3)
        rows.append(row)
    for number in range(1, pairs + 1):
        for which in ("project", "stock"):
            shutil.rmtree(folder / f"{which}-site-{number}", ignore_errors=True)
    ratios = sorted(r["ratio"] for r in rows)
    return {"pairs": rows, "median_ratio": ratios[len(ratios) // 2]}


def _build_line(build: dict) -> str:
    """A finished build in a progress line: a bench stopped by the time box still leaves its figures."""
    return (f"{build['wall_seconds']:.1f} s, CPU {build['cpu_seconds']:.1f} s, "
            f"all processes {_mb(build['peak_tree_pss_bytes'])} MB")


def _photo_bytes(site: Path) -> dict[str, int]:
    """Site path of each photo size -> the bytes of the original it was made from."""
    originals = {}
    for original in (site.parent / "project" / "docs").rglob("*.jpg"):
        relative = original.relative_to(site.parent / "project" / "docs").as_posix()
        stem = relative[: -len(".jpg")]
        for size in site.glob(stem + ".*.*.*"):
            originals[size.relative_to(site).as_posix()] = original.stat().st_size
    return originals


def phone_downloads(site: Path, pages: list[str]) -> dict:
    """What a phone (390 x 844 CSS px, 3 device pixels each) downloads for each page, scrolled
    to the end so lazy images load, served by the site's nginx configuration (compressed):
    now, and as before photos had sizes of their own (each size in place of its original)."""
    sys.path[:0] = [str(REPO / "tests"), str(REPO / "deploy")]
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright
    from run_nginx import serving

    originals = _photo_bytes(site)
    result = {}
    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for path in pages:
            context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True)
            page = context.new_page()
            loaded = []
            page.on("requestfinished", lambda request: loaded.append(request))
            page.goto(base + path, wait_until="networkidle")
            page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            now = before = 0
            for request in loaded:
                size = request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]
                now += size
                name = request.url[len(base):]
                before += originals.get(name, size) if name in originals else size
            result[path] = {"bytes": now, "bytes_with_originals": before, "requests": len(loaded)}
            context.close()
        browser.close()
    return result


# ---------------------------------------------------------------------------------------
# One size, all sizes, the report.


def bench_size(size: str, workdir: Path, seed: int, serve: bool, keep: bool, pairs: int = PAIRS) -> dict:
    folder = Path(tempfile.mkdtemp(prefix=f"bench-{size}-", dir=workdir))
    project = folder / "project"
    print(f"[{size}] preparing project in {project}", file=sys.stderr, flush=True)
    started = time.perf_counter()
    dimensions = parse_size(size)
    if dimensions is None:
        content = real_project(project)
        extra_env = {}
    else:
        content = generate(project, members=dimensions[0], articles=dimensions[1], seed=seed)
        extra_env = {"SITE_BUILD_DATE": BUILD_DATE}
    prepare_seconds = time.perf_counter() - started
    site_languages = languages(project)
    roots = {code: language["root"] for code, language in site_languages.items()}
    # 1. The build as `make site` runs it, with a cold photo cache (.cache/ of a new project);
    # every article has a page, in each language made from the language it is written in.
    print(f"[{size}] building (cold photo cache) ...", file=sys.stderr, flush=True)
    least_pages = {code: max(1, content["articles"].get(language["source"], 0))
                   for code, language in site_languages.items()}
    build = checked_build(f"[{size}] the first build", project, project / "mkdocs.yml", folder / "site",
                          folder / "build.log", _env(extra_env), least_pages, roots)
    result = {
        "size": size,
        "members": content["members"],
        "articles": content["articles"],
        "chinese_only": content.get("chinese_only"),
        "photos": content.get("photos", 0),
        "prepare_seconds": round(prepare_seconds, 3),
        **build,
    }
    result.update(measure_output(folder / "site", roots))
    print(f"[{size}] built in {build['wall_seconds']:.1f} s", file=sys.stderr, flush=True)
    # 2. Against stock MkDocs, in alternating pairs (the photo cache is warm from now on).
    stock_pages = write_stock_site(project, folder / "site", folder / "stock")
    print(f"[{size}] {pairs} pairs against stock MkDocs ({_joined(stock_pages, '+')} pages) ...",
          file=sys.stderr, flush=True)
    result["stock_pages"] = stock_pages
    result["against_stock"] = bench_pairs(project, folder / "stock", folder, _env(extra_env), stock_pages, pairs)
    if result["photos"]:
        article = next(p for p in sorted((folder / "site" / "news").glob("*/*/index.html"))
                       if "fetchpriority" in p.read_text(encoding="utf-8"))
        print(f"[{size}] what a phone downloads ...", file=sys.stderr, flush=True)
        result["phone"] = phone_downloads(folder / "site", ["news/", article.parent.relative_to(folder / "site").as_posix() + "/"])
    # 3. Where the time goes: the hooks timed, in one sequential build (SITE_PARALLEL=0: the
    # timers live in one process; the figures are time spent, not the build's wall time).
    config = install_hook_timers(project)
    hook_times = folder / "hook_times.json"
    print(f"[{size}] timing the hooks (sequential build) ...", file=sys.stderr, flush=True)
    timed = checked_build(f"[{size}] the sequential build with timed hooks", project, config, folder / "timed-site",
                          folder / "timed.log", _env({**extra_env, "SITE_PARALLEL": "0", "BENCH_HOOK_TIMES": str(hook_times)}),
                          stock_pages, roots)
    rows = json.loads(hook_times.read_text(encoding="utf-8"))
    result["sequential_wall_seconds"] = timed["wall_seconds"]
    result.update(hook_summary(rows, timed["wall_seconds"]))
    if serve:
        print(f"[{size}] timing a one-article edit in the live preview ...", file=sys.stderr, flush=True)
        result["live_preview"] = time_live_preview(project, folder / "serve.log")
    if keep:
        result["kept_in"] = str(folder)
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return result


def _joined(counts: dict, separator: str) -> str:
    """Figures per language, in the languages' order, joined: `90+89+89+89`."""
    return separator.join(str(value) for value in counts.values())


def _mb(value: int | None) -> str:
    return "n/a" if value is None else f"{value / 1e6:.1f}"


def _kb(value: int | None) -> str:
    return "n/a" if value is None else f"{value / 1e3:.0f}"


def print_against_stock(results: list[dict]) -> None:
    """Every pair, the median ratio, and the build's whole cost (all its processes)."""
    measured = [r for r in results if r.get("against_stock")]
    if not measured:
        return
    print("\nAgainst stock MkDocs + Material + mkdocs-static-i18n building the same number of plain Markdown pages "
          "(one-entry nav), in alternating pairs:")
    width = max(len(_joined(r["stock_pages"], "+")) for r in measured)
    label = "pages " + "+".join(measured[0]["stock_pages"])
    width = max(width, len(label))
    print(f"size       {label:>{width}}   pair  first    project s  stock s  ratio   project CPU s  stock CPU s  project all MB  stock all MB")
    for r in measured:
        pages = _joined(r["stock_pages"], "+")
        for row in r["against_stock"]["pairs"]:
            p, q = row["project"], row["stock"]
            print(f"{r['size']:<10} {pages:>{width}}   {row['pair']:>4}  {row['first']:<7}  {p['wall_seconds']:>9.1f}  "
                  f"{q['wall_seconds']:>7.1f}  {row['ratio']:>5.2f}   {p['cpu_seconds']:>13.1f}  {q['cpu_seconds']:>11.1f}  "
                  f"{_mb(p['peak_tree_pss_bytes']):>14}  {_mb(q['peak_tree_pss_bytes']):>12}")
        print(f"{r['size']:<10} median ratio {r['against_stock']['median_ratio']:.2f}")
    for r in measured:
        if r.get("photos"):
            warm = sorted(row["project"]["wall_seconds"] for row in r["against_stock"]["pairs"])
            print(f"\nPhotos at {r['size']}: {r['photos']} photos of 12 MP; build with a cold photo cache "
                  f"{r['wall_seconds']:.1f} s, warm (median of the pairs) {warm[len(warm) // 2]:.1f} s")
        for path, phone in (r.get("phone") or {}).items():
            print(f"  a phone downloads for /{path}: {phone['bytes'] / 1e3:.0f} KB ({phone['requests']} requests); "
                  f"with the originals in place of the photo sizes: {phone['bytes_with_originals'] / 1e3:.0f} KB")


def print_report(results: list[dict]) -> None:
    codes = list(results[0]["member_directory_bytes"])
    articles = "articles " + "/".join(next(iter(results))["articles"]) if results else "articles"
    header = ("size", "members", articles, "wall s", "mkdocs s", "peak MB", "output MB", "files",
              "html", *(f"dir {code} KB" for code in codes), "members JSON", "hooks s", "hooks %", "bg CPU s", "all MB")
    rows = []
    for r in results:  # every build succeeded: a failed one stops the bench (BenchStopped)
        # The table shows the site-wide index (members.json) if there is one; all are listed below.
        ranked = sorted(r["members_json"], key=lambda j: (j["path"] != "members.json", j["path"] != "members/index.json", j["path"]))
        members_json = ranked[0] if ranked else None
        more = f" (+{len(ranked) - 1})" if len(ranked) > 1 else ""
        rows.append((
            r["size"], str(r["members"]), _joined(r["articles"], "/"),
            f"{r['wall_seconds']:.1f}",
            "n/a" if r["mkdocs_reported_seconds"] is None else f"{r['mkdocs_reported_seconds']:.1f}",
            _mb(r["peak_rss_bytes"]), _mb(r["output_bytes"]), str(r["output_files"]), str(r["html_pages"]),
            *(_kb(r["member_directory_bytes"].get(code)) for code in codes),
            "n/a" if members_json is None else f"{members_json['path']} {_kb(members_json['bytes'])} KB{more}",
            f"{r['hook_seconds']:.1f}", f"{100 * r['hook_share_of_wall']:.1f}%",
            f"{r['background_cpu_seconds']:.1f}", _mb(r["peak_tree_pss_bytes"]),
        ))
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    for row in (header, *rows):
        print("  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))))

    built = results
    if built:
        print("\nTime inside hooks per event (seconds, calls), summed over hook modules and all language passes:")
        events = sorted({e for r in built for e in r["hook_events"]},
                        key=lambda e: -max(r["hook_events"].get(e, {"seconds": 0})["seconds"] for r in built))
        width = max(len(e) for e in events) if events else 5
        print("  ".join(["event".ljust(width), *(r["size"].rjust(18) for r in built)]))
        for event in events:
            cells = []
            for r in built:
                t = r["hook_events"].get(event)
                cells.append(("-" if t is None else f"{t['seconds']:.2f} s ({t['calls']})").rjust(18))
            print("  ".join([event.ljust(width), *cells]))
        print("\nSlowest hook functions (module.event: seconds):")
        for r in built:
            top = ", ".join(f"{row['hook']}.{row['event']} {row['seconds']:.2f}" for row in r["hook_by_module"][:5])
            print(f"  {r['size']}: {top}")
    for r in built:
        if r["members_json"]:
            print(f"\nMembers JSON at {r['size']}: " + ", ".join(f"{j['path']} {_kb(j['bytes'])} KB" for j in r["members_json"]))
    for r in results:
        preview = r.get("live_preview")
        if preview:
            print(f"\nLive preview at {r['size']}: startup (first build) {preview['startup_seconds']:.1f} s; "
                  f"one-article edit -> \"{preview['finished_line']}\" after {preview['rebuild_seconds']:.1f} s "
                  f"(MkDocs reports {preview['mkdocs_reported_seconds']} s), {preview['rebuilds']} rebuild(s), "
                  f"edit visible: {preview['edit_visible']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"comma-separated sizes (default {DEFAULT_SIZES})")
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "latest.json",
                        help="where to write the results (default bench/results/latest.json)")
    parser.add_argument("--serve-size", default="500x500",
                        help="size at which to time an edit in the live preview; 'none' to skip (default 500x500)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--workdir", type=Path, default=None, help="where the temporary projects go (default: system temp)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects, sites and logs")
    parser.add_argument("--pairs", type=int, default=PAIRS, help=f"pairs against stock MkDocs per size (default {PAIRS})")
    args = parser.parse_args(argv)

    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    for size in sizes:
        parse_size(size)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results, stopped = [], None
    try:
        for size in sizes:
            results.append(bench_size(size, args.workdir, args.seed, serve=size == args.serve_size, keep=args.keep,
                                      pairs=args.pairs))
    except BenchStopped as error:
        stopped = str(error)
    import mkdocs
    report = {
        "recorded": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "mkdocs": mkdocs.__version__,
        "seed": args.seed,
        "build_date": BUILD_DATE,
        "total_seconds": round(time.perf_counter() - started, 1),
        "sizes": results,
        **({"stopped": stopped} if stopped else {}),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if results:
        print_report(results)
        print_against_stock(results)
    print(f"\nTotal {report['total_seconds']} s; results written to {args.json}")
    if stopped:
        print(f"\nBENCH STOPPED (the sizes above, if any, were measured in full): {stopped}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
