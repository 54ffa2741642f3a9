// Issue 6: models over the admin REST API, with real rc.12 clients. Data replaced over REST goes through the model's
// single writer: clients that have the model open receive it as remote operations and end equal to it (and to each
// other); a REST delete force-closes them; a model created over REST opens with its data. Also the model list,
// metadata, permissions, and POST model-query as the domain administrator.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { before, describe, it } from "node:test";
import { nextEvent } from "../lib/client.mjs";
import { clients } from "../lib/clients.mjs";
import { canonical, settled, sleep, until } from "../lib/models.mjs";
import { adminLogin, call, fails, ok } from "../lib/rest.mjs";

const D = "/domains/convergence/default";
const WHEN = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const NONE = { read: false, write: false, remove: false, manage: false };
const ALL = { read: true, write: true, remove: true, manage: true };

let admin;
before(async () => {
  admin = { session: await adminLogin() };
});
const connect = clients();

const run = crypto.randomUUID().slice(0, 8);
const collection = `rest-models-${run}`;
const uid = (p) => `${p}-${crypto.randomUUID()}`;
const json = (model) => JSON.parse(canonical(model.root().toJSON()));

async function createModel(body) {
  return ok(await call("POST", `${D}/models`, { auth: admin, body: { collection, ...body } }), 201).id;
}

