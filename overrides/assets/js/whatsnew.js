/* What changed since this phone last saw the handbook (README: What the handbook does). Loaded
   by whatsnew-loader.js only when the build's content (window.hbContent, set by the common
   bundle of the page's build) is not the one this phone last compared, or marks are still to
   be seen.

   The manifest (assets/whatsnew.json, macros/content/manifest.py) hashes what staff see of each
   entry and checklist with its steps or items. The phone keeps, per entry, the version it last
   saw; a newer build's manifest is compared with that, entry by entry, as the editors' change
   summary compares two revisions (same id, or a new id with the same data or the same title).
   Storage (anything unreadable counts as absent, never fatal; corrupt data starts afresh):
   - localStorage["hb-whatsnew-seen:v1"] = [[id, hash, title, [[part id, hash, title], …]], …]:
     each entry and checklist as this phone last saw it;
   - localStorage["hb-whatsnew:v1"] = {stamp, marks: [{id, k: "n" (新) | "u" (已更新), t: title,
     u: site-root URL, g: chapter, now: the entry as it is now, d: {add, del, mod, order}}]}:
     the content last compared, and its entries not yet seen, in nav order.
   An entry counts as seen once its title has been on screen for a second (the mark stays for
   that visit of the page); a changed checklist at its next tick or 知道了 on its notice; all at
   知道了 on the home page's list. A first visit stores the manifest and marks nothing. */
"use strict";

