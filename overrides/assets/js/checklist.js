/* Checklist forms (markup: macros/render/templates/checklists/_form.html; their records:
   checklist-records.js). What the form says now and then (重新开始's question, a save that
   failed, a record of nothing) is in its data-ask-… and data-said-… attributes: the page’s own
   JS has a size budget, its HTML more room. */
"use strict";

(() => {
  const { PREFIX, KEY, ymd, hm, has, day, dateOf, numberOf, sheet, parse, load, tally } =
    window.hbChecklists;
  const { begin, watch } = window.hbChecklists;
  const BUSY = 2 * 36e5; // ms since a sheet's last tick while its shift is still at it
  const WHO = "hb-checklist-who"; // the name, 网点 and 班次 last typed here, and their day
  const all = (selector) => document.querySelectorAll(selector);
  const { read, write } = window.hbStorage;

  function usable() {
    try {
      localStorage.setItem(PREFIX, "");
      localStorage.removeItem(PREFIX);
      return true;
    } catch {
      return false;
    }
  }

  /* When an item was ticked, in `el`, for the record of day `d`: the calendar date too when it
     is not `d` (a night shift after midnight: the day starts at day_start_hour), in a span
     paper prints and the phone leaves out (the time's column under the box fits 16:49; the
     date wrapped it and moved the rows below under the thumb). */
  function showTickTime(el, at, d) {
    if (!at) {
      el.textContent = "已做";
      return;
    }
    const when = new Date(at);
    el.textContent = hm(when);
    if (ymd(when) === dateOf(d)) return;
    const date = document.createElement("span");
    date.className = "hb-check__date";
    date.textContent = `${ymd(when).slice(5)} `;
    el.prepend(date);
  }

  function setup(root) {
    const id = root.dataset.checklist;
    const start = +root.dataset.dayStart || 0;
    const boxes = [...root.querySelectorAll("input[data-item]")];
    const inputs = [...root.querySelectorAll("[data-who]")];
    const $ = (selector) => root.querySelector(selector);
    if (root.hbRefresh || !boxes.length) return;
    const items = boxes.map((b) => [b.dataset.item, "", !!b.closest(".hb-check--must")]);
    let today;
    let shown; // the day on screen: today, or an earlier day's record to read and print
    let record;
    let missing; // an earlier day's record this phone does not have (a link sent from another)
    let aside = {}; // ticks 不适用 replaced, back if it is taken back (a mistaken tap on it)

    function update() {
      const count = tally(items, record);
      const finished = count.done === count.total && count.total > 0;
      $("[data-progress]").textContent = missing ? "" : `${count.done}/${count.total}`;
      $("[data-state]").textContent = finished
        ? "全部完成 ✓"
        : !count.done
          ? ""
          : count.left
            ? `必做${shown === today ? "还差" : "未做"} ${count.left} 项`
            : "必做已完成";
      $("[data-meter]").style.width = `${(100 * count.done) / (count.total || 1)}%`;
      root.classList.toggle("hb-checklist--done", finished);
      for (const b of boxes) {
        const item = b.dataset.item;
        const row = b.closest(".hb-check");
        const na = record.na.includes(item);
        b.checked = has(record.t, item);
        row.classList.toggle("hb-check--done", b.checked);
        row.classList.toggle("hb-check--na", na);
        row.querySelector("[data-na]").setAttribute("aria-pressed", na);
        const when = row.querySelector("[data-when]");
        if (b.checked) showTickTime(when, record.t[item], shown);
        else
          when.textContent = na
            ? "不适用"
            : !missing && row.matches(".hb-check--must")
              ? "未做"
              : "";
      }
      /* A shared counter phone: the next shift opened a sheet ticked hours ago (全部完成 ✓ at
         the top, the name at the foot) and took the check for done. Say whose it is. */
      const last = Math.max(0, ...Object.values(record.t));
      const handover = $("[data-handover]");
      handover.hidden = shown !== today || !last || Date.now() - last < BUSY;
      const named = record.name + (record.shift && `（${record.shift}）`); // 张伟（抽查）
      const who = named || "上一班";
      $("[data-handover-said]").textContent = root.dataset.saidHandover.replace(/%[st]/g, (m) =>
        m === "%s" ? who : hm(new Date(last)),
      );
      const now = new Date();
      $("[data-record-summary]").textContent =
        `完成 ${count.done}/${count.total} 项${count.na ? `，${count.na} 项不适用` : ""}` +
        (count.left ? `；必做未做 ${count.left} 项` : "；必做全部完成") +
        `。打印于 ${ymd(now)} ${hm(now)}`;
      // Whose sheet this is, at its top: a name carried over from the day's last sheet (a
      // supervisor's spot check of another clerk) went unseen at the foot onto the next one.
      // (its words are the form's: _form.html)
      $("[data-whose]").classList.toggle("hb-checklist__whose--none", !record.name);
      $("[data-whose-name]").textContent = named;
      // Pasted past its length a note is cut without a word: say how much room is left.
      const left = +$('[data-who="note"]').maxLength - record.note.length;
      $("[data-note-left]").textContent =
        left < 50 ? root.dataset.saidLeft.replace("%d", left) : "";
      for (const field of root.querySelectorAll("[data-field]")) {
        const key = field.dataset.field;
        field.textContent = key === "day" ? sheet(shown) : record[key];
      }
    }

    function store() {
      if (shown !== today) return; // an earlier day's record is read-only
      const used = Object.keys(record.t).length || record.na.length || record.note;
      if (!write(`${PREFIX}${id}:${today}`, used ? record : null)) unsaved();
    }

    /* Storage blocked or full: the note under the list says so, instead of promising 60 days
     * (as 今日复习 does; no dialog, the ticks still work until the page is left). */
    function unsaved() {
      warn(root.dataset.saidUnsaved);
    }

    /* The note under the list: its slot is a live region (the template), so a screen reader
       reads the news, which is why it is written only when it changes. */
    function warn(text) {
      const note = $("[data-note]");
      if (note.textContent !== text) note.textContent = text;
      note.hidden = false;
    }

    /* The page stayed open past the day's start (a night shift, a phone left on the counter):
       the ticks on screen go, and the note says where they went rather than leave it a mystery. */
    function dayTurned(before) {
      const [, month, date] = before.split("-").map(Number);
      warn(root.dataset.saidDayTurned.replace("%d", `${month}月${date}日`));
    }

    root.hbRefresh = () => {
      const before = today;
      today = day(start);
      const asked = new URLSearchParams(location.search).get("day");
      shown = KEY.test(`${PREFIX}${id}:${asked}`) && dateOf(asked) <= today ? asked : today;
      const past = shown !== today;
      aside = {};
      missing = past && read(`${PREFIX}${id}:${shown}`) === null;
      record = load(id, shown);
      if (!past && !record.name && !record.site && !record.shift) {
        // A name and 班次 carry over within their day: the next morning's sheet is often
        // another person's (a shared counter PC), and a 班次 is the day's anyway.
        const raw = read(WHO);
        const last = parse(raw);
        const same = raw?.day === today;
        // Past the day's start on this open page, with a tick in the last two hours: the
        // night shift that ticked at 03:50 and 04:10 (its new sheet had no name). A page
        // left open overnight goes on to the morning's person without one.
        const was = before && before !== today ? load(id, before) : null;
        const busy = was && Date.now() - Math.max(0, ...Object.values(was.t)) < BUSY;
        const who = busy ? was : same && last;
        Object.assign(record, { site: last.site }, who && { name: who.name, shift: who.shift });
      }
      for (const b of boxes) b.disabled = past;
      for (const input of inputs) {
        input.value = record[input.dataset.who];
        input.readOnly = past;
      }
      for (const b of root.querySelectorAll('[data-action="reset"], [data-action="na"]'))
        b.hidden = past;
      root.classList.toggle("hb-checklist--past", past);
      $("[data-past]").hidden = !past;
      $("[data-past-kept]").hidden = missing;
      $("[data-past-missing]").hidden = !missing;
      for (const d of root.querySelectorAll("[data-past-day]")) d.textContent = sheet(shown);
      if (before && before !== today && !past) dayTurned(before);
      update();
    };

    // Who fills the sheet in, for the next sheet opened here the same day (only 网点 after).
    const remember = () =>
      write(WHO, { name: record.name, site: record.site, shift: record.shift, day: today });

    // The page stayed open past the day's start: what is done now goes on the new day's record.
    const newDay = () => day(start) !== today && root.hbRefresh();

    // `kept`: who the new sheet is for, when that is known (a name typed over the ticks).
    root.hbReset = (kept = {}) => {
      let n = 1;
      while (read(`${PREFIX}${id}:${today}.${n}`)) n++;
      store(); // a used sheet stays, as the day's sheet n
      write(`${PREFIX}${id}:${today}.${n}`, read(`${PREFIX}${id}:${today}`));
      // The next sheet is the next shift's, often another person's: only the branch stays.
      record = parse({ site: record.site, ...kept });
      aside = {};
      remember();
      for (const input of inputs) input.value = record[input.dataset.who];
      store();
      update();
    };
    root.hbPaper = (filled) => {
      const count = tally(items, record);
      // A record of nothing would reach a supervisor as a sheet of 未做: the blank form it is.
      if (filled && !count.done && !count.na) {
        filled = false;
        window.hbToast([root.dataset.saidBlank], 4000);
      }
      root.classList.toggle("hb-form--record", filled);
      update();
      // The browser's own print (Ctrl+P, the phone's menu) gives the blank form again after.
      if (filled) {
        addEventListener("afterprint", () => root.classList.remove("hb-form--record"), {
          once: true,
        });
      }
      // A saved PDF is named after the title (paper.js): a record must not be saved over the
      // blank form, nor one day's record over another's (the record's day, not today's: a
      // past day reprinted from 最近记录 took the day it was printed).
      const [, month, date] = dateOf(shown).split("-").map(Number);
      const n = numberOf(shown);
      const what = filled ? `记录 ${month}月${date}日${n ? ` 第 ${n} 张` : ""}` : "空白表";
      window.hbPrintTitled(`${$(".hb-form__title").textContent.trim()}（${what}）`);
    };
    root.hbNa = (item) => {
      newDay();
      if (shown !== today) return;
      const na = record.na.includes(item);
      record.na = record.na.filter((x) => x !== item);
      if (!na) {
        record.na.push(item);
        if (has(record.t, item)) aside[item] = record.t[item];
        delete record.t[item];
      } else if (has(aside, item)) {
        record.t[item] = aside[item];
        delete aside[item];
      }
      store();
      update();
    };
    let last = null; // the box changed last, and when
    let lastAt = 0;
    root.addEventListener("change", (event) => {
      const box = event.target;
      if (!boxes.includes(box)) return;
      const wanted = box.checked;
      // A double tap (or a second tap when the first seemed not to take) ticked and unticked
      // the item without a word: the same box changed again within half a second is undone.
      if (box === last && Date.now() - lastAt < 500) {
        box.checked = !wanted;
        return;
      }
      last = box;
      lastAt = Date.now();
      newDay();
      const item = box.dataset.item;
      if (wanted) {
        record.t[item] = Date.now();
        record.na = record.na.filter((x) => x !== item);
      } else delete record.t[item];
      store();
      update();
    });
    /* The next person on a shared counter PC typed their name over a sheet someone else had
       ticked, and took over the ticks. Ask whether it is a new sheet (as 重新开始), keeping
       the name and the 班次 (the same now: a supervisor's second 抽查 lost it and read as a
       clerk's own check); no, it is a correction. */
    let named = "";
    root.addEventListener("focusin", (event) => {
      if (event.target.dataset.who === "name") named = record.name;
    });
    root.addEventListener("change", (event) => {
      const name = record.name;
      const ticked = Object.keys(record.t).length;
      if (event.target.dataset.who !== "name" || !named || !name || name === named || !ticked)
        return;
      if (!confirm(root.dataset.askNewName.replace("%s", () => named))) return;
      const { shift } = record;
      record.name = named; // the sheet kept is the first person's
      root.hbReset({ name, shift });
    });
    root.addEventListener("input", (event) => {
      const field = event.target.dataset.who;
      if (!field || shown !== today) return;
      record[field] = event.target.value;
      store();
      update();
      if (field !== "note") remember();
    });
    $("[data-note]").hidden = !usable();
    $("[data-checklist-bar]").hidden = false;
    $("[data-checklist-slot]").hidden = false;
    $("[data-checklist-foot]").hidden = false;
    $("[data-whose]").hidden = false;
    // Ticked before this script arrived (a first visit on a slow line shows the list seconds
    // earlier): the browser restores no box (autocomplete="off"), so the reader ticked them.
    const early = boxes.filter((b) => b.checked);
    root.hbRefresh();
    for (const b of early) if (!b.checked) b.click(); // as a tap now would: ticked and saved
  }

  /* 看依据 and 标不适用 stay as the reader left them for this tab (back button, reload): the
     list's length, and so the place the browser returns to, depends on them. */
  const VIEW = "hb-checklist-view:";
  const viewOf = (id) => window.hbStorage.session.read(VIEW + id) || {};
  const keepView = (id, view) => window.hbStorage.session.write(VIEW + id, view);
  function showView(root) {
    const view = viewOf(root.dataset.checklist);
    // Back to the list: instant navigation has already scrolled to where the reader was, in
    // the list as it is without 看依据; opened now, Chromium's scroll anchoring kept the item
    // on screen then in place and moved the reader 300 px down the list. Laid out without it.
    const page = document.documentElement.style;
    page.overflowAnchor = "none";
    for (const button of root.querySelectorAll("[data-action=refs], [data-action=na]")) {
      const on = view[button.dataset.action] === true;
      root.classList.toggle(`hb-checklist--${button.dataset.action}`, on);
      button.setAttribute("aria-pressed", on);
    }
    root.getBoundingClientRect(); // laid out now, while anchoring is off
    page.overflowAnchor = "";
    // Where the list without them was too short to scroll that far: the rest of the way.
    const y = history.state?.y;
    if (y > window.scrollY) window.scrollTo(history.state.x || 0, y);
  }

  function init() {
    for (const b of all(".hb-print-intro [data-action]")) b.hidden = false;
    if (begin() === null) return;
    for (const root of all("[data-checklist]")) {
      setup(root);
      showView(root);
    }
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action], [data-na]");
    const root = button?.closest("[data-checklist], .hb-print-intro");
    if (!root) return;
    const action = button.dataset.action;
    if (button.dataset.na) root.hbNa?.(button.dataset.na);
    else if (action === "print") root.hbPaper ? root.hbPaper(false) : print();
    else if (action === "print-record") root.hbPaper?.(true);
    else if (action === "today") {
      // Same page without ?day= (Material's instant navigation ignores a change of query alone).
      history.replaceState(history.state, "", location.pathname);
      root.hbRefresh();
    } else if (action === "refs" || action === "na") {
      const on = root.classList.toggle(`hb-checklist--${action}`);
      button.setAttribute("aria-pressed", on);
      keepView(root.dataset.checklist, { ...viewOf(root.dataset.checklist), [action]: on });
    } else if (action === "reset" && confirm(root.dataset.askReset)) root.hbReset();
  });
  watch("[data-checklist]");

  // Material's instant navigation swaps pages without reloading; document$ fires for each page.
  if (window.document$) window.document$.subscribe(init);
  else init();
})();
