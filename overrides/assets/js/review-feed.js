/* What enters 今日复习's queue, kept on this phone (review-queue.js schedules it and counts
   what is due; the pages that only feed the queue load this part alone).

   Each item is one key, localStorage["hb-review:v1:<id>"] = its history, [[minute, grade], ...]
   (review-history.js: grade 1 again … 4 easy, 0 met), keyed by the question's or the entry's id, so a
   reworded question keeps its schedule and an id the content no longer has is never shown.
   A key whose id or value is not ours is skipped, never fatal. Items enter the queue:
   - a quiz question answered wrong (quiz.js says so with an "hb-answer" event): again;
   - a forbidden phrase caught in 话术自查 or in a 对练 reply ("hb-phrases-found"): again;
   - a forbidden phrase opened, i.e. its entry in 禁语速查 reached by its link (the address
     names it): met, first asked the next day;
   - a rating on the review or practice page (review.js, practice.js call `record`). */
"use strict";

(() => {
  if (window.hbReviewFeed) return;
  const { MINUTE, isHistory } = globalThis.HandbookHistory;
  const PREFIX = "hb-review:v1:";
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  const read = (id) => window.hbStorage.read(PREFIX + id);

  /* Every history kept on this phone, id → history; anything else under the prefix is skipped. */
  function histories() {
    const found = {};
    try {
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        const id = key?.startsWith(PREFIX) && key.slice(PREFIX.length);
        if (!id || !ID.test(id)) continue;
        const history = read(id);
        if (isHistory(history)) found[id] = history;
      }
    } catch {
      /* storage blocked: an empty queue */
    }
    return found;
  }

  /* Add a grade to an item's history (0: met, only when the item is not in the queue yet). */
  function record(id, grade, at = Date.now()) {
    if (!ID.test(id)) return false;
    let history = read(id);
    if (!isHistory(history)) history = []; // none, or not ours: this grade starts it
    if (grade === 0 && history.length) return true;
    history.push([Math.floor(at / MINUTE), grade]);
    return window.hbStorage.write(PREFIX + id, history); // false: full or blocked
  }

  /* A phrase whose entry the address names (its link in 禁语速查, a search result, a link from
     话术自查) is met: into the queue, first asked the next day. */
  function opened(address = location) {
    const id = decodeURIComponent(address.hash.slice(1));
    const target = ID.test(id) ? document.getElementById(id) : null;
    const entry = target?.closest(".hb-entry");
    if (entry?.querySelector('[data-review-source="phrase"]')) record(id, 0);
  }

  let caught = new Set(); // phrases already recorded on the page in front of the reader
  document.addEventListener("hb-answer", (event) => {
    if (!event.detail.right) record(event.detail.id, 1);
  });
  document.addEventListener("hb-phrases-found", (event) => {
    for (const id of event.detail) {
      if (!caught.has(id)) record(id, 1);
      caught.add(id);
    }
  });
  window.addEventListener("hashchange", () => opened());
  /* Under instant navigation a tap on a link of the same page (a chip of 禁语速查's contents)
     moves to the entry by history.pushState: no hashchange, only Material's location$, which
     emits the address it is about to show. */
  if (typeof location$ !== "undefined") location$.subscribe((url) => opened(url));

  const any = () => Object.keys(histories()).length > 0;
  /* The hour the review day starts (day_start_hour, content/checklists.yml), as the page
     carries it in data-review-day-start. */
  function hourOf(element) {
    const hour = Number(element?.dataset.reviewDayStart);
    return Number.isInteger(hour) && hour >= 0 && hour < 24 ? hour : 0;
  }

  /* The next review day, in words: 明天; but between midnight and the hour a day starts the
     next day starts later today. */
  const nextDay = (hour, at = Date.now()) =>
    new Date(at).getHours() < hour ? `今天 ${hour} 点以后` : "明天";

  window.hbReviewFeed = { record, histories, any, hourOf, nextDay };
  const start = () => {
    caught = new Set();
    opened();
  };
  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
