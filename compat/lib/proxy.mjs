// A TCP proxy that can cut every connection through it, to simulate network drops.
import net from "node:net";

export async function startProxy(targetPort) {
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    sockets.add(client);
    sockets.add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
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
