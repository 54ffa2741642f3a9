// Runs the compat suite: starts a real Tandem server (target/tandem.jar) with fixtures, runs every
// tests/*.test.mjs with node's test runner against it, stops it. Runs once on the embedded H2 database, and again
// on PostgreSQL when TANDEM_TEST_PG_HOST (and _PORT, _USER, _PASSWORD) are set.
//
// Usage: node run.mjs            (after 'mvn package' has built target/tandem.jar)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateRsaKeyPair } from "./lib/jwt.mjs";
import { discardServerFiles, freshPostgresDatabase, startServer, tempDir } from "./lib/server.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const testFiles = fs.readdirSync(path.join(here, "tests"))
  .filter((f) => f.endsWith(".test.mjs") && (!process.env.TANDEM_COMPAT_ONLY
    || process.env.TANDEM_COMPAT_ONLY.split(",").some((part) => f.includes(part))))
  .sort()
  .map((f) => path.join("tests", f));

// A short idle time before an unused model unloads, so that a test can reopen a model after it.
const MODEL_IDLE_UNLOAD_MILLIS = 1000;

function writeFixtures(dir) {
  const enabledKey = generateRsaKeyPair();
  const disabledKey = generateRsaKeyPair();
  const users = [
    { username: "alice", password: "alice-secret-1", displayName: "Alice Adams", firstName: "Alice", lastName: "Adams", email: "alice@example.com" },
    { username: "bob", password: "bob-secret-2", displayName: "Bob Brown", firstName: "Bob", lastName: "Brown", email: "bob@example.com" },
    // chat: the third member of a channel, and the one outside it
    { username: "erin", password: "erin-secret-4", displayName: "Erin Evans", firstName: "Erin", lastName: "Evans", email: "erin@example.com" },
    { username: "frank", password: "frank-secret-5", displayName: "Frank Fox", firstName: "Frank", lastName: "Fox", email: "frank@example.com" },
  ];
  // Identity search and paging: twelve users without passwords (no login, no hashing at start), names chosen so
  // that orderings by different fields differ, and a user in no group.
  const searchUsers = Array.from({ length: 12 }, (_, i) => {
    const n = String(i + 1).padStart(2, "0");
    return {
      username: `pager-${n}`, displayName: `Pager ${n}`, firstName: i % 2 ? "Pat" : "Sam",
      lastName: `Z${String(12 - i).padStart(2, "0")}`, email: `pager${n}@paging.example`,
    };
  });
  searchUsers.push({ username: "dave", displayName: "Dave Loner", email: "dave@example.com" });
  const seed = {
    domains: [
      {
        namespace: "convergence", id: "default", displayName: "Default", anonymousAuth: true,
        users: [...users, ...searchUsers],
        groups: [
          { id: "compat-group", description: "compat tests", members: ["alice", "bob"] },
          { id: "editors", description: "Editors", members: ["alice", "pager-01"] },
          { id: "empty-group", members: [] },
          { id: "chat-group", description: "chat permission tests", members: ["frank"] },
        ],
        jwtKeys: [
          { id: "compat-key", description: "compat tests", publicKey: enabledKey.publicKey, enabled: true },
          { id: "compat-disabled-key", description: "disabled on purpose", publicKey: disabledKey.publicKey, enabled: false },
        ],
      },
      {
        namespace: "compat", id: "closed", displayName: "No anonymous access", anonymousAuth: false,
        users: [{ username: "carol", password: "carol-secret-3", displayName: "Carol Clark" }],
        // Model permissions: no collection appears on demand here, and two declared ones differ in who may create.
        autoCreateCollections: false,
        collections: [
          { id: "notes", description: "anyone may create", worldPermissions: { create: true, read: true, write: true, remove: true, manage: true } },
          { id: "locked", description: "read only", worldPermissions: { read: true } },
        ],
      },
    ],
  };
  const seedFile = path.join(dir, "seed.json");
  fs.writeFileSync(seedFile, JSON.stringify(seed, null, 2));
  // The admin REST API: the server administrator's password, and a single sign-on issuer whose public key the
  // server reads from a file (MicroProfile JWT's standard keys) and whose groups map to server roles.
  const admin = { username: "admin", password: "compat-admin-secret-1" };
  const sso = { issuer: "https://sso.compat.example", key: generateRsaKeyPair(), adminGroup: "tandem-admins",
    developerGroup: "tandem-devs" };
  const ssoKeyFile = path.join(dir, "sso-public-key.pem");
  fs.writeFileSync(ssoKeyFile, sso.key.publicKey);
  const fixturesFile = path.join(dir, "fixtures.json");
  fs.writeFileSync(fixturesFile, JSON.stringify({ users, searchUsers, enabledKey, disabledKey, seed, admin, sso, modelIdleUnloadMillis: MODEL_IDLE_UNLOAD_MILLIS }, null, 2));
  const serverEnv = {
    TANDEM_ADMIN_PASSWORD: admin.password,
    MP_JWT_VERIFY_ISSUER: sso.issuer,
    MP_JWT_VERIFY_PUBLICKEY_LOCATION: ssoKeyFile,
    TANDEM_SSO_ROLE_MAPPING: `${sso.adminGroup}=Server Admin,${sso.developerGroup}=Developer`,
  };
  return { seedFile, fixturesFile, serverEnv };
}

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
      console.log(`# compat on ${database}: the tests did not finish within ${limitMinutes} minutes (TANDEM_COMPAT_TIMEOUT_MINUTES) and were killed`);
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
