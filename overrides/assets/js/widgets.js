/* The widgets' own bundles (checklist, quiz, checker) load only on the pages that have them.
   On a full load overrides/main.html lists them: the stylesheet in the head, the script after
   this bundle. Material's instant navigation adds the stylesheets of the new page's head to the
   head (and takes away those it does not list), but runs no script outside the page's content:
   so on each page, load the widget scripts it needs that are not loaded yet, once. Each widget
   script then starts on every page itself (document$ replays the current one). Until a new
   page's widget stylesheet and script are in, the page is laid out but not shown, so nobody
   sees an unstyled checklist or a quiz without its buttons.
   Which bundles a page needs the build says in the page's content (data-hb-bundles:
   overrides/main.html, from the data attributes of its widgets; macros/site/bundles.py), so
   the script holds no table of them. */
"use strict";

(() => {
  const bundle = document.currentScript;
  const scripts = new Map(); // script address → null once it ran, a promise until then

  function script(address) {
    if (!scripts.has(address)) {
      const element = document.createElement("script");
      element.async = false; // run in the order added: the review queue after its feed
      element.src = address;
      scripts.set(
        address,
        new Promise((done) => {
          element.onload = () => {
            scripts.set(address, null);
            done();
          };
          element.onerror = () => {
            scripts.delete(address); // offline and not saved yet: the next such page tries again
            element.remove();
            done();
          };
        }),
      );
      document.body.append(element);
    }
    return scripts.get(address);
  }
  // For a widget's own later scripts (checker-loader.js): settles once loaded or failed.
  window.hbScript = async (address) => script(address);

  if (!bundle) return;
  const root = new URL("../", bundle.src); // this bundle is assets/handbook.js
  // The offline copy's script (registering sw.js, the line at the foot) once the page is in:
  // reading the page needs none of it, and the copy it starts downloads the whole handbook.
  // Lost to a dropped line, it is fetched again with the next page or when the line is back.
  const offline = () => script(new URL("assets/offline.js", root).href);
  if (navigator.serviceWorker)
    addEventListener(
      "load",
      () => {
        addEventListener("online", offline);
        if (window.document$) window.document$.subscribe(offline);
        else offline();
      },
      { once: true },
    );

  // What only a keyboard needs (keyboard.js) once the page is in, or at a key before that: a
  // tap needs none of it to read the page. Lost to a dropped line, it is fetched at a key.
  // Enter or Space on a header button before it came is pressed again once it is in (搜索
  // by Enter in the page's first moment did nothing, and Space scrolled the page instead).
  const keyboard = () => script(new URL("assets/keyboard.js", root).href);
  // What Enter and Space press (keyboard.js reads it too): the header's buttons, the drawer's.
  window.hbPressable = ".hb-press, .md-nav label[for]";
  addEventListener(
    "keydown",
    (event) => {
      const press =
        !window.hbKeyboard &&
        (event.key === "Enter" || event.key === " ") &&
        event.target.closest?.(window.hbPressable);
      const coming = keyboard(); // null once it has run
      if (!press) return;
      event.preventDefault();
      Promise.resolve(coming).then(() => {
        if (window.hbKeyboard && press.isConnected)
          press.dispatchEvent(new KeyboardEvent("keydown", { key: event.key, bubbles: true }));
      });
    },
    true,
  );
  addEventListener("load", keyboard, { once: true });

  if (!window.document$) return;
  const WAITING = "hb-widgets-waiting"; // on <html>: the content is hidden (handbook.css)
  const PATIENCE = 3000; // ms: show the page anyway when a file does not come

  /* The stylesheet is in the head (main.html; Material adds it on instant navigation). */
  function stylesheet(address) {
    let link = [...document.querySelectorAll('link[rel="stylesheet"]')].find(
      (element) => element.href === address,
    );
    if (link?.sheet) return null;
    if (!link) {
      link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = address;
      document.head.append(link);
    }
    return new Promise((done) => {
      link.addEventListener("load", done, { once: true });
      link.addEventListener("error", done, { once: true });
    });
  }

  let shown = 0; // which page the last wait was for
  window.document$.subscribe(() => {
    const page = ++shown;
    if (page === 1) {
      // The scripts main.html listed have run. Read their addresses now, on the page they were
      // written for: those after Material's bundle stay relative to it (Material made the
      // others absolute when it started).
      for (const element of document.scripts) if (element.src) scripts.set(element.src, null);
    }
    const needed = document.querySelector("[data-hb-bundles]")?.dataset.hbBundles ?? "";
    // Each bundle, or after "|" those that hold it: one of them run already will do.
    const pending = needed
      .split(" ")
      .filter(Boolean)
      .map((choice) => choice.split("|").map((path) => new URL(path, root).href))
      .filter((choices) => !choices.some((address) => scripts.get(address) === null))
      .map(([address]) => (address.endsWith(".css") ? stylesheet(address) : script(address)))
      .filter(Boolean);
    const html = document.documentElement;
    html.classList.toggle(WAITING, pending.length > 0);
    if (!pending.length) return;
    const patience = new Promise((done) => setTimeout(done, PATIENCE));
    Promise.race([Promise.all(pending), patience]).then(() => {
      if (page !== shown) return;
      html.classList.remove(WAITING);
      // Hidden, the page lost the focus anchors.js gave it (to <body>, heard as nothing).
      if (document.activeElement === document.body) window.hbFocusPage?.();
      // The browser went to the place (a search result, a 见 link) before these styles were
      // in; they moved it (a chapter's cards): go there again (assets/js/anchors.js).
      if (location.hash) window.hbReveal?.(new URL(location.href));
    });
  });
})();
