// Issue 22, part 2: one writer per model across the cluster. Two nodes on one PostgreSQL database; a client on each
// co-edits one model with the real client rc.12. The model's writer lives on the node that opened it first; the
// other node forwards its client's operations, references and close to it and relays the owner's acknowledgements
// and broadcasts, so both clients see what they see on one node. When the owner stops, the other node's client
// reconnects, resynchronizes, and its node takes the model over (fencing the old owner's writer); nothing
// acknowledged is lost. Needs PostgreSQL (runs in the suite's PostgreSQL pass).
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, it } from "node:test";
import { startBalancer } from "../lib/balancer.mjs";
import { awaitMembers, startCluster, clusterView } from "../lib/cluster.mjs";
import { captureClientDefects, signal } from "../lib/crash.mjs";
import { Storm } from "../lib/storm.mjs";
import { Convergence, closeSockets, nextEvent, trackedOptions } from "../lib/client.mjs";
import { realtimeUrl } from "../lib/env.mjs";
import { canonical, settled, sleep, until } from "../lib/models.mjs";
import { call, ok } from "../lib/rest.mjs";

const database = process.env.TANDEM_COMPAT_DATABASE || "h2";
// The suite starts its own nodes: it runs in the suite's own passes, not against a server started elsewhere (the
// full servers' step, which sets TANDEM_COMPAT_SERVER).
const skip =
  ((database !== "postgres" || !process.env.TANDEM_TEST_PG_HOST) && "needs PostgreSQL (runs in its pass)") ||
  (process.env.TANDEM_COMPAT_SERVER !== undefined && "starts its own nodes (runs in the suite's own passes)");

// The two storm tests (kill -9 and SIGSTOP of an owner) take about three minutes; TANDEM_COMPAT_CLUSTER_STORMS=0 skips
// them for a quick local run. (They once failed now and then: a stalled owner, waking, unloaded its fenced models
// before telling their sessions, and an operation in flight drew a force close that rc.12 never recovers from; see
// LiveModel#failed.)
const storms = process.env.TANDEM_COMPAT_CLUSTER_STORMS === "0" ? "TANDEM_COMPAT_CLUSTER_STORMS=0" : false;

