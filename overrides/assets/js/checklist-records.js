/* Checklist records, kept on this phone: what the forms (checklist.js) and the checklists' index
   (checklist-index.js: today's progress, 最近记录, the CSV) share; both bundles carry this file.
   Each checklist day's record is saved as
   localStorage["hb-checklist:<checklist id>:<YYYY-MM-DD>"] = {t: {item id: tick time in ms},
   na: [item ids not applicable], name, site, shift, note}: ids, never positions, so editing the
   YAML cannot move a tick. A record saved before tick times were kept is a list of item ids; it
   still loads (ticks without a time). The day starts at data-day-start o'clock, not at midnight,
   so a night shift keeps its ticks; the data-keep-days latest days with records stay.
   重新开始 keeps a used sheet as the day's sheet n, "<YYYY-MM-DD>.<n>" (a second shift on the
   same phone wiped the first one's record). Storage may be missing, full or corrupt: then the
   checklist works without saving, says nothing, and skips whatever it cannot read. */
"use strict";

(() => {
  if (window.hbChecklists) return;
  const PREFIX = "hb-checklist:";
  const KEY = /^hb-checklist:([a-z0-9-]+):(\d{4}-\d\d-\d\d(?:\.\d+)?)$/;
  const FIELDS = ["name", "site", "shift", "note"];
  const HOUR = 36e5;
  const pad = (n) => String(n).padStart(2, "0");
  const ymd = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const hm = (d) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const has = (object, key) => Object.hasOwn(object, key);
  // The checklist day a moment belongs to: its local date, counted from `start` o'clock.
  const day = (start, at = Date.now()) => ymd(new Date(at - start * HOUR));
  // A sheet: "2026-12-05", or "2026-12-05.1" (the day's first sheet, started over): its day,
  // its number (none for the sheet in use), and both in words.
  const dateOf = (d) => d.slice(0, 10);
  const numberOf = (d) => d.slice(11);
  const sheet = (d) => dateOf(d) + (numberOf(d) ? `（当天第 ${numberOf(d)} 张）` : "");

  function parse(raw) {
    const record = { t: {}, na: [] };
    for (const field of FIELDS) record[field] = typeof raw?.[field] === "string" ? raw[field] : "";
    if (Array.isArray(raw)) {
      for (const item of raw) if (typeof item === "string") record.t[item] = 0;
    } else if (raw?.t && typeof raw.t === "object") {
      for (const [item, at] of Object.entries(raw.t))
        if (typeof at === "number" && at >= 0) record.t[item] = at;
      if (Array.isArray(raw.na)) record.na = raw.na.filter((item) => typeof item === "string");
    }
    return record;
  }

  // Full or blocked storage: the checklist still works, it only forgets.
  const { read, write } = window.hbStorage;

  const load = (id, d) => parse(read(`${PREFIX}${id}:${d}`));

  function keys() {
    try {
      return Object.keys(localStorage);
    } catch {
      return [];
    }
  }

  /* Forget the records of all but the `keep` latest days that have one (and anything under our
     prefix that is no record). Counted in days with records, not back from today: a phone
     whose date was a year ahead for one checklist had every record before it forgotten. */
  function sweep(keep) {
    const found = keys().map((key) => [key, KEY.exec(key)]);
    const days = [...new Set(found.flatMap(([, f]) => (f ? [dateOf(f[2])] : [])))];
    const kept = new Set(days.sort().slice(-keep));
    for (const [key, f] of found)
      if (key.startsWith(PREFIX) && !(f && kept.has(dateOf(f[2])))) write(key);
  }

  // items: [[id, text, critical], ...] of one checklist; what its record says about them.
  function tally(items, record) {
    const count = { done: 0, total: 0, left: 0, na: 0 };
    for (const [item, , must] of items) {
      if (record.na.includes(item)) count.na++;
      else {
        count.total++;
        if (has(record.t, item)) count.done++;
        else if (must) count.left++;
      }
    }
    return count;
  }

  /* The hour the page's checklist day starts (data-day-start), once the records of all but
     the data-keep-days latest days with one are forgotten; null on a page without checklists. */
  function begin() {
    const config = document.querySelector("[data-day-start]");
    if (!config) return null;
    sweep(+config.dataset.keepDays || 60);
    return +config.dataset.dayStart || 0;
  }

  /* What another tab changed, or the day while the phone slept: the elements `selector`
     finds show their records again (each has its hbRefresh). */
  function watch(selector) {
    const refresh = () => {
      for (const el of document.querySelectorAll(selector)) el.hbRefresh?.();
    };
    addEventListener("storage", (event) => {
      if (!event.key || event.key.startsWith(PREFIX)) refresh();
    });
    addEventListener("pageshow", refresh);
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden) refresh();
    });
  }

  window.hbChecklists = {
    ...{ PREFIX, KEY, ymd, hm, has, day, dateOf, numberOf, sheet },
    ...{ parse, load, keys, tally, begin, watch },
  };
})();
