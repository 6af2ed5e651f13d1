"""The benchmark tools are correct (bench/generate.py, bench/run.py); no timing is asserted.

A synthetic network is the same for the same seed, holds what was asked for, passes the
site's validation and builds; the runner measures a tiny size and writes its JSON report.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import yaml

from pages import LANGUAGES
from sitebuild import BUILD_TIMEOUT, REPO, bench_module, build, file_tree, run_limited

MEMBERS, ARTICLES = 20, 15


generate = bench_module("generate")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A tiny synthetic project, generated with the function."""
    project = tmp_path_factory.mktemp("synthetic") / "project"
    summary = generate.generate(project, members=MEMBERS, articles=ARTICLES, seed=7)
    return project, summary


def test_same_seed_gives_byte_identical_projects(synthetic, tmp_path):
    project, _ = synthetic
    again = tmp_path / "again"
    # The second one through the command line: both entry points make the same project.
    subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), str(again),
                    "--members", str(MEMBERS), "--articles", str(ARTICLES), "--seed", "7"],
                   check=True, capture_output=True, text=True)
    assert file_tree(project) == file_tree(again)
    other = tmp_path / "other-seed"
    generate.generate(other, members=MEMBERS, articles=ARTICLES, seed=8)
    assert file_tree(other)["data/members.yml"] != file_tree(project)["data/members.yml"]


def test_the_requested_counts_are_generated(synthetic):
    project, summary = synthetic
    members = yaml.safe_load((project / "data" / "members.yml").read_text(encoding="utf-8"))
    assert len(members) == MEMBERS == summary["members"]
    assert len({m["id"] for m in members}) == MEMBERS
    news = project / "docs" / "news"
    zh = {p.name[: -len(".zh.md")] for p in news.glob("*/*.zh.md")}
    en = {p.name[: -len(".en.md")] for p in news.glob("*/*.en.md")}
    assert len(en) == ARTICLES == summary["articles"]["en"]  # M articles per language ...
    assert en < zh and len(zh) == summary["articles"]["zh"]  # ... plus a few in Chinese only
    assert len(zh - en) == summary["chinese_only"] == round(ARTICLES * 0.05)
    for article in news.glob("*/*.md"):
        if article.parent == news:
            continue
        text = article.read_text(encoding="utf-8")
        date = re.search(r"^date: '?(\d{4})-\d\d-\d\d'?$", text, re.M)
        assert date and date[1] == article.parent.name, article  # the year folder matches the date
        assert int(date[1]) <= 2025
    # The repo's hand-written pages are there, its real articles are not.
    assert (project / "docs" / "news" / "index.zh.md").is_file()
    assert (project / "docs" / "members" / "index.en.md").is_file()
    real_slugs = {p.name.split(".")[0] for p in (REPO / "docs" / "news").glob("*/*.md")}
    assert not real_slugs & zh


def test_the_generator_refuses_the_repos_own_folders():
    # The check alone (it runs before anything is written), so a failure here writes nothing.
    for protected in (REPO, REPO / "docs", REPO / "data", REPO / "docs" / "news" / "2030"):
        with pytest.raises(SystemExit, match="part of the repository"):
            generate._check_target(protected, REPO)


def test_a_synthetic_project_passes_validation_and_builds(synthetic):
    project, _ = synthetic
    result = build(project, extra_env={"SITE_BUILD_DATE": "2026-01-01"})
    assert result.returncode == 0, result.output
    members = yaml.safe_load((project / "data" / "members.yml").read_text(encoding="utf-8"))
    assert members[0]["name"]["en"] in result.page(f"en/members/{members[0]['id']}/")
    article = next(p for p in sorted((project / "docs" / "news").glob("*/*.en.md")))
    assert (result.site / "en" / "news" / article.parent.name / article.name[: -len(".en.md")] / "index.html").is_file()


