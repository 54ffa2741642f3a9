// Seeded hostile frames for the realtime endpoint, shared by tests/fuzz.test.mjs (a few thousand frames in CI) and
// soak/fuzz.mjs (a million, with heap samples). Everything here is a pure function of the seed, so a failing run
// is reproduced by running again with the seed it printed.
import { random } from "./models.mjs";
import { ConvergenceMessage, decode, encode, openRaw } from "./raw.mjs";

/** The seeded PRNG of models.mjs, with what the fuzzer needs besides: coin flips and random bytes. */
export function rng(seed) {
  const base = random(seed);
  return {
    ...base,
    bool: (p = 0.5) => base.next() < p,
    bytes(length) {
      const out = Buffer.alloc(length);
      for (let i = 0; i < length; i++) out[i] = base.int(256);
      return out;
    },
  };
}

const fields = ConvergenceMessage.fieldsArray;
const bodyFields = fields.filter((f) => f.name !== "requestId" && f.name !== "responseId");
const isClientRequest = (name) => name.endsWith("Request") && name !== "modelAutoCreateConfigRequest";
const clientNormal = new Set([
  "ok",
  "error",
  "ping",
  "pong",
  "modelAutoCreateConfigResponse",
  "operationSubmission",
  "shareReference",
  "setReference",
  "clearReference",
  "unshareReference",
  "modelResyncClientComplete",
  "modelOfflineSubscriptionChange",
  "activityUpdateState",
  "presenceSetState",
  "presenceRemoveState",
  "presenceClearState",
  "presenceUnsubscribe",
]);
/** Every body the client may send (requests and normal messages), and those only the server sends. */
export const clientBodies = bodyFields
  .filter((f) => isClientRequest(f.name) || clientNormal.has(f.name))
  .map((f) => f.name);
export const serverBodies = bodyFields.filter((f) => !clientBodies.includes(f.name)).map((f) => f.name);
/** Client messages that are requests (need a requestId). */
export const requestBodies = new Set(clientBodies.filter(isClientRequest));

/** Strings a hostile client likes; the context's real ids are mixed in so that values hit existing resources. */
function stringPool(r, context) {
  return [
    "",
    " ",
    "a",
    "x".repeat(1 + r.int(3000)),
    "../../etc/passwd",
    "%00",
    "\u0000",
    "😀".repeat(1 + r.int(50)),
    "'; DROP TABLE model; --",
    "SELECT * FROM fuzz WHERE a = 1",
    "SELECT",
    "@:0",
    "0:0",
    "2:1",
    "-1",
    "NaN",
    "convergence",
    "default",
    "alice",
    "fuzz",
    ...context.strings,
  ];
}
const numberPool = [
  0, 1, -1, 2, 7, 1000, 2147483647, -2147483648, 4294967295, 9007199254740991, -9007199254740991, 0.5, 1e308,
];

/** A random value for one protobuf field of `type`, depth-limited. */
function randomMessage(r, type, context, depth) {
  const object = {};
  const oneofMembers = new Set();
  for (const oneof of type.oneofsArray) {
    for (const f of oneof.fieldsArray) oneofMembers.add(f.name);
    if (r.bool(0.85)) {
      const chosen = r.pick(oneof.fieldsArray);
      object[chosen.name] = randomField(r, chosen, context, depth);
    }
  }
  for (const field of type.fieldsArray) {
    if (oneofMembers.has(field.name) || !r.bool(0.7)) continue;
    object[field.name] = randomField(r, field, context, depth);
  }
  return object;
}

function randomField(r, field, context, depth) {
  field.resolve();
  if (field.map) {
    const entries = {};
    for (let i = r.int(depth > 2 ? 2 : 4); i > 0; i--)
      entries[r.pick(stringPool(r, context)).slice(0, 64) || "k"] = randomScalarOrMessage(r, field, context, depth);
    return entries;
  }
  if (field.repeated) {
    return Array.from({ length: r.int(depth > 2 ? 2 : 4) }, () => randomScalarOrMessage(r, field, context, depth));
  }
  return randomScalarOrMessage(r, field, context, depth);
}

