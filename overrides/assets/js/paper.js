/* Print buttons: [data-print="<part>"] prints the page with <html data-printing="<part>">
   until the print dialog closes, so the print styles can leave out the rest (a quiz's
   worksheet or its answer key). Without the script the buttons stay hidden. */
"use strict";

(() => {
  const root = document.documentElement;
  addEventListener("afterprint", () => delete root.dataset.printing);
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-print]");
    if (!button) return;
    root.dataset.printing = button.dataset.print;
    print();
  });

  function init() {
    delete root.dataset.printing; // a browser that never said the dialog closed
    for (const button of document.querySelectorAll("[data-print]")) button.hidden = false;
  }

  // Material's instant navigation swaps pages without reloading; document$ fires for each page.
  if (window.document$) window.document$.subscribe(init);
  else init();
})();
