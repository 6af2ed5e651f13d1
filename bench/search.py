"""Search as a reader meets it: quality on real queries, index weight, time to the first result.

    python bench/search.py                                   # real, 500x500, 2500x2000; both engines
    python bench/search.py --sizes real --engines material   # quality only, a minute or so

Quality (real site only): every query of bench/search_queries.yml is typed key by key into
the site's own search box in Debian's Chromium (Material's search reacts to key events, so
`fill()` alone would not be a reader), served by nginx with the production configuration
and its Content-Security-Policy (tests/browser.py). The first five distinct pages found (a
page's sections count once) are compared with the page the query must find:
recall@1 and recall@5 per language.

Cost, at each size: the weight of what a reader's browser downloads to answer a query
(KB, and KB gzipped as nginx serves it), and the time from the first keystroke to the first
result shown, on a fresh page with Chromium's CPU throttled 4x (CDP
`Emulation.setCPUThrottlingRate`), as on a mid-range phone.

Engines: `material` is the site as built (Material's lunr search, our index). `pagefind`
is Pagefind (npm `pagefind`, pinned in package.json; its extended binary segments Chinese)
run over a copy of the same built site, indexing the same pages and the same text (the
pages and names of our index, the same parts left out), searched through its own default
interface on a page of its own: the comparison behind the choice of engine (ARCHITECTURE.md,
"Search").
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
for folder in (REPO / "tests", REPO / "deploy", BENCH):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

QUERIES = BENCH / "search_queries.yml"
LANG_ROOTS = {"zh": "", "en": "en/"}
TOP = 5
THROTTLE = 4
# A query each synthetic size answers (bench/generate.py writes these words everywhere).
TIMING_QUERIES = {"zh": "生物多样性", "en": "biodiversity"}
PAGEFIND = REPO / "node_modules" / ".bin" / "pagefind"

# In every document: when the reader's first key went down, when the first result was shown,
# and how many queries Material's page sent to its search worker and got answered.
_INSTRUMENT = """
(() => {
  const s = window.__search = {firstKey: null, firstResult: null, sent: 0, answered: 0};
  document.addEventListener("keydown", () => { if (s.firstKey === null) s.firstKey = performance.now(); }, true);
  new MutationObserver(() => {
    if (s.firstResult === null && document.querySelector(".md-search-result__link, .pagefind-ui__result-link"))
      s.firstResult = performance.now();
  }).observe(document, {childList: true, subtree: true});
  const Native = window.Worker;
  if (!Native) return;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      // Material's messages: 2 is a query, 3 its result (material/.../search/worker/message).
      this.addEventListener("message", (e) => { if (e.data && e.data.type === 3) s.answered++; });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) s.sent++;
      return super.postMessage(message, ...rest);
    }
  };
})();
"""


def type_like_a_reader(page, text: str) -> None:
    """Type `text` key by key. Latin letters are key presses; a Chinese character is what an
    input method sends when it commits one: a key down with key code 229 ("Process"), the
    character, then the key up, which is what Material's search listens for (`keyup`).
    Playwright's own typing of a character off the keyboard inserts the text with no key
    event at all, and Material would never search it."""
    cdp = _cdp(page)
    for ch in text:
        if ch.isascii():
            page.keyboard.type(ch)
            continue
        cdp.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", "key": "Process", "windowsVirtualKeyCode": 229})
        page.keyboard.insert_text(ch)
        cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Process", "windowsVirtualKeyCode": 229})


def _cdp(page):
    if not hasattr(page, "_search_cdp"):
        page._search_cdp = page.context.new_cdp_session(page)
    return page._search_cdp


def load_queries(path: Path = QUERIES) -> dict[str, list[tuple[str, str]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {lang: [(str(q["query"]), str(q["page"])) for q in items] for lang, items in data.items()}


def distinct_pages(hrefs: list[str], base: str, lang_root: str, top: int = TOP) -> list[str]:
    """The first `top` pages among result links, each once (sections and the `?h=` highlight
    parameter dropped), relative to the language root."""
    pages: list[str] = []
    for href in hrefs:
        path = href.split("#")[0].split("?")[0]
        path = path.removeprefix(base).removeprefix("/").removeprefix(lang_root)
        if path.endswith("index.html"):
            path = path[: -len("index.html")]
        if path not in pages:
            pages.append(path)
        if len(pages) == top:
            break
    return pages


class MaterialSearch:
    """The site's own search box, in the header of every page."""

    name = "material"
    field = "input.md-search__input"
    links = ".md-search-result__link"

    def open(self, page, base: str, lang: str) -> None:
        page.goto(base + LANG_ROOTS[lang])
        page.locator(self.field).click()
        # The index is loaded when the result area says "type to start searching". (Predicates
        # are functions: Playwright eval()s a bare expression, which the site's policy forbids.)
        page.wait_for_function("() => /键入以开始搜索|Type to start searching/"
                               ".test(document.querySelector('.md-search-result__meta').textContent)")

    def results(self, page, base: str, lang: str, query: str) -> list[str]:
        field = page.locator(self.field)
        field.press("Control+a")
        field.press("Backspace")
        sent = page.evaluate("() => window.__search.sent")
        type_like_a_reader(page, query)
        # Every query the typing sent has been answered and drawn (two frames later).
        page.wait_for_function(f"() => window.__search.sent > {sent} && window.__search.answered >= window.__search.sent")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        hrefs = page.eval_on_selector_all(self.links, "links => links.map(a => a.href)")
        return distinct_pages(hrefs, base, LANG_ROOTS[lang])


