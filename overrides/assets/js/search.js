/* Search empty state: when a query finds nothing, offer the pages staff usually want
 * (the #hb-search-empty template in overrides/main.html) instead of a bare "no results". */
"use strict";

(() => {
  function noResultsText() {
    try {
      return JSON.parse(document.getElementById("__config").textContent).translations[
        "search.result.none"
      ];
    } catch {
      return null;
    }
  }

  /* Material's search dialog has no accessible name; give it the search box's own label. */
  function nameDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    var input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder);
    }
  }

  function setup() {
    nameDialog();
    var meta = document.querySelector(".md-search-result__meta");
    var template = document.getElementById("hb-search-empty");
    var none = noResultsText();
    if (!meta || !template || !none || meta.dataset.hbEmpty) return;
    meta.dataset.hbEmpty = "1";
    new MutationObserver(() => {
      var shown = meta.parentNode.querySelector(".hb-search-empty");
      var empty = meta.textContent.trim() === none;
      if (empty && !shown) meta.after(template.content.cloneNode(true));
      if (!empty && shown) shown.remove();
    }).observe(meta, { childList: true, characterData: true, subtree: true });
  }

  if (typeof document$ !== "undefined") document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
