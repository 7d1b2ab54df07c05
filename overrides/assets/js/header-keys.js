/* Keys on the header's buttons. */
"use strict";

/* The light/dark toggle: Enter on it steps to the next option in order, as Material's handler
   does, which on a phone set to light chose light and changed nothing. Go where the button on
   screen leads instead (overrides/partials/palette.html), before Material sees the key. */
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

/* 打开目录 and 搜索: a button inside each label of a hidden checkbox (partials/header.html).
   Enter or Space clicks it, as they press a button, and the click opens what the label opens. */
document.addEventListener("keydown", (event) => {
  const press = event.target.closest?.(".hb-press");
  if (!press || (event.key !== "Enter" && event.key !== " ")) return;
  event.preventDefault();
  press.click();
});
