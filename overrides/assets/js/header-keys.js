/* Keys on the header's buttons, and Enter in the search box. */
"use strict";

/* Before Material sees the key:
   - Enter in the search box opens the best result (Material), never a link of the panels
     shown when there is none (search.js: the everyday situations, where to look instead).
   - The light/dark toggle (overrides/partials/palette.html): Enter or Space on the button
     on screen goes where it leads (Material's Enter stepped through the options in order,
     which on a phone set to light chose light and changed nothing), and the focus goes on
     to the button shown next, which says what it does now. */
document.addEventListener(
  "keydown",
  (event) => {
    const toggle = event.target.closest?.('[data-md-component="palette"] label');
    if (toggle && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      event.stopPropagation();
      toggle.click();
      const form = toggle.closest("form");
      requestAnimationFrame(() =>
        [...form.querySelectorAll("label")]
          .find((label) => label.offsetParent)
          ?.querySelector(".hb-press")
          ?.focus(),
      );
      return;
    }
    if (event.key !== "Enter" || !event.target.matches?.(".md-search__input")) return;
    if (document.querySelector(".md-search-result__link")) return; // Material opens the best
    event.preventDefault();
    event.stopPropagation();
  },
  true,
);

/* 打开目录 and 搜索: a button inside each label of a hidden checkbox (partials/header.html).
   Enter or Space clicks it, as they press a button, and the click opens what the label opens.
   The key goes no further: Material would take the same Enter for one in the search box it
   has just focused, and open the first link under it. */
document.addEventListener("keydown", (event) => {
  const press = event.target.closest?.(".hb-press");
  if (!press || (event.key !== "Enter" && event.key !== " ")) return;
  event.preventDefault();
  event.stopPropagation();
  press.click();
  // Opened from the keyboard, the contents take the focus at this page's link: the next Tab
  // went to the header's buttons under the shade first. Escape brings it back (below).
  const drawer = document.getElementById("__drawer");
  if (press.closest('[for="__drawer"]') && drawer?.checked) {
    const nav = document.querySelector(".md-sidebar--primary");
    const link = nav?.querySelector("a.md-nav__link--active") || nav?.querySelector("a[href]");
    link?.focus({ preventScroll: true });
  }
});

/* 打开目录 says whether the contents are open, and Escape closes them, the focus back on it.
   Material opens and closes the drawer by setting its checkbox, which fires no event (as on
   a tap on a link in it): the state is read again whenever the focus moves. */
{
  // In a block: a bundle's top-level const is global to every script of the page.
  const drawer = () => document.getElementById("__drawer");
  const menu = () => document.querySelector('[for="__drawer"] .hb-press');
  for (const type of ["change", "focusin"])
    document.addEventListener(type, () => menu()?.setAttribute("aria-expanded", drawer()?.checked));
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !drawer()?.checked) return;
    drawer().click();
    menu().focus();
  });
  /* Escape in the search box: Material closes the search and drops the focus on the page.
     Where 搜索 is a button (a narrow window), the focus goes back to it. After Material's
     handler, which listens on the window. */
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !event.target.matches?.(".md-search__input")) return;
    setTimeout(() => {
      const search = document.querySelector('[for="__search"] .hb-press');
      if (document.getElementById("__search")?.checked || !search?.offsetParent) return;
      search.focus();
    });
  });
}

/* Android's Back (a "close request") closes the search or the contents when open, as it closes
   an app's panel, instead of leaving the page. A close watcher while either is open, where the
   browser has them (Chrome 120 on); not a history entry, which would meet Material's own
   handling of Back after a result. Material opens and closes both by clicking their checkbox,
   so "change" sees each time. */
if (window.CloseWatcher) {
  const watchers = {};
  document.addEventListener("change", ({ target }) => {
    const name = target.dataset?.mdToggle;
    if (name !== "search" && name !== "drawer") return;
    watchers[name]?.destroy();
    watchers[name] = null;
    if (!target.checked) return;
    const watcher = new CloseWatcher();
    watchers[name] = watcher;
    watcher.onclose = () => {
      watchers[name] = null;
      if (target.checked) target.click();
      // as Material's Escape does: the phone's keyboard goes with the box
      if (name === "search") document.querySelector(".md-search__input")?.blur();
    };
  });
}
