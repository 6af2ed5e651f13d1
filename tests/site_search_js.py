"""The site's search script (overrides/assets/javascripts/site-search.js) run by node, for the
tests that compare it with the Python side or query an index without a browser.

The script is an ES module that touches no page when imported; it is copied as `.mjs` into
a temporary folder (node reads a `.js` file outside a `"type": "module"` package as
CommonJS first, with a warning).
"""

from __future__ import annotations

import functools
import json
import subprocess
import tempfile
from pathlib import Path

from sitebuild import REPO

SCRIPT = REPO / "overrides/assets/javascripts/site-search.js"


@functools.lru_cache(maxsize=None)
def _module_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="site-search-js-"))
    (folder / "site-search.mjs").write_text(SCRIPT.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def run(body: str, payload):
    """Run `body` (module code with `search` bound to the script's exports and `input` to
    `payload`; it prints its answer as JSON) and return the answer."""
    folder = _module_folder()
    program = (f'import * as search from "{(folder / "site-search.mjs").as_posix()}";\n'
               'import fs from "fs";\n'
               'const input = JSON.parse(fs.readFileSync(0, "utf8"));\n' + body)
    result = subprocess.run(["node", "--input-type=module", "-e", program], input=json.dumps(payload),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def tokens(texts: list[str]) -> list[tuple[list[str], list[list]]]:
    """(index tokens, query terms) of each text, by the script, with the whole Han table
    (search_tokens.han_variants: a browser gets the part its index needs)."""
    from sitebuild import hook_module

    pairs = "".join(t + s for t, s in sorted(hook_module("search_tokens").han_variants().items()))
    return run("search.learnHanVariants(input.pairs);\n"
               "process.stdout.write(JSON.stringify(input.texts.map((t) => [search.indexTokens(t), search.queryTerms(t)])));",
               {"texts": texts, "pairs": pairs})


def search(folder: Path, queries: list[str], top: int = 5) -> list[dict]:
    """The first `top` results of each query against the index in `folder` (a language's
    `search/` folder): {urls, total, fetched: [paths]}."""
    body = """
const base = input.folder + "/";
const answers = [];
for (const query of input.queries) {
  const fetched = [];
  const engine = new search.Engine(base, async (url) => { fetched.push(url.slice(base.length)); return JSON.parse(fs.readFileSync(url, "utf8")); });
  const found = await engine.search(query, input.top);
  const urls = [];
  for (const hit of found.hits) urls.push((await engine.describe(hit.id)).url);
  answers.push({urls, total: found.total, fetched});
}
process.stdout.write(JSON.stringify(answers));
"""
    return run(body, {"folder": Path(folder).as_posix(), "queries": queries, "top": top})
