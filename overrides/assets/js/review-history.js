/* How 今日复习 keeps an item: its history, [[minute, grade], ...] (minutes since 1970; grade
 * 1 again, 2 hard, 3 good, 4 easy, 0 only "met", e.g. a phrase opened). The pages that only
 * feed the queue (review-feed.js) need this much; the scheduler (fsrs.js), which replays a
 * history into a card, is loaded only where the queue is shown. No DOM: Node loads this file
 * with fsrs.js in the tests; in the browser it defines `HandbookHistory`.
 */
"use strict";

(() => {
  const MINUTE = 60000;

  const isEvent = (e) =>
    Array.isArray(e) &&
    e.length === 2 &&
    Number.isInteger(e[0]) &&
    e[0] > 0 &&
    Number.isInteger(e[1]) &&
    e[1] >= 0 &&
    e[1] <= 4;

  const isHistory = (history) =>
    Array.isArray(history) && history.length > 0 && history.every(isEvent);

  const api = { MINUTE, isHistory };
  if (typeof module === "object" && module.exports) module.exports = api;
  else globalThis.HandbookHistory = api;
})();
