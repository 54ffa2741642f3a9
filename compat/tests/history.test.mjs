// Issue 4: history playback with the real client. Two clients edit a model with many kinds of operations, the test
// records the data at every version, and a HistoricalModel played to each version (forward, backward, by time) shows
// exactly that data.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { before, describe, it } from "node:test";
import { clients } from "../lib/clients.mjs";
import { canonical, settled } from "../lib/models.mjs";

const connect = clients();

const initial = () => ({
  text: "hello",
  list: [1, 2, 3, 4, 5],
  obj: { a: 1, b: "two" },
  num: 10,
  flag: false,
  when: new Date(Date.UTC(2026, 0, 1)),
});

const json = (model) => canonical(model.root().toJSON());

describe("history", () => {
  let a;
  let b;
  let id;
  let ma;
  let mb;
  // version → canonical JSON of the data at that version, as both live clients agreed on it.
  const snapshots = new Map();
  let latest;

  before(async () => {
    [a, b] = [await connect("A"), await connect("B")];
    id = `history-${crypto.randomUUID()}`;
    ma = await a.models().openAutoCreate({ collection: "compat", id, data: initial() });
    mb = await b.models().open(id);
    snapshots.set(1, json(ma));
    // One edit per version, alternating clients, each settled before the next so that every version is known.
    // No obj.remove(): an ObjectRemoveProperty in a played range breaks the client (see the last test).
    const edits = [
      () => ma.elementAt("text").insert(5, " world"),
      () => mb.elementAt("text").remove(0, 2),
      () => ma.elementAt("list").insert(2, "x"),
      () => mb.elementAt("list").remove(0),
      () => ma.elementAt("list").reorder(0, 3),
      () => mb.elementAt("list").set(1, { nested: true }),
      () => ma.elementAt("obj").set("c", [1, 2]),
      () => mb.elementAt("obj").set("a", "replaced"),
      () => ma.elementAt("num").add(5),
      () => mb.elementAt("num").value(-3),
      () => ma.elementAt("flag").value(true),
      () => mb.elementAt("when").value(new Date(Date.UTC(2027, 5, 1))),
      () => {
        ma.startBatch();
        ma.elementAt("text").insert(0, "[");
        ma.elementAt("num").add(100);
        ma.root().set("added", "by batch");
        ma.completeBatch();
      },
      () => mb.elementAt("text").value("replaced text"),
      () => ma.elementAt("list").value(["a", "b"]),
      () => mb.elementAt("obj").value({ fresh: 1 }),
      () => ma.root().set("num", 42),
    ];
    for (const edit of edits) {
      edit();
      const { version } = await settled([ma, mb]);
      snapshots.set(version, json(ma));
    }
    latest = ma.version();
    assert.equal(latest, edits.length + 1, "one version per edit, the first edit producing version 2");
  });

  it("starts at the current state and plays to the creation and back to the latest", async () => {
    const h = await b.models().history(id);
    assert.equal(h.modelId(), id);
    assert.equal(h.collectionId(), "compat");
    assert.equal(h.version(), latest);
    assert.equal(h.maxVersion(), latest);
    assert.ok(h.createdTime() instanceof Date && h.maxTime() instanceof Date);
    assert.ok(h.maxTime() >= h.createdTime());
    assert.equal(json(h), snapshots.get(latest));

    await h.playTo(1);
    assert.equal(h.version(), 1);
    assert.equal(json(h), snapshots.get(1));
    assert.equal(h.time().getTime(), h.createdTime().getTime());

    await h.playTo(latest);
    assert.equal(h.version(), latest);
    assert.equal(json(h), snapshots.get(latest));

    await h.playTo(0);
    assert.equal(json(h), snapshots.get(1), "version 0 is the data as created");
    await h.forward(latest);
    assert.equal(json(h), snapshots.get(latest));
  });

  it("steps backward and forward one version at a time, and in jumps", async () => {
    const h = await a.models().history(id);
    for (let v = latest - 1; v >= 1; v--) {
      await h.backward(1);
      assert.equal(h.version(), v);
      assert.equal(json(h), snapshots.get(v), `backward to version ${v}`);
    }
    for (let v = 2; v <= latest; v++) {
      await h.forward(1);
      assert.equal(h.version(), v);
      assert.equal(json(h), snapshots.get(v), `forward to version ${v}`);
    }
    await h.backward(7);
    assert.equal(json(h), snapshots.get(latest - 7));
    await h.forward(3);
    assert.equal(json(h), snapshots.get(latest - 4));
    await h.playTo(2);
    assert.equal(json(h), snapshots.get(2));
    await h.playTo(9);
    assert.equal(json(h), snapshots.get(9));
  });

  it("plays to a time: an operation's own time, the creation time, now; not before the creation", async () => {
    const h = await a.models().history(id);
    const times = new Map();
    for (const v of [2, 5, 9, latest]) {
      await h.playTo(v);
      times.set(v, h.time());
    }
    for (const [v, time] of times) {
      await h.playTo(1);
      await h.playToTime(time);
      assert.equal(h.version(), v, `the time of version ${v} plays to it`);
      assert.equal(json(h), snapshots.get(v));
    }
    await h.playToTime(h.createdTime());
    assert.equal(h.version(), 1);
    assert.equal(json(h), snapshots.get(1));
    await h.playToTime(new Date(Date.now() + 60_000));
    assert.equal(h.version(), latest);
    await assert.rejects(
      h.playToTime(new Date(h.createdTime().getTime() - 60_000)),
      (e) => e.code === "invalid_target_time",
    );
  });

  it("reads the history of a model nobody has open (from storage)", async () => {
    await ma.close();
    await mb.close();
    const h = await b.models().history(id);
    assert.equal(h.version(), latest);
    assert.equal(json(h), snapshots.get(latest));
    await h.playTo(4);
    assert.equal(json(h), snapshots.get(4));
  });

  it("answers model_not_found for a missing model", async () => {
    await assert.rejects(a.models().history(`missing-${crypto.randomUUID()}`), (e) => e.code === "model_not_found");
  });

  it("known client limitation: an ObjectRemoveProperty in the played range makes playTo reject", async () => {
    const c = await connect("C");
    const cid = `history-remove-${crypto.randomUUID()}`;
    const mc = await c.models().openAutoCreate({ collection: "compat", id: cid, data: { obj: { a: 1, b: 2 } } });
    mc.elementAt("obj").remove("a");
    await settled([mc]);
    const h = await c.models().history(cid);
    assert.equal(h.version(), 2);
    // The server sends a correct objectRemovePropertyOperation with its old value; rc.12 reads another oneof member
    // of it and throws while decoding. PROTOCOL.md §8.
    await assert.rejects(h.playTo(1), (e) => e instanceof TypeError && /objectSetPropertyOperation/.test(e.message));
    await mc.close();
  });
});
