/* The phrase matcher (checker-core.js, HandbookChecker) and the phrase spec (checker/phrases.json)
   for the pages that check text (话术自查, 对练). They are most of what those pages would weigh
   and nobody needs them to read the page, so they come after it, as the search index does:
   both fetched at once, the spec compiled once per address and kept across instant navigation
   (the service worker keeps both for offline use). A load that failed (offline before they were
   saved) is forgotten, so the next try fetches again. */
"use strict";

(() => {
  if (window.hbLoadChecker) return;
  const loads = new Map(); // spec address → promise of the compiled spec

  window.hbLoadChecker = (specAddress, coreAddress) => {
    const url = new URL(specAddress, window.location.href).href;
    if (!loads.has(url)) {
      const spec = fetch(url).then((response) => {
        if (!response.ok) throw new Error(`${response.status}`);
        return response.json();
      });
      const core = window
        .hbScript(new URL(coreAddress, window.location.href).href)
        .then(() => window.HandbookChecker ?? Promise.reject(new Error(coreAddress)));
      const loading = Promise.all([spec, core]).then(([json, checker]) =>
        checker.compileSpec(checker.linksFrom(json, url)),
      );
      loading.catch(() => loads.delete(url));
      loads.set(url, loading);
    }
    return loads.get(url);
  };
})();
