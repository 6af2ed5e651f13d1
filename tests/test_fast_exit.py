"""A successful `mkdocs build` ends without Python's teardown (hooks/fast_exit.py); a failed
one still ends with its error, whenever it fails."""

from __future__ import annotations

from sitebuild import build, edit_file, make_project


def test_a_successful_build_ends_with_status_0_and_every_file_written(tmp_path):
    result = build(make_project(tmp_path), extra_env={"SITE_BUILD_DATE": "2026-01-01"})
    assert result.returncode == 0, result.output
    assert result.output.rstrip().splitlines()[-1].startswith("INFO    -  Documentation built in")
    # The last files the build writes: the policy header for nginx, the last .gz copies.
    assert (result.site / ".nginx/content-security-policy.conf").is_file()
    assert (result.site / "en/index.html.gz").is_file() and (result.site / "sitemap.xml.gz").is_file()


def test_a_strict_build_failing_after_its_last_pass_still_exits_with_an_error(tmp_path):
    """MkDocs counts a strict build's warnings after every on_post_build: that failure is not
    a build error, and must not be taken for a success."""
    project = make_project(tmp_path)
    edit_file(project, "docs/index.en.md", "\n\n", "\n\n[A page that is not there](no-such-page.md)\n\n")
    result = build(project, extra_env={"SITE_BUILD_DATE": "2026-01-01"})
    assert result.returncode != 0
    assert "Aborted with 1 warnings in strict mode" in result.output and "Documentation built in" not in result.output
