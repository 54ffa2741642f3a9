// Issue 5 acceptance, presence: availability across several sessions of a user, shared state and its events, seen
// through the unchanged client.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { nextEvent } from "../lib/client.mjs";
import { clientErrors as recordClientErrors, clients } from "../lib/clients.mjs";
import { port, realtimeUrl } from "../lib/env.mjs";
import { startProxy } from "../lib/proxy.mjs";

// The client reports presence failures through its logger, which writes to console.error; record them.
const clientErrors = recordClientErrors();
// The client sends a presence subscribe request right after connecting; each connect() lets it be answered, so
// that a quick dispose does not turn it into a (client-side) "Error resubscribing to presence".
const connectClient = clients({ login: "password", each: true, settle: (domain) => roundTrip(domain) });
const connect = (name, url = realtimeUrl()) => connectClient(name, { url });
async function dispose(domain) {
  connectClient.forget(domain);
  await domain.dispose();
}

/** Waits until the predicate holds, checking after each event of that name (or at once). */
async function until(emitter, name, predicate) {
  while (!predicate()) await nextEvent(emitter, name);
}

/** Collects the events of the given names on an emitter. */
function record(emitter, ...eventNames) {
  const events = [];
  for (const name of eventNames) emitter.on(name, (e) => events.push(e));
  return events;
}

/**
 * Makes sure the server has processed everything sent so far on these domains' sockets: each makes a request,
 * whose reply comes after the messages it sent before.
 */
async function roundTrip(...domains) {
  for (const domain of domains) await domain.presence().presence(domain.session().user().username);
}

