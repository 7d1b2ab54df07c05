/* Checklists: tick on a phone, keep the ticks for today in localStorage.
 *
 * Markup (macros/templates/checklists/): a container [data-checklist="<id>"] holding real
 * checkboxes input[data-item="<item id>"]; the index page has [data-checklist-summary].
 * Saved state: localStorage["hb-checklist:<checklist id>:<YYYY-MM-DD>"] = JSON list of ticked
 * item ids, by the device's local date. Ids, never positions, so editing the YAML cannot move
 * a tick onto another item. Storage may be missing, full or hold garbage: every access is
 * guarded and what is read is validated; the checklist then simply works without saving.
 */
(function () {
  "use strict";

  var PREFIX = "hb-checklist:";
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  function today() {
    var d = new Date();
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function store() {
    try {
      var s = window.localStorage;
      s.getItem(PREFIX);
      return s;
    } catch (e) {
      return null;
    }
  }

  function load(id, day) {
    var s = store();
    var list;
    if (!s) return [];
    try {
      list = JSON.parse(s.getItem(PREFIX + id + ":" + day) || "[]");
    } catch (e) {
      return [];
    }
    if (!Array.isArray(list)) return [];
    return list.filter(function (x) { return typeof x === "string" && ID.test(x); });
  }

  function save(id, day, ids) {
    var s = store();
    if (!s) return;
    try {
      if (ids.length) s.setItem(PREFIX + id + ":" + day, JSON.stringify(ids));
      else s.removeItem(PREFIX + id + ":" + day);
    } catch (e) { /* full or blocked: keep working without saving */ }
  }

  // Forget ticks from other days, so storage does not grow and a new day starts clean.
  function sweep(day) {
    var s = store();
    var old = [];
    if (!s) return;
    try {
      for (var i = 0; i < s.length; i++) {
        var key = s.key(i);
        if (key && key.indexOf(PREFIX) === 0 && key.slice(-day.length - 1) !== ":" + day) old.push(key);
      }
      old.forEach(function (key) { s.removeItem(key); });
    } catch (e) { /* ignore */ }
  }

  function setupChecklist(root) {
    var id = root.getAttribute("data-checklist");
    var boxes = [].slice.call(root.querySelectorAll("input[data-item]"));
    var bar = root.querySelector("[data-checklist-bar]");
    if (root.hbRefresh || !boxes.length || !ID.test(id || "")) return;
    var day = today();
    var q = function (sel) { return root.querySelector(sel); };

    function update() {
      var done = boxes.filter(function (b) { return b.checked; }).length;
      var must = boxes.filter(function (b) { return !b.checked && b.closest(".hb-check--must"); }).length;
      var all = done === boxes.length;
      var state = all ? "全部完成 ✓" : must ? "必做还差 " + must + " 项" : "必做已完成";
      q("[data-progress]").textContent = done + "/" + boxes.length;
      q("[data-state]").textContent = done || all ? state : "";
      q("[data-meter]").style.width = (100 * done) / boxes.length + "%";
      root.classList.toggle("hb-checklist--done", all);
      boxes.forEach(function (b) { b.closest(".hb-check").classList.toggle("hb-check--done", b.checked); });
    }

    function apply() {
      var ticked = load(id, day);
      boxes.forEach(function (b) { b.checked = ticked.indexOf(b.getAttribute("data-item")) >= 0; });
      update();
    }

    // Called on return to the page and when another tab changes storage: a new day starts clean.
    root.hbRefresh = function () {
      day = today();
      apply();
    };

    root.addEventListener("change", function (event) {
      var box = event.target;
      if (boxes.indexOf(box) < 0) return;
      if (today() !== day) {
        var wanted = box.checked;
        root.hbRefresh();
        box.checked = wanted;
      }
      save(id, day, boxes.filter(function (b) { return b.checked; }).map(function (b) {
        return b.getAttribute("data-item");
      }));
      update();
    });

    root.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var action = button.getAttribute("data-action");
      if (action === "print") window.print();
      if (action === "refs") {
        var on = root.classList.toggle("hb-checklist--refs");
        button.setAttribute("aria-pressed", on ? "true" : "false");
      }
      if (action === "reset" && window.confirm("清空这张表今天的所有勾选，重新开始？")) {
        boxes.forEach(function (b) { b.checked = false; });
        save(id, day, []);
        update();
      }
    });

    if (!store()) q("[data-note]").hidden = true;
    if (bar) bar.hidden = false;
    apply();
  }

  function setupSummary(card) {
    var id = card.getAttribute("data-checklist-summary");
    var items = (card.getAttribute("data-items") || "").split(" ");
    var out = card.querySelector("[data-progress]");
    card.hbRefresh = function () {
      var done = load(id, today()).filter(function (x) { return items.indexOf(x) >= 0; }).length;
      out.textContent = done === items.length ? "今天已全部完成 ✓" : "今天已完成 " + done + "/" + items.length;
      out.hidden = !done;
    };
    card.hbRefresh();
  }

  function setupPrintButtons() {
    [].forEach.call(document.querySelectorAll(".hb-print-intro [data-action='print']"), function (b) {
      if (b.hbReady) return;
      b.hbReady = true;
      b.hidden = false;
      b.addEventListener("click", function () { window.print(); });
    });
  }

  function refreshAll() {
    [].forEach.call(document.querySelectorAll("[data-checklist], [data-checklist-summary]"), function (el) {
      if (el.hbRefresh) el.hbRefresh();
    });
  }

  function init() {
    sweep(today());
    [].forEach.call(document.querySelectorAll("[data-checklist]"), setupChecklist);
    [].forEach.call(document.querySelectorAll("[data-checklist-summary]"), setupSummary);
    setupPrintButtons();
  }

  window.addEventListener("storage", function (event) {
    if (event.key === null || event.key.indexOf(PREFIX) === 0) refreshAll();
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") refreshAll();
  });
  window.addEventListener("pageshow", refreshAll);

  // Material's instant navigation swaps pages without reloading: document$ fires for each one.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
