/* The search box on top of Material's: a tapped result lands on its entry (on a phone too, and
 * Back returns to where the reader was), an empty box offers the everyday situations, and a
 * query that finds nothing offers the pages staff usually want. */
"use strict";

(() => {
  const ENTRY_PARAM = "hb";

  /* One of Material's search messages, as this page's language words it. */
  function translation(key) {
    try {
      return JSON.parse(document.getElementById("__config").textContent).translations[key];
    } catch {
      return null;
    }
  }

  /* What the result line says before Material's search has answered anything (its template
   * writes it; the page's config does not carry it): read while the page is new. */
  const initializing = document.querySelector(".md-search-result__meta")?.textContent.trim();

  /* Material's search dialog has no accessible name; give it the search box's own label. */
  function nameDialog() {
    const dialog = document.querySelector('.md-search[role="dialog"]');
    const input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder);
    }
  }

  /* The search worker says when a question waits for its index (the first search, seconds on
   * a weak network, while Material says 键入以开始搜索 under it) and when the index could not
   * be fetched (a weak network broke the download): nothing found then means nothing could
   * be searched, and the pages the empty panel offers may not open either. */
  const worker = { indexFailed: false, indexLoading: false, weakMatch: false };
  let panelsChanged = () => {};
  window.addEventListener("hb-search-worker", (event) => {
    for (const key of Object.keys(worker)) {
      if (key in event.detail) worker[key] = Boolean(event.detail[key]);
    }
    panelsChanged();
  });

  /* Panels shown under the search box instead of Material's bare messages: the everyday
   * situations while the box is empty (#hb-search-start), that the first search is being
   * prepared (#hb-search-loading), where to go when nothing was found (#hb-search-empty),
   * that nothing could be searched when the index did not arrive (#hb-search-offline), and,
   * above results that only come near the question, that the handbook may not cover it
   * (#hb-search-weak); the templates are in overrides/main.html. */
  function setupPanels() {
    nameDialog();
    const meta = document.querySelector(".md-search-result__meta");
    const input = document.querySelector(".md-search__input");
    const none = translation("search.result.none");
    /* Under words typed while the index loads Material still says 键入以开始搜索, or its
     * first words (正在初始化搜索引擎) when they came before its empty question was answered. */
    const waiting = [translation("search.result.placeholder"), initializing];
    if (!meta || !input || meta.dataset.hbPanels) return;
    meta.dataset.hbPanels = "1";
    // With a keyboard and a mouse (a counter PC) the box says its key: nothing said that "/"
    // opens it, and a clerk with a customer waiting reached for the mouse.
    if (matchMedia("(hover: hover) and (pointer: fine)").matches) {
      input.placeholder = "搜索（按 / 键）";
      input.setAttribute("aria-keyshortcuts", "/");
    }
    const show = (id, wanted) => {
      const shown = meta.parentNode.querySelector(`[data-hb-panel="${id}"]`);
      const template = document.getElementById(id);
      if (wanted && !shown && template) {
        const panel = template.content.firstElementChild.cloneNode(true);
        panel.dataset.hbPanel = id;
        meta.after(panel);
      }
      if (!wanted && shown) shown.remove();
    };
    const update = () => {
      const empty = !input.value.trim();
      const said = meta.textContent.trim();
      const nothing = !empty && said === none;
      // (offline before the search's worker started: Material's 正在初始化搜索引擎 for as long)
      const unstarted = !empty && said === initializing && !navigator.onLine;
      const failed = (nothing && worker.indexFailed) || unstarted;
      const loading = !empty && waiting.includes(said) && worker.indexLoading;
      show("hb-search-start", empty);
      show("hb-search-loading", loading);
      show("hb-search-empty", nothing && !worker.indexFailed);
      show("hb-search-offline", failed);
      show("hb-search-weak", !empty && !nothing && !loading && worker.weakMatch);
      /* not 没有找到 above the offline panel, nor 键入以开始搜索 under words typed, nor
       * Material's 没有找到 over the suggestions when only spaces were typed */
      meta.style.display = failed || loading || (empty && said === none) ? "none" : "";
    };
    panelsChanged = update;
    addEventListener("online", update);
    addEventListener("offline", update);
    new MutationObserver(update).observe(meta, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    /* For a screen reader: the count is read out as it changes, and each result (a link
     * around an article, which gave it no name) is named: 别说 or 可以说, title, chapter. */
    meta.setAttribute("role", "status");
    const list = meta.parentNode.querySelector(".md-search-result__list");
    if (list) {
      new MutationObserver(() => {
        for (const link of list.querySelectorAll("a:not([aria-label])")) {
          const where = link.querySelector(".hb-result__where"); /* [别说] chapter */
          const verdict = where?.querySelector(".hb-result__verdict");
          const parts = [verdict, link.querySelector("h1"), where?.lastChild];
          link.setAttribute(
            "aria-label",
            parts
              .map((part) => part?.textContent ?? "")
              .join(" ")
              .trim(),
          );
        }
      }).observe(list, { childList: true, subtree: true });
    }
    input.addEventListener("input", update);
    // ✕ empties the box, but Material reads it again only at a key (or a focus it already
    // has): the last question's results stayed under the empty box.
    input.form?.addEventListener("reset", () =>
      setTimeout(() => input.dispatchEvent(new KeyboardEvent("keyup"))),
    );
    update();
  }

  /* The templates' links are relative to the page this document was loaded as. Instant
   * navigation changes the address without touching them (Material makes the page's links
   * absolute when it starts, but cannot see into a <template>), so make them absolute now. */
  for (const id of ["hb-search-start", "hb-search-empty"]) {
    const template = document.getElementById(id);
    for (const link of template ? template.content.querySelectorAll("a[href]") : []) {
      link.setAttribute("href", new URL(link.getAttribute("href"), location.href).href);
    }
  }

  /* The search worker gives an entry's address as `page/?hb=<id>` (workers/search-core.js,
   * `result`), so Material shows it with its teaser; the tap opens `page/?h=<words>#<id>`. */
  function entryAddress(href) {
    const url = new URL(href, location.href);
    const entry = url.searchParams.get(ENTRY_PARAM);
    if (!entry) return null;
    url.searchParams.delete(ENTRY_PARAM);
    url.hash = entry;
    return url.href;
  }

  /* Opening a result under instant navigation: land on the entry; Back returns to where the
   * reader was.
   *
   * 1. Below 60em the open search locks the page: 400 ms after it opens, Material's scroll
   *    lock (patches/scrolllock) sets body[data-md-scrolllock] (position: fixed) with
   *    top: -Ypx, so the window sits at y = 0. A tapped result closes the search, but Material
   *    lifts the lock only 100 ms later and then scrolls back to Y. Instant navigation scrolls
   *    to the entry before that (at once on the same page, when the page arrives otherwise),
   *    while the page cannot scroll; lifting the lock then leaves the reader at Y or at the
   *    top. Instant navigation also stores the offset it last saw, y = 0, as the place to
   *    come Back to. So, before Material sees the tap (capture phase), lift the lock without
   *    scrolling and put Y in the offset Material is about to store: the object viewport$
   *    last emitted, which is what instant navigation reads. Material's unlock then finds
   *    nothing to restore; its own scroll to the entry works and marks the entry :target.
   *    The same position is written into the history entry being left, for Back.
   * 2. The result instant navigation opened last, opened again: Material takes the tap for a
   *    link to the current address, adds a history entry, scrolls to the entry and goes back
   *    one entry. But navigation.tracking has rewritten the address's fragment as the reader
   *    scrolled, so going back returns to that fragment and its offset. Give the current
   *    entry the result's address first.
   * 3. If a page is slow to come and the window scrolls or resizes meanwhile (an on-screen
   *    keyboard closing), Material scrolls to the offset stored meanwhile instead of the
   *    entry, and the old page's table of contents rewrites the address (on Back, too, where
   *    it also wipes the stored offset). Once the page is in, put both right.
   * A CSS rule (handbook.css, .md-header) keeps the closing search's backdrop from widening
   * the page, which makes phones zoom out and a jump land off screen. */
  let viewport = null; // what viewport$ last emitted
  let current = null; // the address location$ last emitted
  let opening = null; // the tap on a result and its address, until Material has handled it
  let pending = null; // the address it opens, until its page is in
  let back = null; // the entry Back or Forward returned to, until its page is in
  let restore = null; // puts back the result link's own address once Material has read it

  window.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element && event.target.closest("a[href]");
      if (!link?.closest(".md-search-result")) return;
      const address = entryAddress(link.href);
      if (address) {
        const written = link.getAttribute("href");
        link.href = address;
        restore = () => link.setAttribute("href", written); // the list may be shown again
      }
      if (link.target || event.metaKey || event.ctrlKey) return; // the browser opens a new tab
      opening = { event, href: link.href };
      quietBackToTop();
      const body = document.body;
      const locked = body.hasAttribute("data-md-scrolllock");
      const y = locked ? -parseInt(body.style.top, 10) || 0 : window.scrollY;
      if (locked) {
        body.removeAttribute("data-md-scrolllock");
        body.style.top = "";
        if (viewport && viewport.offset.y === 0) viewport.offset.y = y;
      }
      // Where the reader was is what Back returns to: write it into the entry being left,
      // whatever Material's debounced bookkeeping stored there meanwhile.
      const state = { ...history.state, x: window.scrollX, y };
      const url = new URL(link.href);
      const same = current && current.pathname === url.pathname && current.hash === url.hash;
      history.replaceState(state, "", same ? url.href : location.href);
    },
    true,
  );
  window.addEventListener("click", (event) => {
    // not any click: closing the search clicks its checkbox meanwhile
    if (opening && opening.event === event) opening = null;
    // after the browser has followed the link (its default action reads the address last)
    if (restore) setTimeout(restore, 0);
    restore = null;
  });
  let shownPath = location.pathname; // the page on screen, until the next one is in
  // Material goes back one entry itself after a tap on a link to the address already shown
  // (the same result opened again, see 2. above): that traversal is part of its landing, not
  // the reader's Back, and must not be undone below.
  let ownTraversal = false;
  const goBack = history.back.bind(history);
  history.back = () => {
    ownTraversal = true;
    goBack();
  };
  window.addEventListener("popstate", (event) => {
    const state = event.state;
    back = state && typeof state.y === "number" ? { state, href: location.href } : null;
    // (The fragment navigation Material makes just before going back fires popstate too,
    // with no state: only the traversal to an entry with an offset is the one it asked for.)
    const readersOwn = !(back && ownTraversal);
    if (back) ownTraversal = false;
    // Back or Forward within the page on screen (from a result on the page being read):
    // Material scrolls to the stored offset at once, then the browser scrolls to the fragment
    // of the address it returned to, the top when there is none. Put the offset back after.
    if (back && readersOwn && location.pathname === shownPath) {
      const { x, y } = state;
      const href = location.href;
      requestAnimationFrame(() => {
        if (location.href === href && Math.abs(window.scrollY - y) > 1) window.scrollTo(x, y);
      });
    }
  });

  /* Landing scrolls the page, often upwards, which Material takes for a reader heading back
   * to the top: it shows its back-to-top button, over the entry just opened. Keep the button
   * hidden while the landing settles; it comes back as soon as the reader scrolls up. */
  const SETTLING = 1000; // ms: the lock lifted, the page in, the jump made
  const quietBackToTop = () => window.hbQuietBackToTop(SETTLING);

  if (typeof viewport$ !== "undefined" && typeof location$ !== "undefined") {
    viewport$.subscribe((value) => {
      viewport = value;
    });
    location$.subscribe((url) => {
      current = url;
      if (opening && url.href === opening.href) pending = url;
      else if (pending && url.href !== pending.href) pending = null;
      if (back && url.href !== back.href) back = null;
    });
    document$.subscribe(() => {
      shownPath = location.pathname;
      const url = pending;
      const entry = back;
      pending = back = null;
      if (url && url.pathname === location.pathname) {
        // The entry; or the top of a page opened whole (a checklist), held there a moment:
        // Material's scroll lock, lifted after the page came in, would put the reader back
        // at the offset they had on the page they left.
        if (url.hash) window.hbReveal(url);
        else window.hbHold(url, true);
        quietBackToTop();
      }
      if (entry && new URL(entry.href).pathname === location.pathname) {
        const state = history.state;
        if (location.href !== entry.href || !state || state.y !== entry.state.y) {
          history.replaceState(entry.state, "", entry.href);
          window.scrollTo(entry.state.x, entry.state.y);
        }
      }
    });
  }

  /* A result opened in a new tab (middle click, the link's menu) or its address copied and
   * sent: the page opens with `?hb=<id>` and no fragment, so at its top. Go to the entry. */
  const landing = entryAddress(location.href);
  if (landing) {
    history.replaceState(history.state, "", landing);
    window.hbHold(new URL(landing), true); // and there while the page settles
  }

  if (typeof document$ !== "undefined") document$.subscribe(setupPanels);
  else document.addEventListener("DOMContentLoaded", setupPanels);
})();