class PagefindSearch:
    """Pagefind's default interface on a page of its own (written by `prepare_pagefind`)."""

    name = "pagefind"
    field = ".pagefind-ui__search-input"
    links = ".pagefind-ui__result-link"

    def open(self, page, base: str, lang: str) -> None:
        page.goto(base + LANG_ROOTS[lang] + "pagefind-search/")
        page.locator(self.field).click()

    def results(self, page, base: str, lang: str, query: str) -> list[str]:
        field = page.locator(self.field)
        field.press("Control+a")
        field.press("Backspace")
        page.wait_for_function("() => !document.querySelector('.pagefind-ui__message')")
        type_like_a_reader(page, query)
        # Its message names the query once the results of the whole query are known; each
        # result shows a placeholder until its page's fragment has been fetched.
        page.wait_for_function("(q) => { const m = document.querySelector('.pagefind-ui__message');"
                               " return m && m.textContent.includes(q)"
                               " && !document.querySelector('.pagefind-ui__result .pagefind-ui__loading'); }", arg=query)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        hrefs = page.eval_on_selector_all(self.links, "links => links.map(a => a.href)")
        return distinct_pages(hrefs, base, LANG_ROOTS[lang])


ENGINES = {"material": MaterialSearch(), "pagefind": PagefindSearch()}


def quality(base: str, engine, queries: dict[str, list[tuple[str, str]]]) -> dict:
    """Every query of every language in one browser, one page per language: found pages,
    the rank of the expected one (None if not in the first five), recall@1 and @5."""
    from browser import browser_page

    report = {}
    with browser_page(base) as page:
        page.context.add_init_script(_INSTRUMENT)
        for lang, items in queries.items():
            engine.open(page, base, lang)
            rows = []
            for query, expected in items:
                found = engine.results(page, base, lang, query)
                rank = found.index(expected) + 1 if expected in found else None
                rows.append({"query": query, "expected": expected, "found": found, "rank": rank})
            n = len(rows)
            report[lang] = {
                "queries": n,
                "recall@1": sum(r["rank"] == 1 for r in rows) / n,
                "recall@5": sum(r["rank"] is not None for r in rows) / n,
                "rows": rows,
            }
        assert page.outside_requests == []
    return report


