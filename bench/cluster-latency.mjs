// The extra latency of an edit whose model's writer is on another node of the cluster, and the relay's traffic per
// operation (issue 22, part 7).
//
// Starts a cluster of N nodes (default 3) on one machine, on a fresh PostgreSQL database (TANDEM_TEST_PG_HOST, _PORT,
// _USER, _PASSWORD, as the compat suite), connects one real rc.12 client to each node and opens one model from each,
// node a's client first, so that a owns it (its writer runs there). Then each client in turn makes --ops edits one
// at a time, each waiting for its acknowledgement (the model's "committed" event), and the script prints the
// latency per client: node a's is a local owner, every other node's goes through the relay (its node forwards the
// edit to a, a relays the acknowledgement back, and relays the operation to the other nodes' clients). Last, the
// relay's messages and bytes per operation, from each node's GET /api/rest/server/cluster.
//
// Usage (after 'mvn package -DskipTests' and 'cd compat && npm ci'):
//   TANDEM_TEST_PG_HOST=127.0.0.1 TANDEM_TEST_PG_PORT=5432 node bench/cluster-latency.mjs [--nodes 3] [--ops 500]
//                                                                                          [--warmup 200]
// All nodes share the machine's cores with each other, the database and the clients: on 2 cores the figures show
// the relay's added latency on loopback, not what separate machines on a network would see.
import { parseArgs } from "node:util";
import { clusterView, startCluster } from "../compat/lib/cluster.mjs";
import { Convergence, closeSockets, nextEvent, trackedOptions } from "../compat/lib/client.mjs";

const { values } = parseArgs({
  options: {
    nodes: { type: "string", default: "3" },
    ops: { type: "string", default: "500" },
    warmup: { type: "string", default: "200" },
  },
});
const names = ["a", "b", "c", "d", "e"].slice(0, Number(values.nodes));
const ops = Number(values.ops);
const warmup = Number(values.warmup);

if (!process.env.TANDEM_TEST_PG_HOST) {
  console.error("set TANDEM_TEST_PG_HOST (and _PORT, _USER, _PASSWORD): a cluster needs PostgreSQL");
  process.exit(2);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Makes `count` edits one at a time, each waiting for its acknowledgement; returns the latencies in ms, sorted. */
async function edits(model, count) {
  const latencies = [];
  for (let i = 0; i < count; i++) {
    const committed = nextEvent(model, "committed", 30_000);
    const start = process.hrtime.bigint();
    model.elementAt("n").add(1);
    await committed;
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return latencies.sort((x, y) => x - y);
}

async function traffic(nodes) {
  let messages = 0;
  let bytes = 0;
  for (const node of nodes) {
    const local = (await clusterView(node.server.port, node.token)).localModels;
    messages += local.relayMessagesSent;
    bytes += local.relayBytesSent;
  }
  return { messages, bytes };
}

const cluster = await startCluster(names, { database: `tandem_bench_cluster_${Date.now()}` });
const clients = [];
const sockets = []; // see trackedOptions: rc.12 may forget a socket under load
try {
  const id = `latency-${Date.now()}`;
  const models = [];
  for (const node of cluster.nodes) {
    const client = await Convergence.connectAnonymously(
      `http://127.0.0.1:${node.server.port}/api/realtime/convergence/default`,
      `bench ${node.name}`,
      trackedOptions(sockets),
    );
    clients.push(client);
    models.push(
      models.length === 0
        ? await client.models().openAutoCreate({ collection: "bench", id, data: { n: 0 } })
        : await client.models().open(id),
    );
  }
  for (const model of models) await edits(model, warmup); // the JIT of every node, and the paths, warm
  console.log(`# ${names.length} nodes on one machine; model owned by node a; ${ops} edits per client, one at a time`);
  console.log("client on | owner  | p50 ms | p95 ms | p99 ms | relay messages/op | relay bytes/op");
  for (const [i, model] of models.entries()) {
    const before = await traffic(cluster.nodes);
    const latencies = await edits(model, ops);
    const after = await traffic(cluster.nodes);
    const fmt = (v) => v.toFixed(2).padStart(6);
    console.log(
      `${cluster.nodes[i].name.padEnd(9)} | ${(i === 0 ? "local" : "remote").padEnd(6)} | ${fmt(percentile(latencies, 50))} | ` +
        `${fmt(percentile(latencies, 95))} | ${fmt(percentile(latencies, 99))} | ` +
        `${((after.messages - before.messages) / ops).toFixed(2).padStart(17)} | ` +
        `${((after.bytes - before.bytes) / ops).toFixed(0).padStart(14)}`,
    );
  }
} finally {
  for (const client of clients) await client.dispose().catch(() => {});
  closeSockets(sockets);
  await cluster.stop();
}
