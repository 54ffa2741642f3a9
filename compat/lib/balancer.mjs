// A TCP load balancer for the cluster tests, as HAProxy or nginx would stand in front of the nodes: each new
// connection goes to the first node in its preference order that accepts one (a node that is down refuses, and the
// next one is tried), so a client whose node died reconnects to a survivor through the same address.
import net from "node:net";

/** Connects to the first port of `ports` that accepts, or fails when none does. */
function connectFirst(ports) {
  return new Promise((resolve, reject) => {
    const attempt = (i) => {
      if (i >= ports.length) {
        reject(new Error(`no node accepts a connection (${ports.join(", ")})`));
        return;
      }
      const upstream = net.connect(ports[i], "127.0.0.1");
      upstream.once("connect", () => {
        upstream.removeAllListeners("error");
        resolve({ upstream, port: ports[i] });
      });
      upstream.once("error", () => attempt(i + 1));
    };
    attempt(0);
  });
}

/**
 * Listens on a port of its own and forwards each connection to the first of `ports()` (a function, so the order can
 * change) that accepts it. Returns { port, url(path), routed (how many connections went to each node port), close() }.
 */
export async function startBalancer(ports) {
  const sockets = new Set();
  const routed = new Map();
  const server = net.createServer((client) => {
    client.pause();
    sockets.add(client);
    client.on("error", () => client.destroy());
    client.on("close", () => sockets.delete(client));
    connectFirst(ports()).then(
      ({ upstream, port }) => {
        routed.set(port, (routed.get(port) || 0) + 1);
        sockets.add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(upstream);
        };
        upstream.on("error", drop);
        upstream.on("close", drop);
        client.on("close", drop);
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      },
      () => client.destroy(),
    );
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const port = server.address().port;
  return {
    port,
    url: (namespace = "convergence", domain = "default") =>
      `http://127.0.0.1:${port}/api/realtime/${namespace}/${domain}`,
    routed,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
