"""A language's search index: its documents in, the files a browser fetches out.

Why our own index: Material's (lunr) had the quality but every reader downloaded the whole
index and built it in the browser before the first result: 649 KB gzipped and 14 s on a
phone at 2,500 members and 2,000 articles. This index is cut so that a query fetches only
what its own words need (ARCHITECTURE.md, "Search", has the figures).

`build(documents)` takes plain data, one dict per page a reader lands on:
    url          relative to the language root ("members/kunming/", "" for the home page)
    title        the page's title
    names        what the page is called in every language (a member's, a programme's)
    tags         an article's tags
    text         the page's own text
    kind         "news" | "member" | "programme" | "page"
    date         an article's date, "YYYY-MM-DD" (else None), and `shown_date`, as pages show it
and returns {path under `<language root>search/`: bytes}, the same bytes for the same
documents (no clock, no set order, no hash seed):

- `manifest.json`: the only file with a fixed name, fetched when a reader opens search:
  the formats (index and words), the folder of this version, the number of documents, the
  size of a metadata chunk, the fields and their weights, the shard keys (sorted) with
  each shard's gzipped size, and `han`: the pairs of the words' Han table
  (search_tokens.han_variants) whose Simplified character the index holds, "TsTs...", so
  that the browser folds a query typed in Traditional characters as the build folded the
  pages (at most the whole table, some 4,600 pairs, 27 KB of JSON, 17 KB gzipped; the real
  site's Chinese index needs a fraction).
- `<version>/s/<n>.json`: shard n, every token that lives in it with its postings:
  `{"token": [documents holding it, [text], [tags], [title], [names]]}`, each field's list
  `[document, score, gap, score, ...]` (numbers ascending, as gaps), empty lists at the end
  left out. A token lives in the shard of the longest key that begins it. Keys start from
  the empty key; a shard over SHARD_LIMIT bytes gives its biggest groups of tokens sharing
  one more character keys of their own (生 → 生物, 生态; b → bi → bio), so the shard a word
  needs is known from the word and the list of keys, and no shard is large.
- `<version>/m/<c>.json`: metadata of documents c*CHUNK .. c*CHUNK+CHUNK-1, each
  `[url, title, kind, date, shown date]`.
- `<version>/t/<id>.json`: a document's text (the first TEXT_LIMIT characters), for the
  snippet; fetched for the few results shown.
`<version>` is a hash of every file, so a reader's browser never mixes two builds'
files (and nginx may cache them for good); the manifest names the current one.

Documents are numbered newest first (dated articles by date, then the other pages by
url), so the browser breaks a tie between equal scores by the lower number: newer first.

A score is what a token weighs in one field of a document: the field's BM25 term frequency
part (k1 1.2, b 0.75, the field's own average length), times 10 and rounded. The browser
multiplies it by the token's inverse document frequency and by the field's weight
(FIELD_WEIGHTS: names above titles above tags above text, the old engine's boosts, which
put a member's profile first for its name), in full where the field holds every word of the
query, as text where it holds only some (site-search.js, `Engine.search`).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter

from .search_tokens import FORMAT as TOKENS_FORMAT
from .search_tokens import han_variants, index_tokens

FORMAT = 1
# Weights of a match by field: a page's names above its title above an article's tags above
# the text (the old engine's boosts, which put a member's profile first for its name).
FIELD_WEIGHTS = {"text": 1, "tags": 100, "title": 1000, "names": 10000}
FIELDS = tuple(FIELD_WEIGHTS)
K1, B, SCALE = 1.2, 0.75, 10
# A shard's largest size before its biggest token groups get keys of their own (raw JSON
# bytes; gzipped, about a third). Smaller means more keys in the manifest every reader
# fetches, larger means more bytes fetched per word: at 2,500 + 2,000 the Chinese manifest
# is 3 KB gzipped for 600 keys, a shard at most 7 KB gzipped (ARCHITECTURE.md, Search).
SHARD_LIMIT = 24_000
CHUNK = 32
TEXT_LIMIT = 3000
KINDS = ("news", "member", "programme", "page")


def _json(value) -> bytes:
    """Compact UTF-8 JSON; no raw markup from the content (as every JSON file of the site)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


def _order(documents: list[dict]) -> list[dict]:
    """Newest first: dated documents by date descending, then undated ones; by url within."""
    dated = sorted((d for d in documents if d.get("date")), key=lambda d: d["url"])
    dated.sort(key=lambda d: d["date"], reverse=True)
    undated = sorted((d for d in documents if not d.get("date")), key=lambda d: d["url"])
    return dated + undated


def _field_text(document: dict, field: str) -> str:
    value = document.get(field) or ""
    return "\n".join(value) if isinstance(value, (list, tuple)) else value


def field_counts(document: dict) -> dict[str, Counter]:
    """Token counts of each field."""
    return {field: Counter(index_tokens(_field_text(document, field))) for field in FIELD_WEIGHTS}


