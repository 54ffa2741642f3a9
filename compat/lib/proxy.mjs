// A TCP proxy that can cut every connection through it, to simulate network drops, and delay every chunk (in
// order) to simulate latency, which makes concurrent operations really cross in flight.
import net from "node:net";

/** Forwards chunks after delayMillis, preserving their order. */
function delayedPipe(from, to, delayMillis) {
  if (!delayMillis) {
    from.pipe(to);
    return;
  }
  let chain = Promise.resolve();
  from.on("data", (chunk) => {
    const due = Date.now() + delayMillis;
    chain = chain.then(() => new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now()))))
      .then(() => { if (!to.destroyed) to.write(chunk); });
  });
  from.on("end", () => chain.then(() => to.end()));
}

export async function startProxy(targetPort, { delayMillis = 0 } = {}) {
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    sockets.add(client);
    sockets.add(upstream);
    delayedPipe(client, upstream, delayMillis);
    delayedPipe(upstream, client, delayMillis);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", drop);
    upstream.on("error", drop);
    client.on("close", drop);
    upstream.on("close", drop);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: server.address().port,
    /** Destroys every open connection at once, like a network drop. New connections still work. */
    cutAll() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    get openConnections() {
      return sockets.size;
    },
    async close() {
      this.cutAll();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
