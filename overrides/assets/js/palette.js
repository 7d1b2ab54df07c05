/* The light/dark toggle from the keyboard: Enter on it steps to the next option in order, as
   Material's handler does, which on a phone set to light chose light and changed nothing. Go
   where the button on screen leads instead (overrides/partials/palette.html), before Material
   sees the key. */
"use strict";

document.addEventListener(
  "keydown",
  (event) => {
    const form = event.target.closest?.('[data-md-component="palette"]');
    const shown = form && [...form.querySelectorAll("label")].find((l) => l.offsetParent);
    const next = shown && document.getElementById(shown.htmlFor);
    if (event.key !== "Enter" || !next) return;
    event.preventDefault();
    event.stopPropagation();
    next.click();
    next.focus();
  },
  true,
);
