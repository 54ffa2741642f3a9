// Kill -9 cycles under a storm of edits: shared by tests/crash.test.mjs (3 cycles per database, in CI) and
// soak/crash.mjs (the long run, by hand).
import crypto from "node:crypto";
import path from "node:path";
import { sleep } from "./models.mjs";
import { startProxy } from "./proxy.mjs";
import { freePort, freshPostgresDatabase, startServer, tempDir } from "./server.mjs";
import { Storm } from "./storm.mjs";

/**
 * Where a server that is restarted on the same data and port keeps its files, on H2 or on a fresh PostgreSQL
 * database (TANDEM_TEST_PG_*). The port is chosen once: the clients reconnect to the URL they first used.
 */
export async function serverSettings(name, database) {
  const work = tempDir(`tandem-${name}-`);
  const db = database === "postgres" ? freshPostgresDatabase(`tandem_${name}_${Date.now()}`) : null;
  return { work, dataDir: path.join(work, "data"), db, logFile: path.join(work, "server.log"), port: await freePort() };
}

/**
 * Starts the server and a gate in front of it on `gatePort`, through which the clients connect: it takes connections
 * only once the server is ready, as a load balancer with a readiness check does, so that no client reaches a server
 * that is still deploying. (Payara Micro used to deploy the copy of the application it kept from its previous run,
 * then undeploy it for the new one, and close the sessions of clients that had reconnected in between; the launcher
 * now removes that copy before it starts, see TandemLauncher.forgetPreviousDeployment.)
 * Returns { server, gate }; close the gate after the server is gone.
 */
export async function startGated(settings, gatePort) {
  const server = await startServer(settings);
  const gate = await startProxy(server.port, { port: gatePort, graceful: true });
  return { server, gate };
}

/** The realtime URL of the default domain through a gate. */
export function gatedUrl(gatePort) {
  return `http://127.0.0.1:${gatePort}/api/realtime/convergence/default`;
}

/**
 * rc.12 throws some errors where an app cannot catch them (inside its rxjs subscribers, which report them as uncaught
 * exceptions) when its connection drops at the wrong moment; a browser shows them in the console and goes on. These
 * are collected as `known` while a crash run lasts; any other uncaught error is `unknown`, which the caller fails on.
 * Known: "already closing" (each further replayed operation of a model the lost-ack defect is closing, PROTOCOL §6.2),
 * "Cannot read properties of null (reading 'request')" (the client resyncs its models on "connected" after that
 * connection already dropped again), "reading 'isConnected'" (disposing a client whose model that defect broke, see
 * StormClient#reload), "WebSocket is not open" (the client sends while its socket closes).
 */
export function captureClientDefects() {
  const known = [];
  const unknown = [];
  const patterns = [/is already closing/, /reading 'request'/, /reading 'isConnected'/, /WebSocket is not open/];
  process.setUncaughtExceptionCaptureCallback((e) => {
    const fromClient = String(e?.stack).includes("@convergence/convergence");
    (fromClient && patterns.some((p) => p.test(String(e?.message))) ? known : unknown).push(e);
  });
  return { known, unknown, release: () => process.setUncaughtExceptionCaptureCallback(null) };
}

/** Kills the server with the signal and resolves when it has exited. */
export function signal(server, name) {
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  server.process.kill(name);
  return exited;
}

/**
 * Starts a server and a storm of `clients` clients editing `models` models, then `cycles` times: lets edits flow,
 * kills the server with SIGKILL while some are in flight, lets the clients edit offline for a moment, and starts the
 * server again on the same data and port. At the end it waits until every client is back, has everything
 * acknowledged and agrees with the others, and checks what the server kept against what the clients were told.
 * Returns the check's outcome (Storm#check) with `cycles` ([{ inFlight, edits }] per kill), `versions` (each
 * model's final version) and `clientDefects` (known rc.12 errors seen, see captureClientDefects). `whenSettled(server)`
 * runs once everything has converged, while the last server still runs. The storm's clients and the server are
 * stopped before it returns or throws.
 */
export async function killCycles({
  settings,
  cycles,
  clients = 3,
  models = 2,
  seed = 19,
  log = () => {},
  whenSettled = async () => {},
}) {
  const defects = captureClientDefects();
  const gatePort = await freePort();
  let { server, gate } = await startGated(settings, gatePort);
  const storm = new Storm({ url: gatedUrl(gatePort), clients, models, seed, prefix: `crash-${crypto.randomUUID()}` });
  const done = [];
  try {
    await storm.start();
    storm.resume();
    for (let cycle = 1; cycle <= cycles; cycle++) {
      await storm.online(120_000);
      // Edits flow for a while (after a restart, while the clients resynchronize too); varied, so kills land at
      // different moments of a commit and its acknowledgements.
      await sleep(500 + storm.rng.int(700));
      const inFlight = storm.inFlight();
      await signal(server, "SIGKILL");
      await gate.close();
      done.push({ inFlight, edits: storm.edits() });
      log(`cycle ${cycle}/${cycles}: killed with ${inFlight} edits in flight, ${storm.edits()} made so far`);
      await sleep(300); // the clients go on editing offline
      storm.pause();
      ({ server, gate } = await startGated(settings, gatePort));
      storm.resume(); // and while they reconnect and resynchronize
    }
    await storm.online(120_000);
    await sleep(500);
    const settled = await storm.settle(120_000);
    await whenSettled(server);
    const result = storm.check(settled);
    result.problems.push(...defects.unknown.map((e) => `uncaught: ${e?.stack || e}`));
    return {
      ...result,
      clientDefects: defects.known.length,
      cycles: done,
      versions: Object.values(settled).map((m) => m.version),
    };
  } finally {
    await storm.dispose();
    await server.stop();
    await gate.close();
    defects.release();
  }
}
