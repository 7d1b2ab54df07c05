/* The checklists' index (markup: macros/render/templates/checklists/index.html): each card's
   progress today, and 最近记录, the records this phone keeps (checklist-records.js), listed by
   day and exported as CSV. */
"use strict";

(() => {
  const { ymd, hm, has, day, dateOf, numberOf, KEY, load, keys, tally, begin, watch } =
    window.hbChecklists;

  function summary(card, start) {
    const must = card.dataset.must.split(" ");
    const items = card.dataset.items.split(" ").map((item) => [item, "", must.includes(item)]);
    const out = card.querySelector("[data-progress]");
    card.hbRefresh = () => {
      const { done, total, left } = tally(items, load(card.dataset.checklistSummary, day(start)));
      // green only when done: 1/14 in green read as finished while required items were left
      out.classList.toggle("hb-cl-card__progress--done", done === total);
      out.textContent =
        done === total
          ? "今天已全部完成 ✓"
          : `今天已完成 ${done}/${total}${left ? `，必做还差 ${left} 项` : ""}`;
      out.hidden = !done;
    };
    card.hbRefresh();
  }

  // Every record this phone keeps of a checklist on the page, newest day first.
  function records(checklists) {
    const found = [];
    for (const key of keys()) {
      const [, id, d] = KEY.exec(key) || [];
      const checklist = checklists.find((c) => c.id === id);
      if (!checklist) continue;
      const record = load(id, d);
      const count = tally(checklist.items, record);
      // A sheet with only a note (全厅停电，未营业) says why nothing was done: listed too.
      if (count.done || count.na || record.note.trim()) found.push({ d, checklist, record, count });
    }
    const order = (r) => checklists.indexOf(r.checklist);
    const n = (r) => +numberOf(r.d) || 1e9; // the day's sheet in use was begun last
    const date = (r) => dateOf(r.d);
    return found.sort(
      (a, b) => date(b).localeCompare(date(a)) || order(a) - order(b) || n(b) - n(a),
    );
  }

  function csv(found) {
    const cell = (value) => {
      const text = String(value).replace(/^[=+\-@\t\r]/, "'$&"); // never a spreadsheet formula
      return `"${text.replaceAll('"', '""')}"`;
    };
    const rows = [
      [
        "日期",
        "第几张",
        "检查表",
        "事项",
        "必做",
        "完成",
        "勾选时间",
        "姓名",
        "网点",
        "班次",
        "备注",
      ],
    ];
    // Which of the day's sheets of its checklist: the one in use (no number) was begun last.
    const sameDay = (r) =>
      found.filter((o) => o.checklist === r.checklist && dateOf(o.d) === dateOf(r.d));
    const sheet = (r) =>
      +numberOf(r.d) || Math.max(0, ...sameDay(r).map((o) => +numberOf(o.d))) + 1;
    // Oldest day first; within a day, the checklists in the page's order, each sheet in turn.
    const order = (a, b) =>
      dateOf(a.d).localeCompare(dateOf(b.d)) ||
      (a.checklist === b.checklist ? sheet(a) - sheet(b) : found.indexOf(a) - found.indexOf(b));
    const rowsOf = [...found].sort(order);
    for (const r of rowsOf) {
      const { d, checklist, record } = r;
      for (const [item, text, must] of checklist.items) {
        const at = record.t[item];
        const done = has(record.t, item);
        rows.push([
          dateOf(d),
          sheet(r),
          checklist.title,
          text,
          must ? "是" : "否",
          done ? "是" : record.na.includes(item) ? "不适用" : "否",
          done && at ? `${ymd(new Date(at))} ${hm(new Date(at))}` : "",
          record.name,
          record.site,
          record.shift,
          record.note,
        ]);
      }
    }
    return `\ufeff${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
  }

  function recent(section, start) {
    let checklists;
    try {
      checklists = JSON.parse(section.querySelector("[data-history-data]").textContent);
    } catch {
      return;
    }
    const list = section.querySelector("[data-history-list]");
    const exporter = section.querySelector('[data-action="export"]');
    section.hbRefresh = () => {
      const today = day(start);
      const found = records(checklists);
      const days = new Map();
      for (const r of found) days.set(dateOf(r.d), [...(days.get(dateOf(r.d)) || []), r]);
      list.replaceChildren(
        ...[...days].map(([d, done]) => {
          const li = document.createElement("li");
          const label = li.appendChild(document.createElement("span"));
          const date = new Date(`${d}T12:00`);
          label.textContent = `${d === today ? "今天 " : ""}${date.getMonth() + 1}月${date.getDate()}日 周${"日一二三四五六"[date.getDay()]}`;
          for (const { checklist, count, record, d: key } of done) {
            const a = li.appendChild(document.createElement("a"));
            a.href = checklist.href + (key === today ? "" : `?day=${key}`);
            // Whose: two spot checks of one list read 5/14 and 8/14 and nothing more.
            const whose = [record.name, record.shift].filter(Boolean).join("，");
            a.textContent = `${checklist.title}${whose ? `（${whose}）` : numberOf(key) ? `（第 ${numberOf(key)} 张）` : ""} ${count.done}/${count.total}${count.na ? ` · ${count.na} 项不适用` : ""}${count.left ? ` · 必做${key === today ? "还差" : "未做"} ${count.left} 项` : count.done && count.done === count.total ? " ✓" : ""}`;
          }
          return li;
        }),
      );
      section.querySelector("[data-history-empty]").hidden = found.length > 0;
      exporter.hidden = !found.length;
    };
    section.hbExport = () => {
      const a = document.createElement("a"); // not in the page: instant navigation never sees it
      a.href = URL.createObjectURL(
        new Blob([csv(records(checklists))], { type: "text/csv;charset=utf-8" }),
      );
      a.download = `检查表记录-${day(start)}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 6e4);
    };
    section.hidden = false;
    section.hbRefresh();
  }

  function init() {
    const start = begin();
    if (start === null) return;
    for (const card of document.querySelectorAll("[data-checklist-summary]")) summary(card, start);
    for (const section of document.querySelectorAll("[data-checklist-history]"))
      recent(section, start);
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest('[data-action="export"]');
    button?.closest("[data-checklist-history]")?.hbExport?.();
  });
  watch("[data-checklist-summary], [data-checklist-history]");

  // Material's instant navigation swaps pages without reloading; document$ fires for each page.
  if (window.document$) window.document$.subscribe(init);
  else init();
})();
