// Lightweight protocol-level editors for both systems (`--driver protocol`): each speaks its system's wire protocol
// directly over a minimal WebSocket client (rawsocket.mjs, cheaper per frame than `ws`), with none of the client library's bookkeeping (no local model, no transformation of the local
// state, no events), so one Node process can carry loads the real clients cannot. They expose the same editor
// interface as the real-client editors in systems.mjs, and they follow what each real client puts on the wire:
//
//   Tandem (Convergence protocol, protobuf frames): the connection request, openRealTimeModel with auto-create (the
//   create data sent when the server asks for it), and one operationSubmission per insert, sent at once, with the
//   client's context version (the open version plus one per acknowledgement and per remote operation), as rc.12 does.
//
//   ShareDB (JSON frames): the handshake, subscribe, create, and one op per insert with the document version it
//   applies to. ShareDB's client keeps one op in flight per document and holds later ones until the acknowledgement;
//   so does this driver (rc.12 composes nothing and sends every operation at once; ShareDB's client would compose
//   held ops into one, this driver sends them one by one after each acknowledgement, which only matters when an
//   editor types faster than its round trip).
//
// Each insert puts one "x" at a random position of the text as the editor knows it (length = inserts seen so far).
// Incoming frames are parsed only as far as needed to tell an acknowledgement from a remote operation (and, for
// Tandem, to read the server's timestamp of a remote operation: see the typing workload's delivery latency).
import { createRequire } from "node:module";
import { connectRaw } from "./rawsocket.mjs";

const require = createRequire(import.meta.url);
const protobuf = require("protobufjs");
const root = protobuf.Root.fromJSON(require("@convergence/convergence-proto/convergence-proto.json"));
const ConvergenceMessage = root.lookupType("com.convergencelabs.convergence.proto.ConvergenceMessage");

// ConvergenceMessage body field numbers (convergence.proto) the driver reacts to
const FIELD = {
  error: 4,
  ping: 5,
  connectionResponse: 8,
  openRealTimeModelResponse: 101,
  closeRealTimeModelResponse: 103,
  modelAutoCreateConfigRequest: 111,
  remoteOperation: 113,
  operationAck: 115,
};

function encode(message) {
  return ConvergenceMessage.encode(ConvergenceMessage.fromObject(message)).finish();
}

function decode(bytes) {
  return ConvergenceMessage.toObject(ConvergenceMessage.decode(bytes), { longs: Number, defaults: true });
}

// What peek() found in the last frame it read: module state rather than a result object, so that the hundreds of
// thousands of frames a second a large step delivers allocate nothing here.
const peeked = { field: 0, resourceId: 0, timestampMillis: 0 };
let cursor = 0; // where the last varint read ended

function varint(bytes, at) {
  let value = 0;
  let scale = 1;
  let b;
  do {
    b = bytes[at++];
    value += (b & 0x7f) * scale;
    scale *= 128;
  } while (b & 0x80);
  cursor = at;
  return value;
}

function skip(bytes, at, wireType) {
  if (wireType === 0) {
    varint(bytes, at);
    return cursor;
  }
  if (wireType === 1) return at + 8;
  if (wireType === 2) return varint(bytes, at) + cursor;
  if (wireType === 5) return at + 4;
  throw new Error(`unexpected protobuf wire type ${wireType}`);
}

/**
 * Reads a frame's body field number and, for remote operations and acknowledgements, the resource id (field 1 of
 * both bodies) and the server's timestamp (field 4, a google.protobuf.Timestamp), without decoding the rest.
 */
function peek(bytes, at, end) {
  peeked.field = 0;
  peeked.resourceId = 0;
  peeked.timestampMillis = 0;
  while (at < end) {
    const tag = varint(bytes, at);
    at = cursor;
    const field = Math.floor(tag / 8);
    if (field === 1 || field === 2) {
      at = skip(bytes, at, tag & 7);
      continue;
    }
    peeked.field = field;
    if (field !== FIELD.remoteOperation && field !== FIELD.operationAck) return;
    const bodyEnd = varint(bytes, at) + cursor;
    at = cursor;
    while (at < bodyEnd) {
      const inner = varint(bytes, at);
      at = cursor;
      const innerField = Math.floor(inner / 8);
      if (innerField === 1) {
        peeked.resourceId = varint(bytes, at);
        at = cursor;
      } else if (innerField === 4) {
        const stampEnd = varint(bytes, at) + cursor;
        at = cursor;
        let seconds = 0;
        let nanos = 0;
        while (at < stampEnd) {
          const t = varint(bytes, at);
          at = cursor;
          if (t === 0x08)
            seconds = varint(bytes, at); // field 1, varint
          else if (t === 0x10)
            nanos = varint(bytes, at); // field 2, varint
          else cursor = skip(bytes, at, t & 7);
          at = cursor;
        }
        peeked.timestampMillis = seconds * 1000 + Math.floor(nanos / 1e6);
        return; // the fields after the timestamp (the operation) are not needed
      } else {
        at = skip(bytes, at, inner & 7);
      }
    }
    return;
  }
}

