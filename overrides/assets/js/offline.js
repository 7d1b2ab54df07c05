/* Registers sw.js after load. sw.js keeps each page on the build it came from; after a new
   build arrives, the next link tap loads the page in full (new build), not instantly. */
"use strict";

(() => {
  var sw = navigator.serviceWorker;
  if (!sw || !document.currentScript) return;
  var workerUrl = new URL("../../sw.js", document.currentScript.src);
  var registration = null;
  var stale = false;
  var lastCheck = Date.now();

  function askBuild() {
    if (!sw.controller || typeof MessageChannel !== "function") return;
    var channel = new MessageChannel();
    channel.port1.onmessage = (event) => {
      var answer = event.data || {};
      stale = typeof answer.page === "string" && answer.page !== answer.newest;
    };
    sw.controller.postMessage("handbook:build", [channel.port2]);
  }

  sw.addEventListener("controllerchange", askBuild);

  window.addEventListener("load", () => {
    askBuild();
    if (sw.controller && !navigator.onLine) return; // nothing to look for; no error to show
    sw.register(workerUrl.href, { updateViaCache: "none" }).then(
      (found) => {
        registration = found;
      },
      () => {}, // no service worker (private mode, file://): the site works online only
    );
  });

  window.addEventListener(
    "click",
    (event) => {
      if (!stale || event.defaultPrevented || event.button || event.metaKey || event.ctrlKey)
        return;
      var link = event.target.closest?.("a[href]");
      if (!link || link.target || link.hasAttribute("download")) return;
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin || url.pathname === location.pathname) return;
      event.stopPropagation(); // Material does not see the tap; the browser follows the link
    },
    true,
  );

  // Instant navigation loads no new documents, so look for a new build now and then.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "visible" || !registration || !navigator.onLine) return;
    if (Date.now() - lastCheck < 30 * 60 * 1000) return;
    lastCheck = Date.now();
    registration.update().catch(() => {});
  });
})();
