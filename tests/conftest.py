"""Shared fixtures: the real site and the fixture site, each built once per test session."""

from __future__ import annotations

import pytest

from sitebuild import REPO, build, make_project


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real site from the repo's docs/ and data/."""
    result = build(make_project(tmp_path_factory.mktemp("real"), content_from=REPO))
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """The small invented fixture site of tests/fixtures/good."""
    result = build(make_project(tmp_path_factory.mktemp("fixture")))
    assert result.returncode == 0, result.output
    return result
