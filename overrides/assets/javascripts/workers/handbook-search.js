/* The search worker Material's search box talks to (overrides/main.html points it here).
 *
 * It speaks Material's worker protocol (SETUP → READY, QUERY → RESULT) but searches with
 * search-core.js, which knows Chinese, and answers with one result per entry, as
 * search-core.js's `result` writes it. Every page starts this file, so it stays small: the
 * engine and the result writer come with the index, when the first question needs them.
 */
"use strict";

(() => {
  const SETUP = 0;
  const READY = 1;
  const QUERY = 2;
  const RESULT = 3;

  /* Material parses search_index.json on the page at every load and posts it here; that file
   * only names ours (macros/site/search_index.py), which this worker fetches itself, off the
   * page's main thread: a moment after the page loaded, or at once when a question comes
   * first. Building the index takes a sixth of a second of CPU on a desktop, several times
   * that on a phone (README, Search). The engine (search-core.js) comes with the index, not
   * with the page: what a page loads first stays small (README, Performance). */
  const LOAD_DELAY = 1500;
  const SITE_ROOT = "../../../"; /* this file is assets/javascripts/workers/handbook-search.js */
  /* A download cut by the phone's going offline, or not done in 30 s (a line with signal and
   * no data; the index takes seconds even on a weak one), is given up, so the page says
   * 现在搜不了 instead of 正在准备搜索 for as long as the line is out; it is tried again as
   * below. */
  let cut = () => {};
  const fetchIndex = (url) => {
    const control = new AbortController();
    cut = () => control.abort();
    setTimeout(cut, 30000);
    return fetch(url, { signal: control.signal }).then((response) => {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    });
  };
  let loading = null;
  const load = (setup) => {
    if (!loading) {
      const url = new URL(`${SITE_ROOT}search/${setup.config.documents}`, self.location);
      loading = Promise.resolve()
        .then(() => {
          if (typeof HandbookSearch === "undefined") importScripts("search-core.js");
          return fetchIndex(url);
        })
        .then((data) => HandbookSearch.buildIndex(data))
        .catch((error) => {
          loading = null; /* the next try fetches it again (the network may be back) */
          throw error;
        });
    }
    return loading;
  };

  /* The page (assets/js/search.js) is told what Material cannot show: that a question waits
   * for the index (a first search on a weak network waits seconds, under Material's
   * 键入以开始搜索), and that the index did not arrive, whose empty answer Material would show
   * as 没有找到 when the network is at fault; and that the best result of the last answer only
   * comes near the question (search-core.js, `weak`): the handbook may not cover it. Told in
   * a message of its own ({hb: …}), which
   * the page's stand-in for this worker (overrides/main.html) keeps from Material. */
  const said = { indexFailed: false, indexLoading: false, weakMatch: false };
  const tell = (key, now) => {
    if (now !== said[key]) self.postMessage({ hb: { [key]: now } });
    said[key] = now;
  };
  let built = false;

  /* An index that did not arrive is fetched again by the worker itself, soon at first (a weak
   * line breaks one download and carries the next) and then less often, and at once when the
   * page says the device is back online (main.html): the question last asked is answered when
   * it arrives, with no need to type it again. A newer question, or the box emptied, drops
   * the try. */
  const RETRY_FIRST = 3000;
  const RETRY_MOST = 60000;
  let wait = RETRY_FIRST;
  let timer = 0;
  let retry = null; /* the next try, while its question is the last asked */

  let setup = null;
  /* Questions asked while the index loads all wait for it; only the last is answered. Each
   * answer names its question: the page drops an answer to the empty question that arrives
   * after words were typed, which Material would show as 没有找到 under them (main.html). */
  let asked = 0;
  const answer = (turn, question) => {
    if (!built) tell("indexLoading", true);
    load(setup)
      .then((index) => {
        built = true;
        retry = null;
        return turn === asked ? HandbookSearch.search(index, question) : null;
      })
      .catch(() => {
        tell("indexFailed", true);
        if (turn === asked) {
          retry = () => turn === asked && answer(turn, question);
          timer = setTimeout(retry, wait);
          wait = Math.min(wait * 2, RETRY_MOST);
        }
        return [];
      })
      .then((found) => {
        if (found === null || turn !== asked) return;
        const items = found.map((hit) => [HandbookSearch.result(hit)]);
        self.postMessage({ type: RESULT, data: { items, question } });
        /* after the answer, so the page never shows 没有找到 in between */
        if (built) tell("indexFailed", false);
        tell("indexLoading", false);
        /* (no results when the index failed, nor then an engine to ask) */
        tell("weakMatch", found.length > 0 && HandbookSearch.weak(found));
      });
  };
  self.addEventListener("message", (event) => {
    const message = event.data || {};
    if (message.hb === "online") {
      clearTimeout(timer);
      retry?.();
    } else if (message.hb === "offline") {
      cut();
    } else if (message.type === SETUP) {
      setup = message.data;
      setTimeout(() => load(setup).catch(() => {}), LOAD_DELAY);
      self.postMessage({ type: READY });
    } else if (message.type === QUERY && setup) {
      const turn = ++asked;
      const question = String(message.data);
      clearTimeout(timer);
      retry = null;
      if (!question.trim()) {
        self.postMessage({ type: RESULT, data: { items: [], question: "" } });
        return;
      }
      answer(turn, question);
    }
  });
})();
