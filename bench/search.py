"""Search as a reader meets it: quality on real queries, bytes per query, time to the first result.

    python bench/search.py                              # real, 500x500, 2500x2000, and the projection
    python bench/search.py --sizes real --project none  # the real site only: a minute or so

The site's own search (ARCHITECTURE.md, "Search"), in Debian's Chromium, the site served by
nginx with the production configuration and its Content-Security-Policy (tests/browser.py).
The languages are the site's (mkdocs.yml) and those of bench/search_queries.yml.

Quality (real site): every query of search_queries.yml is typed key by key into the search
dialog; the first five distinct pages found are compared with the page the query must find:
recall@1 and recall@5 per language.

Cost, at each size, for a few queries per language (search_timing.yml, and a member's name
on a synthetic site), each on a fresh page (no cache) with Chromium's CPU throttled 4x and
Lighthouse's mobile network (150 ms round trip, 1.6 Mbps down): the reader opens search with
a click on the header's button and types the query at KEY_DELAY_MS a key; measured are the
time from the last keystroke to the first result of the whole query on screen, and every byte the
browser fetched from the click on (the script, the manifest, the shards, the metadata and the
snippets' texts), as received (gzipped, as nginx sends the site's .gz copies) and decoded.
The page must fetch no search file before search is opened.

Projection (`--project 20000`): the index of a network of 2,500 members and N articles per
language, built in memory from bench/generate.py's documents (no site build), and what the
engine (site-search.js, run by node) fetches for the same queries: the design's own numbers
beyond the sizes built.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from random import Random

import yaml

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
for folder in (REPO / "tests", REPO / "deploy", BENCH, REPO / "hooks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

QUERIES = BENCH / "search_queries.yml"
TIMING = BENCH / "search_timing.yml"
SCRIPT = REPO / "overrides/assets/javascripts/site-search.js"
TOP = 5
CPU_THROTTLE = 4
# Lighthouse's mobile network: 150 ms round trip, 1.6 Mbps down, 750 Kbps up.
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
KEY_DELAY_MS = 120  # a reader typing about eight keys a second
BUDGET_MS, BUDGET_KB = 1000, 300  # issue 29, point 1

# In every document: when the reader last typed into the search field, and when the dialog
# showed the first results of each query (site-search.js sets data-shown on the dialog then,
# and data-complete once all of them are there).
_INSTRUMENT = """
(() => {
  const s = window.__search = {lastInput: null, shown: {}};
  document.addEventListener("input", (e) => {
    if (e.target.classList && e.target.classList.contains("site-search__input")) s.lastInput = performance.now();
  }, true);
  new MutationObserver((records) => {
    for (const r of records) if (r.target.dataset && r.target.dataset.shown !== undefined && !(r.target.dataset.shown in s.shown))
      s.shown[r.target.dataset.shown] = performance.now();
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-shown"]});
})();
"""


def language_roots(project: Path = REPO) -> dict[str, str]:
    """Each language of the site and its root ("" for the default), from mkdocs.yml."""
    from mkdocs.utils.yaml import yaml_load

    with open(project / "mkdocs.yml", "rb") as file:
        config = yaml_load(file)
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = plugin["i18n"]["languages"]
            return {str(l["locale"]): "" if l.get("default") else f"{l['locale']}/" for l in languages if l.get("build", True)}
    raise SystemExit("mkdocs.yml configures no i18n languages")


def load_queries(path: Path = QUERIES) -> dict[str, list[tuple[str, str]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {lang: [(str(q["query"]), str(q["page"])) for q in items] for lang, items in data.items()}


def distinct_pages(hrefs: list[str], base: str, lang_root: str, top: int = TOP) -> list[str]:
    """The first `top` pages among result links, each once (sections dropped), relative to
    the language root."""
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


# ---------------------------------------------------------------------------------------
# The dialog, driven as a reader drives it.

FIELD = "#site-search .site-search__input"
RESULTS = "#site-search [role=option]"


def open_search(page, base: str, root: str) -> None:
    """The language's home page, then a click on the header's search button."""
    page.goto(base + root)
    page.locator("[data-site-search-open]").click()
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('#site-search .site-search__input')")


def answer(page, query: str, delay: float = 0) -> None:
    """Clear the field, type `query` key by key, wait for its whole answer on screen."""
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    page.keyboard.type(query, delay=delay)
    page.wait_for_function("(q) => document.getElementById('site-search').dataset.complete === q", arg=query, timeout=60_000)


def results(page, base: str, root: str, query: str) -> list[str]:
    answer(page, query)
    hrefs = page.eval_on_selector_all(RESULTS, "links => links.map(a => a.href)")
    return distinct_pages(hrefs, base, root)


def quality(base: str, queries: dict[str, list[tuple[str, str]]], roots: dict[str, str]) -> dict:
    """Every query of every language in one browser, one page per language: found pages,
    the rank of the expected one (None if not in the first five), recall@1 and @5."""
    from browser import browser_page

    report = {}
    with browser_page(base) as page:
        for lang, items in queries.items():
            if lang not in roots:
                continue
            open_search(page, base, roots[lang])
            rows = []
            for query, expected in items:
                found = results(page, base, roots[lang], query)
                rank = found.index(expected) + 1 if expected in found else None
                rows.append({"query": query, "expected": expected, "found": found, "rank": rank})
            n = len(rows)
            report[lang] = {"queries": n, "recall@1": sum(r["rank"] == 1 for r in rows) / n,
                            "recall@5": sum(r["rank"] is not None for r in rows) / n, "rows": rows}
        assert page.outside_requests == [] and page.console_errors == [], (page.outside_requests, page.console_errors)
    return report


def is_search_file(url: str) -> bool:
    """The search's own files: its script and anything under a language's search/ folder."""
    path = url.split("?")[0]
    return path.endswith("/site-search.js") or "/search/" in path


def cost(base: str, root: str, query: str, throttled: bool = True) -> dict:
    """A fresh page, throttled: time from the last keystroke to the answer on screen, and
    what the browser fetched from the click on the search button (KB, and KB as sent)."""
    from browser import browser_page

    with browser_page(base) as page:
        page.context.add_init_script(_INSTRUMENT)
        responses, opened = [], [False]
        before = []
        page.on("request", lambda r: before.append(r.url) if not opened[0] and is_search_file(r.url) else None)
        page.on("requestfinished", lambda r: responses.append(r) if opened[0] else None)
        cdp = page.context.new_cdp_session(page)
        if throttled:
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_THROTTLE})
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", NETWORK)
        page.goto(base + root, wait_until="load")
        page.wait_for_load_state("networkidle")
        opened[0] = True
        page.locator("[data-site-search-open]").click()
        page.wait_for_function("() => document.activeElement && document.activeElement.matches('#site-search .site-search__input')")
        page.keyboard.type(query, delay=KEY_DELAY_MS)
        page.wait_for_function("(q) => q in window.__search.shown", arg=query, timeout=120_000)
        timing = page.evaluate("(q) => [window.__search.lastInput, window.__search.shown[q]]", query)
        page.wait_for_function("(q) => document.getElementById('site-search').dataset.complete === q", arg=query, timeout=120_000)
        page.wait_for_load_state("networkidle")  # the snippets' texts
        hits = page.locator(RESULTS).count()
        raw = sent = 0
        for request in responses:
            response = request.response()
            if response is None:
                continue
            raw += len(response.body())
            sent += request.sizes()["responseBodySize"]
        if throttled:
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        assert page.outside_requests == [] and page.console_errors == [], (page.outside_requests, page.console_errors)
    return {"query": query, "first_result_ms": round(timing[1] - timing[0]), "kb": _kb(raw), "kb_gz": _kb(sent),
            "requests": len(responses), "results": hits, "fetched_before_open": before}


def _kb(size: int) -> float:
    return round(size / 1024, 1)


# ---------------------------------------------------------------------------------------
# Sizes.

def build_size(size: str, workdir: Path) -> tuple[Path, Path, str]:
    """(project, built site, build log) of a size: `real` (the repo's content) or MEMBERSxARTICLES."""
    from generate import generate
    from sitebuild import build, make_project

    folder = workdir / size
    if size == "real":
        project = make_project(folder, content_from=REPO)
    else:
        members, articles = (int(n) for n in size.split("x"))
        project = folder / "project"
        generate(project, members=members, articles=articles, seed=1, photos_every=0)
    result = build(project, site=folder / "site", extra_env={"SITE_BUILD_DATE": "2026-01-01"})
    if result.returncode != 0:
        raise SystemExit(f"build of {size} failed:\n{result.output[-3000:]}")
    return project, folder / "site", result.output


def timing_queries(project: Path, lang: str, queries: dict) -> list[str]:
    """The queries timed in `lang` (search_timing.yml, else its first two reader queries),
    and the name of the project's first member."""
    timed = yaml.safe_load(TIMING.read_text(encoding="utf-8")) or {}
    chosen = [str(q) for q in timed.get(lang) or [q for q, _ in queries.get(lang, [])[:2]]]
    members = yaml.safe_load((project / "data" / "members.yml").read_text(encoding="utf-8"))
    name = (members[0].get("name") or {}).get(lang) if members else None
    if name and name not in chosen:
        chosen.append(name)  # a member's name: the highest-weighed field
    return chosen


def index_facts(site: Path, root: str, log: str, lang: str) -> dict:
    manifest = json.loads((site / root / "search" / "manifest.json").read_bytes())
    folder = site / root / "search" / manifest["version"]
    files = [f for f in folder.rglob("*.json")]
    cpu = re.search(rf"Search index of '{re.escape(lang)}': \d+ pages in \d+ files, ([\d.]+) s of CPU", log)
    return {"pages": manifest["documents"], "shards": len(manifest["keys"]), "files": len(files) + 1,
            "mb": round(sum(f.stat().st_size for f in files) / 1e6, 1),
            "manifest_kb_gz": _kb(len(gzip.compress((site / root / "search" / "manifest.json").read_bytes(), 9))),
            "build_cpu_s": float(cpu[1]) if cpu else None}


def measure(sizes: list[str], workdir: Path) -> dict:
    from browser import serve

    results: dict = {}
    queries = load_queries()
    for size in sizes:
        project, site, log = build_size(size, workdir)
        roots = language_roots(project)
        row: dict = {}
        with serve(site) as base:
            if size == "real":
                row["quality"] = quality(base, queries, roots)
            for lang, root in roots.items():
                timed = [cost(base, root, q) for q in timing_queries(project, lang, queries)]
                row[lang] = {"index": index_facts(site, root, log, lang), "queries": timed}
        results[size] = row
        print(format_row(size, row), flush=True)
    return results


def format_row(size: str, row: dict) -> str:
    lines = []
    for lang, value in row.items():
        if lang == "quality":
            continue
        q = row.get("quality", {}).get(lang)
        quality_text = f"R@1 {q['recall@1']:.0%} R@5 {q['recall@5']:.0%} ({q['queries']} q)" if q else "-"
        slowest = max(t["first_result_ms"] for t in value["queries"])
        heaviest = max(value["queries"], key=lambda t: t["kb_gz"])
        early = sorted({u for t in value["queries"] for u in t["fetched_before_open"]})
        index = value["index"]
        lines.append(f"{size:<10} {lang:<8} {quality_text:<26} first result ≤ {slowest:>5} ms   per query ≤ "
                     f"{heaviest['kb_gz']:>6} KB sent ({heaviest['kb']:>6} KB)   index: {index['pages']} pages, "
                     f"{index['shards']} shards, {index['files']} files, {index['mb']} MB, manifest {index['manifest_kb_gz']} KB gz, "
                     f"build {index['build_cpu_s']} s CPU   fetched before opening: {len(early)}")
        for t in value["queries"]:
            lines.append(f"{'':<20}{t['query']!r}: {t['first_result_ms']} ms, {t['kb_gz']} KB sent ({t['kb']} KB), "
                         f"{t['requests']} requests, {t['results']} results shown")
    return "\n".join(lines)


def misses(report: dict) -> list[str]:
    """Queries whose page was not first, for reading a report."""
    return [f"{lang}: {r['query']!r} -> {r['expected']!r} rank {r['rank']}; found {r['found']}"
            for lang, q in report.items() for r in q["rows"] if r["rank"] != 1]


# ---------------------------------------------------------------------------------------
# Projection: the index at sizes not built, from generated documents.

def generated_documents(members: int, articles: int, seed: int = 1) -> dict[str, list[dict]]:
    """Documents of a synthetic network per language of the site, as the site's index would
    take them (title, names, tags, text from bench/generate.py's members and articles); a
    language made from another at build time (zh-hant) converted from its source's, as the
    build converts it (OpenCC; the phrase table left out: it changes a few names only)."""
    import generate
    from multilingual_site.conversion import Converter
    from multilingual_site.languages import from_mkdocs_yml

    rng = Random(seed)
    member_list = generate.make_members(rng, members)
    article_list = generate.make_articles(rng, articles, member_list)
    languages = from_mkdocs_yml(REPO / "mkdocs.yml")
    written = [l.code for l in languages if l.hand_translated and l.code in member_list[0]["name"]]
    documents: dict[str, list[dict]] = {lang: [] for lang in written}
    for m in member_list:
        names = list(m["name"].values())
        for lang in written:
            documents[lang].append({"url": f"members/{m['id']}/", "title": m["name"][lang], "names": names, "tags": [],
                                    "text": (m.get("summary") or {}).get(lang, ""), "kind": "member", "date": None})
    for a in article_list:
        for lang, fields in a["fields"].items():
            if lang not in documents:
                continue
            documents[lang].append({"url": f"news/{a['date'].year}/{a['slug']}/", "title": fields["title"], "names": [],
                                    "tags": fields.get("tags", []), "text": re.sub(r"^## ", "", a["bodies"][lang], flags=re.M),
                                    "kind": "news", "date": a["date"].isoformat(), "shown_date": a["date"].isoformat()})
    for language in languages.derived:
        if language.derived_from not in documents:
            continue
        convert = Converter(language.convert.removeprefix("opencc:")).text
        documents[language.code] = [
            {**d, "title": convert(d["title"]), "names": list(dict.fromkeys([*d["names"], *map(convert, d["names"])])),
             "tags": [convert(t) for t in d["tags"]], "text": convert(d["text"])}
            for d in documents[language.derived_from]]
    return documents


_NODE_FETCHES = """
import {Engine} from "%(script)s";
import fs from "fs";
import zlib from "zlib";
const [base, query] = process.argv.slice(2);
const fetched = {};
const engine = new Engine(base, async (url) => {
  const data = fs.readFileSync(url);
  fetched[url] = [data.length, zlib.gzipSync(data, {level: 9}).length];
  return JSON.parse(data);
});
const found = await engine.search(query, 10);
await Promise.all(found.hits.map((h) => Promise.all([engine.describe(h.id), engine.text(h.id)])));
console.log(JSON.stringify({total: found.total, files: Object.keys(fetched).length,
  raw: Object.values(fetched).reduce((s, f) => s + f[0], 0), gz: Object.values(fetched).reduce((s, f) => s + f[1], 0)}));
"""


def project_index(members: int, articles: int, workdir: Path) -> dict:
    """Build the index of each language in memory and write it; what node's engine fetches
    for the timing queries (KB gzipped at level 9, the script itself not counted)."""
    from multilingual_site import search_index

    script = workdir / "site-search.mjs"
    script.write_text(SCRIPT.read_text(encoding="utf-8"), encoding="utf-8")
    runner = workdir / "fetches.mjs"
    runner.write_text(_NODE_FETCHES % {"script": script.as_posix()}, encoding="utf-8")
    report = {}
    for lang, documents in generated_documents(members, articles).items():
        started = time.process_time()
        files = search_index.build(documents)
        build_cpu = time.process_time() - started
        folder = workdir / f"index-{members}x{articles}" / lang
        for path, data in files.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(data)
        manifest = json.loads(files["manifest.json"])
        queries = []
        timed = yaml.safe_load(TIMING.read_text(encoding="utf-8")) or {}
        for query in [str(q) for q in timed.get(lang, [])] + [documents[0]["title"]]:
            out = subprocess.run(["node", str(runner), f"{folder.as_posix()}/", query], capture_output=True, text=True, check=True)
            fetched = json.loads(out.stdout)
            queries.append({"query": query, "kb": _kb(fetched["raw"]), "kb_gz": _kb(fetched["gz"]), "files": fetched["files"],
                            "total": fetched["total"]})
        report[lang] = {"pages": manifest["documents"], "shards": len(manifest["keys"]), "files": len(files),
                        "mb": round(sum(map(len, files.values())) / 1e6, 1), "build_cpu_s": round(build_cpu, 1),
                        "manifest_kb_gz": _kb(len(gzip.compress(files["manifest.json"], 9))), "queries": queries}
        print(f"projection {members}x{articles} {lang}: {report[lang]['pages']} pages, {report[lang]['shards']} shards, "
              f"{report[lang]['files']} files, {report[lang]['mb']} MB, index built in {report[lang]['build_cpu_s']} s of CPU, "
              f"manifest {report[lang]['manifest_kb_gz']} KB gz; per query (without the script): "
              + "; ".join(f"{q['query']!r} {q['kb_gz']} KB gz in {q['files']} files" for q in queries), flush=True)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="real,500x500,2500x2000")
    parser.add_argument("--project", default="2000,20000",
                        help="article counts per language for the in-memory projection at 2,500 members ('none': skip)")
    parser.add_argument("--json", type=Path, default=BENCH / "results" / "search.json")
    args = parser.parse_args(argv)
    start = time.monotonic()
    print(f"Search: recall on {QUERIES.name} (real site); first result and bytes per query with the CPU throttled "
          f"{CPU_THROTTLE}x and a mobile network (150 ms, 1.6 Mbps), typed at {KEY_DELAY_MS} ms a key; "
          f"budget {BUDGET_MS} ms and {BUDGET_KB} KB")
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        if args.sizes:
            results["sizes"] = measure([s for s in args.sizes.split(",") if s], Path(tmp))
        if args.project != "none":
            results["projection"] = {n: project_index(2500, int(n), Path(tmp)) for n in args.project.split(",")}
    for row in results.get("sizes", {}).values():
        for line in misses(row.get("quality", {})):
            print(f"  miss@1 {line}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"Search total {time.monotonic() - start:.0f} s; results written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