describe("models over REST", () => {
  it("creates a model with data (generated or given id): 201 {id}; 400, 404, 409", async () => {
    const data = {
      title: "Hello",
      n: 3,
      nested: { list: [1, "two", true, null, { deep: 1.5 }] },
      when: { $$convergence_type: "date", date: WHEN },
    };
    const generated = await createModel({ data });
    assert.match(generated, /^[0-9a-f-]{36}$/);
    const id = uid("given");
    assert.equal(await createModel({ id, data: { a: 1 } }), id);

    const model = ok(await call("GET", `${D}/models/${id}`, { auth: admin }));
    assert.deepEqual(Object.keys(model), ["id", "collection", "version", "createdTime", "modifiedTime", "data"]);
    assert.equal(model.id, id);
    assert.equal(model.collection, collection);
    assert.equal(model.version, 1);
    assert.equal(typeof model.createdTime, "number");
    assert.ok(Math.abs(model.createdTime - Date.now()) < 60_000);
    assert.equal(model.modifiedTime, model.createdTime);
    assert.deepEqual(model.data, { a: 1 });
    const full = ok(await call("GET", `${D}/models/${generated}`, { auth: admin }));
    assert.deepEqual(full.data, data, "every JSON type and a date come back as sent");
    const meta = ok(await call("GET", `${D}/models/${id}?data=false`, { auth: admin }));
    assert.equal(meta.data, undefined);
    assert.equal(meta.version, 1);

    fails(await call("POST", `${D}/models`, { auth: admin, body: { collection, id, data: {} } }), 409, "duplicate");
    fails(await call("POST", `${D}/models`, { auth: admin, body: { collection } }), 400, "invalid_value");
    fails(await call("POST", `${D}/models`, { auth: admin, body: { data: {} } }), 400, "invalid_value");
    fails(await call("POST", `${D}/models`, { auth: admin, body: { collection, data: [1] } }), 400);
    fails(
      await call("POST", `${D}/models`, { auth: admin, body: { collection, id: "has space", data: {} } }),
      400,
      "invalid_value",
    );
    fails(await call("POST", `${D}/models`, { auth: admin, body: "{not json" }), 400, "malformed_request_content");
    // compat/closed does not create collections on demand
    fails(
      await call("POST", "/domains/compat/closed/models", { auth: admin, body: { collection: "nope", data: {} } }),
      404,
      "not_found",
    );
    fails(await call("GET", `${D}/models/${uid("missing")}`, { auth: admin }), 404, "not_found");
    fails(await call("GET", `/domains/convergence/no-such-domain/models`, { auth: admin }), 404, "not_found");
  });

  it("a model created over REST opens in an rc.12 client with its data", async () => {
    const data = {
      text: "from REST",
      list: [1, 2, { x: "y" }],
      flag: false,
      when: { $$convergence_type: "date", date: WHEN },
    };
    const id = await createModel({ data });
    const client = await connect("Opener");
    const model = await client.models().open(id);
    assert.equal(model.collectionId(), collection);
    assert.equal(model.version(), 1);
    assert.equal(model.elementAt("text").value(), "from REST");
    assert.deepEqual(model.elementAt("list").value(), [1, 2, { x: "y" }]);
    assert.equal(model.elementAt("flag").value(), false);
    assert.ok(model.elementAt("when").value() instanceof Date);
    assert.equal(model.elementAt("when").value().getTime(), WHEN);
    // the client can edit it: its value ids do not clash with those the server made
    model.elementAt("list").push("pushed");
    model.root().set("added", { k: 1 });
    await sleep(300);
    await model.close();
    const stored = ok(await call("GET", `${D}/models/${id}`, { auth: admin }));
    assert.equal(stored.version, 3);
    assert.deepEqual(stored.data.list, [1, 2, { x: "y" }, "pushed"]);
    assert.deepEqual(stored.data.added, { k: 1 });
  });

  it("lists models (metadata) by id, of one collection, with paging; 400 for bad paging", async () => {
    const own = `list-${run}`;
    const ids = [];
    for (const n of [3, 1, 2]) {
      ids.push(
        ok(
          await call("POST", `${D}/models`, {
            auth: admin,
            body: { collection: own, id: `${own}-m${n}`, data: { n } },
          }),
          201,
        ).id,
      );
    }
    const all = ok(await call("GET", `${D}/models?collection=${own}`, { auth: admin }));
    assert.deepEqual(
      all.map((m) => m.id),
      [`${own}-m1`, `${own}-m2`, `${own}-m3`],
    );
    assert.deepEqual(Object.keys(all[0]), ["id", "collection", "version", "createdTime", "modifiedTime"]);
    assert.ok(all.every((m) => m.collection === own && m.version === 1));
    const page = ok(await call("GET", `${D}/models?collection=${own}&offset=1&limit=1`, { auth: admin }));
    assert.deepEqual(
      page.map((m) => m.id),
      [`${own}-m2`],
    );
    const inCollection = ok(await call("GET", `${D}/collections/${own}/models?limit=2`, { auth: admin }));
    assert.deepEqual(
      inCollection.map((m) => m.id),
      [`${own}-m1`, `${own}-m2`],
    );
    const everything = ok(await call("GET", `${D}/models?limit=1000`, { auth: admin }));
    assert.ok(ids.every((id) => everything.some((m) => m.id === id)));
    fails(await call("GET", `${D}/models?limit=0`, { auth: admin }), 400, "invalid_value");
    fails(await call("GET", `${D}/models?offset=-1`, { auth: admin }), 400, "invalid_value");
    fails(await call("GET", `${D}/collections/no-such-${run}/models`, { auth: admin }), 404, "not_found");
  });

  it("replaces the data of a model nobody has open: a new version, recorded in its history", async () => {
    const id = await createModel({ data: { old: true, n: 1 } });
    ok(await call("PUT", `${D}/models/${id}`, { auth: admin, body: { data: { fresh: "yes", list: [1, 2] } } }));
    const after1 = ok(await call("GET", `${D}/models/${id}`, { auth: admin }));
    assert.equal(after1.version, 2);
    assert.deepEqual(after1.data, { fresh: "yes", list: [1, 2] });
    assert.ok(after1.modifiedTime >= after1.createdTime);
    // (not emptied here: rc.12 cannot play history back over a removed property, a known client defect)
    ok(await call("PUT", `${D}/models/${id}`, { auth: admin, body: { collection, data: { last: 3 } } }));
    const after2 = ok(await call("GET", `${D}/models/${id}`, { auth: admin }));
    assert.equal(after2.version, 3);
    assert.deepEqual(after2.data, { last: 3 });

    const client = await connect("Historian");
    const history = await client.models().history(id);
    assert.equal(history.maxVersion(), 3);
    assert.deepEqual(JSON.parse(canonical(history.root().toJSON())), { last: 3 });
    await history.playTo(2);
    assert.deepEqual(JSON.parse(canonical(history.root().toJSON())), { fresh: "yes", list: [1, 2] });
    await history.playTo(1);
    assert.deepEqual(JSON.parse(canonical(history.root().toJSON())), { n: 1, old: true });

    const model = await client.models().open(id);
    assert.equal(model.version(), 3);
    assert.deepEqual(json(model), { last: 3 });
    await model.close();
  });

  it("GET versions/{v} plays the model back on the server, equal to rc.12's own playback at every version", async () => {
    const id = await createModel({ data: { text: "abc", n: 1, list: [1, 2, 3], nested: { flag: false } } });
    const client = await connect("Editor");
    const model = await client.models().open(id);
    model.root().get("text").insert(3, "def");
    model.root().get("n").add(41);
    model.root().get("list").remove(0);
    model.root().get("list").push("four");
    model.root().get("nested").set("flag", true);
    model.root().set("added", { deep: [null, "x"] });
    model.root().get("text").remove(0, 2);
    // (no property removed: rc.12 cannot play history back over a removed property, see above)
    await until(() => model.version() === 8, "the edits to be acknowledged");
    ok(await call("PUT", `${D}/models/${id}`, { auth: admin, body: { data: { replaced: true } } }));
    const current = ok(await call("GET", `${D}/models/${id}`, { auth: admin }));
    assert.equal(current.version, 9);

    const history = await client.models().history(id);
    assert.equal(history.maxVersion(), 9);
    for (let v = 9; v >= 1; v--) {
      await history.playTo(v);
      const played = ok(await call("GET", `${D}/models/${id}/versions/${v}`, { auth: admin }));
      assert.equal(played.version, v);
      assert.equal(played.currentVersion, 9);
      assert.equal(played.collection, collection);
      assert.equal(typeof played.time, "number");
      assert.deepEqual(
        JSON.parse(canonical(played.data)),
        JSON.parse(canonical(history.root().toJSON())),
        `version ${v}`,
      );
    }
    const first = ok(await call("GET", `${D}/models/${id}/versions/1`, { auth: admin }));
    assert.deepEqual(first.data, { text: "abc", n: 1, list: [1, 2, 3], nested: { flag: false } });
    assert.equal(first.time, current.createdTime);
    await model.close();

    // by time: the version in force then
    const at = async (time) => ok(await call("GET", `${D}/models/${id}/versions?time=${time}`, { auth: admin }));
    assert.equal((await at(first.time)).version, 1);
    assert.deepEqual((await at(first.time)).data, first.data);
    assert.equal((await at(Date.now() + 60_000)).version, 9);
    fails(
      await call("GET", `${D}/models/${id}/versions?time=${first.time - 1000}`, { auth: admin }),
      400,
      "invalid_target_time",
    );
    fails(await call("GET", `${D}/models/${id}/versions`, { auth: admin }), 400, "invalid_value");
    fails(await call("GET", `${D}/models/${id}/versions?time=soon`, { auth: admin }), 400, "invalid_value");

    fails(await call("GET", `${D}/models/${id}/versions/0`, { auth: admin }), 400, "invalid_version");
    fails(await call("GET", `${D}/models/${id}/versions/10`, { auth: admin }), 400, "invalid_version");
    fails(await call("GET", `${D}/models/${id}/versions/latest`, { auth: admin }), 404);
    fails(await call("GET", `${D}/models/no-such-model/versions/1`, { auth: admin }), 404);
  });

  it("PUT creates a missing model in the given collection; 400 without one; 409 for another collection", async () => {
    const id = uid("put");
    ok(await call("PUT", `${D}/models/${id}`, { auth: admin, body: { collection, data: { created: 1 } } }));
    const model = ok(await call("GET", `${D}/models/${id}`, { auth: admin }));
    assert.equal(model.version, 1);
    assert.equal(model.collection, collection);
    assert.deepEqual(model.data, { created: 1 });
    fails(await call("PUT", `${D}/models/${uid("put")}`, { auth: admin, body: { data: {} } }), 400, "invalid_value");
    fails(
      await call("PUT", `${D}/models/${id}`, { auth: admin, body: { collection: "elsewhere", data: {} } }),
      409,
      "collection_mismatch",
    );
    fails(await call("PUT", `${D}/models/${id}`, { auth: admin, body: { collection } }), 400, "invalid_value");
    assert.equal(ok(await call("GET", `${D}/models/${id}`, { auth: admin })).version, 1, "refusals change nothing");
  });

  it("acceptance: two rc.12 clients with the model open receive a REST replacement as remote events and end equal", async () => {
    const id = await createModel({ data: { text: "the text before", n: 1, items: ["a", "b"] } });
    const a = await connect("A");
    const b = await connect("B");
    const ma = await a.models().open(id);
    const mb = await b.models().open(id);
    // Only what differs changes, in place: the strings the clients hold (an editor bound to one) stay bound and hear a
    // remove and an insert (what editors bound with those listeners hear), the number its new value. Convergence set the whole root instead, which left every element a client
    // held detached. (An object that loses a property is still set whole: rc.12 cannot play a removal back.)
    const heldA = ma.elementAt("text");
    const heldB = mb.elementAt("text");
    const removedA = nextEvent(heldA, "remove");
    const remoteA = nextEvent(heldA, "insert");
    const remoteB = nextEvent(heldB, "insert");
    const replacement = {
      text: "the text after",
      n: 2,
      items: [{ deep: [1, 2, 3] }],
      extra: null,
      when: { $$convergence_type: "date", date: WHEN },
    };
    ok(await call("PUT", `${D}/models/${id}`, { auth: admin, body: { data: replacement } }));
    const [ea, eb] = await Promise.all([remoteA, remoteB]);
    for (const event of [ea, eb]) {
      assert.equal(event.local, false, "a remote event");
      assert.equal(event.sessionId, "rest:admin");
      assert.equal(event.user?.username, "admin", "the client knows who made the change");
      assert.deepEqual([event.index, event.value], [9, "after"], "the part that differs inserted");
    }
    await until(() => ma.elementAt("n").value() === 2 && mb.elementAt("n").value() === 2, "the number set in place");
    const removed = await removedA;
    assert.deepEqual([removed.index, removed.value], [9, "before"], "after the part that differs was removed");
    for (const held of [heldA, heldB]) {
      assert.equal(held.isDetached(), false, "the string a client holds is still the model's");
      assert.equal(held.value(), "the text after");
    }
    const final = await settled([ma, mb]);
    assert.equal(final.version, 2);
    assert.equal(final.data.text, "the text after");
    assert.deepEqual(final.data.items, [{ deep: [1, 2, 3] }]);
    assert.equal(final.data.extra, null);
    assert.equal(ma.elementAt("when").value().getTime(), WHEN);
    assert.deepEqual(ok(await call("GET", `${D}/models/${id}`, { auth: admin })).data, replacement);

    // they keep editing together afterwards, and an edit racing a replacement still converges
    ma.elementAt("items").push("from A");
    const racing = call("PUT", `${D}/models/${id}`, { auth: admin, body: { data: { text: "again", n: 2 } } });
    mb.root().set("fromB", true);
    ok(await racing);
    const converged = await settled([ma, mb]);
    assert.equal(converged.version, 5);
    assert.equal(converged.data.text, "again");
    const stored = ok(await call("GET", `${D}/models/${id}`, { auth: admin }));
    assert.equal(stored.version, 5);
    assert.equal(canonical(stored.data), canonical(converged.data), "the server and both clients agree");

    // an empty replacement removes every property (an object set without values would crash rc.12 receivers)
    ok(await call("PUT", `${D}/models/${id}`, { auth: admin, body: { data: {} } }));
    const emptied = await settled([ma, mb]);
    assert.deepEqual(emptied.data, {});
    assert.equal(emptied.version, 6);
    assert.ok(ma.isOpen() && mb.isOpen());
  });

  it("acceptance: a REST delete closes the model for the clients that have it open", async () => {
    const id = await createModel({ data: { v: 1 } });
    const a = await connect("A");
    const b = await connect("B");
    const ma = await a.models().open(id);
    const mb = await b.models().open(id);
    const deleted = [nextEvent(ma, "deleted"), nextEvent(mb, "deleted")];
    const closed = [nextEvent(ma, "closed"), nextEvent(mb, "closed")];
    ok(await call("DELETE", `${D}/models/${id}`, { auth: admin }));
    await Promise.all([...deleted, ...closed]);
    assert.equal(ma.isOpen(), false);
    assert.equal(mb.isOpen(), false);
    fails(await call("GET", `${D}/models/${id}`, { auth: admin }), 404, "not_found");
    fails(await call("DELETE", `${D}/models/${id}`, { auth: admin }), 404, "not_found");
    fails(await call("PUT", `${D}/models/${id}`, { auth: admin, body: { data: { v: 2 } } }), 400, "invalid_value");
    await assert.rejects(a.models().open(id), (e) => e.code === "model_not_found");
  });
});

