// Issue 5 acceptance, chat: channels, direct chats and rooms through the unchanged client, each event seen by exactly
// the sessions that must see it (members), never by the others; history paging both ways; errors with the protocol's
// codes that store nothing.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { watchers } from "../lib/watchers.mjs";
import { unique } from "../lib/rest.mjs";
import { until } from "../lib/models.mjs";

// Fixture users logged in per test, disposed after it; a TypeError inside the client's chat stream (e.g. a user
// missing from its identity cache) is logged through console.error and kills chat events for that session, so a test
// fails if any client logged an error.
const connect = watchers();

const EVENTS = [
  "message",
  "user_joined",
  "user_left",
  "user_added",
  "user_removed",
  "name_changed",
  "topic_changed",
  "events_seen",
  "removed",
];

// rc.12 defect: when connecting takes longer than its 5 s socket timeout (a loaded machine), the client opens a
// second socket without dropping its subscription to the first (ConvergenceConnection#_createProtocolConnection); if
// both get through, every message reaches it twice. Recorders therefore keep each distinct event once (every event
// here is distinct: numbered, or a seen marker of its own); what they must show is that the right sessions get each
// event and the others none.
function keepOnce(list, entry) {
  const key = JSON.stringify(entry);
  if (!list.some((e) => JSON.stringify(e) === key)) list.push(entry);
}

/** Records every chat event a domain's chat service emits, as [name, chatId, detail]. */
function recordService(domain) {
  const events = [];
  for (const name of EVENTS) {
    domain.chat().on(name, (e) => keepOnce(events, [name, e.chatId, detail(e)]));
  }
  return events;
}
function detail(e) {
  if (e.message !== undefined) return `${e.user.username}:${e.message}#${e.eventNumber}`;
  if (e.addedUser) return `${e.user.username}+${e.addedUser.username}#${e.eventNumber}`;
  if (e.removedUser) return `${e.user.username}-${e.removedUser.username}#${e.eventNumber}`;
  if (e.chatName !== undefined) return `name=${e.chatName}#${e.eventNumber}`;
  if (e.topic !== undefined) return `topic=${e.topic}#${e.eventNumber}`;
  if (e.maxSeenEventNumber !== undefined) return `${e.user.username} seen ${e.maxSeenEventNumber}`;
  if (e.user) return `${e.user.username}#${e.eventNumber}`;
  return "";
}

/** Makes sure the server processed (and delivered) everything the given domains sent so far. */
async function settle(...domains) {
  for (const d of domains) await d.presence().presence(d.session().user().username);
  await sleep(150);
}

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail("expected a rejection");
}

const sent = (events, chatId) => events.filter(([, id]) => id === chatId).map(([name, , d]) => `${name} ${d}`);
const numbers = (page) => page.data.map((e) => e.eventNumber);