function randomScalarOrMessage(r, field, context, depth) {
  if (field.resolvedType && field.resolvedType.fieldsArray) {
    return depth >= 4 ? {} : randomMessage(r, field.resolvedType, context, depth + 1);
  }
  if (field.resolvedType && field.resolvedType.values) {
    const values = Object.values(field.resolvedType.values);
    return r.bool(0.9) ? r.pick(values) : r.int(1000);
  }
  switch (field.type) {
    case "string":
      return r.pick(stringPool(r, context));
    case "bool":
      return r.bool();
    case "bytes":
      return r.bytes(r.int(32));
    case "double":
    case "float":
      return r.pick([...numberPool, r.next() * 1e6, -r.next()]);
    case "int32":
    case "sint32":
    case "sfixed32":
      return r.pick(numberPool.filter((n) => Number.isInteger(n) && Math.abs(n) <= 2147483647).concat(context.numbers));
    case "uint32":
    case "fixed32":
      return r.pick([0, 1, 2, 1000, 4294967295, ...context.numbers.filter((n) => n >= 0)]);
    default:
      return r.pick([0, 1, -1, 2, 1000, 9007199254740991, ...context.numbers]); // 64-bit kinds
  }
}

/** A message of a random body kind with random field values; ids as a client would set them (usually). */
export function randomEnvelope(r, context, { bodies = clientBodies, nextRequestId }) {
  const body = r.bool(0.92) ? r.pick(bodies) : r.pick(serverBodies);
  const field = ConvergenceMessage.fields[body];
  const message = { [body]: randomMessage(r, field.resolve().resolvedType, context, 1) };
  const roll = r.next();
  if (requestBodies.has(body) ? roll < 0.9 : roll < 0.08) message.requestId = { value: nextRequestId() };
  if (r.bool(0.04)) message.responseId = { value: r.pick([0, 1, 5000 + r.int(1000)]) };
  return message;
}

/** Encodes, or null when protobufjs will not (a value out of the field's range after all). */
export function tryEncode(message) {
  try {
    return Buffer.from(ConvergenceMessage.encode(ConvergenceMessage.fromObject(message)).finish());
  } catch {
    return null;
  }
}

/** Flips, sets, inserts, deletes, truncates or repeats bytes: 1 to 4 of them. */
export function mutateBytes(r, bytes) {
  let out = Buffer.from(bytes);
  for (let n = 1 + r.int(4); n > 0; n--) {
    const at = out.length ? r.int(out.length) : 0;
    switch (r.int(6)) {
      case 0:
        if (out.length) out[at] ^= 1 << r.int(8);
        break;
      case 1:
        if (out.length) out[at] = r.int(256);
        break;
      case 2:
        out = Buffer.concat([out.subarray(0, at), r.bytes(1 + r.int(8)), out.subarray(at)]);
        break;
      case 3:
        out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + r.int(8)))]);
        break;
      case 4:
        out = out.subarray(0, at);
        break;
      default:
        out = Buffer.concat([out.subarray(0, at), out.subarray(at, at + 1 + r.int(16)), out.subarray(at)]);
    }
  }
  return out;
}

/** Decodes as the test does; null when protobufjs cannot. */
export function tryDecode(bytes) {
  try {
    return decode(bytes);
  } catch {
    return null;
  }
}

/**
 * One hostile frame: random bytes, a random-valued message, a byte-mutated message, or a realistic message (from
 * `context.templates`) with one value changed. Returns {bytes, kind}.
 */
export function hostileFrame(r, context, nextRequestId, bodies) {
  const roll = r.next();
  if (roll < 0.15) return { kind: "random bytes", bytes: r.bytes(r.int(400)) };
  const base =
    roll < 0.55 || context.templates.length === 0
      ? randomEnvelope(r, context, { bodies, nextRequestId })
      : retarget(r, r.pick(context.templates)(), context, nextRequestId);
  const encoded = tryEncode(base) ?? r.bytes(1 + r.int(64));
  if (roll < 0.4 || (roll >= 0.7 && roll < 0.85)) return { kind: "mutated bytes", bytes: mutateBytes(r, encoded) };
  return { kind: roll < 0.55 ? "random message" : "changed value", bytes: encoded };
}