describe("model permissions over REST", () => {
  it("reads and changes overrides, world and per-user permissions; clients are held to them", async () => {
    const id = await createModel({ data: { secret: 1 } });
    const base = `${D}/models/${id}/permissions`;
    assert.deepEqual(ok(await call("GET", base, { auth: admin })), {
      overrideWorld: false,
      worldPermissions: NONE,
      userPermissions: [],
    });
    assert.deepEqual(ok(await call("GET", `${base}/override`, { auth: admin })), { overrideWorld: false });

    ok(await call("PUT", `${base}/world`, { auth: admin, body: NONE }));
    ok(await call("PUT", `${base}/override`, { auth: admin, body: { overrideWorld: true } }));
    const anonymous = await connect("Nobody");
    await assert.rejects(anonymous.models().open(id), (e) => e.code === "unauthorized");

    const READ = { ...NONE, read: true };
    ok(await call("PUT", `${base}/user/alice`, { auth: admin, body: READ }));
    ok(await call("PUT", `${base}/user/bob`, { auth: admin, body: ALL }));
    assert.deepEqual(ok(await call("GET", `${base}/user/alice`, { auth: admin })), { permissions: READ });
    assert.deepEqual(ok(await call("GET", `${base}/user/frank`, { auth: admin })), {});
    assert.deepEqual(ok(await call("GET", `${base}/user`, { auth: admin })), {
      userPermissions: [
        { userId: "alice", permissions: READ },
        { userId: "bob", permissions: ALL },
      ],
    });
    assert.deepEqual(ok(await call("GET", `${base}/world`, { auth: admin })), { permissions: NONE });
    assert.deepEqual(ok(await call("GET", base, { auth: admin })), {
      overrideWorld: true,
      worldPermissions: NONE,
      userPermissions: [
        { userId: "alice", permissions: READ },
        { userId: "bob", permissions: ALL },
      ],
    });

    const aliceDomain = await connect("alice", { password: true });
    const model = await aliceDomain.models().open(id);
    assert.deepEqual({ ...model.permissions() }, READ);
    const closed = nextEvent(model, "closed");
    ok(await call("DELETE", `${base}/user/alice`, { auth: admin }));
    await closed; // lost read: force-closed at once
    assert.deepEqual(
      ok(await call("GET", `${base}/user`, { auth: admin })).userPermissions.map((u) => u.userId),
      ["bob"],
    );

    fails(await call("PUT", `${base}/user/no-such-user`, { auth: admin, body: ALL }), 404, "not_found");
    fails(await call("PUT", `${base}/user/alice`, { auth: admin, body: { read: true } }), 400, "invalid_value");
    fails(await call("PUT", `${base}/world`, { auth: admin, body: {} }), 400, "invalid_value");
    fails(await call("PUT", `${base}/override`, { auth: admin, body: {} }), 400, "invalid_value");
    const missing = `${D}/models/${uid("missing")}/permissions`;
    fails(await call("GET", missing, { auth: admin }), 404, "not_found");
    fails(await call("GET", `${missing}/world`, { auth: admin }), 404, "not_found");
    fails(await call("PUT", `${missing}/world`, { auth: admin, body: ALL }), 404, "not_found");
    fails(await call("PUT", `${missing}/override`, { auth: admin, body: { overrideWorld: true } }), 404, "not_found");
    fails(await call("DELETE", `${missing}/user/alice`, { auth: admin }), 404, "not_found");
  });

  it("takes permission settings with a created model", async () => {
    const id = await createModel({
      data: {},
      overrideWorld: true,
      worldPermissions: { ...NONE, read: true },
      userPermissions: { bob: ALL },
    });
    assert.deepEqual(ok(await call("GET", `${D}/models/${id}/permissions`, { auth: admin })), {
      overrideWorld: true,
      worldPermissions: { ...NONE, read: true },
      userPermissions: [{ userId: "bob", permissions: ALL }],
    });
    fails(
      await call("POST", `${D}/models`, {
        auth: admin,
        body: { collection, data: {}, userPermissions: { ghost: ALL } },
      }),
      404,
      "not_found",
    );
  });
});

