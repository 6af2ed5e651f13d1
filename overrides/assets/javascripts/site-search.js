/* The site's search: words, engine and dialog, in one ES module loaded when a reader
 * opens search (the launcher in overrides/partials/site/search.html imports it).
 *
 * Words: the specification in hooks/multilingual_site/search_tokens.py, implemented a second
 * time here (the build cut the pages with the Python side; tests/test_search_tokens.py
 * runs both on the same texts). Engine: the index hooks/multilingual_site/search_index.py
 * writes under <language root>/search/ (its docstring describes the files). Nothing here
 * touches the page when the module is imported, so node can test the words and the engine.
 */

// ---------------------------------------------------------------------------------------
// Words (search_tokens.py, format 2).

export const TOKENS_FORMAT = 2;

const CJK = "\\u2e80-\\u2fdf\\u3005\\u3007\\u3021-\\u3029\\u3038-\\u303b\\u3041-\\u309f\\u30a0-\\u30ff"
  + "\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{1b000}-\\u{1b16f}\\u{20000}-\\u{323af}";
// Python's `[^\W\d_<CJK>]`: a letter or a numeric that is not a decimal digit, not CJK.
const RUNS = new RegExp(`([${CJK}]+)|(\\p{Nd}+)|((?:(?![${CJK}])[\\p{L}\\p{Nl}\\p{No}])+)`, "gu");
const MARKS = /[\u0300-\u036f]+/gu;
const NEEDS_FOLDING = /[^a-z0-9\s]/;

// Step 1d: Traditional Han characters to Simplified. The index's manifest carries the pairs
// it needs (search_index.py); `learnHanVariants` adds them (every index's pairs come from
// the same table, so pairs of several indexes agree).
const HAN = /[\u2e80-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{323af}]/gu;
const hanVariants = new Map();

/* Add "TsTs..." pairs (a Traditional character, then its Simplified form) to the table. */
export function learnHanVariants(pairs) {
  const c = Array.from(pairs || "");
  for (let i = 0; i + 1 < c.length; i += 2) hanVariants.set(c[i], c[i + 1]);
}

export function fold(text) {
  if (!NEEDS_FOLDING.test(text)) return text;
  text = text.normalize("NFKC").toLowerCase().replaceAll("ß", "ss").replaceAll("ς", "σ");
  const decomposed = text.normalize("NFD");
  MARKS.lastIndex = 0;
  if (MARKS.test(decomposed)) text = decomposed.replace(MARKS, "").normalize("NFC");
  return hanVariants.size ? text.replace(HAN, (c) => hanVariants.get(c) ?? c) : text;
}

// Step 5: Korean particles a query word may end in, the longest first.
export const PARTICLES = ["에서", "에게", "으로", "부터", "까지", "처럼", "보다", "하고",
  "의", "에", "은", "는", "이", "가", "을", "를", "과", "와", "로", "도", "만"];

export function withoutParticle(word) {
  if (!/^[\uac00-\ud7a3]+$/.test(word)) return null;
  for (const particle of PARTICLES) {
    if (word.endsWith(particle) && word.length - particle.length >= 2) return word.slice(0, -particle.length);
  }
  return null;
}

export function stem(word) {
  if (word.length < 5 || !word.endsWith("s") || "sui".includes(word[word.length - 2]) || !/^[a-z]+$/.test(word)) {
    return word;
  }
  if (word.endsWith("ies")) return word.slice(0, -3) + "y";
  if (word.endsWith("sses")) return word.slice(0, -2);
  return word.slice(0, -1);
}

/* [kind, run, start, end] of each run of a folded text ("cjk", "digits", "word"). */
export function runs(folded) {
  const found = [];
  for (const m of folded.matchAll(RUNS)) {
    const kind = m[1] !== undefined ? "cjk" : m[2] !== undefined ? "digits" : "word";
    found.push([kind, m[0], m.index, m.index + m[0].length]);
  }
  return found;
}

/* Characters (code points) of a CJK run: supplementary ideographs are two UTF-16 units. */
const chars = (run) => Array.from(run);

export function indexTokens(text) {
  const tokens = [];
  for (const [kind, run] of runs(fold(text))) {
    if (kind === "cjk") {
      const c = chars(run);
      for (let i = 0; i + 1 < c.length; i++) tokens.push(c[i] + c[i + 1]);
      tokens.push(c[c.length - 1]);
    } else if (kind === "word") {
      tokens.push(stem(run));
    } else {
      tokens.push(run);
    }
  }
  return tokens;
}

