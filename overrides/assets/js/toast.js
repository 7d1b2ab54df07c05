/* A line shown for a moment where the reader looks (anchors.js: a place's link copied;
   offline.js: how the offline copy stands). It goes in as an empty live region and gets its
   words a frame later: a region inserted with its words is not read out by every screen
   reader. A tap goes through it (pointer-events: none) to what lies under, 下一题 say, and
   takes it away, as does scrolling on or a key (it covered the lines read next, and the row
   a Tab had just focused); otherwise it goes by itself. A toast of a `kind` replaces the one
   before. */
"use strict";

window.hbToast = (words, ms, kind = "") => {
  if (kind) document.querySelector(`.hb-toast--${kind}`)?.remove();
  const note = document.createElement("p");
  note.className = kind ? `hb-toast hb-toast--${kind}` : "hb-toast";
  note.setAttribute("role", "status");
  document.body.append(note);
  requestAnimationFrame(() => note.append(...words));
  const gone = new AbortController();
  const remove = () => {
    note.remove();
    gone.abort();
  };
  for (const type of ["pointerdown", "touchmove", "wheel", "keydown"])
    document.addEventListener(type, remove, { capture: true, passive: true, signal: gone.signal });
  setTimeout(remove, ms);
};
