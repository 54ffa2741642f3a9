// The real Convergence client (rc.12), wired to Node's `ws`.
import WebSocket from "ws";
import convergence from "@convergence/convergence";

export const { Convergence } = convergence;

/**
 * `ws` as a browser's WebSocket behaves. `ws` emits every frame of one TCP read in the same tick; a browser
 * dispatches each message as its own task, with promise callbacks run in between. rc.12 relies on that: it registers
 * a model it has just opened in a promise callback, so under `ws` a remoteClientOpened that arrives in the same read
 * as the open response is dropped ("a model that is not open"), and the later remoteClientClosed for that session
 * throws inside the client. Messages (and close and error, to keep their order) are dispatched one task each here.
 */
export class BrowserLikeWebSocket extends WebSocket {
  set onmessage(listener) {
    super.onmessage = asTask(listener);
  }

  get onmessage() {
    return super.onmessage;
  }

  set onclose(listener) {
    super.onclose = asTask(listener);
  }

  get onclose() {
    return super.onclose;
  }

  set onerror(listener) {
    super.onerror = asTask(listener);
  }

  get onerror() {
    return super.onerror;
  }
}

function asTask(listener) {
  return typeof listener === "function" ? (event) => setImmediate(() => listener(event)) : listener;
}

export function options(extra = {}) {
  return {
    webSocket: { factory: (url) => new BrowserLikeWebSocket(url), class: BrowserLikeWebSocket },
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
        const socket = new BrowserLikeWebSocket(url);
        sockets.push(socket);
        return socket;
      },
      class: BrowserLikeWebSocket,
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