/* [token, matchesByPrefix] of each distinct term of a query, in order. */
export function queryTerms(text) {
  const terms = [], seen = new Set();
  for (const [kind, run] of runs(fold(text))) {
    let found;
    if (kind === "cjk") {
      const c = chars(run);
      found = c.length > 1 ? c.slice(0, -1).map((ch, i) => [ch + c[i + 1], false]) : [[run, true]];
    } else if (kind === "word") {
      const word = withoutParticle(run) ?? stem(run);
      found = [[word, Array.from(word).length > 1]];
    } else {
      found = [[run, false]];
    }
    for (const term of found) {
      if (!seen.has(term[0])) { seen.add(term[0]); terms.push(term); }
    }
  }
  return terms;
}

// ---------------------------------------------------------------------------------------
// Engine: the index of one language (search_index.py), fetched a shard at a time.

export const INDEX_FORMAT = 1;
// A term matched by prefix fetches every shard whose key it begins; past this many
// gzipped bytes it matches whole tokens only (one shard), until more letters narrow it.
export const PREFIX_BUDGET = 60_000;
// What the shards of one query may cost at most (gzipped): terms past it are left out.
export const QUERY_BUDGET = 200_000;
// Terms of one query, at most (a pasted paragraph is searched by its first words).
export const MAX_TERMS = 12;
// A token the term only begins weighs less than the whole word (offices: office, officer).
export const PREFIX_WEIGHT = 0.5;

const defaultFetch = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
};

export class Engine {
  /* `base`: the language's search folder ("/en/search/"); `fetchJSON(url)`: a promise of
   * the parsed file (the browser's fetch by default; node's tests read files). */
  constructor(base, fetchJSON = defaultFetch) {
    this.base = base;
    this.fetchJSON = fetchJSON;
    this.files = new Map();  // url -> promise of its parsed content
    this.loaded = new Map(); // shard number -> its postings, once fetched
    this.manifest = null;
  }

  _get(path) {
    const url = this.base + path;
    if (!this.files.has(url)) {
      const promise = this.fetchJSON(url);
      promise.catch(() => this.files.delete(url));  // a failed fetch is tried again next time
      this.files.set(url, promise);
    }
    return this.files.get(url);
  }

  /* The manifest: the list of shard keys, their sizes, the folder of this version. */
  ready() {
    this._ready ??= this._get("manifest.json").then((manifest) => {
      if (manifest.format !== INDEX_FORMAT || manifest.tokens !== TOKENS_FORMAT) {
        throw new Error(`search index format ${manifest.format}/${manifest.tokens}, expected ${INDEX_FORMAT}/${TOKENS_FORMAT}`);
      }
      this.manifest = manifest;
      learnHanVariants(manifest.han);
      this.keys = new Map(manifest.keys.map((key, n) => [key, n]));
      return manifest;
    });
    this._ready.catch(() => { this._ready = null; });
    return this._ready;
  }

  /* The shard a whole token lives in: the longest key beginning it ("" begins every token). */
  _home(token) {
    const c = chars(token);
    for (let n = c.length; n >= 0; n--) {
      const shard = this.keys.get(c.slice(0, n).join(""));
      if (shard !== undefined) return shard;
    }
    return undefined;
  }

  /* [shard numbers, matches by prefix] a term needs (search_index.py: where tokens live). */
  _shardsOf([token, prefix]) {
    const home = this._home(token);
    if (!prefix) return [home === undefined ? [] : [home], false];
    const shards = [];
    for (const [key, n] of this.keys) if (key.startsWith(token)) shards.push(n);
    if (home !== undefined && this.manifest.keys[home] !== token && !shards.includes(home)) shards.push(home);
    const cost = shards.reduce((sum, n) => sum + this.manifest.sizes[n], 0);
    if (cost <= PREFIX_BUDGET) return [shards, true];
    return [home === undefined ? [] : [home], false];
  }

  /* Each term of a query with its shards, within the budgets. */
  plan(query) {
    const planned = [];
    let cost = 0;
    const counted = new Set();
    for (const term of queryTerms(query).slice(0, MAX_TERMS)) {
      const [shards, prefix] = this._shardsOf(term);
      const added = shards.filter((n) => !counted.has(n)).reduce((sum, n) => sum + this.manifest.sizes[n], 0);
      if (cost + added > QUERY_BUDGET) continue;
      cost += added;
      shards.forEach((n) => counted.add(n));
      planned.push({token: term[0], prefix, shards});
    }
    return planned;
  }

