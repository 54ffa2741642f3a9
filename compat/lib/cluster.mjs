// Nodes of a Tandem cluster for the tests: each a real server through the launcher, all on one PostgreSQL database,
// finding each other by a TCP/IP member list on loopback (data grid ports from 57000, away from other suites).
import assert from "node:assert/strict";
import net from "node:net";
import path from "node:path";
import { discardServerFiles, freePort, freshPostgresDatabase, startServer, tempDir } from "./server.mjs";

export const CLUSTER_ADMIN_PASSWORD = "Cluster-Admin-1";

/** A port from `from` up that nobody listens on. */
export async function freePortFrom(from, skip = []) {
  for (let port = from; port < from + 200; port += 1) {
    if (skip.includes(port)) continue;
    const free = await new Promise((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${from}`);
}

/** The data of a REST answer of a node (the envelope's `body`), failing on anything but 200. */
async function rest(httpPort, method, route, { token, body } = {}) {
  const response = await fetch(`http://127.0.0.1:${httpPort}/api/rest${route}`, {
    method,
    headers: {
      ...(body ? { "content-type": "application/json" } : {}),
      ...(token ? { authorization: `SessionToken ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json().catch(() => null);
  assert.equal(response.status, 200, `${method} ${route} on ${httpPort}: ${JSON.stringify(json)}`);
  return json.body;
}

// Without the suite's own REST helpers (lib/rest.mjs reads the suite's environment), so that benchmarks can use it.
export async function signIn(httpPort) {
  return (
    await rest(httpPort, "POST", "/auth/login", { body: { username: "admin", password: CLUSTER_ADMIN_PASSWORD } })
  ).token;
}

export async function clusterView(httpPort, token) {
  return rest(httpPort, "GET", "/server/cluster", { token });
}

/** Polls a node's member list until it has `count` members; returns that view. */
export async function awaitMembers(httpPort, token, count, seconds = 90) {
  const deadline = Date.now() + seconds * 1000;
  let view;
  while (Date.now() < deadline) {
    view = await clusterView(httpPort, token);
    if (view.members.length === count) return view;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`node on ${httpPort} did not see ${count} members within ${seconds} s: ${JSON.stringify(view)}`);
}

/**
 * Starts `names.length` nodes on a fresh PostgreSQL database, one after the other (the first creates the schema and
 * the administrator), and waits until each sees them all. Returns { nodes, stop, add }: each node has name, server
 * (port, stop, process), logFile, token (the administrator's) and gridPort; stop() stops those still running and
 * removes their files (keeping the logs); add(name) starts one more node.
 */
export async function startCluster(names, { database = `tandem_cluster_${Date.now()}`, env = {} } = {}) {
  const db = freshPostgresDatabase(database);
  // Every node's data grid port, from 57000 up; a node lists those of the nodes before it and its own.
  const gridPorts = [];
  let nextGridPort = 57000;
  const clusterEnv = {
    TANDEM_ADMIN_PASSWORD: CLUSTER_ADMIN_PASSWORD,
    TANDEM_CLUSTER_ENABLED: "true",
    // a name of this run's own, so that no other cluster on the machine is joined
    TANDEM_CLUSTER_NAME: `tandem-compat-${process.pid}-${database}`,
    TANDEM_CLUSTER_DISCOVERY: "tcpip",
    TANDEM_CLUSTER_INTERFACES: "127.0.0.1",
    ...env,
  };
  const nodes = [];
  const stop = async () => {
    for (const { server } of [...nodes].reverse()) await server.stop();
    for (const { work } of nodes) discardServerFiles(work, ["server.log"]);
  };
  /** Starts one more node, which finds the others through the member list (it lists them and itself). */
  const add = async (name) => {
    const gridPort = await freePortFrom(nextGridPort);
    nextGridPort = gridPort + 1;
    gridPorts.push(gridPort);
    const work = tempDir(`tandem-cluster-${name}-`);
    const settings = {
      dataDir: path.join(work, "data"),
      logFile: path.join(work, "server.log"),
      db,
      port: await freePort(),
      env: {
        ...clusterEnv,
        TANDEM_CLUSTER_MEMBERS: gridPorts.map((p) => `127.0.0.1:${p}`).join(","),
        TANDEM_CLUSTER_PORT: String(gridPort),
        TANDEM_CLUSTER_MEMBER_NAME: name,
      },
    };
    const server = await startServer(settings);
    const node = { name, work, server, logFile: settings.logFile, gridPort };
    nodes.push(node);
    console.log(`# node ${name}: HTTP ${server.port}, data grid ${gridPort}, ready in ${server.startupMillis} ms`);
    node.token = await signIn(server.port);
    return node;
  };
  try {
    for (const name of names) await add(name);
    for (const node of nodes) node.view = await awaitMembers(node.server.port, node.token, nodes.length);
  } catch (e) {
    await stop();
    throw e;
  }
  return { nodes, stop, add, clusterName: clusterEnv.TANDEM_CLUSTER_NAME };
}
