/* Runs overrides/assets/js/fsrs.js under Node for tests/unit/test_fsrs.py: every stdin line is
 * one JSON question, every stdout line its answer.
 *   {"reviews": [[days since the last review, grade], ...], "w": weights or null}
 *     → our card after each review: [{s, d, ivl}, ...]
 *   the same with "engine": "ts-fsrs" → the ts-fsrs package's long-term scheduler (the pinned
 *     devDependency), for the cross-check
 *   {"replay": history, "hour": h} → the card a stored history makes (or null)
 *   {"day": milliseconds, "hour": h} → the handbook day number of that moment */

const path = require("node:path");
const readline = require("node:readline");

const ours = require(path.join(__dirname, "../../overrides/assets/js/fsrs.js"));
const DAY = 86400000;
// ts-fsrs says what it does with 19 weights on the console: keep stdout for the answers.
console.debug = console.info = console.log = console.warn = console.error;

function oursReviews(reviews, weights) {
  const fsrs = weights ? ours.model(weights) : ours.standard;
  let card = null;
  let day = 0;
  return reviews.map(([t, grade]) => {
    day += t;
    card = fsrs.review(card, day, grade);
    return { s: card.s, d: card.d, ivl: card.ivl };
  });
}

function tsFsrsReviews(reviews, weights) {
  const { fsrs, createEmptyCard, generatorParameters } = require("ts-fsrs");
  const options = { enable_short_term: false, enable_fuzz: false };
  if (weights) options.w = weights;
  const scheduler = fsrs(generatorParameters(options));
  let now = new Date(2024, 0, 1, 12);
  let card = createEmptyCard(now);
  return reviews.map(([t, grade]) => {
    now = new Date(now.getTime() + t * DAY);
    card = scheduler.next(card, now, grade).card;
    return { s: card.stability, d: card.difficulty, ivl: card.scheduled_days };
  });
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const ask = JSON.parse(line);
  let answer;
  if (ask.reviews) {
    const run = ask.engine === "ts-fsrs" ? tsFsrsReviews : oursReviews;
    answer = run(ask.reviews, ask.w);
  } else if ("replay" in ask) {
    answer = ours.replay(ask.replay, ask.hour);
  } else {
    answer = ours.dayOf(ask.day, ask.hour);
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
});