  _shard(n) {
    return this._get(`${this.manifest.version}/s/${n}.json`).then((postings) => {
      this.loaded.set(n, postings);
      return postings;
    });
  }

  /* Start fetching what `query` needs (as it is typed: by the last key, it is here). */
  async prefetch(query) {
    await this.ready();
    for (const term of this.plan(query)) term.shards.forEach((n) => this._shard(n).catch(() => {}));
  }

  /* {terms, total, hits: [{id, score}] best first}. Every term the index has must match
   * (a term it does not have at all is left out). A field weighs in full (the manifest's
   * weights: names above title above tags above text) only where it holds every term;
   * where it holds some, it counts as text: "Scottish Government" ranks the page of the
   * Scottish Government's programme above an article whose title says "Governments". */
  async search(query, limit = 10) {
    await this.ready();
    const planned = this.plan(query);
    await Promise.all(planned.flatMap((term) => term.shards.map((n) => this._shard(n))));
    const {documents, fields} = this.manifest;
    const perTerm = [];
    for (const term of planned) {
      const byField = fields.map(() => new Map());
      const holding = new Set();
      for (const n of term.shards) {
        const postings = this.loaded.get(n);
        for (const token in postings) {
          const exact = token === term.token;
          if (!exact && !(term.prefix && token.startsWith(term.token))) continue;
          const entry = postings[token];
          const df = entry[0];
          const weight = Math.log(1 + (documents - df + 0.5) / (df + 0.5)) * (exact ? 1 : PREFIX_WEIGHT);
          for (let f = 1; f < entry.length; f++) {
            const list = entry[f], best = byField[f - 1];
            let id = 0;
            for (let i = 0; i < list.length; i += 2) {
              id += list[i];
              const score = list[i + 1] * weight;
              if (!(best.get(id) >= score)) best.set(id, score);
              holding.add(id);
            }
          }
        }
      }
      if (holding.size) perTerm.push({byField, holding});
    }
    const terms = planned.map((t) => t.token);
    if (!perTerm.length) return {terms, total: 0, hits: []};
    const [smallest, ...others] = [...perTerm].sort((a, b) => a.holding.size - b.holding.size);
    const textWeight = fields[0][1];
    const hits = [];
    for (const id of smallest.holding) {
      if (!others.every((term) => term.holding.has(id))) continue;
      let score = 0;
      fields.forEach(([, weight], f) => {
        let sum = 0, everyTerm = true;
        for (const term of perTerm) {
          const s = term.byField[f].get(id);
          if (s === undefined) everyTerm = false; else sum += s;
        }
        score += sum * (everyTerm ? weight : textWeight);
      });
      hits.push({id, score});
    }
    // Best first; equal scores: the lower number, the newer document (search_index.py).
    hits.sort((a, b) => b.score - a.score || a.id - b.id);
    return {terms, total: hits.length, hits: hits.slice(0, limit)};
  }

  /* {url, title, kind, date, shownDate} of a document. */
  async describe(id) {
    await this.ready();
    const chunk = this.manifest.chunk;
    const rows = await this._get(`${this.manifest.version}/m/${Math.floor(id / chunk)}.json`);
    const [url, title, kind, date, shownDate] = rows[id % chunk];
    return {url, title, kind, date, shownDate};
  }

  /* A document's text, for its snippet. */
  async text(id) {
    await this.ready();
    return this._get(`${this.manifest.version}/t/${id}.json`);
  }
}

// ---------------------------------------------------------------------------------------
// Snippets: where the query's words are in a document's text, to show them marked.

