"""Chinese cut into words for the search index: jieba's dictionary and algorithm, run in Rust.

Material's search plugin (9.8.1) cuts every run of Chinese characters of every title and
text into words with jieba, for lunr to index them; jieba is pure Python, and at 2,500
members and 2,000 articles per language that was 13 s of the Chinese pass, the longest
single step of the build's longest process. rjieba (a binding of jieba-rs, the Rust port
of jieba, with jieba's own dictionary and HMM) cuts the same runs into the same words 15
times faster (tests/test_search.py compares both on every Chinese run of the real site's
index and of a generated network). `install()` hands Material's plugin an object with
jieba's `cut` (the only function it calls when no custom dictionary is configured), so the
plugin itself is not changed; `cut` is also what our names and tags are segmented with.
"""

from __future__ import annotations

try:
    import rjieba
except ImportError:  # the build stops with a message instead (search_per_language.on_config)
    rjieba = None

from . import upstream  # noqa: E402 (after the optional import above)

available = rjieba is not None


def cut(text: str | bytes) -> list[str]:
    """The words of `text`, as `jieba.cut` gives them (Material passes UTF-8 bytes)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    return rjieba.cut(text)


def install() -> None:
    """Have Material's search plugin segment with `cut` (idempotent: every pass calls it)."""
    upstream.segment_search_with(cut)
