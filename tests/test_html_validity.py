"""Every built page passes the Nu Html Checker (vnu.jar from npm) with no error: the real
site and the news fixture (listings, pagination, tags, years, articles), both languages.
And the checker's HTML and SVG schemas name the event handlers the staff HTML policy's unit
tests try (tests/unit/event_handler_attributes.txt)."""

from __future__ import annotations

import re
import subprocess
import zipfile

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


def test_the_event_handlers_the_policy_is_tested_with_are_those_the_standards_name():
    """Regenerate tests/unit/event_handler_attributes.txt from vnu.jar when this fails."""
    with zipfile.ZipFile(VNU) as jar:
        schemas = [jar.read(n).decode("utf-8", "replace") for n in jar.namelist()
                   if n.startswith("nu/validator/localentities/files/schema_") and n.endswith("_rnc")]
    named = {name for schema in schemas for name in re.findall(r"\battribute\s+(on[a-z]+)\b", schema)}
    listed = (REPO / "tests/unit/event_handler_attributes.txt").read_text(encoding="utf-8").splitlines()
    assert len(named) > 100 and sorted(named) == [line for line in listed if not line.startswith("#")]
