/* Spaced repetition for 今日复习: FSRS-6 (as Anki and ts-fsrs schedule), days only.
 *
 * A faithful small copy of ts-fsrs's long-term scheduler (enable_short_term: false, no fuzz,
 * retention 0.9): the same formulas, default weights and rounding, so the same answers give
 * the same stability, difficulty and interval. tests/unit/test_fsrs.py checks it against the
 * values ts-fsrs publishes in its tests and against the ts-fsrs package itself.
 *
 * What is stored is not a card but its history (review-history.js, loaded before this file in
 * the browser). `replay` turns a history into a card, counting days from `hour` o'clock (the handbook's day start), so any
 * page can record without knowing the algorithm and a history never disagrees with itself.
 * No DOM: Node runs this file in the tests; in the browser it defines `HandbookFsrs`.
 */
"use strict";

(() => {
  const { MINUTE, isHistory } =
    typeof module === "object" && module.exports
      ? require("./review-history.js")
      : globalThis.HandbookHistory;
  // ts-fsrs 5 default weights (FSRS-6); w[20] is the decay of the forgetting curve.
  const WEIGHTS = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
    0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
  ];
  const S_MIN = 0.001;
  const S_MAX = 36500;
  const RETENTION = 0.9;

  // As ts-fsrs 5.4 rounds (8 decimals at the same steps), so results match to the last digit.
  const round8 = (x) => Math.round(x * 1e8) / 1e8;
  const clamp = (x, low, high) => Math.min(Math.max(x, low), high);

  /* The model for weights `w` (19 weights are FSRS-5: ts-fsrs adds w19 = 0, w20 = 0.5). */
  function model(weights = WEIGHTS) {
    const w = weights.length === 19 ? [...weights, 0, 0.5] : weights;
    const decay = -w[20];
    const factor = round8(Math.exp(Math.log(0.9) / decay) - 1);
    const modifier = round8((RETENTION ** (1 / decay) - 1) / factor);
    const initDifficulty = (g) => round8(w[4] - Math.exp((g - 1) * w[5]) + 1);
    const recall = (t, s) => round8((1 + (factor * t) / s) ** decay);

    /* Memory after grade g, t days after the last review (null: never reviewed). */
    function next(memory, t, g, r = memory && recall(t, memory.s)) {
      if (!memory) return { s: Math.max(w[g - 1], 0.1), d: clamp(initDifficulty(g), 1, 10) };
      const { s, d } = memory;
      let stability;
      if (g === 1) {
        const forget = round8(
          clamp(
            w[11] * d ** -w[12] * ((s + 1) ** w[13] - 1) * Math.exp((1 - r) * w[14]),
            S_MIN,
            S_MAX,
          ),
        );
        stability = clamp(round8(s), S_MIN, forget);
      } else {
        const bonus = (g === 2 ? w[15] : 1) * (g === 4 ? w[16] : 1);
        const grown =
          s *
          (1 + Math.exp(w[8]) * (11 - d) * s ** -w[9] * (Math.exp((1 - r) * w[10]) - 1) * bonus);
        stability = round8(clamp(grown, S_MIN, S_MAX));
      }
      const damped = d + round8((-w[6] * (g - 3) * (10 - d)) / 9);
      const difficulty = clamp(round8(w[7] * initDifficulty(4) + (1 - w[7]) * damped), 1, 10);
      return { s: stability, d: difficulty };
    }

    const interval = (s) => Math.min(Math.max(1, Math.round(s * modifier)), S_MAX);

    /* A review on `day`: the card after grade g, with its interval and due day. The four
       possible intervals are kept apart as ts-fsrs keeps them (again < hard < good < easy). */
    function review(card, day, g) {
      const known = card && card.reps > 0;
      const t = known ? Math.max(0, day - card.last) : 0;
      const r = known ? recall(t, card.s) : undefined;
      const memory = [1, 2, 3, 4].map((grade) => next(known ? card : null, t, grade, r));
      const days = memory.map((m) => interval(m.s));
      days[0] = Math.min(days[0], days[1]);
      days[1] = Math.max(days[1], days[0] + 1);
      days[2] = Math.max(days[2], days[1] + 1);
      days[3] = Math.max(days[3], days[2] + 1);
      return {
        ...memory[g - 1],
        ivl: days[g - 1],
        last: day,
        due: day + days[g - 1],
        reps: (known ? card.reps : 0) + 1,
        lapses: (known ? card.lapses : 0) + (known && g === 1 ? 1 : 0),
      };
    }

    return { next, review, interval, recall };
  }

  const standard = model();

  /* The handbook day a moment belongs to: its local date counted from `hour` o'clock, as a
     day number (days since 1970-01-01), so a night shift's answers count for its own day. */
  function dayOf(ms, hour) {
    const at = new Date(ms - hour * 3600000);
    return Math.round(Date.UTC(at.getFullYear(), at.getMonth(), at.getDate()) / 86400000);
  }

  /* A stored history → the card it makes, or null when it is not a history. A "met" item
     (grade 0 only) is new and first due the next day; the same grade twice on one day counts
     once (the checker sees a phrase on every key press, a quiz can be retried). */
  function replay(history, hour, fsrs = standard) {
    if (!isHistory(history)) return null;
    let card = null;
    let previous = null;
    for (const [minute, grade] of [...history].sort((a, b) => a[0] - b[0])) {
      const day = dayOf(minute * MINUTE, hour);
      if (grade === 0) {
        if (!card) card = { reps: 0, lapses: 0, due: day + 1 };
        continue;
      }
      if (previous && previous[0] === day && previous[1] === grade) continue;
      previous = [day, grade];
      card = fsrs.review(card, day, grade);
    }
    return card;
  }

  const api = { model, standard, WEIGHTS, dayOf, replay };
  if (typeof module === "object" && module.exports) module.exports = api;
  else globalThis.HandbookFsrs = api;
})();