function randomPosition(length) {
  return Math.floor(Math.random() * (length + 1));
}

/** A Tandem editor speaking the Convergence protocol: one connection, any number of open models. */
export async function tandemProtocolEditor(realtimeUrl, name) {
  const socket = await connectRaw(realtimeUrl.replace(/^http/, "ws"));
  let nextRequestId = 1;
  let nextAutoCreateId = 1;
  const replies = new Map(); // requestId -> { resolve, reject }
  const autoCreates = new Map(); // autoCreateId -> collection + data
  const models = new Map(); // resourceId -> model state
  const request = (body) => {
    const requestId = nextRequestId++;
    socket.send(encode({ requestId: { value: requestId }, ...body }));
    return new Promise((resolve, reject) => replies.set(requestId, { resolve, reject }));
  };

  socket.onMessage((chunk, start, end) => {
    peek(chunk, start, end);
    const field = peeked.field;
    if (field === FIELD.remoteOperation) {
      const model = models.get(peeked.resourceId);
      if (model) model.remote(peeked.timestampMillis);
      return;
    }
    if (field === FIELD.operationAck) {
      const model = models.get(peeked.resourceId);
      if (model) model.acknowledged();
      return;
    }
    if (field === FIELD.ping) {
      socket.send(encode({ pong: {} }));
      return;
    }
    const message = decode(chunk.subarray(start, end));
    if (field === FIELD.modelAutoCreateConfigRequest) {
      const config = autoCreates.get(message.modelAutoCreateConfigRequest.autoCreateId);
      socket.send(encode({ responseId: message.requestId, modelAutoCreateConfigResponse: config }));
      return;
    }
    const responseId = message.responseId && message.responseId.value;
    const reply = responseId && replies.get(responseId);
    if (!reply) return;
    replies.delete(responseId);
    if (message.error) reply.reject(new Error(`${message.error.code}: ${message.error.message}`));
    else reply.resolve(message);
  });
  socket.onClose(() => {
    for (const { reject } of replies.values()) reject(new Error("connection closed"));
    replies.clear();
  });

  const connected = await request({
    connectionRequest: {
      client: "tandem-bench-protocol",
      clientVersion: "0",
      anonymous: { displayName: { value: name } },
    },
  });
  const success = connected.connectionResponse && connected.connectionResponse.success;
  if (!success) throw new Error(`connection refused: ${JSON.stringify(connected.connectionResponse)}`);

  return {
    async open(docId) {
      const autoCreateId = nextAutoCreateId++;
      autoCreates.set(autoCreateId, {
        collection: "bench",
        data: { id: `${docId}:0`, children: { text: { stringValue: { id: `${docId}:1`, value: "" } } } },
      });
      const reply = await request({
        openRealTimeModelRequest: { modelId: { value: docId }, autoCreateId: { value: autoCreateId } },
      });
      autoCreates.delete(autoCreateId);
      const opened = reply.openRealTimeModelResponse;
      const text = opened.data.children.text.stringValue;
      const resourceId = opened.resourceId;
      let version = opened.version;
      let length = text.value.length;
      let sequenceNumber = 0;
      const pending = [];
      const listeners = [];
      models.set(resourceId, {
        acknowledged() {
          version++;
          length++;
          const resolve = pending.shift();
          if (resolve) resolve();
        },
        remote(timestampMillis) {
          version++;
          length++;
          for (const listener of listeners) listener(timestampMillis);
        },
      });
      return {
        type() {
          socket.send(
            encode({
              operationSubmission: {
                resourceId,
                sequenceNumber: sequenceNumber++,
                contextVersion: version,
                operation: {
                  discreteOperation: {
                    stringSpliceOperation: {
                      id: text.id,
                      noOp: false,
                      index: randomPosition(length + pending.length),
                      deleteCount: 0,
                      insertedValue: "x",
                    },
                  },
                },
              },
            }),
          );
          return new Promise((resolve) => pending.push(resolve));
        },
        onRemote(listener) {
          listeners.push(listener);
        },
        length: () => length,
        async close() {
          await request({ closeRealTimeModelRequest: { resourceId } });
          models.delete(resourceId);
        },
      };
    },
    async close() {
      socket.close();
    },
  };
}

