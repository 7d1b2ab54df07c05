/* The search worker Material's search box talks to (overrides/main.html points it here).
 *
 * It speaks Material's worker protocol (SETUP → READY, QUERY → RESULT) but searches with
 * search-core.js, which knows Chinese, and answers with one result per entry: Material shows a
 * result's title, and its text as a teaser, only for a document without "#" in its address,
 * so an entry's address travels as `page/?hb=<id>`; search.js turns it back into `page/#<id>`
 * when the result is tapped. Titles and teasers are escaped here; matched words are marked.
 */
"use strict";

(() => {
  const SETUP = 0;
  const READY = 1;
  const QUERY = 2;
  const RESULT = 3;
  const ENTRY_PARAM = "hb";
  const CHANNEL = "hb-search"; /* assets/js/search.js listens: the index did (not) arrive */
  const EXCERPT = 24; /* characters shown either side of a match found only in the text */
  const REPEAT = 8; /* characters of the teaser that, found in the text, mean it says it again */

  const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  /* `text` escaped, with every occurrence of a matched word wrapped in <mark>. Folded one
   * character at a time, so that a character whose folded form is longer (… is "...") does not
   * shift the marks off the words. */
  function marked(text, words) {
    let folded = "";
    const source = []; /* for each character of `folded`, the index in `text` it came from */
    for (let i = 0; i < text.length; i++) {
      const piece = HandbookSearch.fold(text[i]);
      folded += piece;
      for (let j = 0; j < piece.length; j++) source.push(i);
    }
    const hit = new Array(text.length).fill(false);
    for (const word of words) {
      for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + 1)) {
        hit.fill(true, source[at], source[at + word.length - 1] + 1);
      }
    }
    let out = "";
    let open = false;
    for (let i = 0; i < text.length; i++) {
      if (hit[i] !== open) {
        out += open ? "</mark>" : "<mark>";
        open = hit[i];
      }
      out += escapeHtml(text[i]);
    }
    return open ? `${out}</mark>` : out;
  }

  /* How much of the text's opening the teaser already shows. The text often opens with the
   * teaser's own sentence, which the teaser may put behind a label (换成：, 客户：) or cut short
   * (…): the line under it must not repeat any of it. */
  function shownAlready(teaser, text) {
    const body = teaser.endsWith("…") ? teaser.slice(0, -1) : teaser;
    for (let length = Math.min(body.length, text.length); length > 0; length--) {
      if (body.endsWith(text.slice(0, length))) return length;
    }
    return 0;
  }

  /* Where, after `at`, the text goes on with the teaser's sentence (an objection's text opens
   * with its type and methods, then the reply its teaser shows): the line under it stops there. */
  function repeatsFrom(teaser, text, at) {
    const body = teaser.replace(/…$/, "");
    const sentence = body.slice(body.indexOf("：") + 1, body.indexOf("：") + 1 + REPEAT);
    const found = sentence.length === REPEAT ? text.indexOf(sentence, at + 1) : -1;
    return found > at ? found : text.length;
  }

  /* Where the first matched word sits in the text, with a little context, if not in the teaser. */
  function excerpt(doc, words) {
    const teaser = HandbookSearch.fold(doc.s || "");
    const title = HandbookSearch.fold(doc.title);
    if (words.some((w) => teaser.includes(w) || title.includes(w))) return "";
    const text = doc.text || "";
    const folded = HandbookSearch.fold(text);
    const at = Math.min(...words.map((w) => folded.indexOf(w)).filter((i) => i >= 0));
    if (!Number.isFinite(at)) return "";
    const own = shownAlready(doc.s || "", text);
    const start = Math.max(own, at - EXCERPT);
    const end = Math.min(text.length, at + EXCERPT * 2, repeatsFrom(doc.s || "", text, at));
    const shown = text.slice(start, end).trim();
    return `${start > own ? "…" : ""}${shown}${end < text.length ? "…" : ""}`;
  }

  function item({ doc, score, terms }) {
    const words = Object.keys(terms).filter((word) => terms[word]);
    /* Marked in the result and, by Material, on the page opened: whole words, not single
     * characters (a 要 or 再 marked everywhere says nothing), unless the query was one. */
    const highlight = Object.keys(terms).some((word) => word.length > 1)
      ? words.filter((word) => word.length > 1)
      : words;
    const [page, anchor] = doc.location.split("#");
    const location = anchor ? `${page}?${ENTRY_PARAM}=${encodeURIComponent(anchor)}` : page;
    const where =
      doc.p && doc.p !== doc.title
        ? `<span class="hb-result__where">${escapeHtml(doc.p)}</span>`
        : "";
    const more = excerpt(doc, highlight);
    const lines = [doc.s ? marked(doc.s, highlight) : "", more ? marked(more, highlight) : ""];
    const teaser = lines
      .filter(Boolean)
      .map((line) => `<span class="hb-result__line">${line}</span>`);
    return {
      location,
      title: marked(doc.title, highlight),
      text: `${where}${teaser.join("")}`,
      score,
      /* Material marks these on the page opened; a quiz opens unmarked: a word marked in its
       * questions and options would read as a hint. */
      terms: doc.c === "quiz" ? {} : Object.fromEntries(highlight.map((word) => [word, true])),
    };
  }

  /* Material parses search_index.json on the page at every load and posts it here; that file
   * only names ours (macros/site/search_index.py), which this worker fetches itself, off the
   * page's main thread: a moment after the page loaded, or at once when a question comes
   * first. Building the index takes a tenth of a second or more on a phone. The engine
   * (search-core.js) comes with the index, not with the page: what a page loads first stays
   * small (README, Performance). */
  const LOAD_DELAY = 1500;
  const SITE_ROOT = "../../../"; /* this file is assets/javascripts/workers/handbook-search.js */
  let loading = null;
  const load = (setup) => {
    if (!loading) {
      const url = new URL(`${SITE_ROOT}search/${setup.config.documents}`, self.location);
      loading = Promise.resolve()
        .then(() => {
          if (typeof HandbookSearch === "undefined") importScripts("search-core.js");
          return fetch(url);
        })
        .then((response) => {
          if (!response.ok) throw new Error(`${url}: ${response.status}`);
          return response.json();
        })
        .then((data) => HandbookSearch.buildIndex(data))
        .catch((error) => {
          loading = null; /* the next question tries again (the network may be back) */
          throw error;
        });
    }
    return loading;
  };

  /* The page (assets/js/search.js) is told what Material cannot show: that a question waits
   * for the index (a first search on a weak network waits seconds, under Material's
   * 键入以开始搜索), and that the index did not arrive, whose empty answer Material would show
   * as 没有找到 when the network is at fault. */
  const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(CHANNEL);
  const said = { indexFailed: false, indexLoading: false };
  const tell = (key, now) => {
    if (now !== said[key] && channel) channel.postMessage({ [key]: now });
    said[key] = now;
  };
  let built = false;

  let setup = null;
  /* Questions asked while the index loads all wait for it; only the last is answered. Material
   * shows any answer under the words in the box, so the empty question it asks when the box
   * opens would read 没有找到 under a question typed meanwhile. For the same reason the empty
   * question is answered a moment late, and not at all once another has come: typed right
   * after opening the box, the words are in it before that answer reaches the page. */
  const EMPTY_WAIT = 150; // ms
  let asked = 0;
  self.addEventListener("message", (event) => {
    const message = event.data || {};
    if (message.type === SETUP) {
      setup = message.data;
      setTimeout(() => load(setup).catch(() => {}), LOAD_DELAY);
      self.postMessage({ type: READY });
    } else if (message.type === QUERY && setup) {
      const turn = ++asked;
      if (!String(message.data).trim()) {
        load(setup).catch(() => {}); /* the box was opened: a question is coming */
        setTimeout(() => {
          if (turn === asked) self.postMessage({ type: RESULT, data: { items: [] } });
        }, EMPTY_WAIT);
        return;
      }
      if (!built) tell("indexLoading", true);
      load(setup)
        .then((index) => {
          built = true;
          tell("indexFailed", false);
          return turn === asked ? HandbookSearch.search(index, message.data) : null;
        })
        .catch(() => {
          tell("indexFailed", true);
          return [];
        })
        .then((found) => {
          if (found === null || turn !== asked) return;
          self.postMessage({ type: RESULT, data: { items: found.map((hit) => [item(hit)]) } });
          tell("indexLoading", false);
        });
    }
  });
})();
