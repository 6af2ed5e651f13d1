"""Lighthouse (npm `lighthouse` 12.2.3, mobile preset) on the pages a visitor meets first, in
every language, served by nginx with the production configuration: Accessibility, Best
Practices and SEO 100, Performance 90 or more."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from browser import CHROMIUM, serve
from sitebuild import REPO

LIGHTHOUSE = REPO / "node_modules/.bin/lighthouse"
PAGES = ["", "news/2022/kunming-joins-iclei/", "members/", "members/kunming/"]
REQUIRED = {"accessibility": 1.0, "best-practices": 1.0, "seo": 1.0, "performance": 0.9}


@pytest.fixture(scope="module")
def served(real_site):
    with serve(real_site.site) as base:
        yield base


# The languages added in this round: their home page and an article (issue 27).
NEW_LANGUAGES = ["ko/", "ko/news/2024/mongolia-visit/", "zh-hant/", "zh-hant/news/2024/mongolia-visit/"]


@pytest.mark.parametrize("path", [prefix + page for prefix in ("", "en/") for page in PAGES] + NEW_LANGUAGES)
def test_lighthouse_scores_of_the_pages_visitors_meet_first(served, path, tmp_path):
    report = tmp_path / "report.json"
    run = subprocess.run(
        [str(LIGHTHOUSE), served + path, "--quiet", "--output=json", f"--output-path={report}",
         "--only-categories=" + ",".join(REQUIRED),
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: category["score"] for name, category in result["categories"].items()}
    failing = sorted(f"{audit['id']}: {audit['title']} ({audit['score']})" for audit in result["audits"].values()
                     if audit["scoreDisplayMode"] in ("binary", "numeric", "metricSavings") and audit["score"] is not None
                     and audit["score"] < 0.9)
    assert all(scores[name] >= minimum for name, minimum in REQUIRED.items()), (scores, failing)
