/* Material's back-to-top button appears whenever the page scrolls up and sits just under the
   header, which is exactly where a page that was made to jump (a search result landing, a
   quiz's end screen) shows what the reader came for. Keep it hidden while that jump settles;
   it returns the next time the reader scrolls up. Shared by search.js and quiz.js. */
"use strict";

window.hbQuietBackToTop = (ms = 1000) => {
  const button = document.querySelector(".md-top");
  if (!button) return;
  const until = performance.now() + ms;
  const hide = () => {
    button.hidden = true;
    if (performance.now() < until) requestAnimationFrame(hide);
  };
  hide();
};

/* The button scrolls to the top and then hides, with the focus on it: Tab went on at the
   page's foot. The focus goes to the title, where the reader now is. */
document.addEventListener("click", (event) => {
  const title = event.target.closest?.(".md-top") && document.querySelector(".md-content h1");
  if (!title) return;
  title.tabIndex = -1;
  title.focus({ preventScroll: true });
});
