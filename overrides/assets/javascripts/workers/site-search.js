/* The site's search worker: Material 9.8.1's own (loaded below: hooks/material_fixes.py
 * publishes this file with MATERIAL_SEARCH_WORKER replaced by its hashed name),
 * with each query cut into the words of the index before Material searches it.
 *
 * Why: Material's worker matches every query word as a prefix (`word*`), and lunr runs no
 * stemmer on such words, while the index holds stems ("kunming" is indexed as "kunm"):
 * a whole English word whose stem is shorter than itself found nothing. And its Chinese
 * query segmentation never takes a query's last character into a word, so `城市峰会`
 * was searched as `城市*` alone and `新加坡城市生物多样性指数` lost most of its words.
 *
 * What this does, with the index's own vocabulary (every term lunr indexed, sorted once
 * when the index is built):
 * - a run of Chinese characters is cut into the fewest pieces that are words of the
 *   index, or the beginnings of words (a partial word such as 生物多样 still finds
 *   生物多样性); whole words are preferred. The index was segmented by jieba at build
 *   time, so the query meets the same words;
 * - a Latin word is replaced by its stem (lunr's own English stemmer, the index's
 *   pipeline) when the stem begins a word of the index.
 * Material's own Chinese segmentation is then given nothing to do: it looks words up with
 * `in` on the inverted index, which answers false for Chinese keys here, so it passes the
 * pieces through unchanged. Lunr itself reads the index by key, which is untouched.
 */

"use strict";

const HAN = /\p{sc=Han}/u;
const HAN_RUNS = /\p{sc=Han}+/gu;
const LATIN_WORD = /[A-Za-z\u00c0-\u024f0-9]+(?![\w:])/g;

let terms = [];  // every indexed term, sorted (as lunr sorts them for its token set)

function lowerBound(prefix) {
  let low = 0, high = terms.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (terms[mid] < prefix) low = mid + 1; else high = mid;
  }
  return low;
}

function beginsAWord(prefix) {
  const i = lowerBound(prefix);
  return i < terms.length && terms[i].startsWith(prefix);
}

function isAWord(piece) {
  const i = lowerBound(piece);
  return i < terms.length && terms[i] === piece;
}

/* The fewest pieces covering `run`, each a word of the index or the beginning of one;
 * a whole word costs less than a beginning, a character the index lacks costs most. */
function segmentRun(run) {
  const n = run.length;
  const best = new Array(n + 1).fill(null);
  best[0] = { cost: 0, pieces: [] };
  for (let i = 0; i < n; i++) {
    if (best[i] === null) continue;
    let found = false;
    for (let j = i + 1; j <= n; j++) {
      const piece = run.slice(i, j);
      if (!beginsAWord(piece)) break;  // no longer piece from i can begin a word either
      found = true;
      const cost = best[i].cost + (isAWord(piece) ? 2 : 3);
      if (best[j] === null || cost < best[j].cost)
        best[j] = { cost, pieces: [...best[i].pieces, piece] };
    }
    if (!found) {
      const cost = best[i].cost + 10;
      if (best[i + 1] === null || cost < best[i + 1].cost)
        best[i + 1] = { cost, pieces: [...best[i].pieces, run[i]] };
    }
  }
  return best[n].pieces;
}

function stemOf(word) {
  return self.lunr.stemmer(new self.lunr.Token(word)).toString();
}

function rewrite(query) {
  return query
    .replace(HAN_RUNS, run => ` ${segmentRun(run).join(" ")} `)
    .replace(LATIN_WORD, word => {
      // A stem is a beginning of its word: every indexed word the typed word begins, its
      // stem begins too, and the stems the index holds besides ("kunm" for Kunming).
      const stem = stemOf(word.toLowerCase());
      return beginsAWord(stem) ? stem : word;
    })
    .replace(/\s+/g, " ")
    .trim()
    .split(" ")
    .map(require)
    .join(" ");
}

/* Every word of the query that the index has must be on the page: `+word*` (Material adds
 * no wildcard to a word with a modifier, so it is written here). Material's worker ORs
 * the words, and a common word in many titles ("City" in "Spring City") outweighed a page
 * holding all of them. A word the index lacks stays optional, so it cannot empty the
 * results. */
function require(term) {
  if (!term || /^[+\-~^]|[*~^:]|^\p{sc=Han}$/u.test(term)) return term;
  return beginsAWord(term.toLowerCase()) ? `+${term}*` : term;
}

/* Material's worker answers {type: 2 (query), data: text}; hand it the rewritten text. */
const addListener = self.addEventListener.bind(self);
self.addEventListener = (type, listener, options) => addListener(type, type !== "message" ? listener
  : event => listener(event.data && event.data.type === 2 && typeof event.data.data === "string"
    ? { data: { ...event.data, data: rewrite(event.data.data) } }
    : event), options);

importScripts("MATERIAL_SEARCH_WORKER");

/* Keep the index's vocabulary when lunr builds the index (it sorts it for its token set). */
self.lunr.Builder.prototype.createTokenSet = function () {
  terms = Object.keys(this.invertedIndex).sort();
  this.tokenSet = self.lunr.TokenSet.fromArray(terms);
};
const build = self.lunr.Builder.prototype.build;
self.lunr.Builder.prototype.build = function () {
  const index = build.call(this);
  const inverted = index.invertedIndex;
  index.invertedIndex = new Proxy(inverted, {
    has: (target, key) => (typeof key === "string" && HAN.test(key) ? false : key in target)
  });
  return index;
};
