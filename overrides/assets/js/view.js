/* The editor view's switches (atop and at the foot of a page, shown in the editor view only):
   editors see sources, notes and YAML lines; staff (the default outside `mkdocs serve`) do
   not. An address with ?view=editor switches it on. The choice is kept on the device and
   applied before the first paint by overrides/main.html. */
"use strict";

(() => {
  const KEY = "hb-view";
  const EDITOR = "hb-editor-view";

  function remember(view) {
    try {
      localStorage.setItem(KEY, view);
    } catch (_error) {
      /* private mode: the choice lasts for this page only */
    }
  }

  function bind() {
    const root = document.documentElement;
    for (const box of document.querySelectorAll("[data-view-switch]")) {
      box.checked = root.classList.contains(EDITOR);
      box.onchange = () => {
        root.classList.toggle(EDITOR, box.checked);
        remember(box.checked ? "editor" : "staff");
        bind(); // the page's other switch follows
      };
    }
  }

  // Material's instant navigation swaps pages without reloading; document$ fires for each page.
  if (window.document$) window.document$.subscribe(bind);
  else bind();
})();
