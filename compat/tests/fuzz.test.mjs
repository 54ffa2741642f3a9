// Issue 19 (hostile-test findings as CI): a seeded frame fuzzer against the realtime endpoint while a bystander edits
// a model with the real client. About 5,000 frames: random bytes, random-valued messages of every kind, valid
// messages with bytes flipped, inserted or deleted or one value or id changed, messages out of order, oversized
// frames and sockets that never log in. The seed is printed; TANDEM_FUZZ_SEED=<n> replays a run. The long version
// (a million frames, heap sampled) is compat/soak/fuzz.mjs.
//
// Expected: every request the server can decode is answered with its id and every frame it cannot decode with an
// invalid_message error (fuzz.mjs's ledger); every message that is decodable but out of order gets an ErrorMessage;
// no socket is closed except by a documented limit (1009 past the 4 MiB frame limit, 4001 without a login within
// the handshake timeout); the server logs no SEVERE, WARNING or stack trace; the bystander is never disconnected and
// ends with the same model as a second client.
//
// Limits of the shared compat server that bound the design: 200 messages/s per connection with bursts of 1000
// (run.mjs), at most 1000 invalid messages per connection (tandem.realtime.max-protocol-violations), so each socket
// sends at most 400 frames.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Convergence, options } from "../lib/client.mjs";
import { realtimeUrl, serverLogSince, serverLogSize } from "../lib/env.mjs";
import { clientBodies, fuzzSocket, hostileFrame, ledger, rng, serverBodies } from "../lib/fuzz.mjs";
import { openRaw, toWs } from "../lib/raw.mjs";
import { unique } from "../lib/rest.mjs";

const SEED = Number(process.env.TANDEM_FUZZ_SEED ?? 0x19a77ac);
const SOCKETS = 10;
const FRAMES_PER_SOCKET = 400;
const PRE_LOGIN_FRAMES = 300;
const MAX_FRAME_BYTES = 4 * 1024 * 1024;
const wsUrl = toWs(realtimeUrl());

console.log(`# fuzz seed ${SEED} (replay with TANDEM_FUZZ_SEED=${SEED})`);