def test_the_runner_measures_a_tiny_size_and_writes_json(tmp_path):
    report = tmp_path / "results.json"
    size = f"{MEMBERS}x{ARTICLES}"
    # Three builds (a pair, the live preview's) of a tiny site: each under a minute.
    result = run_limited(
        [sys.executable, str(REPO / "bench" / "run.py"), "--sizes", size, "--serve-size", size, "--pairs", "1",
         "--json", str(report), "--workdir", str(tmp_path / "work")],
        timeout=2 * BUILD_TIMEOUT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    [entry] = data["sizes"]
    for key in ("size", "members", "articles", "returncode", "wall_seconds", "mkdocs_reported_seconds",
                "peak_rss_bytes", "output_bytes", "output_files", "html_pages", "member_directory_bytes",
                "members_json", "hook_seconds", "hook_share_of_wall", "hook_events", "hook_by_module", "live_preview",
                "peak_tree_pss_bytes", "background_processes", "background_cpu_seconds", "cpu_seconds", "photos"):
        assert key in entry, key
    assert entry["size"] == size and entry["returncode"] == 0 and entry["members"] == MEMBERS
    assert entry["peak_rss_bytes"] > 0 and entry["output_files"] > 0 and entry["peak_tree_pss_bytes"] > 0
    # Views, feeds and exports of every language, the photos, and half of the default language's
    # .gz copies were made in background processes.
    assert entry["photos"] == 1 and entry["background_processes"] == 3 * len(LANGUAGES) + 2
    assert entry["background_cpu_seconds"] > 0
    assert entry["cpu_seconds"] > entry["background_cpu_seconds"]  # the build with all its processes
    # Against stock MkDocs building as many pages: the pair, its ratio, and the median.
    [pair] = entry["against_stock"]["pairs"]
    assert pair["project"]["returncode"] == 0 and pair["stock"]["returncode"] == 0
    assert pair["ratio"] == round(pair["project"]["wall_seconds"] / pair["stock"]["wall_seconds"], 3)
    assert entry["against_stock"]["median_ratio"] == pair["ratio"]
    assert entry["stock_pages"]["zh"] > 2 * MEMBERS and "median ratio" in result.stdout
    # What a phone downloads: less than with the originals, for the article with the photo.
    article = next(v for k, v in entry["phone"].items() if k != "news/")
    assert 0 < article["bytes"] < article["bytes_with_originals"]
    assert entry["member_directory_bytes"]["zh"] > 0 and entry["member_directory_bytes"]["en"] > 0
    # Every hook of mkdocs.yml was timed, and hook time is part of the build's time.
    assert "on_config" in entry["hook_events"] and "on_page_context" in entry["hook_events"]
    assert 0 < entry["hook_seconds"] < entry["wall_seconds"]
    preview = entry["live_preview"]
    assert preview["rebuilds"] == 1 and preview["edit_visible"] and preview["rebuild_seconds"] > 0
    assert size in result.stdout and "hooks %" in result.stdout


# A build the bench cannot time stops it (bench/run.py, checked_build): a failed build takes
# a second and would otherwise be reported as a fast one.

run = bench_module("run")
ROOTS = {"zh": "", "en": "en/"}


def _plain_project(folder, config="site_name: Plain\n"):
    """A stock MkDocs project of one page (MkDocs' own theme): builds in about a second."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def test_a_failed_build_stops_the_bench_with_its_log(tmp_path):
    project = _plain_project(tmp_path / "project", "site_name: Plain\nplugins:\n  - no-such-plugin\n")
    with pytest.raises(run.BenchStopped, match=r"(?s)pair 2: the stock build FAILED \(exit 1.*no-such-plugin"):
        run.checked_build("pair 2: the stock build", project, project / "mkdocs.yml", tmp_path / "site",
                          tmp_path / "build.log", run._env(), {"zh": 1}, {"zh": ""})


def test_a_build_that_writes_too_few_pages_stops_the_bench(tmp_path):
    project = _plain_project(tmp_path / "project")
    with pytest.raises(run.BenchStopped, match=r"exited 0 but wrote too few pages .*'en': \(0, 1\)"):
        run.checked_build("the build", project, project / "mkdocs.yml", tmp_path / "site", tmp_path / "build.log",
                          run._env(), {"zh": 1, "en": 1}, ROOTS)
    # The same build is kept when it wrote what it should, with its pages per language.
    build = run.checked_build("the build", project, project / "mkdocs.yml", tmp_path / "site2", tmp_path / "build2.log",
                              run._env(), {"zh": 1}, {"zh": ""})
    assert build["returncode"] == 0 and build["html_pages_per_language"] == {"zh": 1}


def test_packages_reinstalled_during_a_build_stop_the_bench(tmp_path, monkeypatch):
    site_packages = tmp_path / "site-packages"
    record = site_packages / "mkdocs_material-9.8.1.dist-info" / "RECORD"
    record.parent.mkdir(parents=True)
    record.write_text("material/__init__.py\n", encoding="utf-8")
    before = run.environment_fingerprint(site_packages)
    assert list(before) == ["mkdocs_material-9.8.1.dist-info"]
    record.unlink()  # pip reinstalls: a new RECORD
    record.write_text("material/__init__.py\n", encoding="utf-8")
    after = run.environment_fingerprint(site_packages)
    assert run._changed_packages(before, after) == ["mkdocs_material-9.8.1.dist-info"]
    assert run._changed_packages(before, before) == []

    fingerprints = iter([before, after])
    monkeypatch.setattr(run, "environment_fingerprint", lambda: next(fingerprints))
    monkeypatch.setattr(run, "run_build", lambda *args: {"returncode": 0, "wall_seconds": 1.0})
    (tmp_path / "build.log").write_text("INFO    -  Documentation built in 1.00 seconds\n", encoding="utf-8")
    with pytest.raises(run.BenchStopped, match="reinstalled while it ran .*mkdocs_material-9.8.1.dist-info"):
        run.checked_build("the build", tmp_path, tmp_path / "mkdocs.yml", tmp_path / "site", tmp_path / "build.log",
                          run._env(), {"zh": 1}, {"zh": ""})


def test_a_stopped_bench_exits_1_and_says_why_in_its_json(tmp_path, monkeypatch, capsys):
    def stopped(*args, **kwargs):
        raise run.BenchStopped("pair 1: the project build FAILED (exit 1, 1.5 s). Log: TypeError")

    monkeypatch.setattr(run, "bench_size", stopped)
    report = tmp_path / "results.json"
    assert run.main(["--sizes", "real", "--serve-size", "none", "--json", str(report)]) == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["sizes"] == [] and "TypeError" in data["stopped"]
    assert "BENCH STOPPED" in capsys.readouterr().err


def test_a_builds_peak_memory_is_its_own_not_the_bench_processs(tmp_path):
    # wait4's ru_maxrss counts the memory of the process that started the build (the bench
    # holds a generated network): a one-page build must not weigh 300 MB.
    project = _plain_project(tmp_path / "project")
    held = bytearray(300 * 1024 * 1024)
    held[::4096] = b"\1" * len(range(0, len(held), 4096))  # resident, page by page
    build = run.run_build(project, project / "mkdocs.yml", tmp_path / "site", tmp_path / "build.log", run._env())
    assert build["returncode"] == 0
    assert 10e6 < build["peak_rss_bytes"] < 200e6 and 10e6 < build["peak_tree_pss_bytes"] < 200e6
    del held
