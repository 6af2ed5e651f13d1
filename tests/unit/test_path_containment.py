"""Only files inside `docs/` and `data/` are content (multilingual_site/content_files.py), decided
on resolved paths, never on how a path is written: a folder next to `docs/` whose name starts
the same (`docs-private/`) is outside it, `..` is followed, and a link is followed to the
end of its chain. Real folders and links in a temporary directory; no build."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from sitebuild import hook_module

content_files = hook_module("content_files")
Problem = hook_module("loading").Problem


@pytest.fixture
def project(tmp_path) -> Path:
    """docs/ with an article, and beside it docs-private/ and outside/ holding secrets."""
    for folder in ("docs/news/2024", "docs-private", "outside", "data", "data-old"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "docs/index.zh.md").write_text("home")
    (tmp_path / "docs/news/2024/story.zh.md").write_text("story")
    (tmp_path / "docs-private/secret.md").write_text("secret")
    (tmp_path / "outside/secret.md").write_text("secret")
    (tmp_path / "data/members.yml").write_text("[]")
    (tmp_path / "data-old/members.yml").write_text("[]")
    return tmp_path


def link(path: Path, target: str) -> Path:
    path.symlink_to(target)
    return path


def walk(project: Path):
    files, problems = content_files.walk(project / "docs", "docs/")
    return [relative for _, relative in files], [str(p) for p in problems]


# _inside: paths, not strings ------------------------------------------------------------

@pytest.mark.parametrize("path, root, inside", [
    ("/srv/site/docs/a.md", "/srv/site/docs", True),
    ("/srv/site/docs/news/2024/a.md", "/srv/site/docs", True),
    ("/srv/site/docs", "/srv/site/docs", True),
    ("/srv/site/docs/a.md", "/srv/site/docs/", True),
    ("/srv/site/docs-private/a.md", "/srv/site/docs", False),  # a sibling sharing the prefix
    ("/srv/site/docsa.md", "/srv/site/docs", False),
    ("/srv/site/doc", "/srv/site/docs", False),
    ("/srv/site/a.md", "/srv/site/docs", False),
    ("/etc/passwd", "/", True),
])
def test_inside_a_folder_means_below_it_not_a_name_that_starts_the_same(path, root, inside):
    assert content_files._inside(path, root) is inside


# walk: what is content --------------------------------------------------------------------

def test_plain_files_are_content_sorted_by_folder_then_name(project):
    (project / "docs/b.en.md").write_text("b")
    (project / "docs/news/2024/images").mkdir()
    (project / "docs/news/2024/images/a.jpg").write_bytes(b"jpg")
    files, problems = content_files.walk(project / "docs", "docs/")
    assert [relative for _, relative in files] == ["b.en.md", "index.zh.md", "news/2024/story.zh.md",
                                                   "news/2024/images/a.jpg"]
    assert files[0][0] == str(project / "docs/b.en.md") and problems == []


def test_a_trailing_slash_on_the_folder_changes_nothing(project):
    files, _ = content_files.walk(Path(str(project / "docs") + "/"), "docs/")
    assert [relative for _, relative in files] == ["index.zh.md", "news/2024/story.zh.md"]


@pytest.mark.parametrize("name", [".DS_Store", ".hidden.md", "Thumbs.db", "THUMBS.DB", "ehthumbs.db", "desktop.ini",
                                  "Icon\r"])
def test_files_that_systems_and_editors_leave_behind_are_skipped_silently(project, name):
    (project / "docs" / name).write_text("junk")
    assert walk(project) == (["index.zh.md", "news/2024/story.zh.md"], [])


@pytest.mark.parametrize("folder", [".obsidian", ".git", "__MACOSX", "__macosx"])
def test_folders_that_systems_and_editors_leave_behind_are_skipped_silently(project, folder):
    (project / "docs" / folder).mkdir()
    (project / "docs" / folder / "page.zh.md").write_text("junk")
    link(project / "docs" / folder / "leak.md", "../../outside/secret.md")
    assert walk(project) == (["index.zh.md", "news/2024/story.zh.md"], [])


def test_a_link_into_a_sibling_folder_that_shares_the_prefix_is_refused(project):
    link(project / "docs/report.md", "../docs-private/secret.md")
    files, problems = walk(project)
    assert "report.md" not in files
    assert problems == [f"docs/report.md:1: refused: this file is a link to {project / 'docs-private/secret.md'}, "
                        "outside the folder; only files inside it are published (copy the file itself here instead)"]


@pytest.mark.parametrize("target", ["../outside/secret.md", "news/../../outside/secret.md", "/etc/passwd",
                                    "../docs/../outside/secret.md"])
def test_a_link_out_of_the_folder_is_refused_however_it_is_written(project, target):
    link(project / "docs/news/2024/leak.md", "../" * 2 + target if not target.startswith("/") else target)
    files, problems = walk(project)
    assert "news/2024/leak.md" not in files
    assert len(problems) == 1 and problems[0].startswith("docs/news/2024/leak.md:1: refused: this file is a link to ")
    assert "outside the folder" in problems[0]


def test_a_link_within_the_folder_is_content_even_through_dot_dot(project):
    link(project / "docs/news/2024/copy.zh.md", "../../index.zh.md")
    link(project / "docs/again.zh.md", "../docs/index.zh.md")  # leaves docs/ by name, lands back in it
    files, problems = walk(project)
    assert problems == [] and {"news/2024/copy.zh.md", "again.zh.md"} <= set(files)


def test_a_link_to_a_link_is_followed_to_the_end_of_the_chain(project):
    link(project / "docs/middle.md", "../outside/secret.md")
    link(project / "docs/first.md", "middle.md")  # inside by its first step, outside by its last
    link(project / "outside/back.md", "../docs/index.zh.md")
    link(project / "docs/round-trip.md", "../outside/back.md")  # outside by its first step, inside at the end
    files, problems = walk(project)
    assert "round-trip.md" in files
    refused = sorted(p.split(":")[0] for p in problems)
    assert refused == ["docs/first.md", "docs/middle.md"]
    assert all(str(project / "outside/secret.md") in p for p in problems)


def test_the_folder_itself_may_be_reached_through_a_link(project):
    (project / "real-docs").mkdir()
    (project / "real-docs/page.zh.md").write_text("page")
    (project / "real-docs-private").mkdir()
    (project / "real-docs-private/secret.md").write_text("secret")
    link(project / "real-docs/inside.md", "page.zh.md")
    link(project / "real-docs/leak.md", "../real-docs-private/secret.md")
    link(project / "site-docs", "real-docs")
    files, problems = content_files.walk(project / "site-docs", "docs/")
    assert [relative for _, relative in files] == ["inside.md", "page.zh.md"]
    assert [p.path for p in problems] == ["docs/leak.md"]


def test_a_link_to_a_folder_a_dangling_link_and_a_pipe_are_refused_by_name(project):
    link(project / "docs/a-shared", "news")  # before news/ in the walk: news/ is walked all the same
    link(project / "docs/missing.md", "nowhere.md")
    link(project / "docs/loop.md", "loop.md")
    os.mkfifo(project / "docs/pipe.md")
    files, problems = walk(project)
    assert files == ["index.zh.md", "news/2024/story.zh.md"]
    assert problems == [
        "docs/a-shared:1: refused: this file is a link to a folder; put the files themselves in this folder",
        "docs/loop.md:1: refused: this file is a link to nothing that can be published (a missing file or a folder)",
        "docs/missing.md:1: refused: this file is a link to nothing that can be published (a missing file or a folder)",
        "docs/pipe.md:1: refused: this file is not a regular file (a pipe, socket or device); remove it",
    ]


def test_a_file_that_vanished_is_named_with_the_reason(project):
    assert content_files._not_content(str(project / "docs/gone.md"), str(project / "docs")) == \
        "cannot be read (No such file or directory)"


def test_a_refusal_is_a_located_problem_on_line_one(project):
    link(project / "docs/leak.md", "/etc/passwd")
    _, problems = content_files.walk(project / "docs", "site/docs/")
    assert problems == [Problem("site/docs/leak.md", 1, "", "refused: this file is a link to /etc/passwd, outside the folder; "
                                "only files inside it are published (copy the file itself here instead)")]



# walk: names in either Unicode form ---------------------------------------------------------

MAC_NAME = "news/2024/울란바토르.jpg"  # a Hangul name as macOS writes it: decomposed (NFD)


def test_a_name_written_decomposed_is_content_by_its_composed_name(project):
    decomposed = unicodedata.normalize("NFD", MAC_NAME)
    assert decomposed != MAC_NAME
    (project / "docs" / decomposed).write_bytes(b"jpg")
    files, problems = content_files.walk(project / "docs", "docs/")
    assert (str(project / "docs" / decomposed), MAC_NAME) in files and problems == []


def test_two_names_differing_only_in_unicode_form_are_refused_naming_the_other(project):
    decomposed = unicodedata.normalize("NFD", MAC_NAME)
    (project / "docs" / decomposed).write_bytes(b"from a Mac")
    (project / "docs" / MAC_NAME).write_bytes(b"typed")
    files, problems = content_files.walk(project / "docs", "docs/")
    # Sorted by code point, the decomposed name (conjoining jamo, U+11xx) comes first and is kept.
    assert [(path, relative) for path, relative in files if relative == MAC_NAME] == \
        [(str(project / "docs" / decomposed), MAC_NAME)]
    assert problems == [Problem(f"docs/{MAC_NAME}", 1, "", f"refused: this file has the name of docs/{decomposed} "
                                "written with other Unicode code points (a name copied from a Mac); keep one of them")]


# data files ---------------------------------------------------------------------------------

def test_a_data_file_is_a_plain_file_of_data_or_a_link_to_one_there(project):
    data = project / "data"
    assert content_files.data_file_problem(data / "members.yml", data, "data/members.yml") is None
    link(data / "offices.yml", "members.yml")
    assert content_files.data_file_problem(data / "offices.yml", data, "data/offices.yml") is None
    link(data / "coe.yml", "../data-old/members.yml")  # the sibling sharing the prefix
    assert content_files.data_file_problem(data / "coe.yml", data, "data/coe.yml") == Problem(
        "data/coe.yml", 1, "", f"refused: this file is a link to {project / 'data-old/members.yml'}, outside the folder; "
        "only files inside it are published (copy the file itself here instead)")


def test_a_data_folder_reached_through_a_link_keeps_its_own_files(project):
    link(project / "data-link", "data")
    assert content_files.data_file_problem(project / "data-link/members.yml", project / "data-link", "data/members.yml") is None


def test_hidden_names_are_the_dotfiles_and_the_systems_own_files():
    assert [content_files.is_hidden(n) for n in (".DS_Store", ".x", "Thumbs.db", "DESKTOP.INI", "__MACOSX", "Icon\r")] == [True] * 6
    assert [content_files.is_hidden(n) for n in ("index.zh.md", "thumbs.db.md", "Icon", "a.DS_Store", "x.")] == [False] * 5
