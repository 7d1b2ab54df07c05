/* Checklists (markup: macros/render/templates/checklists/). Ticks are saved per checklist and local
   day as localStorage["hb-checklist:<checklist id>:<YYYY-MM-DD>"] = [item ids]: ids, never
   positions, so editing the YAML cannot move a tick. Storage may be missing, full or corrupt;
   then the checklist works without saving and says nothing. */
"use strict";

(() => {
  const PREFIX = "hb-checklist:";
  const all = (selector) => document.querySelectorAll(selector);
  const day = () => {
    const d = new Date();
    return [d.getFullYear(), d.getMonth() + 1, d.getDate()]
      .map((n) => String(n).padStart(2, "0"))
      .join("-");
  };

  function load(id, today) {
    try {
      const list = JSON.parse(localStorage.getItem(`${PREFIX}${id}:${today}`)) || [];
      // Only strings survive; callers keep the ids their checklist really has.
      return Array.isArray(list) ? list.filter((x) => typeof x === "string") : [];
    } catch {
      return [];
    }
  }

  function save(id, today, ids) {
    try {
      const key = `${PREFIX}${id}:${today}`;
      if (ids.length) localStorage.setItem(key, JSON.stringify(ids));
      else localStorage.removeItem(key);
    } catch {
      // Full or blocked storage: the checklist still works, it only forgets.
    }
  }

  function usable() {
    try {
      localStorage.setItem(PREFIX, "");
      localStorage.removeItem(PREFIX);
      return true;
    } catch {
      return false;
    }
  }

  // Forget other days: storage stays small and a new day starts clean.
  function sweep(today) {
    try {
      Object.keys(localStorage)
        .filter((k) => k.startsWith(PREFIX) && !k.endsWith(`:${today}`))
        .forEach((k) => {
          localStorage.removeItem(k);
        });
    } catch {
      // Storage unavailable: nothing to forget.
    }
  }

  function setup(root) {
    const id = root.dataset.checklist;
    const boxes = [...root.querySelectorAll("input[data-item]")];
    const $ = (selector) => root.querySelector(selector);
    const ticked = () => boxes.filter((b) => b.checked).map((b) => b.dataset.item);
    if (root.hbRefresh || !boxes.length) return;
    let today = day();

    function update() {
      const done = ticked().length;
      const must = boxes.filter((b) => !b.checked && b.closest(".hb-check--must")).length;
      const finished = done === boxes.length;
      $("[data-progress]").textContent = `${done}/${boxes.length}`;
      $("[data-state]").textContent = finished
        ? "全部完成 ✓"
        : !done
          ? ""
          : must
            ? `必做还差 ${must} 项`
            : "必做已完成";
      $("[data-meter]").style.width = `${(100 * done) / boxes.length}%`;
      root.classList.toggle("hb-checklist--done", finished);
      for (const b of boxes) b.closest(".hb-check").classList.toggle("hb-check--done", b.checked);
    }

    root.hbRefresh = () => {
      today = day();
      const saved = load(id, today);
      for (const b of boxes) b.checked = saved.includes(b.dataset.item);
      update();
    };
    root.hbReset = () => {
      for (const b of boxes) b.checked = false;
      save(id, today, []);
      update();
    };
    root.addEventListener("change", (event) => {
      const box = event.target;
      if (!boxes.includes(box)) return;
      if (day() !== today) {
        // The page stayed open past midnight: this tick starts the new day's checklist.
        const wanted = box.checked;
        root.hbRefresh();
        box.checked = wanted;
      }
      save(id, today, ticked());
      update();
    });
    $("[data-note]").hidden = !usable();
    $("[data-checklist-bar]").hidden = false;
    root.hbRefresh();
  }

  function summary(card) {
    const items = card.dataset.items.split(" ");
    const out = card.querySelector("[data-progress]");
    card.hbRefresh = () => {
      const done = load(card.dataset.checklistSummary, day()).filter((x) => items.includes(x));
      out.textContent =
        done.length === items.length
          ? "今天已全部完成 ✓"
          : `今天已完成 ${done.length}/${items.length}`;
      out.hidden = !done.length;
    };
    card.hbRefresh();
  }

  function init() {
    sweep(day());
    all("[data-checklist]").forEach(setup);
    all("[data-checklist-summary]").forEach(summary);
    for (const b of all(".hb-print-intro [data-action]")) b.hidden = false;
  }

  const refresh = () => {
    for (const el of all("[data-checklist], [data-checklist-summary]")) el.hbRefresh?.();
  };

  document.addEventListener("click", (event) => {
    const button = event.target.closest(
      "[data-checklist] [data-action], .hb-print-intro [data-action]",
    );
    const root = button?.closest("[data-checklist]");
    const action = button?.dataset.action;
    if (action === "print") print();
    if (action === "refs")
      button.setAttribute("aria-pressed", root.classList.toggle("hb-checklist--refs"));
    if (action === "reset" && confirm("清空这张表今天的所有勾选，重新开始？")) root.hbReset();
  });
  addEventListener("storage", (event) => {
    if (!event.key || event.key.startsWith(PREFIX)) refresh();
  });
  addEventListener("pageshow", refresh);
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) refresh();
  });

  // Material's instant navigation swaps pages without reloading; document$ fires for each page.
  if (window.document$) window.document$.subscribe(init);
  else init();
})();
