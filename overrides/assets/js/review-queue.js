/* 今日复习's queue, kept on this phone: what enters it, and how much of it is due today.

   Each item is one key, localStorage["hb-review:v1:<id>"] = its history, [[minute, grade], ...]
   (fsrs.js: grade 1 again … 4 easy, 0 met), keyed by the question's or the entry's id, so a
   reworded question keeps its schedule and an id the content no longer has is never shown.
   A key whose id or value is not ours is skipped, never fatal. Items enter the queue:
   - a quiz question answered wrong (quiz.js says so with an "hb-answer" event): again;
   - a forbidden phrase caught in 话术自查 or in a 对练 reply ("hb-phrases-found"): again;
   - a forbidden phrase opened, i.e. its entry in 禁语速查 reached by its link (the address
     names it): met, first asked the next day;
   - a rating on the review or practice page (review.js, practice.js call `record`).
   On the home page it says how many items are due ([data-review-due]). The review day starts
   at data-review-day-start o'clock, as the checklist day does. */
"use strict";

(() => {
  if (window.hbReview) return;
  const fsrs = globalThis.HandbookFsrs;
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
        if (fsrs.isHistory(history)) found[id] = history;
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
    if (!fsrs.isHistory(history)) history = []; // none, or not ours: this grade starts it
    if (grade === 0 && history.length) return true;
    history.push([Math.floor(at / fsrs.MINUTE), grade]);
    return window.hbStorage.write(PREFIX + id, history); // false: full or blocked
  }

  function hourOf(element) {
    const hour = Number(element?.dataset.reviewDayStart);
    return Number.isInteger(hour) && hour >= 0 && hour < 24 ? hour : 0;
  }

  const today = (hour, at = Date.now()) => fsrs.dayOf(at, hour);

  /* The cards of the items the content has (`known`: a Set of ids), soonest due first. */
  function cards(hour, known) {
    return Object.entries(histories())
      .filter(([id]) => known.has(id))
      .map(([id, history]) => ({ id, card: fsrs.replay(history, hour) }))
      .sort((a, b) => a.card.due - b.card.due || (a.id < b.id ? -1 : 1));
  }

  const due = (hour, known, at) => cards(hour, known).filter((x) => x.card.due <= today(hour, at));

  /* When an item comes back: 明天, 3 天后. */
  function when(days) {
    if (days <= 0) return "今天";
    return days === 1 ? "明天" : `${days} 天后`;
  }

  /* review/items.json (macros/render/review.py), fetched once per address. */
  const files = new Map();
  function loadItems(address) {
    if (!files.has(address)) {
      const loading = fetch(address)
        .then((response) => (response.ok ? response.json() : null))
        .then((data) => (data?.items && typeof data.items === "object" ? data : null))
        .catch(() => null);
      files.set(address, loading);
      loading.then((data) => data || files.delete(address)); // not saved yet: try again later
    }
    return files.get(address);
  }

  /* The home page: how many items are due today, one tap from the review page. */
  async function count() {
    const box = document.querySelector("[data-review-due]");
    if (!box || !any()) return; // nothing yet: it says what it is
    const data = await loadItems(new URL(box.dataset.reviewData, location.href).href);
    if (!data || !box.isConnected) return;
    const hour = hourOf(box);
    const all = cards(hour, new Set(Object.keys(data.items)));
    const day = today(hour);
    const now = all.filter((x) => x.card.due <= day).length;
    const status = box.querySelector("[data-review-status]");
    box.dataset.reviewDue = String(now);
    if (now) status.textContent = `今天有 ${now} 条要复习，约 2 分钟，点这里开始。`;
    else if (all.length) {
      const next = all[0].card.due;
      const many = all.filter((x) => x.card.due === next).length;
      status.textContent = `今天没有要复习的内容。${when(next - day)}有 ${many} 条。`;
    }
  }

  /* A phrase whose entry the address names (its link in 禁语速查, a search result, a link from
     话术自查) is met: into the queue, first asked the next day. */
  function opened() {
    const id = decodeURIComponent(location.hash.slice(1));
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
  window.addEventListener("hashchange", opened);

  const any = () => Object.keys(histories()).length > 0;
  window.hbReview = { record, any, cards, due, today, when, hourOf, loadItems, fsrs };
  const start = () => {
    caught = new Set();
    opened();
    count();
  };
  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
  document.dispatchEvent(new Event("hb-review-ready"));
})();
