/* Scroll as little as shows `last` whole on the screen without taking `first`'s top under the
   header. "The screen" is what the visual viewport shows: a phone's keyboard takes half of it.
   Shared by quiz.js (a verdict and 下一题, a new question) and checker.js (the status line
   under the box while typing); each bundle starts with this file. */
"use strict";

window.hbBringIntoView = (first, last) => {
  const MARGIN = 8; // px kept from the header and the screen's edge
  const header = document.querySelector(".md-header");
  const below = (header ? header.getBoundingClientRect().bottom : 0) + MARGIN;
  const top = first.getBoundingClientRect().top;
  const screen = window.visualViewport ? window.visualViewport.height : window.innerHeight;
  const overflow = last.getBoundingClientRect().bottom + MARGIN - screen;
  const by = top < below ? top - below : Math.min(Math.max(overflow, 0), top - below);
  // Material shows its back-to-top button on any scroll up, ours too: over what was just
  // brought into view (话术自查's findings, 今日复习's answer) at the screen's foot.
  if (by < 0) window.hbQuietBackToTop?.();
  if (by) window.scrollBy(0, by);
};