/** Lines of the server log since offset that are warnings, errors or stack trace frames. */
function faults(offset) {
  // Grizzly (the container) now and then logs GRIZZLY0013, a NullPointerException of its own when a connection ends
  // (seen once on PostgreSQL, in Attribute.remove after a request): not Tandem's, so that entry is left out.
  return serverLogSince(offset)
    .split(/\n(?=\[\d{4}-)/)
    .filter((entry) => !entry.includes("GRIZZLY0013"))
    .join("\n")
    .split("\n")
    .filter((line) => /WARNING|SEVERE|^\s+at [\w.$<>]+\(|^\S*(Exception|Error)\b|^Caused by/.test(line));
}

/** Two real clients on one model; the first edits it all the time, the second now and then. */
async function startBystander() {
  const events = [];
  const a = await Convergence.connectAnonymously(realtimeUrl(), "Fuzz bystander", options());
  const b = await Convergence.connectAnonymously(realtimeUrl(), "Fuzz witness", options());
  for (const [who, domain] of [
    ["bystander", a],
    ["witness", b],
  ]) {
    for (const name of ["interrupted", "disconnected", "reconnected", "error"])
      domain.on(name, () => events.push(`${who} ${name}`));
  }
  const id = unique("fuzz-bystander");
  const ma = await a.models().openAutoCreate({ collection: "fuzz-bystander", id, data: { n: 0, text: "", list: [] } });
  const mb = await b.models().open(id);
  for (const [who, model] of [
    ["bystander", ma],
    ["witness", mb],
  ])
    model.on("closed", () => events.push(`${who} model closed`));
  let edits = 0;
  const timer = setInterval(() => {
    edits++;
    ma.root().set("n", edits);
    ma.root()
      .get("text")
      .insert(ma.root().get("text").value().length, String(edits % 10));
    if (edits % 3 === 0) mb.root().get("list").push(edits);
    if (edits % 50 === 0) mb.root().get("text").remove(0, 5);
  }, 20);
  return {
    events,
    get edits() {
      return edits;
    },
    async stop() {
      clearInterval(timer);
      const seen = [...events];
      const done = Date.now() + 30_000;
      const same = () =>
        JSON.stringify(ma.root().toJSON()) === JSON.stringify(mb.root().toJSON()) &&
        ma.root().get("n").value() === edits &&
        mb.root().get("list").length() === Math.floor(edits / 3);
      while (!same() && Date.now() < done) await new Promise((resolve) => setTimeout(resolve, 100));
      const result = {
        a: ma.root().toJSON(),
        b: mb.root().toJSON(),
        connected: a.isConnected() && b.isConnected(),
        events: seen,
      };
      await ma.close();
      await mb.close();
      await a.dispose();
      await b.dispose();
      return result;
    },
  };
}

/** Logs a fuzz socket in anonymously and gives it resources to aim at: a model, an activity, a chat. */
async function loggedIn(r, index) {
  const s = await fuzzSocket(wsUrl);
  await s.request(
    {
      connectionRequest: { client: "fuzz", clientVersion: "0", anonymous: { displayName: { value: `fuzz ${index}` } } },
    },
    (m) => m.connectionResponse?.success,
  );
  const modelId = unique("fuzz-model");
  const chatId = unique("fuzz-chat");
  const activityId = unique("fuzz-activity");
  await s.request(
    {
      createRealTimeModelRequest: {
        collectionId: "fuzz",
        modelId: { value: modelId },
        data: {
          id: "@:0",
          children: {
            s: { stringValue: { id: "@:1", value: "hello" } },
            a: { arrayValue: { id: "@:2", children: [] } },
          },
        },
      },
    },
    (m) => m.createRealTimeModelResponse,
  );
  const opened = (
    await s.request({ openRealTimeModelRequest: { modelId: { value: modelId } } }, (m) => m.openRealTimeModelResponse)
  ).openRealTimeModelResponse;
  const activity = (
    await s.request(
      {
        activityJoinRequest: {
          activityType: "fuzz",
          activityId,
          state: { k: { stringValue: "v" } },
          autoCreateData: { ephemeral: true, worldPermissions: ["join", "view_state", "set_state"] },
        },
      },
      (m) => m.activityJoinResponse,
    )
  ).activityJoinResponse;
  await s.request(
    { createChatRequest: { chatId: { value: chatId }, chatType: "channel", membership: "public", name: "fuzz" } },
    (m) => m.createChatResponse,
  );
  await s.request({ joinChatRequest: { chatId } }, (m) => m.joinChatResponse);
  const resourceId = opened.resourceId ?? 0;
  const version = opened.version ?? 1;
  let sequence = 0;
  const user = { userType: 3, username: "alice" };
  const context = {
    strings: [modelId, chatId, activityId, "fuzz", opened.valueIdPrefix ?? "", "@:1", "@:2", "compat-group"],
    numbers: [resourceId, activity.resourceId ?? 0, version, version + 1],
    templates: [
      () => ({
        operationSubmission: {
          resourceId,
          sequenceNumber: ++sequence,
          contextVersion: version,
          operation: {
            discreteOperation: { stringSpliceOperation: { id: "@:1", index: 0, deleteCount: 0, insertedValue: "x" } },
          },
        },
      }),
      () => ({
        operationSubmission: {
          resourceId,
          sequenceNumber: ++sequence,
          contextVersion: version,
          operation: {
            discreteOperation: {
              arrayInsertOperation: {
                id: "@:2",
                index: 0,
                value: { doubleValue: { id: `${opened.valueIdPrefix}:${sequence}`, value: 1 } },
              },
            },
          },
        },
      }),
      () => ({
        setReference: {
          resourceId,
          valueId: { value: "@:1" },
          key: "cursor",
          references: { indices: { values: [0] } },
          version,
        },
      }),
      () => ({ requestId: { value: 0 }, openRealTimeModelRequest: { modelId: { value: modelId } } }),
      () => ({ requestId: { value: 0 }, historicalOperationsRequest: { modelId, first: 1, last: 2 } }),
      () => ({ requestId: { value: 0 }, historicalDataRequest: { modelId } }),
      () => ({
        requestId: { value: 0 },
        modelsQueryRequest: { query: "SELECT * FROM fuzz WHERE s = 'hello' LIMIT 5" },
      }),
      () => ({ requestId: { value: 0 }, getModelPermissionsRequest: { modelId } }),
      () => ({
        activityUpdateState: { resourceId: activity.resourceId ?? 0, set: { k: { stringValue: "w" } }, removed: [] },
      }),
      () => ({ requestId: { value: 0 }, publishChatMessageRequest: { chatId, message: "hi" } }),
      () => ({ requestId: { value: 0 }, getChatHistoryRequest: { chatId, limit: { value: 5 } } }),
      () => ({ requestId: { value: 0 }, chatsSearchRequest: { searchTerm: "fuzz", searchFields: ["name"] } }),
      () => ({ presenceSetState: { state: { mood: { stringValue: "fuzzy" } } } }),
      () => ({ requestId: { value: 0 }, presenceSubscribeRequest: { users: [user] } }),
      () => ({ requestId: { value: 0 }, usersGetRequest: { userIds: [user] } }),
      () => ({ requestId: { value: 0 }, userSearchRequest: { fields: [1], value: "a", limit: { value: 5 } } }),
      () => ({ requestId: { value: 0 }, getPermissionsRequest: { target: { chat: { id: chatId } } } }),
      () => ({ requestId: { value: 0 }, serverTimeRequest: {} }),
    ],
  };
  return { s, context };
}

/** Sends the frames, then a last request, and waits until the books balance (or fails with them). */
async function fuzzAndSettle(s, frames) {
  for (const { bytes, kind } of frames) s.sendFrame(bytes, kind);
  // before the login this is refused with invalid_message; after it, answered (or refused for the rate)
  await s.request({ serverTimeRequest: {} }, () => true, 60_000);
  // Replies of requests the server hands to other threads (models, chats) may come after the last one.
  try {
    await s.raw.until(() => {
      const l = ledger(s);
      return l.unanswered <= l.uncorrelatedInvalid;
    }, 30_000);
  } catch {
    // the assertions below say what is missing
  }
  return ledger(s);
}

function checkBooks(books, what) {
  const detail = `${what}: ${JSON.stringify({ ...books, malformed: books.malformed.slice(0, 3) })}`;
  assert.deepEqual(books.malformed, [], `replies with a requestId, or errors without code or message: ${detail}`);
  assert.ok(books.unanswered <= books.uncorrelatedInvalid, `requests left unanswered: ${detail}`);
  assert.ok(books.uncorrelated >= books.undecodable, `undecodable frames without an error: ${detail}`);
}

describe(`seeded frame fuzzer (seed ${SEED}) with a bystander`, () => {
  let bystander;
  let logOffset;
  let silent;
  const totals = { frames: 0 };
  before(async () => {
    logOffset = serverLogSize();
    bystander = await startBystander();
    // A socket that never logs in, opened first and checked last: the fuzzing runs during its handshake timeout.
    silent = await openRaw(wsUrl);
    silent.openedAt = Date.now();
  });
  after(async () => {
    silent?.close();
  });

  it(
    "answers hostile frames before the login, and still closes the socket at the handshake timeout (4001)",
    { timeout: 60_000 },
    async () => {
      const r = rng(SEED);
      const sockets = [];
      for (let k = 0; k < 2; k++) {
        const s = await fuzzSocket(wsUrl);
        const bodies = clientBodies.filter((b) => b !== "connectionRequest");
        const frames = Array.from({ length: PRE_LOGIN_FRAMES }, () =>
          hostileFrame(r, { strings: [], numbers: [], templates: [] }, s.nextRequestId, bodies),
        );
        // decodable requests before the login, which must each be refused with their id
        const early = [
          "serverTimeRequest",
          "openRealTimeModelRequest",
          "usersGetRequest",
          "createChatRequest",
          "activityJoinRequest",
          "modelsQueryRequest",
        ];
        for (const body of early) s.raw.send({ requestId: { value: 90_000 + early.indexOf(body) }, [body]: {} });
        const books = await fuzzAndSettle(s, frames);
        checkBooks(books, `pre-login socket ${k}`);
        for (const id of early.map((_, i) => 90_000 + i)) {
          const reply = s.raw.received.find((m) => m.responseId?.value === id);
          assert.equal(reply?.error?.code, "invalid_message", JSON.stringify(reply));
        }
        assert.equal(s.raw.closed, null, "the socket is still open");
        totals.frames += books.frames + early.length;
        sockets.push(s);
      }
      // Garbage does not count as a login: the handshake timeout (10 s, the default) still closes these sockets.
      for (const s of sockets) {
        await s.raw.until((msgs, closed) => closed, 30_000);
        assert.equal(s.raw.closed.code, 4001);
      }
    },
  );

  it("answers every out-of-order message with an ErrorMessage and keeps the socket open", async () => {
    const r = rng(SEED + 1);
    const { s, context } = await loggedIn(r, "out-of-order");
    const before = s.raw.received.length;
    const [resourceId] = context.numbers;
    const modelId = context.strings[0];
    const expected = { replies: [], uncorrelated: 0 };
    const request = (message) => {
      const id = s.nextRequestId();
      expected.replies.push(id);
      s.raw.send({ ...message, requestId: { value: id } });
    };
    const normal = (message) => {
      expected.uncorrelated++;
      s.raw.send(message);
    };
    for (let i = 0; i < 20; i++) {
      normal({ responseId: { value: 7000 + i }, ok: {} }); // a response to nothing
      normal({ responseId: { value: 7100 + i }, modelAutoCreateConfigResponse: { collection: "fuzz" } });
      normal({
        operationSubmission: {
          resourceId: resourceId + 100 + i,
          sequenceNumber: 1,
          contextVersion: 1,
          operation: { discreteOperation: { stringSpliceOperation: { id: "@:1", insertedValue: "x" } } },
        },
      }); // model not open
      normal({
        setReference: { resourceId: resourceId + 100 + i, key: "k", references: { indices: { values: [0] } } },
      });
      normal({ clearReference: { resourceId: resourceId + 100 + i, key: "k" } });
      normal({ modelResyncClientComplete: { resourceId: resourceId + 100 + i, open: true } });
      normal({ activityUpdateState: { resourceId: 500 + i, set: { k: { stringValue: "v" } } } }); // activity not joined
      normal({ [serverBodies[i % serverBodies.length]]: {} }); // what only the server sends
      normal({ serverTimeRequest: {} }); // a request without a requestId
      request({ openRealTimeModelRequest: { modelId: { value: modelId } } }); // open twice
      request({ connectionRequest: { client: "fuzz", clientVersion: "0", anonymous: {} } }); // log in twice
      request({ operationSubmission: { resourceId, sequenceNumber: 1, contextVersion: 1 } }); // a normal message as a request
      request({ activityLeaveRequest: { resourceId: 500 + i } }); // leave what was never joined
      request({ publishChatMessageRequest: { chatId: unique("no-such-chat"), message: "x" } });
      request({ historicalOperationsRequest: { modelId, first: 5, last: 1 } });
      request({ responseId: { value: 1 }, serverTimeRequest: {} }); // both ids
    }
    await s.raw.until(
      () =>
        expected.replies.every((id) => s.raw.received.some((m) => m.responseId?.value === id)) &&
        s.raw.received.slice(before).filter((m) => m.error && !m.responseId).length >= expected.uncorrelated,
      30_000,
    );
    for (const id of expected.replies) {
      const reply = s.raw.received.find((m) => m.responseId?.value === id);
      assert.ok(reply.error?.code && reply.error.message, `request ${id} was answered with ${JSON.stringify(reply)}`);
    }
    assert.equal(s.raw.received.slice(before).filter((m) => m.error && !m.responseId).length, expected.uncorrelated);
    assert.equal(s.raw.closed, null, "the socket is still open");
    await s.request({ serverTimeRequest: {} }, (m) => m.serverTimeResponse);
    totals.frames += expected.replies.length + expected.uncorrelated;

    // A requestId wrapper with an unknown field: the reply carries the id alone, never the client's bytes (it used
    // to echo them, and a fuzzed request got a reply its client could not decode).
    const frames = [];
    const capture = (data) => frames.push(Buffer.from(data));
    s.raw.socket.on("message", capture);
    // requestId {value: 9000, field 15: "junk"}, serverTimeRequest {}
    s.raw.sendBytes(Buffer.from([0x0a, 0x09, 0x08, 0xa8, 0x46, 0x7a, 0x04, ...Buffer.from("junk"), 0xa2, 0x01, 0x00]));
    await s.raw.until((msgs) => msgs.some((m) => m.responseId?.value === 9000), 20_000);
    s.raw.socket.off("message", capture);
    assert.ok(s.raw.received.find((m) => m.responseId?.value === 9000).serverTimeResponse);
    assert.ok(!frames.some((frame) => frame.includes("junk")), "the reply echoed the client's bytes");

    // A reference at a version the model has not reached closes the model for its sender only (reason 4, invalid
    // reference event); another session on the model keeps editing. (It used to close the model for everyone.)
    const other = await loggedIn(r, "other session");
    const opened = (
      await other.s.request(
        { openRealTimeModelRequest: { modelId: { value: modelId } } },
        (m) => m.openRealTimeModelResponse,
      )
    ).openRealTimeModelResponse;
    s.raw.send({
      setReference: {
        resourceId,
        valueId: { value: "@:1" },
        key: "cursor",
        references: { indices: { values: [0] } },
        version: 999,
      },
    });
    await s.raw.until((msgs) => msgs.some((m) => m.forceCloseRealTimeModel), 20_000);
    const forced = s.raw.received.find((m) => m.forceCloseRealTimeModel).forceCloseRealTimeModel;
    assert.equal(forced.reasonCode, 4, JSON.stringify(forced));
    assert.equal(forced.resourceId ?? 0, resourceId);
    other.s.raw.send({
      operationSubmission: {
        resourceId: opened.resourceId ?? 0,
        sequenceNumber: 1,
        contextVersion: opened.version,
        operation: { discreteOperation: { stringSpliceOperation: { id: "@:1", index: 0, insertedValue: "y" } } },
      },
    });
    await other.s.raw.until((msgs) => msgs.some((m) => m.operationAck), 20_000);
    assert.ok(!other.s.raw.received.some((m) => m.forceCloseRealTimeModel), "the other session lost the model");
    other.s.raw.close();
    s.raw.close();
  });

  it(
    `answers ${SOCKETS} × ${FRAMES_PER_SOCKET} hostile frames after the login without closing a socket`,
    { timeout: 300_000 },
    async () => {
      const r = rng(SEED + 2);
      const kinds = {};
      for (let k = 0; k < SOCKETS; k++) {
        const { s, context } = await loggedIn(r, k);
        const frames = Array.from({ length: FRAMES_PER_SOCKET }, () => hostileFrame(r, context, s.nextRequestId));
        for (const { kind } of frames) kinds[kind] = (kinds[kind] ?? 0) + 1;
        const books = await fuzzAndSettle(s, frames);
        checkBooks(books, `socket ${k}`);
        assert.equal(s.raw.closed, null, `socket ${k} was closed: ${JSON.stringify(s.raw.closed)}`);
        totals.frames += books.frames;
        s.raw.close();
      }
      console.log(`# fuzz after login: ${JSON.stringify(kinds)}`);
    },
  );

  it(
    "closes a socket with 1009 for a frame over 4 MiB, before and after the login, and not for one at the limit",
    { timeout: 60_000 },
    async () => {
      const r = rng(SEED + 3);
      const at = await fuzzSocket(wsUrl);
      at.sendFrame(r.bytes(MAX_FRAME_BYTES), "at the limit");
      await at.raw.until((msgs) => msgs.some((m) => m.error), 30_000);
      assert.equal(at.raw.received.find((m) => m.error).error.code, "invalid_message");
      assert.equal(at.raw.closed, null);
      at.raw.close();

      const pre = await fuzzSocket(wsUrl);
      pre.raw.sendBytes(r.bytes(MAX_FRAME_BYTES + 1));
      await pre.raw.until((msgs, closed) => closed, 30_000);
      assert.equal(pre.raw.closed.code, 1009);

      const { s } = await loggedIn(r, "oversized");
      s.raw.send({ presenceSetState: { state: { big: { stringValue: "x".repeat(MAX_FRAME_BYTES) } } } });
      await s.raw.until((msgs, closed) => closed, 30_000);
      assert.equal(s.raw.closed.code, 1009);
      totals.frames += 4;
    },
  );

  it(
    "closed the socket that never logged in with 4001, disturbed no bystander and logged no fault",
    { timeout: 90_000 },
    async () => {
      await silent.until((msgs, closed) => closed, 30_000);
      assert.equal(silent.closed.code, 4001);
      assert.match(silent.closed.reason, /ConnectionRequest/);
      assert.ok(bystander.edits > 50, `the bystander edited ${bystander.edits} times`);
      const result = await bystander.stop();
      assert.deepEqual(result.events, [], "the bystander or its witness saw a disconnect or a closed model");
      assert.ok(result.connected);
      assert.deepEqual(result.a, result.b, "the bystander and the witness converge");
      assert.equal(result.a.n, bystander.edits);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(faults(logOffset), []);
      console.log(`# fuzz: ${totals.frames} frames in all (seed ${SEED}); the bystander made ${bystander.edits} edits`);
      assert.ok(totals.frames >= 4000, `only ${totals.frames} frames`);
    },
  );
});
