/* Runs overrides/assets/js/checker-core.js under Node for the differential test: the spec is
 * read from the file named by argv[2]; then every stdin line is a JSON string of text and every
 * stdout line the findings as [phrase id, line, column, text], the key Python's Finding uses. */

const fs = require("node:fs");
const path = require("node:path");
const readline = require("node:readline");

const core = require(path.join(__dirname, "../../overrides/assets/js/checker-core.js"));
const compiled = core.compileSpec(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const findings = core.findPhrases(JSON.parse(line), compiled);
  const keys = findings.map((f) => [f.phrase.id, f.line, f.column, f.text]);
  process.stdout.write(`${JSON.stringify(keys)}\n`);
});
