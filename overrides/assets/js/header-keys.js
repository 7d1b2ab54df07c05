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

/* 打开目录 and 搜索 are labels of hidden checkboxes (overrides/partials/header.html):
   Material clicks a focused label on Enter; Space, which presses a button, does so too. */
document.addEventListener("keydown", (event) => {
  const label = event.target.closest?.("label[role=button]");
  if (!label || event.key !== " ") return;
  event.preventDefault();
  label.click();
});
