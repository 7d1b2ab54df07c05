/* What only a keyboard needs (a counter PC, a tablet's): the header's buttons and the drawer by
   Enter, Space and Escape, the focus back where the reader was after Escape from the search.
   Loaded with focus-after-back.js by widgets.js once the page is in (or at a key before that):
   a page's first load, which reading it waits for, carries none of it. */
"use strict";

/* 打开目录, 搜索 and the light/dark toggle: a button inside each label of a hidden input
   (partials/header.html, partials/palette.html); and the labels of the drawer's contents
   (检查表各页 ›, and back), where Space did nothing. Enter or Space clicks it, as they press a
   button, and the click does what the label does. The key goes no further: Material would
   take the same Enter for one in the search box it has just focused, and open the first link
   under it (and on its palette, step through the looks in order, which on a phone set to
   light chose light and changed nothing). */
document.addEventListener("keydown", (event) => {
  const press = event.target.closest?.(window.hbPressable); // widgets.js
  if (!press || (event.key !== "Enter" && event.key !== " ")) return;
  event.preventDefault();
  event.stopPropagation();
  press.click();
  // The toggle shows the button of where it leads now, which takes the focus and says so.
  const palette = press.closest('[data-md-component="palette"]');
  if (palette) {
    requestAnimationFrame(() =>
      [...palette.querySelectorAll("label")]
        .find((label) => label.offsetParent)
        ?.querySelector(".hb-press")
        ?.focus(),
    );
  }
  // Opened from the keyboard, the contents take the focus at this page's entry: the next Tab
  // went to the header's buttons under the shade first. Escape brings it back (below). On a
  // chapter the entry shown is the label opening its contents, which Material leaves out of
  // Tab's way (Enter on it opens them).
  const drawer = document.getElementById("__drawer");
  if (press.closest('[for="__drawer"]') && drawer?.checked) {
    const nav = document.querySelector(".md-sidebar--primary");
    const here = [...(nav?.querySelectorAll(".md-nav__link--active") ?? [])].find(
      (e) => e.offsetParent,
    );
    if (here?.tabIndex < 0) here.tabIndex = 0;
    (here || nav?.querySelector("a[href]"))?.focus({ preventScroll: true });
  }
});

{
  const drawer = () => document.getElementById("__drawer");
  const menu = () => document.querySelector('[for="__drawer"] .hb-press');
  // Escape closes the contents, the focus back on 打开目录.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !drawer()?.checked) return;
    drawer().click();
    menu().focus();
  });
  // Tab past the drawer's last entry went on in the page under the shade, the drawer open.
  // (Where the contents are no drawer, closing it changes nothing.)
  document.addEventListener("focusin", ({ target }) => {
    if (drawer()?.checked && !target.closest(".md-sidebar--primary")) drawer().click();
  });
  // A Tab while a level of the contents slides in scrolled the drawer sideways to its link,
  // and it stayed so: blank.
  document.addEventListener(
    "scroll",
    ({ target }) => {
      if (target.scrollLeft && target.matches?.(".md-sidebar__scrollwrap")) target.scrollLeft = 0;
    },
    true,
  );
  /* Escape in the search box: Material closes the search and drops the focus on the page.
     Where 搜索 is a button (a narrow window), the focus goes back to it; where the box is in
     the header (a wide one), to where the reader was before it ("/" from a link in the text:
     the next Tab began again at the header). After Material's handler, on the window. */
  // The last element focused outside the search; at first, where the focus was when this came.
  let before = document.activeElement?.closest(".md-search") ? null : document.activeElement;
  document.addEventListener("focusin", ({ target }) => {
    if (!target.closest?.(".md-search")) before = target;
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !event.target.matches?.(".md-search__input")) return;
    // Once Material has closed the search and let go of the box (a frame or so later).
    const back = (frames) => {
      if (document.activeElement === event.target && frames) {
        requestAnimationFrame(() => back(frames - 1));
      } else if (!document.getElementById("__search")?.checked) {
        const search = document.querySelector('[for="__search"] .hb-press');
        const body = document.activeElement === document.body;
        (search?.offsetParent ? search : body && before)?.focus({ preventScroll: true });
      }
    };
    setTimeout(() => back(30));
  });
}

/* Tab in the open search goes on through its results: Material closed the search at any
   Tab, and a reader who tabbed to go through them lost them. Tab out of them closes it (the
   page it covered had the focus under it). With no results Tab is Material's: a phone's
   keyboard passing the header opens the search at its box and goes on past it. */
document.addEventListener(
  "keydown",
  (event) => {
    const open = document.getElementById("__search");
    const results = document.querySelectorAll(".md-search-result__link");
    if (!open?.checked || !results.length || !event.target.closest?.(".md-search")) return;
    // (Shift alone, of Shift+Tab, sent Material's focus back to the box)
    if (event.key === "Shift") event.stopPropagation();
    if (event.key !== "Tab") return;
    event.stopPropagation(); // before Material's, on the window
    // Material keeps its results out of Tab's way (its arrow keys go through them).
    for (const link of results) link.tabIndex = 0;
    const wrap = document.querySelector(".md-search__scrollwrap");
    if (wrap) wrap.tabIndex = -1; // a stop too many
    setTimeout(() => {
      if (open.checked && !document.activeElement?.closest(".md-search")) open.click();
    });
  },
  true,
);

window.hbKeyboard = true; // (for the tests: keys pressed from now on are heard)
