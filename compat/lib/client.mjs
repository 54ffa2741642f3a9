// The real Convergence client (rc.12), wired to Node's `ws`.
import WebSocket from "ws";
import convergence from "@convergence/convergence";

export const { Convergence } = convergence;

export function options(extra = {}) {
  return {
    webSocket: { factory: (url) => new WebSocket(url), class: WebSocket },
    ...extra,
  };
}

/**
 * Like options(), and keeps every socket the client opens, so that closeSockets() can end those it lost track of.
 * rc.12 defect: when connecting takes longer than its 5 s socket timeout (a loaded machine), the client opens a second
 * socket and keeps the first; dispose() closes only the second, and the first keeps the test process alive.
 */
export function trackedOptions(sockets, extra = {}) {
  return options({
    webSocket: {
      factory: (url) => {
        const socket = new WebSocket(url);
        sockets.push(socket);
        return socket;
      },
      class: WebSocket,
    },
    ...extra,
  });
}

/** Terminates the sockets that are still open. */
export function closeSockets(sockets) {
  for (const socket of sockets.splice(0)) {
    if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
  }
}

/** Resolves with the first event of that name on the emitter, or rejects after the timeout. */
export function nextEvent(emitter, name, timeoutMillis = 15_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${name}' event within ${timeoutMillis} ms`)), timeoutMillis);
    const listener = (event) => {
      clearTimeout(timer);
      emitter.off(name, listener);
      resolve(event);
    };
    emitter.on(name, listener);
  });
}

