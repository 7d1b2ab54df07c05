/* What changed since this phone's last visit: the part every page runs, kept tiny. The build
   names its content in window.hbContent, the first lines of this bundle (a hash of what staff
   see, macros/site/bundles.py common_head; not in every page, so a one-entry edit changes
   only the pages that show it): the service worker gives a page the bundle of the page's own
   build. assets/whatsnew.js stores the content it last compared in
   localStorage["hb-whatsnew:v1"] with the marks still to be seen. Only when those differ from
   the page, or marks wait, does this load assets/whatsnew.js and its stylesheet, which do the
   rest. A first visit only stores the manifest, once the service worker controls the page: the
   manifest then comes from the offline copy, not the network (where the browser has no service
   workers at all, plain http, after load; where it has them but the worker never comes, never).
   Storage blocked: nothing happens. */
"use strict";

(() => {
  const stamp = window.hbContent;
  const bundle = document.currentScript; // assets/handbook.js
  if (typeof stamp !== "string" || !bundle || !window.document$) return;
  // Now: the bundle's src may be relative, and instant navigation changes the page it is read on.
  const root = new URL("../", bundle.src);
  let state;
  try {
    state = localStorage.getItem("hb-whatsnew:v1");
  } catch {
    return;
  }
  try {
    state = JSON.parse(state);
  } catch {
    state = null; // corrupt: whatsnew.js starts afresh
  }
  if (state?.stamp === stamp && Array.isArray(state.marks) && !state.marks.length) return;

  let loaded = false;
  const load = () => {
    if (loaded) return;
    loaded = true;
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("assets/whatsnew.css", root).href;
    const script = document.createElement("script");
    script.src = new URL("assets/whatsnew.js", root).href;
    style.onload = style.onerror = () => document.body.append(script); // marks come styled
    // In the body: instant navigation drops head stylesheets the next page does not list.
    document.body.append(style);
  };
  const sw = navigator.serviceWorker;
  if (typeof state?.stamp === "string" || sw?.controller) load();
  else if (sw) sw.addEventListener("controllerchange", load);
  else if (document.readyState === "complete") load();
  else addEventListener("load", load);
})();
