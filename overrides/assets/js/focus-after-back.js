/* Back on a page scrolled to where the reader was, the focus went to its title far above
   (anchors.js focuses a new page's place or title): the next Tab scrolled to the top. After
   Back or Forward it goes to the link the reader took, or else to the first heading on the
   screen, so Tab goes on from there; once Material has put the scroll back (history.state)
   and the page is shown (widgets.js hides it while its styles come), or the time is up.
   (window.hbFocusOn: anchors.js.) In keyboard.js's bundle, which comes after the page: where
   the focus is matters to a keyboard and a screen reader, not to a tap. */
"use strict";

(() => {
  const focusPage = window.hbFocusPage;
  if (!focusPage || !window.document$) return; // (no instant navigation: the browser's own)
  let page = document.querySelector("[data-md-component=container]");
  let here = location.href; // the page shown, and the one before it
  let left = null;
  let followed = null; // the last link taken from a page to another: { from, to }
  let pending = false; // taken, and its page not shown yet
  let traversed = false; // Back or Forward to another page, not a new one
  let backUntil = 0; // while the page Back or Forward came to settles
  window.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element && event.target.closest("a[href]");
      const to = link && new URL(link.href, location.href);
      if (to && to.pathname !== location.pathname) {
        followed = { from: location.pathname, to };
        pending = true;
      }
    },
    true,
  );
  // (Material's own traversals while landing a result, and fragment navigations, carry no
  // saved scroll: only the reader's Back or Forward does; a quick one may come before the
  // page it leaves was even shown.)
  window.addEventListener("popstate", (event) => {
    traversed ||=
      typeof event.state?.y === "number" &&
      (location.pathname !== new URL(here).pathname || pending);
  });

  // anchors.js calls it first for each new page (then widgets.js may, once it is shown).
  window.hbFocusPage = () => {
    const now = document.querySelector("[data-md-component=container]");
    if (now !== page) {
      page = now;
      left = here;
      here = location.href;
      backUntil = traversed ? performance.now() + 1500 : 0;
      traversed = pending = false;
    }
    // (Material puts the scroll back after the new page is announced, a frame or two later.)
    if (performance.now() < backUntil) requestAnimationFrame(() => setTimeout(focusWhereBack));
    else focusPage();
  };

  // What the screen shows first under the header (in a step longer than the screen).
  function atTop(below) {
    const text = document.querySelector(".md-content__inner");
    if (!text) return null;
    const box = text.getBoundingClientRect();
    const found = document.elementFromPoint(box.left + box.width / 2, below + 16);
    return found && text.contains(found) ? found.closest("p, li, dt, dd, td, th") || found : null;
  }
  function focusWhereBack() {
    const header = document.querySelector(".md-header");
    const below = header ? header.getBoundingClientRect().bottom : 0;
    const shown = (el) => {
      const box = el.getBoundingClientRect();
      return box.height > 0 && box.bottom > below && box.top < window.innerHeight;
    };
    const y = history.state?.y;
    const end = document.documentElement.scrollHeight - window.innerHeight;
    const there = typeof y !== "number" || Math.abs(window.scrollY - Math.min(y, end)) < 2;
    // The page left: the link taken from this one, or the page shown before.
    const from =
      followed?.from === location.pathname ? followed.to : new URL(left || location.href);
    const to = (a) => new URL(a.href, location.href);
    const links = [...document.querySelectorAll(".md-content a[href]")].filter(
      (a) => to(a).pathname === from.pathname,
    );
    // The link taken (its place's), else one to that page on the screen.
    const link = links.find((a) => to(a).hash === from.hash) || links.find(shown);
    const heads = document.querySelectorAll(".md-content :is(h1, h2, h3, h4)");
    const focus = there && (link || [...heads].find(shown) || atTop(below));
    if (focus) window.hbFocusOn(focus);
    else if (performance.now() < backUntil) requestAnimationFrame(focusWhereBack);
    else focusPage();
  }
})();
