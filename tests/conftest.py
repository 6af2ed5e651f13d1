"""Shared fixtures: the real site and the fixture site, each built once per test session."""

from __future__ import annotations

import datetime as dt

import pytest
from PIL import Image

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


BUILD_DATE = "2025-06-01"
EXTRA = 12  # more articles than one listing page (10) holds


def _write(project, path, front_matter: str, body: str):
    file = project / "docs" / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(f"---\n{front_matter.strip()}\n---\n\n{body}\n", encoding="utf-8")


@pytest.fixture(scope="session")
def news_site(tmp_path_factory):
    """The fixture site plus more articles than a listing page holds, a draft, a scheduled
    article and a cover image, built with the build date fixed."""
    project = make_project(tmp_path_factory.mktemp("news"))
    for i in range(EXTRA):
        day = dt.date(2022, 1, 1) + dt.timedelta(days=7 * i)
        for lang, title in (("zh", f"第{i}篇新闻"), ("en", f"Article number {i}")):
            _write(project, f"news/{day.year}/bulk-{i:02d}.{lang}.md",
                   f"title: {title}\ndate: {day}\ncategory: network-news\ntags: [{'批量' if lang == 'zh' else 'bulk'}]",
                   f"First paragraph of {i} in {lang}.\n\nSecond paragraph.")
    for lang in ("zh", "en"):
        _write(project, f"news/2024/a-draft.{lang}.md", "title: DRAFT ARTICLE\ndate: 2024-01-01\ncategory: events\ndraft: true", "Draft.")
        _write(project, f"news/2030/in-the-future.{lang}.md", "title: FUTURE ARTICLE\ndate: 2030-01-01\ncategory: events", "Later.")
    images = project / "docs/news/2023/images"
    images.mkdir(parents=True)
    Image.new("RGB", (640, 400), (19, 104, 63)).save(images / "cover.png", "PNG")
    for lang in ("zh", "en"):
        file = project / f"docs/news/2023/normal-pair.{lang}.md"
        text = file.read_text(encoding="utf-8").replace("members: [kunming]", "members: [kunming]\ncover: images/cover.png")
        file.write_text(text + "\n![](images/cover.png)\n", encoding="utf-8")
    result = build(project, extra_env={"SITE_BUILD_DATE": BUILD_DATE})
    assert result.returncode == 0, result.output
    return result


