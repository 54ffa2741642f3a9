// Issue 22, part 1: nodes form a cluster with Payara's Hazelcast. Two nodes on one PostgreSQL database find each
// other by a TCP/IP member list on loopback and each reports both members through GET /api/rest/server/cluster; when
// one stops, the other reports itself alone. A clustered start on H2, or with a bad cluster setting, stops at once
// with a one-line message, before Payara boots. The suite's own server (clustering off) is a cluster of one.
// The two-node test needs PostgreSQL (it runs in the suite's PostgreSQL pass); the refusals run in the H2 pass.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { it } from "node:test";
import { awaitMembers, CLUSTER_ADMIN_PASSWORD, startCluster } from "../lib/cluster.mjs";
import { call, ok, adminLogin } from "../lib/rest.mjs";
import { discardServerFiles, startServer, tempDir } from "../lib/server.mjs";

const database = process.env.TANDEM_COMPAT_DATABASE || "h2";
/** Starts the launcher expecting it to refuse; returns what it wrote and how long it took. */
async function refusedStart(env) {
  const work = tempDir("tandem-cluster-refused-");
  const logFile = path.join(work, "server.log");
  const started = Date.now();
  await assert.rejects(
    startServer({
      dataDir: path.join(work, "data"),
      logFile,
      env: { TANDEM_ADMIN_PASSWORD: CLUSTER_ADMIN_PASSWORD, ...env },
    }),
    /exited with 1 before it was ready/,
  );
  const seconds = (Date.now() - started) / 1000;
  const log = fs.readFileSync(logFile, "utf8");
  discardServerFiles(work, ["server.log"]);
  return { log, seconds };
}

it("clustering off: the suite's server is a cluster of one", async () => {
  const token = await adminLogin();
  const view = ok(await call("GET", "/server/cluster", { auth: { session: token } }));
  assert.equal(view.clustered, false);
  assert.equal(view.members.length, 1);
  assert.equal(view.members[0].id, view.localMember);
  assert.equal(view.members[0].local, true);
  assert.equal(view.members[0].address, undefined);
  const status = ok(await call("GET", "/status"));
  assert.equal(status.clusterMembers, 1);
});

it(
  "a clustered start on H2, or with a bad cluster setting, stops before Payara boots with a one-line message",
  { skip: database !== "h2" && "runs in the H2 pass", timeout: 120_000 },
  async () => {
    const h2 = await refusedStart({ TANDEM_CLUSTER_ENABLED: "true" });
    const line = "Tandem failed to start: a cluster needs a shared database, but tandem.cluster.enabled is true";
    assert.ok(h2.log.includes(line), h2.log);
    // Payara never started, and no stack trace
    assert.doesNotMatch(h2.log, /Payara Micro|Hazelcast|^\s+at /m, h2.log);
    console.log(`# clustered start on H2 refused in ${h2.seconds.toFixed(1)} s`);

    // An H2 URL of one's own is refused as well; a bad discovery mode names its key (the database is never reached).
    const ownH2 = await refusedStart({ TANDEM_CLUSTER_ENABLED: "true", TANDEM_DB_URL: "jdbc:h2:tcp://127.0.0.1/x" });
    assert.match(
      ownH2.log,
      /a cluster needs a shared database, but tandem.cluster.enabled is true and tandem.db.url is H2/,
    );
    const bad = await refusedStart({
      TANDEM_CLUSTER_ENABLED: "true",
      TANDEM_DB_URL: "jdbc:postgresql://127.0.0.1:1/none",
      TANDEM_CLUSTER_DISCOVERY: "gossip",
    });
    assert.match(bad.log, /Tandem failed to start: tandem.cluster.discovery is 'gossip'; it takes tcpip, multicast/);
    assert.doesNotMatch(bad.log, /Payara Micro|^\s+at /m, bad.log);
  },
);

it(
  "two nodes on one PostgreSQL database form a cluster by TCP/IP on loopback, and one that stops leaves it",
  {
    skip: (database !== "postgres" || !process.env.TANDEM_TEST_PG_HOST) && "needs PostgreSQL (runs in its pass)",
    timeout: 600_000,
  },
  async () => {
    const joined = Date.now();
    const cluster = await startCluster(["a", "b"]);
    try {
      const [nodeA, nodeB] = cluster.nodes;
      const [a, b] = [nodeA.server, nodeB.server];
      const [tokenA, viewA, viewB] = [nodeA.token, nodeA.view, nodeB.view];
      console.log(`# both nodes see two members ${Date.now() - joined} ms after the first was started`);
      for (const view of [viewA, viewB]) {
        assert.equal(view.clustered, true);
        assert.equal(view.clusterName, cluster.clusterName);
        assert.deepEqual(
          view.members.filter((m) => m.local).map((m) => m.id),
          [view.localMember],
        );
      }
      assert.notEqual(viewA.localMember, viewB.localMember);
      assert.deepEqual(
        viewA.members.map((m) => m.id).sort(),
        viewB.members.map((m) => m.id).sort(),
        "both nodes see the same members",
      );
      assert.deepEqual(viewA.members.map((m) => m.address).sort(), [
        `127.0.0.1:${nodeA.gridPort}`,
        `127.0.0.1:${nodeB.gridPort}`,
      ]);
      // tandem.cluster.member-name is Payara's instance name, which the members list shows
      assert.deepEqual(viewA.members.map((m) => m.name).sort(), ["a", "b"]);
      assert.equal(ok(await call("GET", `http://127.0.0.1:${a.port}/api/rest/status`)).clusterMembers, 2);

      // B stops (SIGTERM): A sees itself alone, and logs the leave.
      const stopped = Date.now();
      await b.stop();
      const alone = await awaitMembers(a.port, tokenA, 1, 60);
      console.log(`# node a alone ${Date.now() - stopped} ms after node b was told to stop`);
      assert.equal(alone.members[0].id, viewA.localMember);
      assert.equal(alone.members[0].local, true);
      const logA = fs.readFileSync(nodeA.logFile, "utf8");
      assert.ok(
        logA.includes(`Cluster: member ${viewB.localMember} at 127.0.0.1:${nodeB.gridPort} left; 1 member(s)`),
        logA,
      );
    } finally {
      await cluster.stop();
    }
  },
);