const JSON0 = "http://sharejs.org/types/JSONv0";

/** A ShareDB editor speaking ShareDB's JSON protocol: one connection, any number of subscribed documents. */
export async function shareDbProtocolEditor(port) {
  const socket = await connectRaw(`ws://127.0.0.1:${port}`);
  const docs = new Map(); // docId -> document state
  const waiting = new Map(); // `${action}:${docId}` -> resolve of the reply
  let seq = 1;
  let src = null;
  const handshake = new Promise((resolve) => waiting.set("hs:", resolve));
  socket.onMessage((chunk, start, end) => {
    const message = JSON.parse(chunk.toString("utf8", start, end));
    if (message.a === "op") {
      const doc = docs.get(message.d);
      if (doc) doc.onOp(message);
      return;
    }
    const key = `${message.a}:${message.d ?? ""}`;
    const resolve = waiting.get(key);
    if (resolve) {
      waiting.delete(key);
      resolve(message);
    }
  });
  const reply = (action, docId) => new Promise((resolve) => waiting.set(`${action}:${docId}`, resolve));
  const send = (message) => socket.send(JSON.stringify(message));
  send({ a: "hs", id: null });
  src = (await handshake).id;

  return {
    async open(docId) {
      let version = 0;
      let length = 0;
      let inflight = null; // { seq, resolve, reject }
      const held = []; // inserts waiting for the op in flight
      const listeners = [];
      let created = null;
      const submit = (entry) => {
        inflight = entry;
        send(entry.message(version, length));
      };
      const doc = {
        onOp(message) {
          if (message.error) {
            if (created && message.seq === created.seq) created.resolve(message);
            else if (inflight && message.seq === inflight.seq) inflight.reject(new Error(message.error.message));
            return;
          }
          if (message.src === src && created && message.seq === created.seq) {
            created.resolve(message);
            return;
          }
          if (message.src === src && inflight && message.seq === inflight.seq && !message.op) {
            // the acknowledgement: ShareDB sends any operations this one was transformed against first
            version = message.v + 1;
            length++;
            const done = inflight;
            inflight = null;
            done.resolve();
            if (held.length) submit(held.shift());
            return;
          }
          if (message.v !== version) return; // a duplicate (already seen) or the create, which has no op
          version++;
          if (message.op) {
            length++;
            for (const listener of listeners) listener();
          }
        },
      };
      docs.set(docId, doc);
      const subscribed = reply("s", docId);
      send({ a: "s", c: "bench", d: docId });
      const snapshot = (await subscribed).data;
      // an existing document: ShareDB leaves out the type when it is the default one (json0, announced in "hs")
      if (snapshot && snapshot.data !== undefined) {
        version = snapshot.v;
        length = snapshot.data.text.length;
      } else {
        const createSeq = seq++;
        const result = await new Promise((resolve) => {
          created = { seq: createSeq, resolve };
          send({ a: "op", c: "bench", d: docId, v: 0, seq: createSeq, create: { type: JSON0, data: { text: "" } } });
        });
        created = null;
        if (result.error && result.error.code !== "ERR_DOC_ALREADY_CREATED") throw new Error(result.error.message);
        if (!result.error) version = Math.max(version, result.v + 1);
        // created by someone else first: their create reaches this subscription as an op; wait until it has
        while (version === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return {
        type() {
          return new Promise((resolve, reject) => {
            const entry = {
              seq: seq++,
              resolve,
              reject,
              message: (v, len) => ({
                a: "op",
                c: "bench",
                d: docId,
                v,
                seq: entry.seq,
                op: [{ p: ["text", randomPosition(len)], si: "x" }],
              }),
            };
            if (inflight) held.push(entry);
            else submit(entry);
          });
        },
        onRemote(listener) {
          listeners.push(listener);
        },
        length: () => length,
        async close() {
          const unsubscribed = reply("u", docId);
          send({ a: "u", c: "bench", d: docId });
          await unsubscribed;
          docs.delete(docId);
        },
      };
    },
    async close() {
      socket.close();
    },
  };
}
