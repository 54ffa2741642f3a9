// Issue 2 acceptance: garbage and protocol violations on one socket are answered with errors or a close with a
// reason, while other clients keep working and the server logs no SEVERE stack trace.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { describe, it } from "node:test";
import { Convergence, options } from "../lib/client.mjs";
import { realtimeUrl, serverLogSince, serverLogSize } from "../lib/env.mjs";
import { openRaw, toWs } from "../lib/raw.mjs";

const connectRequest = (requestId) => ({
  requestId: { value: requestId },
  connectionRequest: { client: "raw", clientVersion: "0", anonymous: { displayName: { value: "raw" } } },
});

/** 100 decodable but invalid messages, cycling through every kind of violation. */
function invalidMessages(authenticated) {
  const kinds = [
    (i) => ({ requestId: { value: 1000 + i }, connectionResponse: { success: {} } }), // wrong direction
    (i) => ({ operationAck: { resourceId: 1, sequenceNumber: i } }), // wrong direction, normal
    (i) => ({ requestId: { value: 1000 + i } }), // no body at all (unknown to this schema)
    (i) => ({ responseId: { value: 5000 + i }, ok: {} }), // a response to nothing
    (i) => ({ requestId: { value: 1000 + i }, responseId: { value: i }, ok: {} }), // both ids
    (i) => (authenticated ? connectRequest(1000 + i) : { requestId: { value: 1000 + i }, serverTimeRequest: {} }), // wrong state
    (i) => ({ serverTimeRequest: {} }), // a request sent without requestId
  ];
  return Array.from({ length: 100 }, (_, i) => kinds[i % kinds.length](i));
}

