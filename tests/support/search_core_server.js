/* Runs overrides/assets/javascripts/workers/search-core.js under Node over a built index: the
 * index file is argv[2]; every stdin line is a JSON query string, every stdout line the
 * locations of its results, best first (what the search box would list). */
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const readline = require("node:readline");

const core = require(
  path.join(__dirname, "../../overrides/assets/javascripts/workers/search-core.js"),
);
const text = fs.readFileSync(process.argv[2], "utf8");
const index = core.buildIndex(JSON.parse(text));

/* CPU milliseconds that `work` takes, each of `times` runs. */
const cpuMs = (times, work) =>
  Array.from({ length: times }, () => {
    const start = process.cpuUsage();
    work();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  });

/* A line {"marks": query} asks for the words each result marks too: [[location, words]];
 * a line {"weak": query} whether the page says the best result only comes near it; a line
 * {"cost": {builds, queries}} what building the index and each search take, in CPU ms. */
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const asked = JSON.parse(line);
  if (asked.cost !== undefined) {
    const builds = cpuMs(asked.cost.builds, () => core.buildIndex(JSON.parse(text)));
    const queries = asked.cost.queries.flatMap((q) => cpuMs(1, () => core.search(index, q)));
    process.stdout.write(`${JSON.stringify({ builds, queries })}\n`);
    return;
  }
  const results = core.search(index, asked.marks ?? asked.weak ?? asked);
  if (asked.weak !== undefined) {
    process.stdout.write(`${JSON.stringify(core.weak(results))}\n`);
    return;
  }
  const answer = asked.marks
    ? results.map((r) => [r.doc.location, Object.keys(r.terms).filter((w) => r.terms[w])])
    : results.map((r) => r.doc.location);
  process.stdout.write(`${JSON.stringify(answer)}\n`);
});
