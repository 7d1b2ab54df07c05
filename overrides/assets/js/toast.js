/* A line shown for a moment where the reader looks (anchors.js: a place's link copied;
   offline.js: how the offline copy stands). It goes in as an empty live region and gets its
   words a frame later: a region inserted with its words is not read out by every screen
   reader. A tap goes through it (pointer-events: none) to what lies under, 下一题 say, and
   takes it away; otherwise it goes by itself. A toast of a `kind` replaces the one before. */
"use strict";

window.hbToast = (words, ms, kind = "") => {
  if (kind) document.querySelector(`.hb-toast--${kind}`)?.remove();
  const note = document.createElement("p");
  note.className = kind ? `hb-toast hb-toast--${kind}` : "hb-toast";
  note.setAttribute("role", "status");
  document.body.append(note);
  requestAnimationFrame(() => note.append(...words));
  const remove = () => note.remove();
  document.addEventListener("pointerdown", remove, { capture: true, once: true });
  setTimeout(remove, ms);
};
