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
    chain = chain
      .then(() => new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now()))))
      .then(() => {
        if (!to.destroyed) to.write(chunk);
      });
  });
  from.on("end", () => chain.then(() => to.end()));
}

export async function startProxy(targetPort, { delayMillis = 0, port = 0, graceful = false } = {}) {
  const sockets = new Set();
  let down = false;
  const server = net.createServer((client) => {
    if (down) {
      client.destroy(); // the network is down: the client's reconnect attempts fail
      return;
    }
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
    client.on("close", drop);
    if (graceful) {
      // The server closing its side ends the client's once everything it sent has been passed on, instead of
      // destroying it: a socket destroyed with unread input is reset, which discards what is still in its buffers
      // (the acknowledgements and close frame of an orderly stop). What the client still sends goes nowhere. The
      // same when the server's side was reset (a server that exits with unread input resets its sockets): what was
      // read before the reset is passed on, and "close" follows the error.
      upstream.on("error", () => {});
      upstream.on("close", () => {
        client.unpipe(upstream);
        client.resume();
        client.end();
        sockets.delete(upstream);
      });
    } else {
      upstream.on("error", drop);
      upstream.on("close", drop);
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    port: server.address().port,
    /** Destroys every open connection at once, like a network drop. New connections still work. */
    cutAll() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    /** Cuts every connection and refuses new ones until up(): a network that stays down for a while. */
    down() {
      down = true;
      this.cutAll();
    },
    /** Takes connections again after down(). */
    up() {
      down = false;
    },
    get openConnections() {
      return sockets.size;
    },
    /**
     * Takes no more connections and closes the open ones. A graceful proxy first lets each connection end by itself,
     * for at most `graceMillis`: right after a server has exited, what it sent last (its close frames) may still wait
     * to be read here, and cutting at once would discard it (the clients then see 1006 instead of the server's code).
     */
    async close({ graceMillis = graceful ? 5000 : 0 } = {}) {
      const closed = new Promise((resolve) => server.close(resolve));
      const deadline = Date.now() + graceMillis;
      while (sockets.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      this.cutAll();
      await closed;
    },
  };
}