def han_pairs(tokens) -> str:
    """The pairs of the Han table the index needs: those whose Simplified character one of
    `tokens` holds, "TsTs..." in the order of the Traditional characters."""
    held = {character for token in tokens if not token.isascii() for character in token}
    return "".join(t + s for t, s in sorted(han_variants().items()) if s in held)


def postings(documents: list[dict]) -> dict[str, list]:
    """token -> [number of documents holding it, then one flat list per field (FIELDS):
    number gap, score, ...], `documents` in index order; trailing empty lists left out."""
    counted = [field_counts(d) for d in documents]
    average = {}
    for field in FIELDS:
        present = [sum(c[field].values()) for c in counted if c[field]]
        average[field] = sum(present) / len(present) if present else 1.0
    per_field: list[dict[str, list[int]]] = [{} for _ in FIELDS]
    last: list[dict[str, int]] = [{} for _ in FIELDS]
    holding: Counter = Counter()
    for number, counts in enumerate(counted):
        tokens: set[str] = set()
        for position, field in enumerate(FIELDS):
            counts_here = counts[field]
            if not counts_here:
                continue
            norm = K1 * (1 - B + B * sum(counts_here.values()) / average[field])
            score_of: dict[int, int] = {}  # by term frequency: most are 1 or 2
            lists, lasts = per_field[position], last[position]
            for token, tf in counts_here.items():
                score = score_of.get(tf)
                if score is None:
                    score = score_of[tf] = max(1, round(tf * (K1 + 1) / (tf + norm) * SCALE))
                found = lists.get(token)
                if found is None:
                    lists[token] = [number, score]
                else:
                    found += (number - lasts[token], score)
                lasts[token] = number
            tokens.update(counts_here)
        holding.update(tokens)
    entries = {}
    for token, documents_holding in holding.items():
        entry = [documents_holding, *(lists.get(token, []) for lists in per_field)]
        while not entry[-1]:
            entry.pop()
        entries[token] = entry
    return entries


def shard_keys(sizes: dict[str, int], limit: int = SHARD_LIMIT) -> dict[str, list[str]]:
    """key -> the tokens living in its shard. `sizes`: each token's bytes."""
    shards: dict[str, list[str]] = {}

    def place(key: str, tokens: list[str]) -> None:
        total = sum(sizes[t] for t in tokens)
        if total <= limit:
            shards[key] = tokens
            return
        groups: dict[str, list[str]] = {}
        remainder = []
        for token in tokens:
            if len(token) > len(key):
                groups.setdefault(token[:len(key) + 1], []).append(token)
            else:
                remainder.append(token)
        # The biggest groups get keys of their own until what stays fits (or nothing can go).
        by_size = sorted(groups.items(), key=lambda g: (-sum(sizes[t] for t in g[1]), g[0]))
        remaining = total
        for child, members in by_size:
            if remaining <= limit:
                remainder.extend(members)
                continue
            remaining -= sum(sizes[t] for t in members)
            place(child, members)
        if remainder:
            shards[key] = sorted(remainder)

    place("", sorted(sizes))  # the root: every token begins with the empty key
    return shards


def build(documents: list[dict]) -> dict[str, bytes]:
    """{path under the language's `search/` folder: bytes} of the index of `documents`."""
    ordered = _order(documents)
    for document in ordered:
        if document["kind"] not in KINDS:
            raise ValueError(f"search: {document['url']}: unknown kind {document['kind']!r}")
    # Each token's entry as JSON once: its length decides the shards, its text is written.
    entries = postings(ordered)
    encoded = {token: f"{json.dumps(token, ensure_ascii=False)}:{json.dumps(entry, separators=(',', ':'))}"
               for token, entry in entries.items()}
    shards = shard_keys({token: len(text.encode("utf-8")) + 1 for token, text in encoded.items()})
    keys = sorted(shards)
    files: dict[str, bytes] = {}
    for number, key in enumerate(keys):
        # Tokens are letters and digits only: nothing to escape.
        files[f"s/{number}.json"] = ("{" + ",".join(encoded[token] for token in shards[key]) + "}").encode("utf-8")
    for start in range(0, len(ordered), CHUNK):
        files[f"m/{start // CHUNK}.json"] = _json([
            [d["url"], d["title"], d["kind"], d.get("date") or "", d.get("shown_date") or ""]
            for d in ordered[start:start + CHUNK]])
    for number, document in enumerate(ordered):
        files[f"t/{number}.json"] = _json(_field_text(document, "text")[:TEXT_LIMIT])
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path] + b"\0")
    version = digest.hexdigest()[:12]
    manifest = {
        "format": FORMAT, "tokens": TOKENS_FORMAT, "version": version, "documents": len(ordered),
        "chunk": CHUNK, "fields": [[field, weight] for field, weight in FIELD_WEIGHTS.items()], "keys": keys,
        # What fetching each shard costs, so the browser can refuse a prefix worth too much.
        "sizes": [len(gzip.compress(files[f"s/{n}.json"], 6, mtime=0)) for n in range(len(keys))],
        "han": han_pairs(entries),
    }
    return {"manifest.json": _json(manifest), **{f"{version}/{path}": data for path, data in files.items()}}
