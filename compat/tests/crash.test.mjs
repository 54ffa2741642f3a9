// Issue 19, reliability: the server dies (kill -9) or is stopped (SIGTERM) while several real clients edit with
// automatic reconnect on. It comes back on the same database and port; the clients reconnect by themselves, resync
// and resend what was not acknowledged. Afterwards every acknowledged edit is there exactly once and every client
// shows the same data at the same version. Each test starts its own server (like durability.test.mjs); the long
// version of the first is soak/crash.mjs.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import { it } from "node:test";
import { captureClientDefects, gatedUrl, killCycles, serverSettings, signal, startGated } from "../lib/crash.mjs";
import { sleep } from "../lib/models.mjs";
import { discardServerFiles, freePort } from "../lib/server.mjs";
import { Storm } from "../lib/storm.mjs";

const database = process.env.TANDEM_COMPAT_DATABASE || "h2";

it(
  "keeps every acknowledged edit and converges every client across kill -9 three times",
  { timeout: 600_000 },
  async () => {
    const password = "Crash-Admin-1";
    const settings = { ...(await serverSettings("crash", database)), env: { TANDEM_ADMIN_PASSWORD: password } };
    let openSessions;
    // A killed server cannot record the end of its sessions; the next start does. Then the admin API lists as open
    // only the sessions of the server that runs (each session names its node, a new id at every start).
    const whenSettled = async (server) => {
      const rest = `http://127.0.0.1:${server.port}/api/rest`;
      const signedIn = await fetch(`${rest}/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password }),
      });
      const headers = { authorization: `SessionToken ${(await signedIn.json()).body.token}` };
      const get = async (route) => (await (await fetch(`${rest}${route}`, { headers })).json()).body;
      const node = (await get("/server/cluster")).localMember;
      const sessions = await get("/domains/convergence/default/sessions?excludeDisconnected=true&limit=1000");
      openSessions = { node, nodes: sessions.map((session) => session.node) };
    };
    try {
      const result = await killCycles({ settings, cycles: 3, whenSettled, log: (line) => console.log(`# ${line}`) });
      assert.ok(openSessions.nodes.length >= 3, `the storm's clients are connected: ${JSON.stringify(openSessions)}`);
      assert.deepEqual(
        openSessions.nodes,
        openSessions.nodes.map(() => openSessions.node),
        "open sessions are the running server's only",
      );
      console.log(`# ${JSON.stringify({ ...result, problems: undefined })}`);
      assert.deepEqual(result.problems, []);
      assert.equal(result.lost, 0);
      assert.ok(result.acknowledged > 0);
      assert.ok(
        result.cycles.some((c) => c.inFlight > 0),
        "some kill found edits in flight",
      );
    } finally {
      discardServerFiles(settings.work, ["server.log"]);
    }
  },
);

it(
  "drains on SIGTERM: exits in bounded time, clients told to reconnect, nothing acknowledged lost",
  { timeout: 600_000 },
  async () => {
    // Payara's own log levels: the check that the restart deploys once counts the web container's INFO lines,
    // which a default (quiet) start leaves out.
    const settings = { ...(await serverSettings("sigterm", database)), env: { TANDEM_LOG_VERBOSE: "true" } };
    const defects = captureClientDefects();
    const gatePort = await freePort();
    let { server, gate } = await startGated(settings, gatePort);
    const storm = new Storm({
      url: gatedUrl(gatePort),
      clients: 3,
      models: 2,
      seed: 7,
      prefix: `sigterm-${crypto.randomUUID()}`,
    });
    try {
      await storm.start();
      storm.resume();
      await storm.online(120_000);
      await sleep(1000);
      const logOffset = fs.statSync(settings.logFile).size;
      const closesBefore = storm.closes().map((seen) => seen.length);
      const inFlight = storm.inFlight();
      const stopping = Date.now();
      await signal(server, "SIGTERM");
      const exitMillis = Date.now() - stopping;
      await gate.close();
      console.log(`# SIGTERM with ${inFlight} edits in flight: exited after ${exitMillis} ms`);
      assert.ok(exitMillis < 30_000, `the server took ${exitMillis} ms to stop`);
      await sleep(300); // the clients go on editing offline
      storm.pause();
      // The first close each client saw (its reconnect attempts while the server is down fail with 1006). rc.12
      // takes any close it did not ask for as a drop and reconnects; 1001 (going away) tells why.
      const closes = storm.closes().map((seen, i) => seen.slice(closesBefore[i]));
      assert.deepEqual(
        closes.map((seen) => seen[0]?.code),
        storm.clients.map(() => 1001),
        `closed with 1001 "server shutting down"; each client's closes since the signal (ms after it): ${JSON.stringify(
          closes.map((seen) => seen.map(({ code, reason, at }) => ({ code, reason, ms: at - stopping }))),
        )}`,
      );
      // The stop is logged (the launcher keeps the log's handlers until Payara Micro has stopped), without an error.
      const shutdownLog = fs.readFileSync(settings.logFile, "utf8").slice(logOffset);
      assert.match(shutdownLog, /stopping: \d+ open models committed and acknowledged what they applied/);
      const closed = shutdownLog.match(/stopping: closed (\d+) realtime connections, 0 still open after the wait/);
      assert.ok(Number(closed?.[1]) >= storm.clients.length, `the stop logs the sockets it closed:\n${shutdownLog}`);
      const errors = shutdownLog.split("\n").filter((line) => /SEVERE|Exception/.test(line));
      assert.deepEqual(errors, [], "an ordinary stop logs no error");

      const restartOffset = fs.statSync(settings.logFile).size;
      ({ server, gate } = await startGated(settings, gatePort));
      // The restart deploys the application once (Payara Micro used to deploy the copy it kept from the previous run
      // first, then undeploy it and deploy again).
      const restartLog = fs.readFileSync(settings.logFile, "utf8").slice(restartOffset);
      assert.equal(
        restartLog.match(/Loading application \[tandem\] at \[\/\]/g)?.length,
        1,
        "deployed once on restart",
      );
      storm.resume();
      await storm.online(120_000);
      await sleep(500);
      const result = storm.check(await storm.settle(120_000));
      console.log(`# ${JSON.stringify({ ...result, problems: undefined, clientDefects: defects.known.length })}`);
      assert.deepEqual(result.problems, []);
      assert.deepEqual(defects.unknown, [], "no unexpected uncaught error");
      assert.ok(result.acknowledged > 0);
      // The stop sends the acknowledgement of everything it committed before it closes the sockets, so the client
      // defect a crash can hit (a commit whose acknowledgement never left closes the model on resync) cannot happen.
      assert.equal(result.reloads, 0, "no client had to reload");
    } finally {
      await storm.dispose();
      await server.stop();
      await gate.close();
      defects.release();
      discardServerFiles(settings.work, ["server.log"]);
    }
  },
);