describe("chat channels", () => {
  it("delivers messages, names, topics, seen markers, added and removed users to exactly the members", async () => {
    const [a, b, e, f] = await Promise.all(["alice", "bob", "erin", "frank"].map(connect));
    const all = [a, b, e, f].map(recordService);
    const [aEvents, bEvents, eEvents, fEvents] = all;
    const id = unique("channel");
    assert.equal(
      await a.chat().create({
        id,
        type: "channel",
        membership: "public",
        name: "Three",
        topic: "t0",
        members: ["alice", "bob", "erin"],
      }),
      id,
    );
    const [ac, bc, ec] = await Promise.all([a, b, e].map((d) => d.chat().get(id)));
    for (const chat of [ac, bc, ec]) {
      assert.equal(chat.isJoined(), true);
      assert.deepEqual(
        chat
          .info()
          .members.map((m) => m.user.username)
          .sort(),
        ["alice", "bob", "erin"],
      );
      assert.equal(chat.info().lastEventNumber, 0);
    }
    const chatEvents = [ac, bc, ec].map((chat) => {
      const list = [];
      for (const name of EVENTS) chat.on(name, (ev) => keepOnce(list, `${name} ${detail(ev)}`));
      return list;
    });

    assert.equal((await ac.send("one")).eventNumber, 1);
    assert.equal((await ac.send("two")).eventNumber, 2);
    const three = await bc.send("three");
    assert.equal(three.eventNumber, 3);
    assert.ok(three.timestamp instanceof Date);
    await ac.setName("Renamed");
    await ac.setTopic("new topic");
    await bc.markSeen(3);
    await settle(a, b, e, f);

    const expected = [
      "message alice:one#1",
      "message alice:two#2",
      "message bob:three#3",
      "name_changed name=Renamed#4",
      "topic_changed topic=new topic#5",
      "events_seen bob seen 3",
    ];
    for (const events of [aEvents, bEvents, eEvents]) assert.deepEqual(sent(events, id), expected);
    for (const list of chatEvents) assert.deepEqual(list, expected);
    assert.deepEqual(sent(fEvents, id), [], "a non-member receives nothing");
    assert.equal(ec.info().name, "Renamed");
    assert.equal(ec.info().topic, "new topic");

    // frank is added: every member and frank see it; frank now gets the messages, and is then removed
    await ac.add("frank");
    await settle(a, f);
    const fc = await f.chat().get(id);
    assert.equal(fc.isJoined(), true);
    await ec.send("hello frank");
    await ac.remove("frank");
    await settle(a, b, e, f);
    await ec.send("frank is gone");
    await settle(a, b, e, f);
    // seen markers are not numbered events: the addition is event 6
    const tail = [
      "user_added alice+frank#6",
      "message erin:hello frank#7",
      "user_removed alice-frank#8",
      "message erin:frank is gone#9",
    ];
    for (const events of [aEvents, bEvents, eEvents]) assert.deepEqual(sent(events, id).slice(-4), tail);
    assert.deepEqual(sent(fEvents, id), tail.slice(0, 3), "frank sees his addition and removal, nothing after");
    assert.equal(fc.isJoined(), false);

    // the stored state: members and seen markers as another session reads them
    const info = (await e.chat().get(id)).info();
    assert.deepEqual(info.members.map((m) => m.user.username).sort(), ["alice", "bob", "erin"]);
    assert.equal(info.members.find((m) => m.user.username === "bob").maxSeenEventNumber, 3);
    assert.equal(info.lastEventNumber, 9);
  });

  it("pages history backward and forward, with an event-type filter", async () => {
    const a = await connect("alice");
    const id = unique("history");
    await a.chat().create({ id, type: "channel", membership: "private", name: "H", topic: "", members: ["alice"] });
    const chat = await a.chat().get(id);
    for (let i = 1; i <= 6; i++) await chat.send(`m${i}`);
    await chat.setTopic("topic");

    const newest = await chat.getHistory({ limit: 3 });
    assert.deepEqual(numbers(newest), [7, 6, 5]);
    assert.equal(newest.totalResults, 8);
    const older = await chat.getHistory({ startEvent: 4, limit: 3 });
    assert.deepEqual(numbers(older), [4, 3, 2]);
    const oldest = await chat.getHistory({ startEvent: 1, limit: 3 });
    assert.deepEqual(numbers(oldest), [1, 0]);
    assert.equal(oldest.data[1].type, "created");
    assert.deepEqual(
      oldest.data[1].members.map((u) => u.username),
      ["alice"],
    );
    assert.equal(oldest.data[0].message, "m1");

    const first = await chat.getHistory({ startEvent: 0, limit: 3, forward: true });
    assert.deepEqual(numbers(first), [0, 1, 2]);
    const next = await chat.getHistory({ startEvent: 3, limit: 3, forward: true });
    assert.deepEqual(numbers(next), [3, 4, 5]);
    assert.equal(next.totalResults, 5);
    const last = await chat.getHistory({ startEvent: 6, limit: 3, forward: true });
    assert.deepEqual(numbers(last), [6, 7]);
    assert.equal(last.data[1].type, "topic_changed");

    const messages = await chat.getHistory({ eventFilter: ["message"], limit: 100 });
    assert.deepEqual(
      messages.data.map((m) => m.message),
      ["m6", "m5", "m4", "m3", "m2", "m1"],
    );
    const created = await chat.getHistory({ eventFilter: ["created", "topic_changed"], forward: true, startEvent: 0 });
    assert.deepEqual(
      created.data.map((m) => m.type),
      ["created", "topic_changed"],
    );
  });

  it("joins and leaves a public channel; refuses what it must with the protocol's codes, storing nothing", async () => {
    const [a, b] = await Promise.all([connect("alice"), connect("bob")]);
    const bEvents = recordService(b);
    const id = unique("public");
    await a.chat().create({ id, type: "channel", membership: "public", name: "P", topic: "" });
    const dup = await rejection(a.chat().create({ id, type: "channel", membership: "public", name: "P", topic: "" }));
    assert.equal(dup.code, "chat_already_exists");
    assert.equal(await a.chat().create({ id, type: "channel", membership: "public", ignoreExistsError: true }), id);

    const ac = await a.chat().join(id);
    assert.equal(ac.isJoined(), true);
    assert.equal((await rejection(a.chat().join(id))).code, "chat_already_joined");
    const bc = await b.chat().get(id);
    assert.equal(bc.isJoined(), false);
    // the client refuses locally; the server refuses too when asked directly
    assert.throws(() => bc.send("nope"), { code: "chat_not_joined" });
    const raw = await rejection(b._connection.request({ publishChatMessageRequest: { chatId: id, message: "x" } }));
    assert.equal(raw.code, "chat_not_joined");
    assert.equal((await rejection(b.chat().join("no-such-chat-" + id))).code, "chat_not_found");
    assert.equal((await rejection(ac.remove("bob"))).code, "not_a_member");
    assert.equal((await rejection(ac.remove("alice"))).code, "cant_remove_self");
    assert.equal((await rejection(ac.add("nobody-at-all"))).code, "user_not_found");

    const joined = await b.chat().join(id);
    await settle(a, b);
    assert.deepEqual(sent(bEvents, id), ["user_joined bob#2"]);
    await joined.send("hi");
    await joined.leave();
    await settle(a, b);
    assert.equal(joined.isJoined(), false);
    assert.deepEqual(
      (await a.chat().get(id)).info().members.map((m) => m.user.username),
      ["alice"],
    );
    // nothing of the refused requests was stored: only created, the two joins, the message and the leave
    const history = await ac.getHistory({ startEvent: 0, forward: true });
    assert.deepEqual(
      history.data.map((h) => `${h.type} ${h.user.username}`),
      ["created alice", "user_joined alice", "user_joined bob", "message bob", "user_left bob"],
    );
    assert.ok((await a.chat().joined()).some((c) => c.chatId === id));
    assert.ok(!(await b.chat().joined()).some((c) => c.chatId === id));

    // a private channel is invisible to non-members
    const hidden = unique("private");
    await a.chat().create({ id: hidden, type: "channel", membership: "private", members: ["alice"] });
    assert.equal(await b.chat().exists(hidden), false);
    assert.equal(await a.chat().exists(hidden), true);
    assert.equal((await rejection(b.chat().join(hidden))).code, "chat_not_found");
    const found = await b.chat().search({ searchTerm: id.slice(-8), searchFields: ["name"] });
    assert.equal(found.totalResults, 0, "search matches names, not ids");
    const byName = await a
      .chat()
      .search({ searchTerm: "p", searchFields: ["name"], types: ["channel"], membership: "public", limit: 1000 });
    assert.ok(byName.data.some((c) => c.chatId === id));

    await a.chat().remove(id);
    await settle(a, b);
    assert.equal(await a.chat().exists(id), false);
  });
});

