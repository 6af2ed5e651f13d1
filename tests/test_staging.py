"""The staging docs directory (hooks/multilingual_site/staging.py) never changes a file under docs/.

Staged files are hard links to their docs file where they can be, so these tests work on
real files in a temporary folder: an author's file must keep its text and its modification
time whatever the build stages, links to or generates.
"""

from __future__ import annotations

import os

from sitebuild import hook_module

staging = hook_module("staging")

STUB = "---\nview: news-list\n---\n"
LANGUAGES = {"languages": ("zh", "en"), "default_language": "zh"}


def test_a_generated_page_never_writes_through_a_link_into_a_docs_file(tmp_path):
    docs, staged = tmp_path / "docs", tmp_path / "staging"
    page = docs / "news" / "tag" / "parks.en.md"
    page.parent.mkdir(parents=True)
    page.write_text("hand-written\n", encoding="utf-8")
    staging.fill_staging(docs, staged, {}, **LANGUAGES)
    assert (staged / "news/tag/parks.en.md").read_text(encoding="utf-8") == "hand-written\n"
    # The author moves the file aside (the same file under a new name), and the path becomes
    # a generated page: the stub must replace the staged link, not write into the file.
    moved = docs / "drafts" / "parks.en.md"
    moved.parent.mkdir()
    page.rename(moved)
    staging.fill_staging(docs, staged, {"news/tag/parks.en.md": STUB}, **LANGUAGES)
    assert moved.read_text(encoding="utf-8") == "hand-written\n"
    assert (staged / "news/tag/parks.en.md").read_text(encoding="utf-8") == STUB


def test_staging_leaves_every_docs_file_and_its_time_as_it_was(tmp_path):
    docs, staged = tmp_path / "docs", tmp_path / "staging"
    files = {"index.zh.md": "首页\n", "news/2023/a.zh.md": "文章\n", "news/2023/images/x.png": "png"}
    for name, text in files.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
        os.utime(docs / name, ns=(10**18, 10**18))
    newer = docs / "news/2023/b.zh.md"
    newer.write_text("更新\n", encoding="utf-8")  # the newest file: pages showing content take its time
    for _ in range(2):  # first build, then a rebuild over what is staged
        staging.fill_staging(docs, staged, {"members/x.zh.md": STUB}, **LANGUAGES)
        for name, text in files.items():
            assert (docs / name).read_text(encoding="utf-8") == text
            assert (docs / name).stat().st_mtime_ns == 10**18, name
    # The home page shows news, so its staged copy carries the newest time, not its own.
    assert (staged / "index.zh.md").stat().st_mtime_ns == newer.stat().st_mtime_ns
    assert (staged / "news/2023/images/x.en.png").read_text(encoding="utf-8") == "png"
