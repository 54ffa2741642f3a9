// Where a start's time goes. Starts Tandem (target/tandem.jar, H2) several times on one data directory: the first
// start is cold (a fresh directory: Payara's runtime unpacked, the schema migrated, the administrator created), the
// others warm (what an operator's restart costs). Each start logs at Payara's own levels (TANDEM_LOG_VERBOSE=true), so
// its timestamped lines give the timeline: the launcher until Payara's first line, Payara's own boot, the deployment
// of the WAR (CDI, JPA, EJB, REST, with the application's start-up singletons: schema, bootstrap), and the rest until
// the launcher prints its ready line (which it does once /api/rest/status answers). It prints the milliseconds from
// the JVM's spawn to each of those marks. Then the same number of starts in the
// default quiet mode, timed only, to show what the verbose log itself costs.
//
// Usage (after 'mvn package -DskipTests' and 'cd compat && npm ci'):
//   node bench/startup.mjs [--runs 4] [--out bench/startup-results.json]
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { discardServerFiles, startServer, tempDir } from "../compat/lib/server.mjs";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "4" }, out: { type: "string" } },
});
const runs = Number(values.runs);

/** Log lines that end a phase: the first line matching each, in this order. */
const MARKS = [
  ["payara-first-line", /Payara Micro Runtime directory is located/],
  ["payara-booted", /Payara Micro .* startup time/],
  ["schema-migrated", /Successfully applied \d+ migrations|Schema .* is up to date/],
  ["deployed", /Deployed \d+ archive/],
];

function timeline(logFile, spawnedAt, readyAt) {
  const stamps = {};
  for (const line of fs.readFileSync(logFile, "utf8").split("\n")) {
    const stamp = /^\[(\d{4}-\d\d-\d\dT[\d:.]+)([+-]\d{4})\]/.exec(line);
    if (!stamp) continue;
    const at = Date.parse(`${stamp[1]}${stamp[2].slice(0, 3)}:${stamp[2].slice(3)}`);
    for (const [name, pattern] of MARKS) {
      if (!(name in stamps) && pattern.test(line)) stamps[name] = at - spawnedAt;
    }
  }
  stamps.ready = readyAt - spawnedAt;
  return stamps;
}

async function start(dataDir, verbose) {
  const logFile = `${dataDir}.log`;
  fs.rmSync(logFile, { force: true });
  const spawnedAt = Date.now();
  const server = await startServer({
    dataDir,
    logFile,
    env: verbose ? { TANDEM_LOG_VERBOSE: "true" } : {},
  });
  const readyAt = spawnedAt + server.startupMillis;
  await server.stop();
  return verbose ? timeline(logFile, spawnedAt, readyAt) : { ready: server.startupMillis };
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const results = { machine: { cpus: os.cpus().length, node: process.version }, verbose: [], quiet: [] };
for (const verbose of [true, false]) {
  const work = tempDir("tandem-startup-");
  for (let run = 0; run < runs; run++) {
    const before = load();
    const phases = await start(`${work}/data`, verbose);
    const row = { run: run === 0 ? "cold" : `warm ${run}`, loadBefore: before, ...phases };
    (verbose ? results.verbose : results.quiet).push(row);
    console.log(`[startup] ${verbose ? "verbose" : "quiet  "} ${row.run}: ${JSON.stringify(phases)} (load ${before})`);
  }
  discardServerFiles(work);
  fs.rmSync(work, { recursive: true, force: true });
}

// The timeline: ms from the spawn of the JVM to each mark, the marks in the order the cold start reached them.
const order = Object.entries(results.verbose[0])
  .filter(([key, value]) => MARKS.some(([name]) => name === key) && typeof value === "number")
  .sort((a, b) => a[1] - b[1])
  .map(([key]) => key);
console.log(`\n| start | ${[...order, "ready"].join(" | ")} |`);
console.log(`| --- | ${[...order, "ready"].map(() => "---").join(" | ")} |`);
for (const row of results.verbose) {
  console.log(`| ${row.run} | ${[...order, "ready"].map((mark) => row[mark] ?? "?").join(" | ")} |`);
}
console.log(`\nquiet starts, ready after (ms): ${results.quiet.map((r) => `${r.run} ${r.ready}`).join(", ")}`);
if (values.out) fs.writeFileSync(values.out, JSON.stringify(results, null, 2) + "\n");