describe("bad input", () => {
  it("answers every bad frame while another client keeps working", async () => {
    const logOffset = serverLogSize();
    const bystander = await Convergence.connectAnonymously(realtimeUrl(), "Bystander", options());
    try {
      // 1. Random bytes on an unauthenticated socket.
      const raw = await openRaw(toWs(realtimeUrl()));
      for (let i = 0; i < 100; i++) raw.sendBytes(crypto.randomBytes(1 + ((i * 37) % 300)));
      await raw.until((msgs, closed) => closed || msgs.length >= 100, 20_000);
      if (!raw.closed) {
        // Some random byte strings happen to decode as valid empty messages; every frame still got an error.
        assert.ok(
          raw.received.slice(0, 100).every((m) => m.error && m.error.code),
          JSON.stringify(raw.received.find((m) => !m.error)),
        );
      } else {
        assert.ok(raw.closed.reason.length > 0, "a close carries a reason");
      }

      // 2. Decodable but invalid messages, before and after authentication.
      const before = await openRaw(toWs(realtimeUrl()));
      for (const message of invalidMessages(false)) before.send(message);
      await before.until((msgs, closed) => closed || msgs.filter((m) => m.error).length >= 100, 20_000);
      assert.ok(before.closed || before.received.filter((m) => m.error).length >= 100);

      const after = await openRaw(toWs(realtimeUrl()));
      after.send(connectRequest(0));
      await after.until((msgs) => msgs.some((m) => m.connectionResponse));
      assert.ok(after.received.find((m) => m.connectionResponse).connectionResponse.success, "raw client connected");
      for (const message of invalidMessages(true)) after.send(message);
      await after.until((msgs, closed) => closed || msgs.filter((m) => m.error).length >= 100, 20_000);
      const errors = after.received.filter((m) => m.error);
      assert.equal(errors.length, 100);
      const codes = new Set(errors.map((e) => e.error.code));
      assert.ok(codes.has("invalid_message"), [...codes].join());
      // Replies to requests carry the request's id and never a requestId of their own.
      for (const reply of errors.filter((m) => m.responseId)) assert.equal(reply.requestId, undefined);

      // 3. Text frames are not part of the protocol.
      after.socket.send("hello", { binary: false });
      await after.until((msgs) => msgs.filter((m) => m.error).length >= 101);

      // 4. The raw client still works after all that: the server time is answered.
      after.send({ requestId: { value: 1 }, serverTimeRequest: {} });
      await after.until((msgs) => msgs.some((m) => m.serverTimeResponse));
      const time = after.received.find((m) => m.serverTimeResponse).serverTimeResponse.serverTime;
      assert.ok(Math.abs(time.seconds * 1000 - Date.now()) < 60_000);

      raw.close();
      before.close();
      after.close();

      // The bystander was never disturbed, and new clients still connect.
      assert.ok(bystander.isConnected());
      const late = await Convergence.connectAnonymously(realtimeUrl(), "Late", options());
      assert.ok(late.isConnected());
      await late.dispose();

      const log = serverLogSince(logOffset);
      assert.ok(
        !/SEVERE/.test(log),
        `the server logged SEVERE:\n${log
          .split("\n")
          .filter((l) => /SEVERE/.test(l))
          .join("\n")}`,
      );
      assert.ok(!/^\s+at [\w.$]+\(/m.test(log), "the server logged a stack trace");
    } finally {
      await bystander.dispose();
    }
  });

  it("closes an oversized frame's socket with a reason", async () => {
    const raw = await openRaw(toWs(realtimeUrl()));
    raw.sendBytes(crypto.randomBytes(5 * 1024 * 1024));
    await raw.until((msgs, closed) => closed, 20_000);
    assert.equal(raw.closed.code, 1009);
  });

  it("closes a socket that never sends a connection request", { timeout: 60_000 }, async () => {
    // The default handshake timeout is 10 s.
    const raw = await openRaw(toWs(realtimeUrl()));
    await raw.until((msgs, closed) => closed, 30_000);
    assert.equal(raw.closed.code, 4001);
    assert.match(raw.closed.reason, /ConnectionRequest/);
  });

  it("refuses requests over the message rate with message_rate_exceeded, answering every one", async () => {
    // run.mjs starts the server with 200 messages/s sustained and bursts of 1000.
    const raw = await openRaw(toWs(realtimeUrl()));
    raw.send(connectRequest(0));
    await raw.until((msgs) => msgs.some((m) => m.connectionResponse));
    const total = 3000;
    for (let i = 1; i <= total; i++) raw.send({ requestId: { value: i }, serverTimeRequest: {} });
    await raw.until((msgs) => msgs.filter((m) => m.responseId).length >= total + 1, 30_000);
    const replies = raw.received.filter((m) => m.responseId && m.responseId.value > 0);
    assert.equal(new Set(replies.map((m) => m.responseId.value)).size, total, "every request gets exactly one reply");
    const refused = replies.filter((m) => m.error);
    assert.ok(refused.length > 0, "some requests were over the limit");
    assert.ok(refused.every((m) => m.error.code === "message_rate_exceeded"));
    assert.ok(
      replies.some((m) => m.serverTimeResponse),
      "those within the limit were served",
    );
    assert.equal(raw.closed, null, "refusing requests does not close the socket");
    raw.close();
  });

  it(
    "slows a socket that floods normal messages down to the rate, and answers every one",
    { timeout: 60_000 },
    async () => {
      // 2,000 pings at once: 1,000 pass as the burst, the other 1,000 at 200/s, so about 5 s of backpressure.
      const raw = await openRaw(toWs(realtimeUrl()));
      raw.send(connectRequest(0));
      await raw.until((msgs) => msgs.some((m) => m.connectionResponse));
      const started = Date.now();
      const total = 2000;
      for (let i = 0; i < total; i++) raw.send({ ping: {} });
      await raw.until((msgs) => msgs.filter((m) => m.pong).length >= total, 40_000);
      const tookMs = Date.now() - started;
      assert.equal(raw.closed, null, "a fast client is slowed down, not closed");
      assert.ok(!raw.received.some((m) => m.error), "nothing was refused");
      assert.ok(tookMs >= 3500, `the server read the flood at its rate (took ${tookMs} ms for 1,000 over the burst)`);
      raw.close();
    },
  );

  it(
    "closes a client that keeps sending requests over the rate despite message_rate_exceeded",
    { timeout: 60_000 },
    async () => {
      // run.mjs sets a flood grace of 3 s: requests refused for longer than that, without a pause, close the socket.
      const logOffset = serverLogSize();
      const raw = await openRaw(toWs(realtimeUrl()));
      raw.send(connectRequest(0));
      await raw.until((msgs) => msgs.some((m) => m.connectionResponse));
      let id = 1;
      const started = Date.now();
      while (!raw.closed && Date.now() - started < 30_000) {
        for (let k = 0; k < 20; k++) raw.send({ requestId: { value: id++ }, serverTimeRequest: {} });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await raw.until((msgs, closed) => closed, 10_000);
      const refusedBeforeClose = raw.received.filter((m) => m.error && m.error.code === "message_rate_exceeded");
      assert.ok(refusedBeforeClose.length > 0, "the client was told before it was closed");
      assert.ok(Date.now() - started >= 3000, "not before the grace");
      if (raw.closed.code === 1008) {
        assert.match(raw.closed.reason, /rate/);
      } else {
        // Closing a socket whose peer is still sending resets the connection (unread data), so the close frame with
        // its reason may be lost on the way (1006). The server's log says why it closed.
        assert.equal(raw.closed.code, 1006);
      }
      assert.match(serverLogSince(logOffset), /message rate exceeded for 3 s/);
    },
  );

  it("answers a client ping with a pong", async () => {
    const raw = await openRaw(toWs(realtimeUrl()));
    raw.send({ ping: {} });
    await raw.until((msgs) => msgs.some((m) => m.pong));
    raw.close();
  });
});