describe("direct chats", () => {
  it("finds the same chat again by the same users, and delivers only to them", async () => {
    const [a, b, e] = await Promise.all(["alice", "bob", "erin"].map(connect));
    const eEvents = recordService(e);
    const fromAlice = await a.chat().direct("bob");
    const fromBob = await b.chat().direct("alice");
    assert.equal(fromAlice.info().chatId, fromBob.info().chatId);
    assert.equal(fromAlice.info().chatType, "direct");
    assert.deepEqual(
      fromAlice.info().otherUsers.map((m) => m.user.username),
      ["bob"],
    );
    assert.equal((await a.chat().direct(["bob"])).info().chatId, fromAlice.info().chatId);
    const trio = await a.chat().direct(["bob", "erin"]);
    assert.notEqual(trio.info().chatId, fromAlice.info().chatId);

    const got = [];
    fromBob.on("message", (ev) => keepOnce(got, ev.message));
    await fromAlice.send("psst");
    await until(() => got.length === 1, "bob receives the direct message");
    assert.deepEqual(got, ["psst"]);
    await settle(a, e);
    assert.deepEqual(sent(eEvents, fromAlice.info().chatId), []);
    assert.equal((await rejection(a.chat().join(fromAlice.info().chatId))).code, "not_supported");
  });
});

describe("chat rooms", () => {
  it("has the joined sessions as members; membership ends with the session", async () => {
    const [a, b, e] = await Promise.all(["alice", "bob", "erin"].map(connect));
    const eEvents = recordService(e);
    const id = unique("room");
    await a.chat().create({ id, type: "room", membership: "public", name: "Room" });
    const ar = await a.chat().join(id);
    const aRoomEvents = [];
    for (const name of EVENTS) ar.on(name, (ev) => keepOnce(aRoomEvents, `${name} ${detail(ev)}`));
    const br = await b.chat().join(id);
    assert.deepEqual(
      br
        .info()
        .members.map((m) => m.user.username)
        .sort(),
      ["alice", "bob"],
    );
    await br.send("in the room");
    await settle(a, b);
    await b.dispose();
    await until(() => aRoomEvents.length === 3, "alice sees bob join, speak and leave");
    assert.deepEqual(aRoomEvents, ["user_joined bob#2", "message bob:in the room#3", "user_left bob#4"]);
    assert.deepEqual(
      (await a.chat().get(id)).info().members.map((m) => m.user.username),
      ["alice"],
    );
    await settle(a, e);
    assert.deepEqual(sent(eEvents, id), [], "a session that did not join receives nothing");
    const eRoom = await e.chat().get(id);
    assert.equal(
      (await rejection(e._connection.request({ publishChatMessageRequest: { chatId: id, message: "x" } }))).code,
      "chat_not_joined",
    );
    assert.equal(eRoom.isJoined(), false);
  });
});
