/* Registers sw.js, and says at the foot of every page whether the handbook is saved
   on this phone: until the first copy is complete no page opens without network (slow 3G:
   20 s and more), and staff must know before they go where there is none. sw.js keeps each
   page on the build it came from; after a new build arrives, the next link tap loads the page
   in full (new build), not instantly. The common script loads this one once the page is in
   (assets/js/widgets.js). */
"use strict";

(() => {
  var sw = navigator.serviceWorker;
  if (!sw || !document.currentScript) return;
  var workerUrl = new URL("../sw.js", document.currentScript.src); // in assets/offline.js
  var registration = null;
  var stale = false;
  var lastCheck = Date.now();

  /* The copy's state, as sw.js reports it: saving (how far), failed for want of space
     ("quota") or of network, or ready (a worker controls the page). The foot of each page
     has a line for each (overrides/main.html); the one for the state shows. */
  var FULL = "hb-offline-full"; // when the phone last ran out of space for the copy
  var RETRY_FULL = 24 * 3600 * 1000; // ms: a full phone fails again at once; retry a day later
  var state = sw.controller ? "ready" : "";
  var percent = "";
  var storage = window.hbStorage;

  /* Only what changed is written: the copy reports every file it saved, and each write has
     the browser restyle the page (on 禁语速查, tens of ms at a time on a cheap phone). */
  function show() {
    var hide = (element, hidden) => {
      if (element.hidden !== hidden) element.hidden = hidden;
    };
    for (var status of document.querySelectorAll(".hb-offline-status")) {
      hide(status, !state);
      for (var line of status.children) hide(line, line.dataset.state !== state);
    }
    // the toast's copy of the line too: it said 已存 1% all the while it was up
    for (var number of document.querySelectorAll(
      ".hb-offline-status [data-percent], .hb-toast [data-percent]",
    ))
      if (number.textContent !== percent) number.textContent = percent;
  }

  if (typeof BroadcastChannel === "function") {
    new BroadcastChannel("hb-offline").addEventListener("message", (event) => {
      var message = event.data || {};
      if (sw.controller) return; // an update: the copy in use still works offline
      // The first copy begins: say so where the reader looks, not only at the foot, screens
      // away: a worker who reads one answer and leaves would find the handbook gone offline.
      var begun = !state && message.of;
      if (message.failed) {
        state = message.failed;
        if (state === "quota") storage?.write(FULL, Date.now());
      } else if (message.of) {
        // Offline, files the copy had already fetched still come in: the line is still gone.
        if (state !== "network" || navigator.onLine) state = "saving";
        percent = `${Math.floor((100 * message.saved) / message.of)}%`;
      }
      show();
      if (message.failed || begun) toast(); // where the reader looks: the foot may be screens away
    });
  }

  function askBuild() {
    if (!sw.controller || typeof MessageChannel !== "function") return;
    var channel = new MessageChannel();
    channel.port1.onmessage = (event) => {
      var answer = event.data || {};
      stale = typeof answer.page === "string" && answer.page !== answer.newest;
      // A new build took over while this page was open: the page stays as it was, so say
      // that the next page (or this one reloaded) shows the new content.
      if (stale && state === "ready") {
        state = "updated";
        show();
        toast();
      }
    };
    sw.controller.postMessage("handbook:build", [channel.port2]);
  }

  /* The foot line of a state (the copy's, or "cut": a tap offline), for a moment, where the
     reader looks. */
  function toast(of = state, ms = 6000) {
    var line = document.querySelector(`.hb-offline-status [data-state="${of}"]`);
    if (line) window.hbToast([...line.cloneNode(true).childNodes], ms, "offline"); // the last says
  }

  /* A tapped page still on its way after SLOW (a weak line, or one that stalled): only
     Material's thin bar moved, and the tap seemed not taken. Said until the page is in. */
  const SLOW = 8000; // ms
  var slow = 0;
  var from = location.href; // the page a tap left: Material shows the new address at once
  window.addEventListener(
    "click",
    (event) => {
      var link = event.target.closest?.("a[href]");
      if (!link || link.target || link.hasAttribute("download")) return;
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin || url.pathname === location.pathname) return;
      from = location.href;
      clearTimeout(slow);
      slow = setTimeout(() => {
        slow = -1;
        toast("slow", 60000);
      }, SLOW);
    },
    true, // before Material, which changes the address at once
  );
  function arrived() {
    if (slow < 0) document.querySelector(".hb-toast--offline")?.hbRemove();
    clearTimeout(slow);
    slow = 0;
  }

  /* The line dropped while a tapped page was on its way, before the first copy is complete:
     Material then loads the page in full, and the browser showed its own error page. The
     reader stays on this one and is told why. (Navigation API: Chromium.) */
  window.navigation?.addEventListener("navigate", (event) => {
    if (sw.controller || navigator.onLine || !event.cancelable) return;
    if (event.destination.sameDocument) return;
    event.preventDefault();
    history.replaceState(history.state, "", from); // the address of the page still shown
    document.querySelector(".md-progress")?.style.setProperty("--md-progress-value", "0");
    arrived();
    toast("cut");
  });

  sw.addEventListener("controllerchange", () => {
    askBuild();
    if (state === "ready" || state === "updated") return;
    state = "ready"; // the first copy is complete: say so once, where the reader looks
    storage?.write(FULL, null);
    show();
    toast();
  });

  function start() {
    askBuild();
    // A reload that bypassed the worker (Shift) leaves the page uncontrolled: the copy is there.
    sw.getRegistration().then((found) => {
      if (found?.active && !state) {
        state = "ready";
        show();
      }
    });
    if (sw.controller && !navigator.onLine) return; // nothing to look for; no error to show
    if (!sw.controller && Date.now() - (storage?.read(FULL) || 0) < RETRY_FULL) {
      state = "quota"; // not again on every page: each try downloads files it cannot keep
      return show();
    }
    save();
  }

  /* Saving the copy: after the first load, and again once it broke off (the line went, or
     the worker's own script never came) when the line is back or another page opens: the
     foot says it goes on, and pages opened by instant navigation load no document that
     would start it again. */
  var saving = null;
  function save() {
    if (!saving)
      saving = sw.register(workerUrl.href, { updateViaCache: "none" }).then(
        (found) => {
          registration = found;
        },
        () => {}, // no service worker (private mode, file://), or no line: tried again later
      );
  }
  function resume() {
    if (!saving || sw.controller || !navigator.onLine) return; // before load, or saved
    if (state !== "network" && registration) return; // (a deploy in progress: on a new load)
    saving = null;
    save();
  }
  window.addEventListener("online", resume);
  // No line while saving: the foot said 正在存 58% for as long (the worker tries again).
  window.addEventListener("offline", () => {
    // A tapped page on its way when the line went, before the copy is complete: it cannot
    // come now (网络很慢，请稍等 told the reader to wait for it).
    if (slow && !sw.controller) {
      arrived();
      toast("cut");
    }
    if (state !== "saving") return;
    state = "network";
    show();
  });

  window.addEventListener(
    "click",
    (event) => {
      // Offline before the first copy is complete: the tap would do nothing (instant
      // navigation's fetch fails) or end on the browser's own error page.
      var cut = !sw.controller && !navigator.onLine;
      if (
        !(stale || cut) ||
        event.defaultPrevented ||
        event.button ||
        event.metaKey ||
        event.ctrlKey
      )
        return;
      var link = event.target.closest?.("a[href]");
      if (!link || link.target || link.hasAttribute("download")) return;
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin || url.pathname === location.pathname) return;
      event.stopPropagation(); // Material does not see the tap; the browser follows the link
      if (!cut) return;
      event.preventDefault();
      arrived(); // no 网络很慢，请稍等 after it: the page is not on its way
      toast("cut");
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

  // Each page instant navigation brings has its own foot.
  if (window.document$)
    window.document$.subscribe(() => {
      arrived();
      show();
      resume();
    });
  else show();
  start(); // the page is in (this script comes after it)
})();