/** A realistic message with one of its values (or its ids) changed. */
function retarget(r, message, context, nextRequestId) {
  const copy = structuredClone(message);
  if (copy.requestId) copy.requestId = { value: nextRequestId() };
  const paths = [];
  const walk = (node, trail) => {
    if (node && typeof node === "object" && !Buffer.isBuffer(node)) {
      for (const [key, value] of Object.entries(node)) walk(value, [...trail, key]);
    } else {
      paths.push(trail);
    }
  };
  walk(copy, []);
  if (paths.length) {
    const trail = r.pick(paths);
    let node = copy;
    for (const key of trail.slice(0, -1)) node = node[key];
    const last = trail.at(-1);
    const old = node[last];
    node[last] =
      typeof old === "number"
        ? r.pick([...numberPool, ...context.numbers])
        : typeof old === "boolean"
          ? !old
          : r.pick(stringPool(r, context));
  }
  return copy;
}

/**
 * A raw socket that answers the server's auto-create requests (as a client would) and keeps the books: what each
 * frame was, which replies came back.
 */
export async function fuzzSocket(wsUrl) {
  const raw = await openRaw(wsUrl);
  let autoCreates = 0;
  raw.socket.on("message", () => {
    const last = raw.received.at(-1);
    if (last && last.modelAutoCreateConfigRequest) {
      autoCreates++;
      raw.send({
        responseId: { value: last.requestId?.value ?? 0 },
        modelAutoCreateConfigResponse: { collection: "fuzz", data: { id: "@:0", children: {} } },
      });
    }
  });
  const sent = [];
  let nextId = 1;
  return {
    raw,
    sent,
    get autoCreates() {
      return autoCreates;
    },
    nextRequestId: () => nextId++,
    sendFrame(bytes, kind) {
      sent.push({ kind, decoded: tryDecode(bytes) });
      raw.sendBytes(bytes);
    },
    async request(message, predicate = () => true, timeoutMillis = 20_000) {
      const id = nextId++;
      raw.send({ ...message, requestId: { value: id } });
      await raw.until((msgs) => msgs.some((m) => m.responseId?.value === id && !m.requestId), timeoutMillis);
      const reply = raw.received.find((m) => m.responseId?.value === id && !m.requestId);
      if (!predicate(reply)) throw new Error(`unexpected reply ${JSON.stringify(reply).slice(0, 500)}`);
      return reply;
    },
  };
}

/**
 * The books of a fuzzed socket, once the server has answered: every frame the server could decode as a request got
 * one reply with its id, and every frame it could not decode got an invalid_message error without one, so the
 * requests left unanswered are at most the frames the server could not decode.
 */
export function ledger(socket) {
  const requestIds = new Map();
  let undecodable = 0;
  for (const { decoded } of socket.sent) {
    if (!decoded) {
      undecodable++;
      continue;
    }
    // ping and pong are answered before the ids are looked at: a ping gets a pong, a pong nothing
    if (decoded.requestId && !decoded.ping && !decoded.pong) {
      const id = decoded.requestId.value ?? 0;
      requestIds.set(id, (requestIds.get(id) ?? 0) + 1);
    }
  }
  const replies = new Map();
  let uncorrelatedInvalid = 0;
  let uncorrelated = 0;
  const malformed = [];
  for (const message of socket.raw.received) {
    if (message.undecodable) {
      malformed.push(message); // the server must only send what its schema decodes
      continue;
    }
    if (message.requestId) {
      if (!message.modelAutoCreateConfigRequest) malformed.push(message); // a reply must never carry a requestId
      continue;
    }
    if (message.error && !(message.error.code && message.error.message)) malformed.push(message);
    if (message.responseId) {
      const id = message.responseId.value ?? 0;
      replies.set(id, (replies.get(id) ?? 0) + 1);
    } else if (message.error) {
      uncorrelated++;
      if (message.error.code === "invalid_message") uncorrelatedInvalid++;
    }
  }
  let unanswered = 0;
  for (const [id, count] of requestIds) unanswered += Math.max(0, count - (replies.get(id) ?? 0));
  return {
    frames: socket.sent.length,
    requests: [...requestIds.values()].reduce((a, b) => a + b, 0),
    undecodable,
    unanswered,
    uncorrelated,
    uncorrelatedInvalid,
    malformed,
  };
}
