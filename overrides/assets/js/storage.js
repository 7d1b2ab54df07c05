/* The device's storage as every widget uses it: JSON values, and storage that is full, blocked
   or holds garbage is never fatal (read gives null, write gives false). `hbStorage.session` is
   the same over the tab's storage (what a reader left open, kept through Back and reload). */
"use strict";

(() => {
  // A getter: reading `localStorage` itself throws where the browser blocks storage.
  const over = (area) => ({
    read(key) {
      try {
        return JSON.parse(area().getItem(key));
      } catch {
        return null; // no storage, or not JSON
      }
    },
    /* Stores `value`; a missing value (null, undefined) removes the key. */
    write(key, value) {
      try {
        if (value == null) area().removeItem(key);
        else area().setItem(key, JSON.stringify(value));
        return true;
      } catch {
        return false; // full or blocked
      }
    },
  });
  window.hbStorage = { ...over(() => localStorage), session: over(() => sessionStorage) };
})();