describe("presence", () => {
  it("answers the subscribe request sent at every connect (no resubscribe error)", async () => {
    const a = await connect("alice");
    await roundTrip(a);
    assert.deepEqual(
      clientErrors.filter((e) => e.includes("presence")),
      [],
    );
  });

  it("keeps a user available while any session is connected, across sessions", async () => {
    const a = await connect("alice");
    const b1 = await connect("bob");
    const bob = await a.presence().subscribe("bob");
    assert.equal(bob.user.username, "bob");
    assert.equal(bob.user.displayName, "Bob Brown", "the identity cache knows bob");
    assert.equal(bob.available, true);
    const changes = record(bob, "availability_changed");

    const b2 = await connect("bob");
    await dispose(b1);
    await roundTrip(b2);
    // Nothing is expected here; give a wrongly sent "unavailable" a moment to arrive before looking.
    await sleep(300);
    await roundTrip(a);
    assert.equal(bob.available, true);
    assert.deepEqual(
      changes.map((e) => e.available),
      [],
    );
    assert.equal((await a.presence().presence("bob")).available, true);

    await dispose(b2);
    await until(bob, "availability_changed", () => !bob.available);
    assert.deepEqual(
      changes.map((e) => e.available),
      [false],
    );
    assert.equal((await a.presence().presence("bob")).available, false);

    const b3 = await connect("bob");
    await until(bob, "availability_changed", () => bob.available);
    assert.equal(
      b3.presence().isAvailable() || (await nextEvent(b3.presence(), "availability_changed")).available,
      true,
    );
    assert.deepEqual(clientErrors, []);
  });

  it("delivers state set, removed and cleared to subscribers and to the user's other sessions", async () => {
    const a = await connect("alice");
    const b1 = await connect("bob");
    const b2 = await connect("bob");
    const bob = await a.presence().subscribe("bob");

    b1.presence().setState({ status: "busy", mood: { level: 3, tags: ["x", true, null] } });
    const set = await nextEvent(bob, "state_set");
    assert.equal(set.user.username, "bob");
    await until(bob, "state_set", () => bob.state.get("mood") !== undefined);
    assert.equal(bob.state.get("status"), "busy");
    assert.deepEqual(bob.state.get("mood"), { level: 3, tags: ["x", true, null] });
    await until(b2.presence(), "state_set", () => b2.presence().state().get("status") === "busy");

    b1.presence().setState("status", "away");
    await until(bob, "state_set", () => bob.state.get("status") === "away");
    assert.deepEqual(bob.state.get("mood"), { level: 3, tags: ["x", true, null] }, "a set merges");

    b1.presence().removeState("mood");
    const removed = await nextEvent(bob, "state_removed");
    assert.deepEqual(removed.keys, ["mood"]);
    assert.equal(bob.state.has("mood"), false);
    await until(b2.presence(), "state_removed", () => !b2.presence().state().has("mood"));

    // a presence request sees the same state
    const snapshot = await a.presence().presence("bob");
    assert.deepEqual(Object.fromEntries(snapshot.state), { status: "away" });

    // a new session of bob starts with bob's state (from the connection response)
    const b3 = await connect("bob");
    assert.deepEqual(Object.fromEntries(b3.presence().state()), { status: "away" });

    b2.presence().clearState();
    await nextEvent(bob, "state_cleared");
    assert.equal(bob.state.size, 0);
    await until(b1.presence(), "state_cleared", () => b1.presence().state().size === 0);
    await until(b3.presence(), "state_cleared", () => b3.presence().state().size === 0);
    assert.deepEqual(clientErrors, []);
  });

  it("does not echo a session's own changes back to it", async () => {
    const b1 = await connect("bob");
    const events = record(b1.presence(), "state_set");
    b1.presence().setState("only", "once");
    await roundTrip(b1);
    await sleep(200);
    await roundTrip(b1);
    assert.equal(events.length, 1, "only the local set");
  });

  it("ends the state with the user's last session, and tells subscribers", async () => {
    const a = await connect("alice");
    const b = await connect("bob");
    const bob = await a.presence().subscribe("bob");
    b.presence().setState("status", "leaving");
    await until(bob, "state_set", () => bob.state.get("status") === "leaving");
    await dispose(b);
    await until(bob, "availability_changed", () => !bob.available);
    assert.equal(bob.state.size, 0);
    const again = await connect("bob");
    assert.equal(again.presence().state().size, 0);
  });

  it("subscribes to several users at once, unknown ones included, and unsubscribes", async () => {
    const a = await connect("alice");
    const [bob, ghost] = await a.presence().subscribe(["bob", "nobody-at-all"]);
    assert.equal(bob.user.username, "bob");
    assert.equal(ghost.user.username, "nobody-at-all");
    assert.equal(ghost.available, false);
    assert.deepEqual(ghost.state.size, 0);
    const presences = await a.presence().presence(["nobody-at-all", "alice"]);
    assert.deepEqual(
      presences.map((p) => [p.user.username, p.available]),
      [
        ["nobody-at-all", false],
        ["alice", true],
      ],
    );

    const events = record(bob, "availability_changed");
    bob.unsubscribe();
    ghost.unsubscribe();
    const b = await connect("bob");
    await roundTrip(b, a);
    await sleep(200);
    await roundTrip(a);
    assert.deepEqual(events, [], "no events after unsubscribing");
    assert.deepEqual(clientErrors, []);
  });

  it("serves a second subscription to the same user from the first", async () => {
    const a = await connect("alice");
    const bob = await a.presence().subscribe("bob");
    assert.equal(bob.available, false);
    const b = await connect("bob");
    await until(bob, "availability_changed", () => bob.available);
    const again = await a.presence().subscribe("bob");
    assert.equal(again.available, true);
    await dispose(b);
    await until(again, "availability_changed", () => !again.available);
    assert.deepEqual(clientErrors, []);
  });

  it("resubscribes after an automatic reconnect and catches up", async () => {
    const proxy = await startProxy(port);
    try {
      const a = await connect("alice", realtimeUrl("convergence", "default", proxy.port));
      const b = await connect("bob");
      const bob = await a.presence().subscribe("bob");
      assert.equal(bob.available, true);
      const interrupted = nextEvent(a, "interrupted");
      const reconnected = nextEvent(a, "connected", 20_000);
      proxy.cutAll();
      await interrupted;
      b.presence().setState("while", "away");
      await reconnected;
      await until(bob, "state_set", () => bob.state.get("while") === "away");
      assert.equal(bob.available, true);
      assert.deepEqual(clientErrors, []);
    } finally {
      await proxy.close();
    }
  });
});