describe("a model's writer on one node, its clients on two", { skip, timeout: 900_000 }, () => {
  let cluster;
  let a;
  let b;
  let c;
  const clients = [];
  // Every socket the clients open: under load rc.12 may open a second one and forget the first (see trackedOptions),
  // which would keep this file's process alive after its tests.
  const sockets = [];

  // rc.12's errors that an app cannot catch (see captureClientDefects), for the whole file: its clients throw some
  // of them after their test ended, while their nodes die or stall under them, which would fail the file.
  let defects;

  before(async () => {
    defects = captureClientDefects();
    cluster = await startCluster(["a", "b", "c"]);
    [a, b, c] = cluster.nodes;
  });

  after(async () => {
    for (const client of clients) await client.dispose().catch(() => {});
    closeSockets(sockets);
    if (cluster) await cluster.stop();
    await sleep(1000);
    defects?.release();
  });

  async function connect(node, name) {
    const client = await Convergence.connectAnonymously(
      realtimeUrl("convergence", "default", node.server.port),
      name,
      trackedOptions(sockets),
    );
    clients.push(client);
    return client;
  }

  const localModels = async (node) => (await clusterView(node.server.port, node.token)).localModels;

  async function serverCopy(node, id) {
    const url = `http://127.0.0.1:${node.server.port}/api/rest/domains/convergence/default/models/${id}`;
    return ok(await call("GET", url, { auth: { session: node.token } })).data;
  }

  it("co-edits every value type, in batches and with references, through the owner on the other node", async () => {
    const x = await connect(a, "X on a");
    const y = await connect(b, "Y on b");
    const id = `cluster-${crypto.randomUUID()}`;
    const data = { text: "0123456789", n: 0, list: [1, 2], obj: { k: "v" }, flag: false, when: new Date(0) };
    const mx = await x.models().openAutoCreate({ collection: "cluster", id, data });
    const opened = nextEvent(mx, "collaborator_opened");
    const my = await y.models().open(id);
    assert.equal((await opened).collaborator.sessionId, y.session().sessionId());
    assert.deepEqual(
      my
        .collaborators()
        .map((c) => c.sessionId)
        .sort(),
      [x.session().sessionId(), y.session().sessionId()].sort(),
    );
    // The writer is on a; b forwards one session.
    assert.equal((await localModels(b)).forwardedSessions, 1);
    assert.equal((await localModels(a)).relayedSessions, 1);

    // Concurrent edits of every type from both sides.
    mx.elementAt("text").insert(0, "x");
    my.elementAt("text").insert(10, "y");
    mx.elementAt("n").add(2);
    my.elementAt("n").add(3);
    mx.elementAt("list").push("from x");
    my.elementAt("list").insert(0, "from y");
    mx.elementAt("obj").set("x", 1);
    my.elementAt("obj").set("y", { nested: [true, null] });
    my.elementAt("flag").value(true);
    mx.elementAt("when").value(new Date(86_400_000));
    my.startBatch();
    my.elementAt("text").remove(0, 1);
    my.elementAt("n").add(10);
    my.completeBatch();
    const converged = await settled([mx, my]);
    assert.equal(converged.data.n, 15);
    assert.equal(converged.data.flag, true);
    assert.deepEqual(converged.data.obj, { k: "v", x: 1, y: { nested: [true, null] } });
    assert.equal(converged.data.list.length, 4);

    // A reference set on b reaches a through the owner, shifted by a concurrent insert.
    const remote = new Promise((resolve) => mx.elementAt("text").on("reference", (e) => resolve(e.reference)));
    const selection = my.elementAt("text").rangeReference("selection");
    selection.set({ start: 2, end: 4 });
    selection.share();
    const seen = await remote;
    assert.equal(seen.sessionId(), y.session().sessionId());
    assert.deepEqual(seen.value(), { start: 2, end: 4 });
    mx.elementAt("text").insert(0, "ab");
    await settled([mx, my]);
    await until(() => canonical(seen.value()) === canonical({ start: 4, end: 6 }), "the shifted reference", 5_000);

    // Both nodes' REST view is the writer's committed state (the date aside: REST writes dates its own way).
    const final = await settled([mx, my]);
    const withoutDate = ({ when, ...rest }) => canonical(rest);
    assert.equal(withoutDate(await serverCopy(a, id)), withoutDate(final.data));
    assert.equal(canonical(await serverCopy(b, id)), canonical(await serverCopy(a, id)));

    // The admin API's edit on b, which does not own the model, goes through a's writer: both clients see it live.
    const before = mx.version();
    ok(
      await call("PUT", `http://127.0.0.1:${b.server.port}/api/rest/domains/convergence/default/models/${id}`, {
        auth: { session: b.token },
        body: { data: { text: "from REST on b", n: 7 } },
      }),
    );
    await until(() => mx.elementAt("text").value() === "from REST on b", "x on a sees the REST edit made on b", 10_000);
    await until(() => my.elementAt("n").value() === 7, "y on b sees it too", 10_000);
    assert.equal(mx.version(), before + 1, "one operation, through the owner's writer");
    assert.equal((await localModels(b)).openModels, 0, "b did not load the model: a still owns it");

    // Closing on b goes through the owner: x sees y leave, and b forwards nothing any more.
    const left = nextEvent(mx, "collaborator_closed");
    await my.close();
    assert.equal((await left).collaborator.sessionId, y.session().sessionId());
    assert.equal((await localModels(b)).forwardedSessions, 0);
    await mx.close();
  });

  it("a seeded random co-edit of four clients, two on each node, converges with the server's copy", async () => {
    const id = `cluster-random-${crypto.randomUUID()}`;
    const xs = [await connect(a, "R0 a"), await connect(b, "R1 b"), await connect(a, "R2 a"), await connect(b, "R3 b")];
    const models = [await xs[0].models().openAutoCreate({ collection: "cluster", id, data: { s: "", n: 0, l: [] } })];
    for (const client of xs.slice(1)) models.push(await client.models().open(id));
    let seed = 22;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 400; i++) {
      const m = models[Math.floor(next() * models.length)];
      const s = m.elementAt("s");
      const choice = next();
      if (choice < 0.4) s.insert(Math.floor(next() * (s.value().length + 1)), String.fromCharCode(97 + (i % 26)));
      else if (choice < 0.55 && s.value().length > 0) s.remove(Math.floor(next() * s.value().length), 1);
      else if (choice < 0.8) m.elementAt("n").add(1);
      else m.elementAt("l").push(i);
      if (i % 50 === 0) await sleep(10);
    }
    const final = await settled(models, 60_000);
    assert.equal(canonical(await serverCopy(b, id)), canonical(final.data));
    for (const m of models) await m.close();
  });

  it("the owner stops: the other node's client resyncs there, the model moves, nothing acknowledged is lost", async () => {
    const x = await connect(a, "X on a (stops)");
    const y = await connect(b, "Y on b");
    const id = `cluster-takeover-${crypto.randomUUID()}`;
    const mx = await x.models().openAutoCreate({ collection: "cluster", id, data: { n: 0, text: "" } });
    const my = await y.models().open(id);
    for (let i = 0; i < 20; i++) {
      mx.elementAt("n").add(1);
      my.elementAt("n").add(100);
      my.elementAt("text").insert(0, "y");
    }
    const before = await settled([mx, my]);
    assert.equal(before.data.n, 2020);

    // a stops (SIGTERM); b's client is told to reconnect, resynchronizes with b, which now owns the model.
    const reconnected = nextEvent(y, "connected", 120_000);
    const stopped = Date.now();
    await a.server.stop();
    await reconnected;
    my.elementAt("n").add(1000);
    for (let i = 0; i < 10; i++) my.elementAt("text").insert(0, "z");
    let copy;
    await until(
      async () => {
        copy = await serverCopy(b, id);
        return copy.n === 3020;
      },
      "y's edit after the takeover in the server's copy",
      60_000,
    );
    const firstCommit = Date.now() - stopped;
    await settled([my]);
    await until(async () => (copy = await serverCopy(b, id)).text.length === 30, "every z committed", 30_000);
    assert.equal(copy.n, 3020, "every acknowledged increment is in the server's copy");
    assert.equal(copy.text, "z".repeat(10) + "y".repeat(20));
    assert.equal(copy.text, my.elementAt("text").value());
    assert.equal((await localModels(b)).forwardedSessions, 0, "b owns the model now");
    console.log(
      `# takeover: first edit committed on the new owner ${firstCommit} ms after the old owner was told to stop`,
    );
  });

  it(
    "the owner is killed (kill -9) mid-storm: clients reconnect through the balancer, nothing acknowledged is lost",
    { skip: storms },
    async () => {
      // Two balancers in front of b and c, as HAProxy would be: one prefers c, one b; each falls back to the other.
      const preferC = await startBalancer(() => [c.server.port, b.server.port]);
      const preferB = await startBalancer(() => [b.server.port, c.server.port]);
      const unknownBefore = defects.unknown.length;
      const storm = new Storm({
        urls: [preferC.url(), preferB.url()],
        clients: 4,
        models: 2,
        seed: 22,
        prefix: "cluster-kill",
      });
      try {
        await storm.start(); // client 0 (on c) creates the models, so c owns them; clients 1 and 3 reach them from b
        assert.equal((await localModels(c)).openModels, 2);
        assert.equal((await localModels(b)).forwardedSessions, 4);
        storm.resume();
        await sleep(1500);
        const killed = Date.now();
        await signal(c.server, "SIGKILL");
        const acknowledgedBefore = storm.acknowledged();
        const editsBefore = storm.edits();
        await until(() => storm.acknowledged() > acknowledgedBefore, "an acknowledgement after the kill", 90_000);
        const firstAck = Date.now() - killed;
        await sleep(1000);
        await storm.online(120_000);
        const settled = await storm.settle(120_000);
        const result = storm.check(settled);
        console.log(
          `# kill -9 of the owner with ${editsBefore} edits made: first acknowledgement on a taken-over model ` +
            `${firstAck} ms after the kill; ${result.edits} edits, ${result.acknowledged} acknowledged, ` +
            `${result.kept} kept, ${result.lost} lost, ${result.reloads} model reloads (rc.12's lost-ack defect)`,
        );
        assert.deepEqual(result.problems, []);
        assert.deepEqual(defects.unknown.slice(unknownBefore).map(String), []);
        const atB = await localModels(b);
        assert.ok(atB.openModels >= 2, "b took both models over");
        assert.equal(atB.forwardedSessions, 0, "nothing is forwarded to the dead node any more");
        assert.ok(firstAck < 30_000, `the first acknowledgement came ${firstAck} ms after the kill`);
      } finally {
        await storm.dispose();
        await preferC.close();
        await preferB.close();
      }
    },
  );

  it(
    "a stalled owner (SIGSTOP past the failure timeout, then SIGCONT) is fenced, commits nothing after the takeover, and writes again as a new writer",
    { skip: storms },
    async () => {
      const d = await cluster.add("d");
      await awaitMembers(b.server.port, b.token, 2);
      // The balancer's health check marks d down while it is stalled, as HAProxy's would.
      let dHealthy = true;
      const preferD = await startBalancer(() => (dHealthy ? [d.server.port, b.server.port] : [b.server.port]));
      const preferB = await startBalancer(() => [b.server.port]);
      const unknownBefore = defects.unknown.length;
      const storm = new Storm({
        urls: [preferD.url(), preferB.url()],
        clients: 4,
        models: 2,
        seed: 23,
        prefix: "cluster-stall",
      });
      try {
        await storm.start(); // client 0 (on d) creates the models, so d owns them
        assert.equal((await localModels(d)).openModels, 2);
        storm.resume();
        await sleep(1500);
        const stalled = Date.now();
        d.server.process.kill("SIGSTOP");
        dHealthy = false;
        // b has taken the models over when it forwards nothing to d and has both models open; the first
        // acknowledgement after that is the first on the new owner.
        let takenOver = null;
        let firstAck = null;
        const watch = (async () => {
          while (takenOver === null && Date.now() - stalled < 120_000) {
            const view = await localModels(b).catch(() => null);
            if (view && view.forwardedSessions === 0 && view.openModels >= 2) takenOver = Date.now() - stalled;
            else await sleep(200);
          }
          const acknowledged = storm.acknowledged();
          await until(() => storm.acknowledged() > acknowledged, "an acknowledgement on the new owner", 60_000);
          firstAck = Date.now() - stalled;
        })().catch(() => {});
        await sleep(8000); // past the failure timeout (5 s): b takes the models over
        d.server.process.kill("SIGCONT");
        // d's next round finds its writer fenced: it drops its models (their sessions resync, through the balancer
        // to b now) and registers a new writer.
        await until(
          () => fs.readFileSync(d.logFile, "utf8").includes("writes again as writer"),
          "d's recovery from the fence",
          90_000,
        );
        const log = fs.readFileSync(d.logFile, "utf8");
        assert.match(
          log,
          /was fenced: another node has taken over its models; this node's models can no longer commit/,
        );
        await storm.online(120_000);
        await sleep(500);
        const settled = await storm.settle(120_000);
        const result = storm.check(settled);
        await watch;
        console.log(
          `# SIGSTOP of the owner for 8 s: b took the models over ${takenOver} ms after the stall began, first ` +
            `acknowledgement on b ${firstAck} ms after it began; ` +
            `${result.edits} edits, ${result.acknowledged} acknowledged, ${result.kept} kept, ${result.lost} lost, ` +
            `${result.reloads} model reloads`,
        );
        assert.deepEqual(result.problems, []);
        assert.deepEqual(defects.unknown.slice(unknownBefore).map(String), []);
        assert.ok(takenOver !== null && firstAck !== null, "b took the models over and acknowledged");
      } finally {
        await storm.dispose();
        await preferD.close();
        await preferB.close();
      }
    },
  );
});
