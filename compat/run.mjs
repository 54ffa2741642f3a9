// Runs the compat suite: starts a real Tandem server (target/tandem.jar) with fixtures, runs every
// tests/*.test.mjs with node's test runner against it, stops it. Runs once on the embedded H2 database, and again
// on PostgreSQL when TANDEM_TEST_PG_HOST (and _PORT, _USER, _PASSWORD) are set.
//
// Usage: node run.mjs            (after 'mvn package' has built target/tandem.jar)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MODEL_IDLE_UNLOAD_MILLIS, writeFixtures } from "./lib/fixtures.mjs";
import { discardServerFiles, freshPostgresDatabase, startServer, tempDir } from "./lib/server.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const testFiles = fs
  .readdirSync(path.join(here, "tests"))
  .filter(
    (f) =>
      f.endsWith(".test.mjs") &&
      (!process.env.TANDEM_COMPAT_ONLY || process.env.TANDEM_COMPAT_ONLY.split(",").some((part) => f.includes(part))),
  )
  .sort()
  .map((f) => path.join("tests", f));

async function runSuite(database) {
  const work = tempDir(`tandem-compat-${database}-`);
  const { seedFile, fixturesFile, serverEnv } = writeFixtures(work);
  const db = database === "postgres" ? freshPostgresDatabase(`tandem_compat_${Date.now()}`) : null;
  const logFile = path.join(work, "server.log");
  console.log(`# compat on ${database}: server log ${logFile}`);
  // A low message rate, so that the rate-limit tests exceed it whatever the machine's speed (the defaults, 1000/s and
  // bursts of 2000, are above what a busy 2-core machine can process, so they could never be hit there).
  const env = {
    TANDEM_REALTIME_MAX_MESSAGES_PER_SECOND: "200",
    // A client that keeps sending requests over the rate is closed after this long (default 10 s).
    TANDEM_REALTIME_FLOOD_GRACE_SECONDS: "3",
    TANDEM_REALTIME_MESSAGE_BURST: "1000",
    // offline copies are checked every second, so offline.test.mjs sees updates without waiting minutes
    TANDEM_MODEL_OFFLINE_SYNC_INTERVAL_SECONDS: "1",
    TANDEM_MODEL_IDLE_UNLOAD_MILLIS: String(MODEL_IDLE_UNLOAD_MILLIS),
    // limits.test.mjs opens one model more than this on one connection (the default is 1000)
    TANDEM_MODEL_MAX_OPEN_PER_CONNECTION: "50",
    // limits.test.mjs grows a model past this (the default is 16 Mi)
    TANDEM_MODEL_MAX_SIZE: "1000000",
    // the least history in memory the server accepts (2,048 operations), so kept-history.test.mjs reaches past it
    TANDEM_MODEL_KEPT_HISTORY: "1",
    ...serverEnv,
  };
  const server = await startServer({ dataDir: path.join(work, "data"), seedFile, db, logFile, env });
  console.log(`# ${server.readyLine.trim()} (${server.startupMillis} ms from spawn)`);
  let status;
  try {
    // A hung test must not hang CI (whose whole run has 45 minutes): the suite gets a limit per database.
    const limitMinutes = Number(process.env.TANDEM_COMPAT_TIMEOUT_MINUTES) || 20;
    const result = spawnSync(process.execPath, ["--test", "--test-concurrency=1", ...testFiles], {
      cwd: here,
      stdio: "inherit",
      timeout: limitMinutes * 60_000,
      killSignal: "SIGKILL",
      env: {
        ...process.env,
        TANDEM_COMPAT_PORT: String(server.port),
        TANDEM_COMPAT_FIXTURES: fixturesFile,
        TANDEM_COMPAT_SERVER_LOG: logFile,
        TANDEM_COMPAT_DATABASE: database,
      },
    });
    if (result.error?.code === "ETIMEDOUT") {
      console.log(
        `# compat on ${database}: the tests did not finish within ${limitMinutes} minutes (TANDEM_COMPAT_TIMEOUT_MINUTES) and were killed`,
      );
    }
    status = result.status ?? 1;
  } finally {
    await server.stop();
  }
  // The model writers check at start that their JTA transactions get enlisted connections (ModelService): a writer
  // that does not commits statement by statement, which no test of behaviour sees.
  const unenlisted = fs
    .readFileSync(logFile, "utf8")
    .split("\n")
    .filter((line) => /connections not enlisted in JTA transactions|could not check the transactions/.test(line));
  if (unenlisted.length > 0) {
    console.log(`# compat on ${database}: model writers without transactional connections:\n${unenlisted.join("\n")}`);
    status = 1;
  }
  if (status !== 0) {
    console.log(`# compat on ${database} FAILED; last server log lines:`);
    console.log(fs.readFileSync(logFile, "utf8").split("\n").slice(-60).join("\n"));
  }
  // Whatever the outcome, the log (and fixtures) stay; the server's files go.
  discardServerFiles(work, ["server.log", "fixtures.json", "seed.json"]);
  return status;
}

const databases = ["h2", ...(process.env.TANDEM_TEST_PG_HOST ? ["postgres"] : [])];
let failed = 0;
for (const database of databases) {
  if ((await runSuite(database)) !== 0) failed++;
}
process.exit(failed ? 1 : 0);
