/* 今日复习's queue, kept on this phone: how it is scheduled (fsrs.js) and how much of it is due
   today. What enters it, and how it is stored: review-feed.js, loaded before this file.
   On the home page it says how many items are due ([data-review-due]). The review day starts
   at data-review-day-start o'clock, as the checklist day does. */
"use strict";

(() => {
  if (window.hbReview) return;
  const fsrs = globalThis.HandbookFsrs;
  const { MINUTE } = globalThis.HandbookHistory;
  const { record, histories, any, hourOf } = window.hbReviewFeed;

  const today = (hour, at = Date.now()) => fsrs.dayOf(at, hour);

  /* The cards of the items the content has (`known`: a Set of ids), soonest due first. */
  function cards(hour, known, kept = histories()) {
    return Object.entries(kept)
      .filter(([id]) => known.has(id))
      .map(([id, history]) => ({ id, card: fsrs.replay(history, hour) }))
      .sort((a, b) => a.card.due - b.card.due || (a.id < b.id ? -1 : 1));
  }

  const due = (hour, known, at) => cards(hour, known).filter((x) => x.card.due <= today(hour, at));

  /* Items never asked yet (only met: a 禁语 opened) a day takes at most: a new hire who
     tapped through 禁语速查's 45 phrases found 42 due the next day, on a card that promised
     about two minutes. The rest wait for the days after, soonest met first. */
  const NEW_A_DAY = 10;

  /* What review day `day` asks of review/items.json's `items`, in `order` (else soonest due
     first): one item per entry (an item's "h", the entry it links to), and no more than
     NEW_A_DAY never asked before. A 禁语's card shows the very answer its reply question asks
     for, so an entry met on that day (asked, opened, caught) holds its other items back until
     the next. */
  function dueOn(hour, items, day, order) {
    const kept = histories();
    const all = cards(hour, new Set(Object.keys(items)), kept);
    if (order) all.sort(order);
    const entry = (x) => items[x.id].h || x.id;
    const dayOf = ([minute]) => fsrs.dayOf(minute * MINUTE, hour);
    const metOn = (x) => kept[x.id].some((step) => dayOf(step) === day);
    const taken = new Set(all.filter(metOn).map(entry));
    const asked = (x) => kept[x.id].find(([, grade]) => grade > 0); // its first rating
    // New ones begun that day (met before, first asked on it) use up the day's room.
    const begun = (x) => kept[x.id][0][1] === 0 && asked(x) && dayOf(asked(x)) === day;
    let room = NEW_A_DAY - all.filter(begun).length;
    return all.filter((x) => {
      if (x.card.due > day || taken.has(entry(x))) return false;
      if (!asked(x) && room-- <= 0) return false;
      taken.add(entry(x));
      return true;
    });
  }

  /* The first day after `day` that asks something, and how many items: [day, count] or null. */
  function nextAfter(hour, items, day) {
    const soonest = cards(hour, new Set(Object.keys(items)))[0];
    const next = Math.max(day + 1, soonest?.card.due); // one held back today is due tomorrow
    return soonest ? [next, dueOn(hour, items, next).length] : null;
  }

  /* When an item comes back: 今天, 明天 (今天 4 点以后 after midnight), 3 天后. */
  function when(days, hour) {
    if (days <= 0) return "今天";
    return days === 1 ? window.hbReviewFeed.nextDay(hour) : `${days} 天后`;
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
    const day = today(hour);
    const now = dueOn(hour, data.items, day).length;
    const coming = nextAfter(hour, data.items, day);
    const status = box.querySelector("[data-review-status]");
    box.dataset.reviewDue = String(now);
    // About 15 s an item (a round of 8 takes some 2 minutes; more than a round, more time).
    const minutes = Math.max(1, Math.round(now / 4));
    if (now) status.textContent = `今天有 ${now} 条要复习，约 ${minutes} 分钟，点这里开始。`;
    else if (coming) {
      status.textContent = `今天没有要复习的内容。${when(coming[0] - day, hour)}有 ${coming[1]} 条。`;
    }
  }

  window.hbReview = { record, any, cards, due, dueOn, nextAfter, today, when, hourOf, loadItems };
  if (window.document$) window.document$.subscribe(count);
  else document.addEventListener("DOMContentLoaded", count);
  document.dispatchEvent(new Event("hb-review-ready"));
})();
