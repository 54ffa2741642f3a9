// The long version of tests/crash.test.mjs, run by hand (not in CI): kill -9 many times under a storm of edits by
// several real rc.12 clients, on H2 and, when TANDEM_TEST_PG_HOST is set, on PostgreSQL; then check that nothing
// acknowledged was lost and that every client converged. Prints a summary per database and exits non-zero if any
// check failed.
//
// Usage (after 'mvn package -DskipTests' and 'npm ci' in compat/):
//   node soak/crash.mjs [--cycles 10] [--clients 3] [--models 2] [--seed 19] [--database h2|postgres|both]
// PostgreSQL: TANDEM_TEST_PG_HOST / _PORT / _USER / _PASSWORD name a server whose user may create databases.
import { parseArgs } from "node:util";
import { killCycles, serverSettings } from "../lib/crash.mjs";
import { discardServerFiles } from "../lib/server.mjs";

const { values: args } = parseArgs({
  options: {
    cycles: { type: "string", default: "10" },
    clients: { type: "string", default: "3" },
    models: { type: "string", default: "2" },
    seed: { type: "string", default: "19" },
    database: { type: "string", default: process.env.TANDEM_TEST_PG_HOST ? "both" : "h2" },
  },
});
const databases = args.database === "both" ? ["h2", "postgres"] : [args.database];
if (databases.includes("postgres") && !process.env.TANDEM_TEST_PG_HOST) {
  console.error("PostgreSQL needs TANDEM_TEST_PG_HOST (and _PORT, _USER, _PASSWORD)");
  process.exit(2);
}

const summaries = [];
for (const database of databases) {
  const settings = await serverSettings("soak-crash", database);
  console.log(
    `# ${database}: ${args.cycles} kill -9 cycles, ${args.clients} clients, ${args.models} models; ` +
      `server log ${settings.logFile}`,
  );
  const started = Date.now();
  let summary;
  try {
    const result = await killCycles({
      settings,
      cycles: Number(args.cycles),
      clients: Number(args.clients),
      models: Number(args.models),
      seed: Number(args.seed),
      log: (line) => console.log(`# ${database}: ${line}`),
    });
    summary = {
      database,
      cycles: result.cycles.length,
      edits: result.edits,
      acknowledged: result.acknowledged,
      inFlightAtKills: result.cycles.reduce((n, c) => n + c.inFlight, 0),
      kept: result.kept,
      lost: result.lost,
      reloaded: result.reloads,
      converged: true,
      versions: result.versions.join("/"),
      minutes: ((Date.now() - started) / 60_000).toFixed(1),
      problems: result.problems,
    };
  } catch (e) {
    summary = {
      database,
      converged: false,
      minutes: ((Date.now() - started) / 60_000).toFixed(1),
      problems: [e.message],
    };
  }
  summaries.push(summary);
  discardServerFiles(settings.work, ["server.log"]);
}

console.log("\n# summary");
console.table(summaries.map(({ problems, ...row }) => ({ ...row, ok: problems.length === 0 })));
for (const { database, problems } of summaries) {
  for (const problem of problems) console.log(`# ${database}: ${problem}`);
}
// Clients that were still reconnecting when disposed can keep timers alive: the verdict is in, leave.
process.exit(summaries.every((s) => s.problems.length === 0) ? 0 : 1);
