/* Showing a place on the page (an entry, a step, a section) below the header, marked as the
   browser marks a followed link (:target), even when Material's instant navigation got in the
   way. Shared by search.js (landing on a result) and, here, by links to a place on the same
   page (the contents at the top of a chapter, 相关, 千万不要说's 为什么): tapped while the page
   is still starting, Material takes the click, then restores the scroll position it saved for
   the page (the top) instead of jumping, and may even put back the address without the place.
   For a moment after such a tap, bring the place into view (and into the address) if it is not,
   unless the reader scrolls or taps meanwhile. A page opened without a place (a checklist
   found by search) is held at its top the same way: Material's closing scroll lock could
   otherwise put the reader back where they were on the page they left. */
"use strict";

(() => {
  const WATCH = 2500; // ms: Material's start-up is over within this, even on a slow phone
  const PATIENCE = 300; // ms between two tries: let a (smooth) jump finish before judging it

  // The element an address's fragment names (none without a fragment).
  const placeOf = (url) =>
    url.hash && document.getElementById(decodeURIComponent(url.hash.slice(1)));

  const SLACK = 24; // px below where a jump puts the place that still counts as there

  /* Whether the place is where a jump to it puts it: its top just below the header (its
     scroll margin), or as near as the end of the page lets it come. Anywhere on the screen
     was not enough: a chapter's styles, arriving after instant navigation from a page without
     them, moved the entry 400 px down, under the end of the card before it, whose answer a
     hurried reader took for this one's. */
  function atPlace(target) {
    const header = document.querySelector(".md-header");
    const below = header ? header.getBoundingClientRect().bottom - 1 : 0;
    const top = target.getBoundingClientRect().top;
    const margin = Number.parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
    const root = document.documentElement;
    const atEnd = window.scrollY >= root.scrollHeight - window.innerHeight - 1;
    return (
      top >= below &&
      (top <= Math.max(margin, below) + SLACK || (atEnd && top < window.innerHeight))
    );
  }

  /* The way Material shows a place: a click on a link to its fragment (scroll-margin below the
     header, :target marks it). The link is not in the document, so Material does not take it. */
  window.hbReveal = (url) => {
    const target = placeOf(url);
    if (!target) return;
    if (location.href === url.href && target.matches(":target") && atPlace(target)) return;
    history.replaceState(history.state, "", url.href);
    const link = document.createElement("a");
    link.href = url.hash;
    history.scrollRestoration = "auto";
    link.click();
    history.scrollRestoration = "manual";
  };

  /* Keep `url`'s place (its fragment's target, or the top of its page) in view while the page
     settles, unless the reader scrolls or taps meanwhile; `atOnce`: show it at once too (a link
     the browser follows itself is left to do its own first jump). */
  window.hbHold = (url, atOnce = false) => {
    const target = placeOf(url);
    if (url.hash && !target) return;
    const shown = () => (target ? atPlace(target) : window.scrollY === 0);
    const show = () => (target ? window.hbReveal(url) : window.scrollTo(0, 0));
    if (atOnce && !shown()) show();
    let until = performance.now() + WATCH;
    let tried = performance.now();
    // The reader scrolling or tapping on their own ends the watch: never pull the page back.
    const stop = () => {
      until = 0;
    };
    for (const type of ["touchstart", "pointerdown", "wheel", "keydown"]) {
      window.addEventListener(type, stop, { once: true, passive: true });
    }
    // Nor once the page is being left for another document: a jump to the place then (a link
    // click, a fragment navigation) could cancel the navigation that is leaving it.
    window.addEventListener("beforeunload", stop, { once: true });
    // Nor after Back or Forward (the phone's own button is no touch on the page): a quick Back
    // after a wrong tap was pulled back to the place. A jump of ours to the place itself (a
    // fragment navigation, which fires popstate too) arrives at its address and goes on.
    const traversed = () => {
      if (location.href !== url.href) stop();
      else window.addEventListener("popstate", traversed, { once: true });
    };
    window.addEventListener("popstate", traversed, { once: true });
    const keep = () => {
      const now = performance.now();
      if (now > until) return;
      // Still on this page, the place not in view: Material's start-up may also have put the
      // address it saw first (without the place) back in the address bar. (The top is shown
      // by one instant scroll: no jump to wait for.)
      if (location.pathname === url.pathname && !shown() && (!target || now - tried > PATIENCE)) {
        tried = now;
        show();
      }
      requestAnimationFrame(keep);
    };
    requestAnimationFrame(keep);
  };

  /* A link to a place on another page (千万不要说's rows, 相关, 另一种说法), until that page is
     in: instant navigation then scrolled to the place only about three taps in four, and left
     the rest where the reader had been on the page they left, or at its foot. */
  let arriving = null;

  // Before Material's own handler (capture): it writes the new address at once, and the page
  // the link sits on must be told from the one it leads to.
  window.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element && event.target.closest("a[href*='#']");
      if (!link || link.closest(".md-search")) return; // search.js lands its results itself
      const url = new URL(link.href, location.href);
      if (url.pathname === location.pathname && url.hash) window.hbHold(url);
      else if (url.hash && !(link.target || event.ctrlKey || event.metaKey || event.shiftKey)) {
        arriving = url; // (not one opened in a new tab or window, which Material leaves alone)
      }
      if (link.matches(".headerlink")) copyPlace(url);
    },
    true,
  );

  /* After instant navigation the focus was on no element (the link tapped went with the old
     page): Tab began again at the header and the menu, a hundred presses from the text, and a
     screen reader heard nothing. The new page's place, or its title, takes the focus. */
  let pages = 0;
  window.hbFocusOn = (focus) => {
    if (!focus || focus.contains(document.activeElement)) return;
    if (!focus.matches("a[href], button, input, select, textarea")) {
      focus.tabIndex = -1;
      // No focus ring: the place's frame marks it. After the keyboard's Enter, Chromium drew
      // its black ring inside that frame as well, on the card's own words.
      focus.style.outline = "none";
    }
    focus.focus({ preventScroll: true });
  };
  window.hbFocusPage = () =>
    window.hbFocusOn(placeOf(location) || document.querySelector(".md-content h1"));
  window.document$?.subscribe(() => {
    const url = arriving;
    arriving = null;
    if (url && url.pathname === location.pathname) {
      // Material's tracking of the page left behind may have written one of its sections
      // into the new address (#tousu-qibu on 禁语速查): the place's own goes back in at once.
      window.hbReveal(url);
      window.hbHold(url);
    }
    if (pages++) window.hbFocusPage(); // a page loaded in full keeps the browser's own focus
  });

  /* A heading's "#" also copies the address of its place, to send a colleague: without the
     words a search marked (?h=…), and said in a line at the foot for a moment. Where the page
     may not write the clipboard (an address without https), the tap only goes to the place. */
  function copyPlace(url) {
    const clean = new URL(url.href);
    clean.search = "";
    navigator.clipboard?.writeText(clean.href).then(
      () => window.hbToast(["已复制这一条的链接，可以发给同事。"], 3000, "copied"),
      () => {},
    );
  }
})();