(() => {
  const KEY = "hb-whatsnew:v1";
  const SEEN = "hb-whatsnew-seen:v1";
  const SHOWN = 8; // entries the home page lists before 还有 N 条
  const DWELL = 1000; // ms an entry's title stays on screen before it counts as seen
  const LABEL = { n: "新", u: "已更新" };
  const script = document.currentScript;
  const stamp = window.hbContent;
  if (!script || typeof stamp !== "string" || !window.document$) return;
  const root = new URL("../", script.src); // this file is assets/whatsnew.js
  const text = (value) => typeof value === "string";
  const all = (selector, within = document) => within.querySelectorAll(selector);

  // Full or blocked storage: the marks come back on the next page, nothing worse.
  const { read, write } = window.hbStorage;

  // [id, hash, title, parts] → the entry as stored and compared; null when unreadable.
  function block(raw) {
    if (!Array.isArray(raw) || !raw.slice(0, 3).every(text) || !Array.isArray(raw[3])) return null;
    const parts = raw[3].filter((p) => Array.isArray(p) && p.length === 3 && p.every(text));
    return [raw[0], raw[1], raw[2], parts];
  }

  // The stored entries by id, and the ids stored unreadably (no news can be told of those).
  function seen() {
    const raw = read(SEEN);
    if (!Array.isArray(raw)) return null;
    const found = new Map();
    const unreadable = new Set();
    for (const item of raw) {
      const known = block(item);
      if (known) found.set(known[0], known);
      else if (text(item?.[0])) unreadable.add(item[0]);
    }
    return { found, unreadable };
  }

  // A link into this handbook only.
  function inside(url) {
    try {
      return new URL(url, root).href.startsWith(root.href);
    } catch {
      return false;
    }
  }

  function valid(mark) {
    return (
      mark &&
      [mark.id, mark.t, mark.u, mark.g].every(text) &&
      (mark.k === "n" || mark.k === "u") &&
      block(mark.now) !== null &&
      inside(mark.u)
    );
  }

  function state() {
    const raw = read(KEY);
    if (!raw || !text(raw.stamp) || !Array.isArray(raw.marks)) return null;
    return { stamp: raw.stamp, marks: raw.marks.filter(valid).map(tidy) };
  }

  // A mark's changes inside the entry, with whatever is not [id, title…] of text left out.
  function tidy(mark) {
    const d = mark.d || {};
    const rows = (list, size) =>
      (Array.isArray(list) ? list : []).filter(
        (row) => Array.isArray(row) && row.length === size && row.every(text),
      );
    const del = Array.isArray(d.del) ? d.del.filter(text) : [];
    return {
      ...mark,
      d: { add: rows(d.add, 2), del, mod: rows(d.mod, 3), order: d.order === true },
    };
  }

  // What became of a changed entry's steps or checklist's items: [[id, hash, title], …] each.
  function changes(before, now) {
    const old = new Map(before.map(([id, hash, title]) => [id, { hash, title }]));
    const ids = new Set(now.map(([id]) => id));
    const d = { add: [], del: [], mod: [], order: false };
    for (const [id, hash, title] of now) {
      const was = old.get(id);
      if (!was) d.add.push([id, title]);
      else if (was.hash !== hash) d.mod.push([id, was.title, title]);
    }
    for (const [id, , title] of before) if (!ids.has(id)) d.del.push(title);
    const kept = (list) => list.map(([id]) => id).filter((id) => ids.has(id) && old.has(id));
    d.order = kept(before).join() !== kept(now).join();
    return d;
  }

  // Compare the manifest of this build with what the phone has seen; store both results.
  async function compare() {
    let manifest;
    try {
      manifest = await (await fetch(new URL("assets/whatsnew.json", root))).json();
    } catch {
      return; // offline before the copy was saved: the next page tries again
    }
    if (manifest?.stamp !== stamp || !Array.isArray(manifest.units)) return;
    const entries = [];
    const byId = new Map();
    for (const [id, hash, title, where, group] of manifest.units) {
      if (typeof group === "number") {
        const entry = { id, now: [id, hash, title, []], u: where, g: manifest.groups[group]?.[1] };
        entries.push(entry);
        byId.set(id, entry);
      } else byId.get(where)?.now[3].push([id, hash, title]);
    }
    const before = state() && seen();
    const next = new Map();
    const marks = [];
    if (before) {
      const { found, unreadable } = before;
      const gone = [...found.keys()].filter((id) => !byId.has(id));
      for (const entry of entries) {
        const [id, hash, title] = entry.now;
        let was = found.get(id);
        if (!was && !unreadable.has(id)) {
          // A new id for the same entry: the same data, else the same title (changes.py).
          const twin =
            gone.find((old) => found.get(old)[1] === hash) ??
            gone.find((old) => found.get(old)[2] === title);
          if (twin) {
            gone.splice(gone.indexOf(twin), 1);
            was = found.get(twin);
          } else {
            marks.push({ ...entry, id, k: "n", t: title });
            continue;
          }
        }
        if (!was || was[1] === hash) next.set(id, entry.now);
        else {
          next.set(id, [id, ...was.slice(1)]);
          marks.push({ ...entry, id, k: "u", t: title, d: changes(was[3], entry.now[3]) });
        }
      }
    } else for (const entry of entries) next.set(entry.id, entry.now);
    write(SEEN, [...next.values()]);
    write(KEY, { stamp, marks });
  }

  function acknowledge(ids) {
    const current = state();
    const before = seen();
    if (!current || !before) return;
    const stored = new Map([...before.found].filter(([id]) => !before.unreadable.has(id)));
    for (const mark of current.marks) if (ids.includes(mark.id)) stored.set(mark.id, mark.now);
    current.marks = current.marks.filter((mark) => !ids.includes(mark.id));
    write(SEEN, [...stored.values()]);
    write(KEY, current);
  }

  function badge(kind) {
    const mark = document.createElement("span");
    mark.className = `hb-mark hb-mark--${kind}`;
    mark.dataset.whatsnewMark = kind === "n" ? "new" : "updated";
    mark.textContent = LABEL[kind];
    return mark;
  }

  // A mark at the end of `element`'s text (before a heading's ¶ link), once.
  function mark(element, kind) {
    if (!element || element.querySelector(":scope > [data-whatsnew-mark]")) return;
    const link = element.querySelector(":scope > .headerlink");
    element.insertBefore(badge(kind), link);
  }

  // --- seen: an entry's title on screen for DWELL ms ----------------------------------------
  const timers = new Map();
  const watcher =
    "IntersectionObserver" in window
      ? new IntersectionObserver(
          (sightings) => {
            for (const { target, isIntersecting } of sightings) {
              clearTimeout(timers.get(target));
              if (!isIntersecting) continue;
              timers.set(
                target,
                setTimeout(() => {
                  watcher.unobserve(target);
                  acknowledge([target.dataset.whatsnewWatch]);
                }, DWELL),
              );
            }
          },
          // below Material's sticky header, wholly
          {
            threshold: 1,
            rootMargin: `-${document.querySelector(".md-header")?.offsetHeight || 0}px 0px 0px 0px`,
          },
        )
      : null;

  function watch(element, id) {
    if (!watcher || !element) return;
    element.dataset.whatsnewWatch = id;
    watcher.observe(element);
  }

  // --- the page ---------------------------------------------------------------------------

  /* A changed checklist: its bar takes the place of the note under the progress (a row the
     page keeps, hb-checklist__slot), so the items never move while a thumb is on its way to
     one; the bar opens what changed, under it, with 知道了. */
  function notice(form, m) {
    if (form.querySelector("[data-checklist-changes]")) return;
    const slot = form.querySelector("[data-checklist-slot]");
    if (!slot) return;
    const d = m.d;
    const counts = [
      d.add.length && `新增 ${d.add.length} 项`,
      d.del.length && `删除 ${d.del.length} 项`,
      d.mod.length && `改了 ${d.mod.length} 项`,
      d.order && "调整了顺序",
    ].filter(Boolean);
    const box = document.createElement("div");
    box.className = "hb-whatsnew-notice";
    box.id = `hb-changes-${m.id}`;
    box.dataset.checklistChanges = m.id;
    box.hidden = true;
    const open = document.createElement("button");
    Object.assign(open, { type: "button", className: "hb-whatsnew-notice__open" });
    open.dataset.whatsnewOpen = m.id;
    open.setAttribute("aria-expanded", "false");
    open.setAttribute("aria-controls", box.id);
    open.append(
      Object.assign(document.createElement("strong"), { textContent: "检查表内容已更新" }),
      `：${counts.join("、") || "改了标题或说明"}`,
    );
    slot.dataset.news = "";
    slot.append(open);
    const head = box.appendChild(document.createElement("p"));
    head.append("你上次打开之后，");
    const quoted = (list) => list.map((t) => `“${t}”`).join("、");
    const lines = [];
    if (d.add.length) lines.push(`新增 ${d.add.length} 项：${quoted(d.add.map((a) => a[1]))}`);
    if (d.del.length) lines.push(`删除 ${d.del.length} 项：${quoted(d.del)}`);
    if (d.mod.length)
      lines.push(
        `改了 ${d.mod.length} 项：` +
          d.mod
            .map(([, was, now]) =>
              was === now ? `“${now}”（必做或依据）` : `“${was}”改为“${now}”`,
            )
            .join("；"),
      );
    if (d.order) lines.push("调整了顺序");
    if (!lines.length) lines.push("改了标题或说明");
    const list = box.appendChild(document.createElement("ul"));
    for (const line of lines)
      list.append(Object.assign(document.createElement("li"), { textContent: line }));
    const ok = box.appendChild(document.createElement("button"));
    Object.assign(ok, { type: "button", className: "hb-btn", textContent: "知道了" });
    ok.dataset.whatsnewAck = m.id;
    slot.after(box);
  }

  // The steps or items of a changed entry that are new ("n") or changed ("u").
  function parts(m) {
    return [...m.d.add.map(([id]) => ["n", id]), ...m.d.mod.map(([id]) => ["u", id])];
  }

  function showChecklist(m) {
    const id = CSS.escape(m.id);
    for (const card of all(`[data-checklist-summary="${id}"] .hb-cl-card__title`)) mark(card, m.k);
    const form = document.querySelector(`[data-checklist="${id}"][data-day-start]`);
    if (!form) return;
    const title = form.querySelector(".hb-form__title");
    mark(title, m.k);
    for (const [kind, part] of parts(m)) {
      const words = form.querySelector(`[data-item="${CSS.escape(part)}"] ~ .hb-check__text`);
      if (words && !words.parentElement.querySelector("[data-whatsnew-mark]"))
        words.after(badge(kind));
    }
    if (m.k === "u") notice(form, m);
    else watch(title, m.id);
    form.dataset.whatsnewChecklist = m.id; // its next tick counts as seen
  }

  function showEntry(m) {
    const heading = document.getElementById(m.id);
    if (!heading?.matches("h1, h2, h3, h4")) return;
    mark(heading, m.k);
    for (const [kind, part] of parts(m))
      mark(document.getElementById(part)?.querySelector(".hb-step-name"), kind);
    watch(heading, m.id);
  }

  // The home page's bar (in the row the page keeps for it) and, once it is tapped, the list.
  function showHome(marks) {
    const box = document.querySelector("[data-whatsnew]");
    if (!box) return;
    box.hidden = !marks.length;
    if (!marks.length) return;
    const added = marks.filter((m) => m.k === "n").length;
    const counts = [
      added && `新增 ${added} 条`,
      marks.length - added && `更新 ${marks.length - added} 条`,
    ].filter(Boolean);
    const expanded = box.classList.contains("hb-whatsnew--open");
    box.querySelector("[data-whatsnew-open]").setAttribute("aria-expanded", String(expanded));
    box.querySelector("[data-whatsnew-body]").hidden = !expanded;
    box.querySelector("[data-whatsnew-count]").textContent = `：${counts.join("、")}`;
    const open = box.classList.contains("hb-whatsnew--all");
    const parts = [];
    let list;
    for (const m of open ? marks : marks.slice(0, SHOWN)) {
      if (m.g !== list?.dataset.group) {
        const heading = document.createElement("h3");
        heading.textContent = m.g;
        list = document.createElement("ul");
        list.dataset.group = m.g;
        parts.push(heading, list);
      }
      const item = list.appendChild(document.createElement("li"));
      item.dataset.whatsnewItem = m.id;
      const link = Object.assign(document.createElement("a"), { textContent: m.t });
      link.href = new URL(m.u, root).href;
      item.append(badge(m.k), link);
    }
    box.querySelector("[data-whatsnew-list]").replaceChildren(...parts);
    const more = box.querySelector("[data-whatsnew-more]");
    more.hidden = open || marks.length <= SHOWN;
    more.textContent = `还有 ${marks.length - SHOWN} 条`;
  }

  function show() {
    watcher?.disconnect();
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    const marks = state()?.marks || [];
    for (const m of marks) {
      if (
        document.querySelector(
          `[data-checklist-summary="${CSS.escape(m.id)}"], [data-checklist="${CSS.escape(m.id)}"]`,
        )
      )
        showChecklist(m);
      else showEntry(m);
    }
    showHome(marks);
    document.querySelector(".md-content")?.setAttribute("data-whatsnew-shown", ""); // for tests
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest?.(
      "[data-whatsnew-open], [data-whatsnew-ack], [data-whatsnew-done], [data-whatsnew-more]",
    );
    if (!button) return;
    const box = button.closest("[data-whatsnew]");
    if (button.hasAttribute("data-whatsnew-open")) {
      // Opened by the person: what it pushes down moves because they asked.
      const panel = document.getElementById(button.getAttribute("aria-controls"));
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      if (box) box.classList.toggle("hb-whatsnew--open", open);
      if (panel) panel.hidden = !open;
    } else if (button.dataset.whatsnewAck) {
      acknowledge([button.dataset.whatsnewAck]);
      button.closest("[data-checklist-changes]").hidden = true;
      const slot = document.querySelector(
        `[data-whatsnew-open="${CSS.escape(button.dataset.whatsnewAck)}"]`,
      )?.parentElement;
      slot?.querySelector("[data-whatsnew-open]").remove();
      if (slot) delete slot.dataset.news;
    } else if (button.hasAttribute("data-whatsnew-done")) {
      acknowledge((state()?.marks || []).map((m) => m.id));
      box.hidden = true;
    } else {
      box.classList.add("hb-whatsnew--all");
      showHome(state()?.marks || []);
      box.querySelectorAll("[data-whatsnew-item] a")[SHOWN]?.focus(); // the button is gone
    }
  });
  // A tick on a changed checklist: the notice was in front of the person, it has done its job.
  document.addEventListener("change", (event) => {
    const form = event.target.closest?.("[data-whatsnew-checklist]");
    if (form && event.target.matches("input[data-item]")) {
      acknowledge([form.dataset.whatsnewChecklist]);
      delete form.dataset.whatsnewChecklist;
    }
  });

  const current = state();
  const ready = current?.stamp === stamp && seen() ? Promise.resolve() : compare().catch(() => {});
  // Material's instant navigation swaps pages without reloading; document$ fires for each page.
  window.document$.subscribe(() => ready.then(show));
})();
