"""Material's navigation, tabs, search box and logo rendered once per state they depend on
(hooks/partials_cache.py): the same bytes as rendering them for every page."""

from __future__ import annotations

import re

import pytest

from conftest import BUILD_DATE
from sitebuild import REPO, build, file_tree, make_project


@pytest.mark.parametrize("content", ["real", "news fixture"])
def test_the_site_is_byte_for_byte_the_site_rendered_without_the_cache(tmp_path, content, news_site):
    project = make_project(tmp_path, content_from=REPO) if content == "real" else news_site.project
    env = {"SITE_BUILD_DATE": BUILD_DATE}
    cached = build(project, site=tmp_path / "cached", extra_env=env, options=("--strict", "--verbose"))
    uncached = build(project, site=tmp_path / "uncached", extra_env={**env, "SITE_PARTIALS_CACHE": "0"})
    assert cached.returncode == 0 and uncached.returncode == 0, cached.output + uncached.output
    # The cache served pages, in every language's pass, with far fewer renderings than pages.
    served = [tuple(map(int, m)) for m in re.findall(r"Partials kept: (\d+) renderings for (\d+) inclusions",
                                                       cached.output)]
    assert len(served) == 4 and all(renderings * 3 < pages for renderings, pages in served), served
    one, other = file_tree(cached.site), file_tree(uncached.site)
    assert sorted(one) == sorted(other)
    assert [name for name in one if one[name] != other[name]] == []
