// Runs the compat suite: starts a real Tandem server (target/tandem.jar) with fixtures, runs every
// tests/*.test.mjs with node's test runner against it, stops it. Runs once on the embedded H2 database, and again
// on PostgreSQL when TANDEM_TEST_PG_HOST (and _PORT, _USER, _PASSWORD) are set.
//
// Usage: node run.mjs            (after 'mvn package' has built target/tandem.jar)
//
// Against a server started elsewhere (Payara Server, WildFly: the EAR; see .ci/full-servers.sh), in two steps:
//   node run.mjs --prepare DIR      writes the seed file and fixtures into DIR, and DIR/server.env: the settings
//                                   (environment variables, shell syntax) the server must start with
//   node run.mjs --port PORT --fixtures DIR [--server-log FILE] [--database NAME] [--health-port PORT] [--server payara|wildfly]
//                                   runs the test files TANDEM_COMPAT_ONLY names (all by default) against that
//                                   server; the runner starts and stops nothing, so tests that restart the server
//                                   (crash, durability, first-start) do not belong in the selection; --health-port:
//                                   where MicroProfile Health answers if not on PORT (WildFly's management port);
//                                   --server: payara (default) or wildfly, for the few container-specific checks
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

/** The settings the server under test starts with: the fixtures' own and the suite's limits. */
function suiteServerEnv(serverEnv) {
  // A low message rate, so that the rate-limit tests exceed it whatever the machine's speed (the defaults, 1000/s and
  // bursts of 2000, are above what a busy 2-core machine can process, so they could never be hit there).
  return {
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
}

/**
 * A test file's process ends once its tests have: an rc.12 client whose server died or stalled under it can keep a
 * timer after its dispose() (seen in tests/cluster-models.test.mjs: four timeouts, for ever), and the runner would
 * wait for that file until the suite's time limit. Node 20.14 and later have the flag.
 */
const forceExit = (([major, minor]) => major > 20 || (major === 20 && minor >= 14))(
  process.versions.node.split(".").map(Number),
)
  ? ["--test-force-exit"]
  : [];

/**
 * The older client generations' suites (tests/rc4 to rc9): their codecs translate frames at the connection's edge and
 * never reach the database, so when both databases run they run in the first pass only (about two minutes of CI).
 * `TANDEM_COMPAT_DATABASES=postgres` alone still runs them on PostgreSQL.
 */
const firstPassOnly = (file) => /^rc\d+\.test\.mjs$/.test(path.basename(file));

/** Runs the given test files against the server on `port`; returns the exit status. */
function runTests({ port, fixturesFile, logFile, database, files = testFiles }) {
  // A hung test must not hang CI (whose whole run has 45 minutes): the suite gets a limit per database.
  const limitMinutes = Number(process.env.TANDEM_COMPAT_TIMEOUT_MINUTES) || 24;
  const result = spawnSync(process.execPath, ["--test", "--test-concurrency=1", ...forceExit, ...files], {
    cwd: here,
    stdio: "inherit",
    timeout: limitMinutes * 60_000,
    killSignal: "SIGKILL",
    env: {
      ...process.env,
      TANDEM_COMPAT_PORT: String(port),
      TANDEM_COMPAT_FIXTURES: fixturesFile,
      ...(logFile ? { TANDEM_COMPAT_SERVER_LOG: logFile } : {}),
      TANDEM_COMPAT_DATABASE: database,
    },
  });
  if (result.error?.code === "ETIMEDOUT") {
    console.log(
      `# compat on ${database}: the tests did not finish within ${limitMinutes} minutes (TANDEM_COMPAT_TIMEOUT_MINUTES) and were killed`,
    );
  }
  return result.status ?? 1;
}

/**
 * The model writers check at start that their JTA transactions get enlisted connections (ModelService): a writer
 * that does not commits statement by statement, which no test of behaviour sees. Returns whether the log is clean.
 */
function writersEnlisted(logFile, database) {
  const unenlisted = fs
    .readFileSync(logFile, "utf8")
    .split("\n")
    .filter((line) => /connections not enlisted in JTA transactions|could not check the transactions/.test(line));
  if (unenlisted.length > 0) {
    console.log(`# compat on ${database}: model writers without transactional connections:\n${unenlisted.join("\n")}`);
  }
  return unenlisted.length === 0;
}

/**
 * A thread of the server that died of an exception is printed by the JVM (not logged) and fails no test by itself:
 * any such line in the whole log fails the suite. Returns whether the log has none.
 */
function noThreadDied(logFile, database) {
  const lines = fs.readFileSync(logFile, "utf8").split("\n");
  const died = lines.flatMap((line, i) =>
    /^Exception in thread "/.test(line) ? [lines.slice(i, i + 6).join("\n")] : [],
  );
  if (died.length > 0) {
    console.log(`# compat on ${database}: ${died.length} server thread(s) died of an exception:\n${died.join("\n")}`);
  }
  return died.length === 0;
}

async function runSuite(database, files) {
  const work = tempDir(`tandem-compat-${database}-`);
  const { seedFile, fixturesFile, serverEnv } = writeFixtures(work);
  const db = database === "postgres" ? freshPostgresDatabase(`tandem_compat_${Date.now()}`) : null;
  const logFile = path.join(work, "server.log");
  console.log(`# compat on ${database}: server log ${logFile}`);
  const env = suiteServerEnv(serverEnv);
  const server = await startServer({ dataDir: path.join(work, "data"), seedFile, db, logFile, env });
  console.log(`# ${server.readyLine.trim()} (${server.startupMillis} ms from spawn)`);
  let status;
  try {
    status = runTests({ port: server.port, fixturesFile, logFile, database, files });
  } finally {
    await server.stop();
  }
  if (!writersEnlisted(logFile, database)) status = 1;
  if (!noThreadDied(logFile, database)) status = 1;
  if (status !== 0) {
    console.log(`# compat on ${database} FAILED; last server log lines:`);
    console.log(fs.readFileSync(logFile, "utf8").split("\n").slice(-60).join("\n"));
  }
  // Whatever the outcome, the log (and fixtures) stay; the server's files go.
  discardServerFiles(work, ["server.log", "fixtures.json", "seed.json"]);
  return status;
}

/** Shell syntax for `source`: one `export KEY='value'` line per setting. */
function shellExports(env) {
  return Object.entries(env)
    .map(([key, value]) => `export ${key}='${String(value).replaceAll("'", "'\\''")}'\n`)
    .join("");
}

/** --prepare DIR: the seed, the fixtures and the server's settings for a server started by someone else. */
function prepare(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const { seedFile, fixturesFile, serverEnv } = writeFixtures(dir);
  const envFile = path.join(dir, "server.env");
  fs.writeFileSync(envFile, shellExports({ TANDEM_BOOTSTRAP_FILE: seedFile, ...suiteServerEnv(serverEnv) }));
  console.log(`# compat fixtures in ${fixturesFile}; start the server with the settings in ${envFile}`);
  return 0;
}

/** --port PORT --fixtures DIR: the selected tests against a running server whose settings --prepare wrote. */
function againstRunningServer(args) {
  const port = Number(args.port);
  const fixturesFile = path.join(args.fixtures ?? "", "fixtures.json");
  if (!port || !fs.existsSync(fixturesFile)) {
    console.error(
      "usage: node run.mjs --port PORT --fixtures DIR [--server-log FILE] [--database NAME] [--health-port PORT] [--server payara|wildfly]",
    );
    console.error(`  (DIR must hold the fixtures.json written by --prepare; ${fixturesFile} is missing)`);
    return 2;
  }
  const database = args.database ?? "postgres";
  const logFile = args["server-log"];
  console.log(`# compat on a running server (port ${port}, ${database}): ${testFiles.length} file(s)`);
  if (args["health-port"]) process.env.TANDEM_COMPAT_HEALTH_PORT = String(Number(args["health-port"]));
  if (args.server) process.env.TANDEM_COMPAT_SERVER = args.server;
  let status = runTests({ port, fixturesFile, logFile, database });
  if (logFile && !writersEnlisted(logFile, database)) status = 1;
  if (logFile && !noThreadDied(logFile, database)) status = 1;
  return status;
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith("--") || argv[i + 1] === undefined) {
      throw new Error(
        `unexpected argument ${argv[i]}: options are --prepare, --port, --fixtures, --server-log, --database, --health-port, --server`,
      );
    }
    args[argv[i].slice(2)] = argv[i + 1];
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
if (args.prepare) {
  process.exit(prepare(args.prepare));
} else if (args.port || args.fixtures) {
  process.exit(againstRunningServer(args));
} else {
  // TANDEM_COMPAT_DATABASES=postgres (or h2) runs one pass only, for a quicker run while working on one part.
  const databases = (process.env.TANDEM_COMPAT_DATABASES?.split(",") ?? ["h2", "postgres"]).filter(
    (d) => d === "h2" || (d === "postgres" && process.env.TANDEM_TEST_PG_HOST),
  );
  let failed = 0;
  for (const [pass, database] of databases.entries()) {
    const files = pass === 0 ? testFiles : testFiles.filter((file) => !firstPassOnly(file));
    if (files.length < testFiles.length) {
      console.log(
        `# compat on ${database}: ${testFiles.length - files.length} generation suite(s) ran in the first pass only`,
      );
    }
    // node --test with no file would look for test files itself and run them all
    if (files.length > 0 && (await runSuite(database, files)) !== 0) failed++;
  }
  process.exit(failed ? 1 : 0);
}
