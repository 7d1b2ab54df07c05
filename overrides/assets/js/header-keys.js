/* Enter in the search box (a phone's keyboard has one too), what 打开目录 tells a screen reader,
   and Android's Back on an open panel. What only a keyboard needs is assets/js/keyboard.js. */
"use strict";

/* Enter in the search box, before Material sees it: it opens the best result (Material),
   never a link of the panels shown when there is none (search.js: the everyday situations,
   where to look instead). */
document.addEventListener(
  "keydown",
  (event) => {
    if (event.key !== "Enter" || !event.target.matches?.(".md-search__input")) return;
    if (document.querySelector(".md-search-result__link")) return; // Material opens the best
    event.preventDefault();
    event.stopPropagation();
  },
  true,
);

/* 打开目录 says whether the contents are open (to a screen reader too). Material opens and
   closes the drawer by setting its checkbox, which fires no event (as on a tap on a link in
   it): the state is read again whenever the focus moves. */
{
  // In a block: a bundle's top-level const is global to every script of the page.
  const drawer = () => document.getElementById("__drawer");
  const menu = () => document.querySelector('[for="__drawer"] .hb-press');
  for (const type of ["change", "focusin"])
    document.addEventListener(type, () => menu()?.setAttribute("aria-expanded", drawer()?.checked));
}

/* Back or Forward while the search is open, where Back is no close request (a swipe back on
   iOS, a PC's Back, Android before Chrome 120): Material lifts its scroll lock after the page
   came back and scrolled to where the reader had been, and so scrolled it to where she was on
   the page she left. The lock goes now, without that scroll. */
addEventListener("popstate", ({ state }) => {
  const body = document.body;
  if (typeof state?.y !== "number" || !body.hasAttribute("data-md-scrolllock")) return;
  body.removeAttribute("data-md-scrolllock");
  body.style.top = "";
});

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
