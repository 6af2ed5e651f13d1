"""Every built page passes the Nu Html Checker (vnu.jar from npm) with no error: the real
site and the news fixture (listings, pagination, tags, years, articles), both languages."""

from __future__ import annotations

import subprocess

import pytest

from sitebuild import REPO

VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"


def _errors(site) -> str:
    if not VNU.exists():
        pytest.fail("vnu.jar missing: run `make test` (it runs `npm ci`)")
    result = subprocess.run(["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "gnu", str(site)],
                            capture_output=True, text=True, timeout=600)
    return result.stdout + result.stderr


def test_the_real_site_is_valid_html(real_site):
    assert sorted(real_site.site.rglob("*.html")), "nothing to check"
    assert _errors(real_site.site) == ""


def test_news_listings_and_articles_are_valid_html(news_site):
    assert (news_site.site / "news/page/2/index.html").exists()
    assert _errors(news_site.site) == ""