/* [start, end] ranges (UTF-16 offsets into `text`) of the words the terms match. */
export function matches(text, terms) {
  const exact = new Set(terms.filter(([, prefix]) => !prefix).map(([token]) => token));
  const prefixes = terms.filter(([, prefix]) => prefix).map(([token]) => token);
  const ranges = [];
  for (const [kind, run, start, end] of runs(text)) {
    if (kind !== "cjk") {
      const folded = fold(run);
      const token = kind === "word" ? stem(folded) : folded;
      if (exact.has(token) || prefixes.some((p) => token.startsWith(p))) ranges.push([start, end]);
      continue;
    }
    // CJK: the characters of every bigram a term is, and of a lone character a term begins.
    const c = chars(run);
    const folded = c.map(fold);
    let offset = start;
    const offsets = c.map((ch) => { const at = offset; offset += ch.length; return at; });
    for (let i = 0; i < c.length; i++) {
      const two = i + 1 < c.length ? folded[i] + folded[i + 1] : null;
      if (two !== null && exact.has(two)) ranges.push([offsets[i], offsets[i + 1] + c[i + 1].length]);
      else if (prefixes.includes(folded[i])) ranges.push([offsets[i], offsets[i] + c[i].length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/* The part of `text` to show ({text, marks, before, after}): about `length` characters
 * around the first word found (the text's beginning when none is). */
export function snippet(text, terms, length = 140) {
  const marks = matches(text, terms);
  let start = 0;
  if (marks.length) {
    start = Math.max(0, marks[0][0] - Math.floor(length / 4));
    const lineStart = text.lastIndexOf("\n", marks[0][0]);
    if (lineStart >= start) start = lineStart + 1;
  }
  let end = Math.min(text.length, start + length);
  // Cut between words where there are spaces to cut at (not inside "Kunming").
  const space = (from, to) => { for (let i = from; i > to; i--) if (/\s/.test(text[i - 1])) return i; return -1; };
  if (start > 0) { const at = space(start, start - 20); if (at >= 0) start = at; }
  if (end < text.length) { const at = space(end, end - 20); if (at > start) end = at; }
  // Never cut a character in two.
  if (start > 0 && /[\udc00-\udfff]/.test(text[start])) start--;
  if (end < text.length && /[\udc00-\udfff]/.test(text[end])) end++;
  const shown = marks.filter(([a, b]) => a >= start && b <= end).map(([a, b]) => [a - start, b - start]);
  return {text: text.slice(start, end).replace(/\s+/g, (s) => " ".repeat(s.length)), marks: shown,
          before: start > 0, after: end < text.length};
}

// ---------------------------------------------------------------------------------------
// The dialog (overrides/partials/site/search.html): a combobox whose field keeps the focus.
// Every value from the index is put in with textContent or as an attribute, never as HTML.

const SHOWN = 10;
const SNIPPET_DELAY = 150;  // ms
let ui = null;

function say(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

function element(name, className, text) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/* Set up the dialog once and fetch the manifest (the reader is about to search). */
export function prepare(dialog) {
  if (ui) return ui;
  const words = JSON.parse(dialog.querySelector(".site-search__words").textContent);
  const input = dialog.querySelector(".site-search__input");
  const list = dialog.querySelector(".site-search__results");
  const status = dialog.querySelector(".site-search__status");
  const engine = new Engine(dialog.dataset.index);
  ui = {dialog, words, input, list, status, engine, root: dialog.dataset.root, current: "", active: -1,
        composing: false};
  engine.ready().catch(() => {});
  input.addEventListener("compositionstart", () => { ui.composing = true; });
  input.addEventListener("compositionend", () => { ui.composing = false; update(); });
  input.addEventListener("input", (event) => { if (!event.isComposing && !ui.composing) update(); });
  input.addEventListener("keydown", onKey);
  dialog.querySelector("[data-site-search-close]").addEventListener("click", () => dialog.close());
  // A click on the backdrop (the dialog itself, outside its panel) closes it.
  dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
  dialog.addEventListener("close", () => {
    const back = dialog.returnTo;  // set by whoever opened it (the launcher or open())
    dialog.returnTo = null;
    if (back && back.isConnected && typeof back.focus === "function") back.focus();
    const address = new URL(location.href);
    if (address.searchParams.has("q")) {
      address.searchParams.delete("q");
      history.replaceState(history.state, "", address);
    }
  });
  return ui;
}

/* Open the dialog, with `query` in the field if one is given (a `?q=` address, the 404
 * form), and answer what the field holds. The launcher (partials/site/search.html) has usually
 * opened it already, before this module was loaded, so that no key typed meanwhile is lost. */
export function open(dialog, query) {
  prepare(dialog);
  if (!dialog.open) {
    dialog.returnTo = document.activeElement;
    dialog.showModal();
  }
  if (typeof query === "string") ui.input.value = query.slice(0, 500);
  ui.input.focus();
  update();
}

function onKey(event) {
  const options = ui.list.querySelectorAll("[role=option]");
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    if (!options.length) return;
    event.preventDefault();
    const step = event.key === "ArrowDown" ? 1 : -1;
    const from = ui.active < 0 ? (step > 0 ? -1 : options.length) : ui.active;
    select((from + step + options.length) % options.length);
  } else if (event.key === "Enter") {
    event.preventDefault();
    const chosen = options[ui.active >= 0 ? ui.active : 0];
    if (chosen) location.assign(chosen.href);
  }
}

function select(index) {
  const options = ui.list.querySelectorAll("[role=option]");
  options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
  ui.active = index;
  if (index >= 0 && options[index]) {
    ui.input.setAttribute("aria-activedescendant", options[index].id);
    options[index].scrollIntoView({block: "nearest"});
  } else {
    ui.input.removeAttribute("aria-activedescendant");
  }
}

/* The answer to `query` on screen, or its first results (more may follow: `more`).
 * data-shown names the query whose answer is showing, data-complete the query whose answer
 * is whole: tests and bench/search.py wait for them. */
function show(query, message, results, more = false) {
  ui.status.textContent = message;
  ui.list.replaceChildren(...results);
  ui.list.hidden = results.length === 0;
  ui.input.setAttribute("aria-expanded", String(results.length > 0));
  select(-1);
  ui.dialog.dataset.shown = query;
  if (!more) ui.dialog.dataset.complete = query;
}

async function update() {
  const query = ui.input.value;
  if (query === ui.current) return;
  ui.current = query;
  if (!query.trim()) { show(query, ui.words.hint, []); return; }
  try {
    ui.engine.prefetch(query).catch(() => {});
    const found = await ui.engine.search(query, SHOWN);
    if (query !== ui.current) return;
    if (!found.hits.length) { show(query, say(ui.words.none, {query}), []); return; }
    const terms = queryTerms(query);
    const count = found.total === 1 ? ui.words.one
      : say(found.total > found.hits.length ? ui.words.shown : ui.words.other, {n: found.total, shown: found.hits.length});
    // Each result as soon as its metadata and those before it are here: on a phone's
    // connection (six requests at a time) the first is not kept waiting for the tenth.
    const metas = found.hits.map((hit) => ui.engine.describe(hit.id));
    const results = [];
    for (const [i, meta] of metas.entries()) {
      const described = await meta;
      if (query !== ui.current) return;
      results.push(result(described, i, terms));
      if (i === 0) show(query, count, results, metas.length > 1);
      else ui.list.append(results[i]);
    }
    if (metas.length > 1) ui.dialog.dataset.complete = query;
    // The snippets' texts once the reader pauses: a result shown for a moment while typing
    // costs no request (on a phone's connection, six at a time).
    setTimeout(() => {
      if (query !== ui.current) return;
      found.hits.forEach((hit, i) => snippetOf(results[i], hit.id, terms));
    }, SNIPPET_DELAY);
  } catch (error) {
    if (query === ui.current) show(query, ui.words.failed, []);
  }
}

function result(meta, index, terms) {
  const link = element("a", "site-search__result");
  link.setAttribute("role", "option");
  link.setAttribute("aria-selected", "false");
  link.id = `site-search-result-${index}`;
  link.tabIndex = -1;
  link.href = ui.root + meta.url;
  const head = element("span", "site-search__meta");
  head.append(element("span", `site-search__kind site-search__kind--${meta.kind}`, ui.words[`kind_${meta.kind}`] || meta.kind));
  if (meta.date) {
    const time = element("time", "site-search__date", meta.shownDate || meta.date);
    time.dateTime = meta.date;
    head.append(time);
  }
  const title = element("span", "site-search__title");
  title.append(...marked(meta.title, matches(meta.title, terms)));
  link.append(head, title, element("span", "site-search__snippet"));
  return link;
}

function snippetOf(link, id, terms) {
  ui.engine.text(id).then((text) => {
    const part = snippet(text, terms);
    const excerpt = link.querySelector(".site-search__snippet");
    excerpt.replaceChildren(...(part.before ? ["… "] : []), ...marked(part.text, part.marks), ...(part.after ? [" …"] : []));
  }).catch(() => {});
}

/* Text nodes and <mark> elements for `text` with `ranges` marked. */
function marked(text, ranges) {
  const nodes = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) nodes.push(text.slice(at, start));
    nodes.push(element("mark", "", text.slice(start, end)));
    at = end;
  }
  if (at < text.length) nodes.push(text.slice(at));
  return nodes;
}
