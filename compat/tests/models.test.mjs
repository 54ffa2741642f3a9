// Issue 4: real clients open one model and edit it concurrently; everyone ends equal, and a fresh open agrees.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, describe, it } from "node:test";
import { clients } from "../lib/clients.mjs";
import { port, realtimeUrl } from "../lib/env.mjs";
import {
  canonical,
  editEveryType,
  everyType,
  randomWorkload,
  randomWorkloadData,
  settled,
  sleep,
  until,
} from "../lib/models.mjs";
import { startProxy } from "../lib/proxy.mjs";

// 40 ms each way: edits made on both sides within that window cross in flight and must be transformed.
const slow = await startProxy(port, { delayMillis: 40 });

const connectClient = clients();
const connect = (name, { delayed = false } = {}) =>
  connectClient(name, delayed ? { url: realtimeUrl("convergence", "default", slow.port) } : {});
after(() => slow.close());

describe("models", () => {
  it("creates on open (auto-create), hands out distinct value-id prefixes, and opens again after close", async () => {
    const a = await connect("A");
    const id = `auto-${crypto.randomUUID()}`;
    const model = await a.models().openAutoCreate({ collection: "compat", id, data: everyType() });
    assert.equal(model.modelId(), id);
    assert.equal(model.collectionId(), "compat");
    assert.equal(model.version(), 1, "a new model is at version 1");
    assert.equal(model.elementAt("text").value(), "hello");
    assert.ok(model.createdTime() instanceof Date);
    await model.close();
    const again = await a.models().open(id);
    assert.deepEqual(again.root().toJSON().list, [1, 2, 3, 4, 5]);
    await again.close();
  });

  it("opens one new model for every client that auto-creates it at the same moment, in a new collection", async () => {
    // Each create races to insert the collection and the model; the losers must open the winner's model.
    const clients = await Promise.all(["A", "B", "C", "D", "E", "F"].map((name) => connect(name)));
    const collection = `race-${crypto.randomUUID()}`;
    const id = `race-${crypto.randomUUID()}`;
    const models = await Promise.all(
      clients.map((client, i) => client.models().openAutoCreate({ collection, id, data: { by: i } })),
    );
    const values = models.map((model) => model.root().toJSON());
    assert.equal(new Set(values.map((v) => JSON.stringify(v))).size, 1, "every client opened the same model");
    assert.ok(models.every((model) => model.collectionId() === collection && model.version() === 1));
    await Promise.all(models.map((model) => model.close()));
  });

  it("answers model_not_found for a missing model and model_already_exists for a duplicate create", async () => {
    const a = await connect("A");
    await assert.rejects(a.models().open(`missing-${crypto.randomUUID()}`), (e) => e.code === "model_not_found");
    const id = `dup-${crypto.randomUUID()}`;
    await a.models().create({ collection: "compat", id, data: { x: 1 } });
    await assert.rejects(
      a.models().create({ collection: "compat", id, data: { x: 2 } }),
      (e) => e.code === "model_already_exists",
    );
  });

  it("merges concurrent edits of every value type, in batches too, and a fresh open sees the same", async () => {
    const [a, b] = [await connect("A", { delayed: true }), await connect("B", { delayed: true })];
    const id = `edit-${crypto.randomUUID()}`;
    const ma = await a.models().openAutoCreate({ collection: "compat", id, data: everyType() });
    const mb = await b.models().open(id);
    assert.deepEqual(
      mb
        .collaborators()
        .map((c) => c.sessionId)
        .sort(),
      [a.session().sessionId(), b.session().sessionId()].sort(),
    );

    editEveryType(ma, mb);

    const { version, data } = await settled([ma, mb]);
    assert.ok(version > 1);
    assert.equal(data.added, "by batch");

    const c = await connect("C");
    const mc = await c.models().open(id);
    assert.equal(mc.version(), version);
    assert.equal(canonical(mc.root().toJSON()), canonical(ma.root().toJSON()));
  });

  it("tells the others when a collaborator opens and closes", async () => {
    const [a, b] = [await connect("A"), await connect("B")];
    const id = `collab-${crypto.randomUUID()}`;
    const ma = await a.models().openAutoCreate({ collection: "compat", id, data: { v: 1 } });
    const opened = new Promise((resolve) => ma.on("collaborator_opened", resolve));
    const mb = await b.models().open(id);
    const joined = await opened;
    assert.equal(joined.collaborator.sessionId, b.session().sessionId());
    const closed = new Promise((resolve) => ma.on("collaborator_closed", resolve));
    await mb.close();
    assert.equal((await closed).collaborator.sessionId, b.session().sessionId());
  });

  it("shares a range reference, shifts it by a concurrent insert, and drops it when its owner leaves", async () => {
    const [a, b] = [await connect("A"), await connect("B")];
    const id = `ref-${crypto.randomUUID()}`;
    const ma = await a.models().openAutoCreate({ collection: "compat", id, data: { text: "0123456789" } });
    const mb = await b.models().open(id);
    const remote = new Promise((resolve) => mb.elementAt("text").on("reference", (e) => resolve(e.reference)));
    const selection = ma.elementAt("text").rangeReference("selection");
    selection.set({ start: 4, end: 6 });
    selection.share();
    const seen = await remote;
    assert.equal(seen.sessionId(), a.session().sessionId());
    assert.equal(seen.key(), "selection");
    assert.deepEqual(seen.value(), { start: 4, end: 6 });

    const moved = new Promise((resolve) => seen.on("set", resolve));
    mb.elementAt("text").insert(0, "ab");
    await settled([ma, mb]);
    const shifted = await Promise.race([moved.then(() => seen.value()), sleep(2000).then(() => seen.value())]);
    assert.deepEqual(shifted, { start: 6, end: 8 }, "the insert before the selection shifts it by two");

    const disposed = new Promise((resolve) => seen.on("disposed", resolve));
    await a.dispose();
    await disposed;
    assert.ok(seen.isDisposed());
  });

  it("agrees with a client on its own selection when it moves it while its edits and another's cross", async () => {
    // A cursor set while its owner's own insert is unacknowledged carries the version from before that insert, and
    // its value already counts it: the server must not shift it by that insert again, nor lose the set.
    const [a, b] = [await connect("A", { delayed: true }), await connect("B", { delayed: true })];
    const id = `ref-cross-${crypto.randomUUID()}`;
    const ma = await a.models().openAutoCreate({ collection: "compat", id, data: { text: "0123456789" } });
    const mb = await b.models().open(id);
    const [ta, tb] = [ma.elementAt("text"), mb.elementAt("text")];
    const [bSession, aSession] = [b.session().sessionId(), a.session().sessionId()];
    const cursor = ta.rangeReference("cursor");
    cursor.set({ start: 10, end: 10 });
    cursor.share();
    const selection = tb.rangeReference("selection");
    selection.set({ start: 10, end: 10 });
    selection.share();
    selection.set({ start: 0, end: 0 });
    for (let i = 0; i < 5; i++) {
      ta.insert(ta.length(), "a");
      cursor.set({ start: ta.length(), end: ta.length() });
      await sleep(20);
      tb.insert(i, "b");
      selection.set({ start: i + 1, end: i + 1 });
      await sleep(20);
    }
    await settled([ma, mb]);
    assert.equal(tb.value(), "bbbbb0123456789aaaaa");
    assert.deepEqual(selection.value(), { start: 5, end: 5 }, "B's own view of its selection");
    assert.deepEqual(cursor.value(), { start: 20, end: 20 }, "A's own view of its cursor");
    const remote = (text, session, key) => text.references({ sessionId: session, key })[0]?.value();
    // Reference events have no acknowledgement: wait for the last one to arrive, then compare.
    await until(
      () => canonical(remote(ta, bSession, "selection")) === canonical(selection.value()),
      "A's view",
      5000,
    ).catch(() => {});
    assert.deepEqual(remote(ta, bSession, "selection"), { start: 5, end: 5 }, "A sees B's selection where B has it");
    assert.deepEqual(remote(tb, aSession, "cursor"), { start: 20, end: 20 }, "B sees A's cursor where A has it");

    const c = await connect("C");
    const tc = (await c.models().open(id)).elementAt("text");
    assert.deepEqual(remote(tc, bSession, "selection"), { start: 5, end: 5 }, "a fresh open sees B's selection");
    assert.deepEqual(remote(tc, aSession, "cursor"), { start: 20, end: 20 }, "a fresh open sees A's cursor");
  });

  it("converges under a seeded random workload of four clients", { timeout: 240_000 }, async () => {
    const seed = Number(process.env.TANDEM_COMPAT_SEED || Date.now() % 1_000_000);
    const clients = [];
    for (let i = 0; i < 4; i++) clients.push(await connect(`R${i}`, { delayed: i % 2 === 0 }));
    const id = `random-${seed}-${crypto.randomUUID()}`;
    const models = [await clients[0].models().openAutoCreate({ collection: "compat", id, data: randomWorkloadData() })];
    for (const c of clients.slice(1)) models.push(await c.models().open(id));
    await randomWorkload(models, { seed, total: Number(process.env.TANDEM_COMPAT_RANDOM_OPS || 1000) });
  });
});
