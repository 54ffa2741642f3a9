// A protocol-level client: raw protobuf frames over `ws`, for inputs the real client never sends.
import { createRequire } from "node:module";
import WebSocket from "ws";

const require = createRequire(import.meta.url);
const protobuf = require("protobufjs");
const root = protobuf.Root.fromJSON(require("@convergence/convergence-proto/convergence-proto.json"));
export const ConvergenceMessage = root.lookupType("com.convergencelabs.convergence.proto.ConvergenceMessage");

export function encode(message) {
  const error = ConvergenceMessage.verify(message);
  if (error) throw new Error(error);
  return ConvergenceMessage.encode(ConvergenceMessage.fromObject(message)).finish();
}

export function decode(bytes) {
  return ConvergenceMessage.toObject(ConvergenceMessage.decode(bytes), { longs: Number, defaults: false });
}

/** Opens a raw socket; collects decoded messages and the close event. */
export async function openRaw(wsUrl) {
  const socket = new WebSocket(wsUrl);
  socket.binaryType = "nodebuffer";
  const received = [];
  const waiters = [];
  let closed = null;
  socket.on("message", (data, isBinary) => {
    let message;
    try {
      message = isBinary ? decode(data) : { text: data.toString() };
    } catch (error) {
      // a server frame the schema cannot decode: kept for the test to fail on, rather than thrown out of the socket
      message = { undecodable: Buffer.from(data).toString("hex"), decodeError: error.message };
    }
    received.push(message);
    for (const waiter of [...waiters]) waiter();
  });
  socket.on("close", (code, reason) => {
    closed = { code, reason: reason.toString() };
    for (const waiter of [...waiters]) waiter();
  });
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  return {
    socket,
    received,
    get closed() {
      return closed;
    },
    send(message) {
      socket.send(encode(message), { binary: true });
    },
    sendBytes(bytes) {
      socket.send(bytes, { binary: true });
    },
    /** Waits until predicate(received, closed) holds. */
    async until(predicate, timeoutMillis = 10_000) {
      if (predicate(received, closed)) return;
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(check), 1);
          reject(
            new Error(`condition not met within ${timeoutMillis} ms; received ${JSON.stringify(received.slice(-3))}`),
          );
        }, timeoutMillis);
        const check = () => {
          if (predicate(received, closed)) {
            clearTimeout(timer);
            waiters.splice(waiters.indexOf(check), 1);
            resolve();
          }
        };
        waiters.push(check);
      });
    },
    close() {
      socket.close();
    },
  };
}

export function toWs(httpUrl) {
  return httpUrl.replace(/^http/, "ws");
}
