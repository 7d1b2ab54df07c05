/* A line shown for a moment where the reader looks (anchors.js: a place's link copied;
   offline.js: how the offline copy stands). It goes in as an empty live region and gets its
   words a frame later: a region inserted with its words is not read out by every screen
   reader. A tap on it takes it away and does nothing else (it went through to what lay
   under, unseen: a first visit's tap to close it opened 对练); a tap elsewhere, scrolling on
   or a key take it away too (it covered the lines read next, and the row a Tab had just
   focused); otherwise it goes by itself. A toast of a `kind` replaces the one before. */
"use strict";

(() => {
  /* While a toast is up, Material's back-to-top button (which it would cover) is marked for
     handbook.css to hide: marked on the button itself, since with a rule on
     body:has(.hb-toast) Chromium restyled the whole page when a toast came or went (on
     禁语速查, 60–100 ms at a cheap phone's speed), as it did for a toast put straight into
     <body> (toasts go into main.html's .hb-toasts). */
  const shown = () =>
    document
      .querySelector(".md-top")
      ?.toggleAttribute("data-hb-toast", document.querySelector(".hb-toast") !== null);

  window.hbToast = (words, ms, kind = "") => {
    if (kind) document.querySelector(`.hb-toast--${kind}`)?.hbRemove();
    const note = document.createElement("p");
    note.className = kind ? `hb-toast hb-toast--${kind}` : "hb-toast";
    note.setAttribute("role", "status");
    (document.querySelector(".hb-toasts") ?? document.body).append(note);
    shown();
    requestAnimationFrame(() => note.append(...words));
    const gone = new AbortController();
    const remove = () => {
      note.remove();
      shown();
      gone.abort();
    };
    note.hbRemove = remove; // a toast of its kind replaces it: its listeners go with it
    // A tap on the toast ends on it (its click): gone at the finger's first touch, the tap's
    // click would land on what lay under it.
    const elsewhere = (event) =>
      (event.type === "pointerdown" && note.contains(event.target)) || remove();
    for (const type of ["pointerdown", "touchmove", "wheel", "keydown"])
      document.addEventListener(type, elsewhere, {
        capture: true,
        passive: true,
        signal: gone.signal,
      });
    note.onclick = remove;
    setTimeout(remove, ms);
  };
})();
