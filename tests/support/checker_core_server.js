/* Runs overrides/assets/js/checker-core.js under Node for the differential test: the spec is
 * read from the file named by argv[2]; then every stdin line is a JSON string of text and every
 * stdout line what the page shows of it: the findings as [phrase id, line, column, text], the
 * key Python's Finding uses, and the turns as [customer, words, the turn's text]. */

const fs = require("node:fs");
const path = require("node:path");
const readline = require("node:readline");

const core = require(path.join(__dirname, "../../overrides/assets/js/checker-core.js"));
const compiled = core.compileSpec(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const text = JSON.parse(line);
  const { findings, turns } = core.readText(text, compiled);
  const keys = findings.map((f) => [f.phrase.id, f.line, f.column, f.text]);
  const said = turns.map((t) => [t.customer, t.words, text.slice(t.start, t.end)]);
  process.stdout.write(`${JSON.stringify({ findings: keys, turns: said })}\n`);
});
