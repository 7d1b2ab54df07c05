/* The device's storage as every widget uses it: JSON values, and storage that is full, blocked
   or holds garbage is never fatal (read gives null, write gives false). */
"use strict";

window.hbStorage = {
  read(key) {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch {
      return null; // no storage, or not JSON
    }
  },
  /* Stores `value`; a missing value (null, undefined) removes the key. */
  write(key, value) {
    try {
      if (value == null) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
      return true;
    } catch {
      return false; // full or blocked
    }
  },
};
