/* Print buttons: [data-print="<part>"] prints the page with <html data-printing="<part>">
   until the print dialog closes, so the print styles can leave out the rest (a quiz's
   worksheet or its answer key). A button's data-print-title is the document's title until
   then: browsers name a saved PDF after it, and a quiz's worksheet and key would otherwise
   share one name (the second saved over the first, or the key handed out as the sheet).
   window.hbPrintTitled(name) does the same for a widget that prints by its own buttons (a
   checklist's blank form and its record); a part chosen under [data-print-part] names it
   instead. Without the script the buttons stay hidden. */
"use strict";

(() => {
  if (window.hbPrintTitled) return; // run already: a quiz's bundle has this file too
  const root = document.documentElement;
  let title = null; /* the page's own title while a printout's stands in for it */
  function done() {
    delete root.dataset.printing;
    if (title !== null) document.title = title;
    title = null;
  }
  addEventListener("afterprint", done);

  /* Print with `name` as the document's title until the dialog closes. */
  window.hbPrintTitled = (name) => {
    if (title === null) title = document.title;
    document.title = name;
    print();
  };

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-print]");
    if (!button) return;
    done();
    root.dataset.printing = button.dataset.print;
    // A long quiz printed in parts: the saved file is named after the part chosen.
    const part = document.querySelector("[data-print-part] :checked");
    const name =
      part?.getAttribute(`data-title-${button.dataset.print}`) || button.dataset.printTitle;
    if (name) window.hbPrintTitled(name);
    else print();
  });

  function init() {
    // A browser that never said the dialog closed; the new page has its own title.
    delete root.dataset.printing;
    title = null;
    for (const button of document.querySelectorAll("[data-print]")) button.hidden = false;
  }

  // Material's instant navigation swaps pages without reloading; document$ fires for each page.
  if (window.document$) window.document$.subscribe(init);
  else init();
})();