def first_result_ms(base: str, engine, lang: str, query: str) -> float:
    """A fresh page, CPU throttled, the query typed as soon as the page can take it: time
    from the first keystroke to the first result shown (index download and set-up included)."""
    from browser import browser_page

    with browser_page(base) as page:
        page.context.add_init_script(_INSTRUMENT)
        cdp = _cdp(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
        url = base + LANG_ROOTS[lang] + ("pagefind-search/" if engine.name == "pagefind" else "")
        page.goto(url, wait_until="domcontentloaded")
        field = page.locator(engine.field)
        field.click()
        type_like_a_reader(page, query)
        page.wait_for_function("() => window.__search.firstResult !== null", timeout=120_000)
        times = page.evaluate("() => [window.__search.firstKey, window.__search.firstResult]")
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        return round(times[1] - times[0])


def _kb(size: int) -> float:
    return round(size / 1024, 1)


def material_weight(site: Path, lang: str) -> dict:
    """What Material's search downloads: the language's index (its worker is the same file
    on every site and cached)."""
    index = site / LANG_ROOTS[lang] / "search" / "search_index.json"
    raw = index.read_bytes()
    return {"kb": _kb(len(raw)), "kb_gz": _kb(len(gzip.compress(raw, 9)))}


def pagefind_weight(base: str, lang: str, query: str) -> dict:
    """What Pagefind downloads to answer `query` on a fresh page: its script, WebAssembly,
    the language's entry, metadata and the index chunks and fragments it fetched."""
    from browser import browser_page

    fetched: dict[str, int] = {}
    with browser_page(base) as page:
        page.on("response", lambda r: fetched.__setitem__(r.url, len(r.body()))
                if "/pagefind/" in r.url and r.ok else None)
        PagefindSearch().open(page, base, lang)
        type_like_a_reader(page, query)
        page.wait_for_selector(PagefindSearch.links)
        page.wait_for_load_state("networkidle")
    site_root = _served_sites[base]
    raw = sum(fetched.values())
    gz = 0
    for url in fetched:
        file = site_root / url.removeprefix(base)
        body = file.read_bytes() if file.is_file() else b""
        # Pagefind's index files are compressed already; nginx sends .gz copies of text files.
        gz += len(gzip.compress(body, 9)) if file.suffix in (".js", ".css", ".json") else len(body)
    return {"kb": _kb(raw), "kb_gz": _kb(gz), "files": len(fetched)}


_served_sites: dict[str, Path] = {}


# ---------------------------------------------------------------------------------------
# Pagefind over a copy of the built site.

def _indexed_pages(site: Path, lang: str) -> dict[str, list[str]]:
    """Pages of our search index (location -> the names we index for the page)."""
    index = json.loads((site / LANG_ROOTS[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages: dict[str, list[str]] = {}
    for doc in index["docs"]:
        location = doc["location"].split("#")[0]
        pages.setdefault(location, [])
        if doc.get("names"):
            pages[location] = [n.replace("\u200b", "") for n in doc["names"]]
    return pages


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">')
# The parts our index leaves out (data-search-exclude in the templates): lists of other
# pages (cards, the directory's entries) and maps.
PAGEFIND_EXCLUDE = [".site-cards", ".view-members", ".view-map", ".view-subscribe", ".site-back"]


def prepare_pagefind(site: Path, target: Path) -> Path:
    """A copy of `site` with a Pagefind index of the same pages and names as ours, and a
    search page per language (`pagefind-search/`) showing Pagefind's own interface."""
    shutil.copytree(site, target, symlinks=True)
    for lang in LANG_ROOTS:
        for location, names in _indexed_pages(target, lang).items():
            file = target / LANG_ROOTS[lang] / location / "index.html"
            if not file.is_file():
                continue
            html = file.read_text(encoding="utf-8")
            extra = "".join(f'<p data-pagefind-weight="10">{n}</p>' for n in names)
            html = _ARTICLE.sub(lambda m: m.group(0).replace("<article ", "<article data-pagefind-body ") + extra, html, count=1)
            file.write_text(html, encoding="utf-8")
        page = target / LANG_ROOTS[lang] / "pagefind-search" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        tag = {"zh": "zh-Hans", "en": "en"}[lang]
        page.write_text(
            f'<!doctype html><html lang="{tag}"><head><meta charset="utf-8">'
            f'<link rel="stylesheet" href="/pagefind/pagefind-ui.css">'
            f'<script src="/pagefind/pagefind-ui.js"></script>'
            f'<script src="/pagefind-search.js"></script></head>'
            f'<body><div id="search"></div></body></html>', encoding="utf-8")
    (target / "pagefind-search.js").write_text(
        'window.addEventListener("DOMContentLoaded", () => new PagefindUI({element: "#search", '
        'showSubResults: false, showImages: false, resetStyles: false}));\n', encoding="utf-8")
    config = {"site": str(target), "exclude_selectors": PAGEFIND_EXCLUDE}
    (target.parent / "pagefind.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = subprocess.run([str(PAGEFIND)], cwd=target.parent, capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed:\n{result.stdout}\n{result.stderr}")
    # Pagefind runs WebAssembly: the copy's policy allows it (a site keeping Pagefind would
    # add 'wasm-unsafe-eval' to script-src, hooks/multilingual_site/content_security_policy.py).
    policy = target / ".nginx" / "content-security-policy.conf"
    policy.write_text(policy.read_text(encoding="utf-8").replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"), encoding="utf-8")
    for html in target.rglob("*.html"):  # the same in every page's <meta> policy
        text = html.read_text(encoding="utf-8")
        if "script-src 'self'" in text:
            html.write_text(text.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"), encoding="utf-8")
    for gz in target.rglob("*.gz"):  # nginx would send the stale precompressed copies
        gz.unlink()
    return target


# ---------------------------------------------------------------------------------------
# Sizes and the report.

def build_size(size: str, workdir: Path) -> Path:
    """The built site of a size: `real` (the repo's docs/ and data/) or MEMBERSxARTICLES."""
    from sitebuild import build, make_project

    from generate import generate

    folder = workdir / size
    if size == "real":
        project = make_project(folder, content_from=REPO)
    else:
        members, articles = (int(n) for n in size.split("x"))
        project = folder / "project"
        generate(project, members=members, articles=articles, seed=1)
    result = build(project, site=folder / "site", extra_env={"SITE_BUILD_DATE": "2026-01-01"})
    if result.returncode != 0:
        raise SystemExit(f"build of {size} failed:\n{result.output[-3000:]}")
    return folder / "site"


def measure(sizes: list[str], engines: list[str], workdir: Path) -> dict:
    from browser import serve

    results: dict = {}
    queries = load_queries()
    for size in sizes:
        site = build_size(size, workdir)
        for name in engines:
            engine = ENGINES[name]
            served_site = site if name == "material" else prepare_pagefind(site, workdir / size / "pagefind-site")
            with serve(served_site) as base:
                _served_sites[base] = served_site
                row: dict = {}
                if size == "real":
                    row["quality"] = quality(base, engine, queries)
                for lang in LANG_ROOTS:
                    query = TIMING_QUERIES[lang]
                    weight = material_weight(site, lang) if name == "material" else pagefind_weight(base, lang, query)
                    row[lang] = {**weight, "first_result_ms": first_result_ms(base, engine, lang, query)}
                results.setdefault(size, {})[name] = row
            print(format_row(size, name, results[size][name]), flush=True)
    return results


def format_row(size: str, engine: str, row: dict) -> str:
    parts = [f"{size:<10} {engine:<9}"]
    for lang in LANG_ROOTS:
        q = row.get("quality", {}).get(lang)
        quality_text = f"R@1 {q['recall@1']:.0%} R@5 {q['recall@5']:.0%} ({q['queries']} q)" if q else "-"
        r = row[lang]
        parts.append(f"{lang}: {quality_text:<24} index {r['kb']:>8} KB ({r['kb_gz']:>7} KB gz)  first result {r['first_result_ms']:>6} ms")
    return "  ".join(parts)


def misses(report: dict) -> list[str]:
    """Queries whose page was not first, for reading a report."""
    return [f"{lang}: {r['query']!r} -> {r['expected']!r} rank {r['rank']}; found {r['found']}"
            for lang, q in report.items() for r in q["rows"] if r["rank"] != 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="real,500x500,2500x2000")
    parser.add_argument("--engines", default="material,pagefind")
    parser.add_argument("--json", type=Path, default=BENCH / "results" / "search.json")
    args = parser.parse_args(argv)
    start = time.monotonic()
    print(f"Search: recall on {QUERIES.name} (real site), index weight and first result at {THROTTLE}x CPU throttling")
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        results = measure(args.sizes.split(","), args.engines.split(","), Path(tmp))
    for size, engines in results.items():
        for name, row in engines.items():
            for line in misses(row.get("quality", {})):
                print(f"  {name} miss@1 {line}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"Search total {time.monotonic() - start:.0f} s; results written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