describe("POST model-query", () => {
  it("answers Convergence's paged shape over every model, whatever their read permission", async () => {
    const books = `books-${run}`;
    const ids = [];
    for (const [n, title] of [
      [1, "one"],
      [2, "two"],
      [3, "three"],
    ]) {
      ids.push(
        ok(
          await call("POST", `${D}/models`, {
            auth: admin,
            body: { collection: books, id: `${books}-${n}`, data: { n, title } },
          }),
          201,
        ).id,
      );
    }
    // nobody but administrators may read the third one
    ok(await call("PUT", `${D}/models/${ids[2]}/permissions/world`, { auth: admin, body: NONE }));
    ok(await call("PUT", `${D}/models/${ids[2]}/permissions/override`, { auth: admin, body: { overrideWorld: true } }));
    const page = ok(
      await call("POST", `${D}/model-query`, {
        auth: admin,
        body: { query: `SELECT * FROM ${books} WHERE n > 1 ORDER BY n DESC` },
      }),
    );
    assert.deepEqual(Object.keys(page), ["data", "startIndex", "totalResults"]);
    assert.equal(page.startIndex, 0);
    assert.equal(page.totalResults, 2);
    assert.deepEqual(
      page.data.map((m) => m.id),
      [ids[2], ids[1]],
    );
    assert.deepEqual(Object.keys(page.data[0]), ["id", "collection", "version", "createdTime", "modifiedTime", "data"]);
    assert.equal(page.data[0].collection, books);
    assert.equal(page.data[0].version, 1);
    assert.deepEqual(page.data[0].data, { n: 3, title: "three" });
    const projected = ok(
      await call("POST", `${D}/model-query`, {
        auth: admin,
        body: { query: `SELECT title FROM ${books} ORDER BY n LIMIT 1 OFFSET 1` },
      }),
    );
    assert.equal(projected.startIndex, 1);
    assert.equal(projected.totalResults, 3);
    assert.deepEqual(
      projected.data.map((m) => m.data),
      [{ title: "two" }],
    );

    // an rc.12 client that may not read it does not see it
    const client = await connect("Reader");
    const seen = await client.models().query(`SELECT * FROM ${books} WHERE n > 1`);
    assert.deepEqual(
      seen.data.map((r) => r.modelId),
      [ids[1]],
    );

    const bad = fails(
      await call("POST", `${D}/model-query`, { auth: admin, body: { query: `SELECT * FROM ${books} WHERE` } }),
      400,
      "invalid_query",
    );
    assert.equal(typeof bad.error_details.position, "number");
    fails(await call("POST", `${D}/model-query`, { auth: admin, body: {} }), 400, "invalid_value");
    fails(
      await call("POST", `/domains/convergence/no-such-domain/model-query`, {
        auth: admin,
        body: { query: "SELECT * FROM x" },
      }),
      404,
      "not_found",
    );
  });
});
