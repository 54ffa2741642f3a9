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

