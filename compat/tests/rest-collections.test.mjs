// Issue 6: collections (and their summaries with model counts) and their permissions over the admin REST API, and the domain's model settings
// (config/collection, config/modelSnapshotPolicy), with Convergence's paths and JSON shapes; real rc.12 clients are
// held to what the API sets.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { Convergence, nextEvent, options } from "../lib/client.mjs";
import { fixtures, realtimeUrl } from "../lib/env.mjs";
import { adminLogin, call, fails, ok, unique } from "../lib/rest.mjs";

const D = "/domains/convergence/default";
const ALL = { read: true, write: true, remove: true, manage: true, create: true };
const NONE = { read: false, write: false, remove: false, manage: false, create: false };
const POLICY = {
  snapshotsEnabled: true,
  triggerByVersion: true,
  maximumVersionInterval: 50,
  limitByVersion: true,
  minimumVersionInterval: 5,
  triggerByTime: true,
  maximumTimeInterval: 600000,
  limitByTime: false,
  minimumTimeInterval: 0,
};
const DEFAULT_POLICY = {
  snapshotsEnabled: true,
  triggerByVersion: true,
  maximumVersionInterval: 1000,
  limitByVersion: false,
  minimumVersionInterval: 0,
  triggerByTime: false,
  maximumTimeInterval: 600000,
  limitByTime: false,
  minimumTimeInterval: 0,
};

let admin;
const domains = [];
before(async () => {
  admin = { session: await adminLogin() };
});
after(async () => {
  for (const domain of domains) {
    if (!domain.isDisposed()) await domain.dispose().catch(() => {});
  }
});

const run = crypto.randomUUID().slice(0, 8);

async function scratchDomain() {
  const id = unique("models-dom");
  ok(
    await call("POST", "/domains", {
      auth: admin,
      body: { namespace: "compat", id, displayName: "Models", anonymousAuth: true },
    }),
    201,
  );
  return `/domains/compat/${id}`;
}

describe("collections", () => {
  it("create (400/409), read, list with filter and paging, update, delete (404)", async () => {
    const path = await scratchDomain();
    const id = `c-${run}`;
    ok(
      await call("POST", `${path}/collections`, {
        auth: admin,
        body: {
          id,
          description: "Notes of the team",
          worldPermissions: { ...NONE, read: true },
          userPermissions: {},
          overrideSnapshotPolicy: false,
        },
      }),
      201,
    );
    fails(await call("POST", `${path}/collections`, { auth: admin, body: { id } }), 409, "duplicate");
    fails(
      await call("POST", `${path}/collections`, { auth: admin, body: { description: "no id" } }),
      400,
      "invalid_value",
    );
    fails(await call("POST", `${path}/collections`, { auth: admin, body: { id: "has space" } }), 400, "invalid_value");
    fails(
      await call("POST", `${path}/collections`, { auth: admin, body: { id: "x", worldPermissions: { read: true } } }),
      400,
      "invalid_value",
    );
    fails(
      await call("POST", `${path}/collections`, { auth: admin, body: { id: "x", overrideSnapshotPolicy: true } }),
      400,
      "invalid_value",
    );
    fails(
      await call("POST", `${path}/collections`, {
        auth: admin,
        body: { id: "x", overrideSnapshotPolicy: true, snapshotPolicy: { ...POLICY, maximumVersionInterval: -1 } },
      }),
      400,
      "invalid_value",
    );
    fails(
      await call("POST", `${path}/collections`, {
        auth: admin,
        body: { id: "x", userPermissions: { alice: { read: true } } },
      }),
      400,
      "invalid_value",
    );

    const got = ok(await call("GET", `${path}/collections/${id}`, { auth: admin }));
    assert.deepEqual(got, {
      id,
      description: "Notes of the team",
      worldPermissions: { ...NONE, read: true },
      userPermissions: {},
      overrideSnapshotPolicy: false,
      snapshotPolicy: DEFAULT_POLICY,
    });
    fails(await call("GET", `${path}/collections/missing`, { auth: admin }), 404, "not_found");

    ok(
      await call("POST", `${path}/collections`, { auth: admin, body: { id: `d-${run}`, description: "Drafts" } }),
      201,
    );
    ok(
      await call("POST", `${path}/collections`, {
        auth: admin,
        body: { id: `e-${run}`, overrideSnapshotPolicy: true, snapshotPolicy: POLICY },
      }),
      201,
    );
    const all = ok(await call("GET", `${path}/collections`, { auth: admin }));
    assert.deepEqual(
      all.map((c) => c.id),
      [`c-${run}`, `d-${run}`, `e-${run}`],
    );
    assert.deepEqual(all[1].worldPermissions, ALL, "permissions left out: everyone may do everything");
    assert.equal(all[2].overrideSnapshotPolicy, true);
    assert.deepEqual(all[2].snapshotPolicy, POLICY);
    assert.deepEqual(
      ok(await call("GET", `${path}/collections?filter=draft`, { auth: admin })).map((c) => c.id),
      [`d-${run}`],
    );
    assert.deepEqual(
      ok(await call("GET", `${path}/collections?offset=1&limit=1`, { auth: admin })).map((c) => c.id),
      [`d-${run}`],
    );
    fails(await call("GET", `${path}/collections?limit=100000`, { auth: admin }), 400, "invalid_value");
    for (const n of [1, 2]) {
      ok(await call("POST", `${path}/models`, { auth: admin, body: { collection: `d-${run}`, data: { n } } }), 201);
    }
    assert.deepEqual(ok(await call("GET", `${path}/collectionSummary`, { auth: admin })), [
      { id: `c-${run}`, description: "Notes of the team", modelCount: 0 },
      { id: `d-${run}`, description: "Drafts", modelCount: 2 },
      { id: `e-${run}`, description: "", modelCount: 0 },
    ]);
    assert.deepEqual(ok(await call("GET", `${path}/collectionSummary?filter=DRAFT&limit=5`, { auth: admin })), [
      { id: `d-${run}`, description: "Drafts", modelCount: 2 },
    ]);
    fails(await call("GET", `${path}/collectionSummary?offset=-1`, { auth: admin }), 400, "invalid_value");

    ok(
      await call("PUT", `${path}/collections/${id}`, {
        auth: admin,
        body: {
          description: "Renamed",
          worldPermissions: ALL,
          userPermissions: { alice: NONE },
          overrideSnapshotPolicy: true,
          snapshotPolicy: POLICY,
        },
      }),
    );
    assert.deepEqual(ok(await call("GET", `${path}/collections/${id}`, { auth: admin })), {
      id,
      description: "Renamed",
      worldPermissions: ALL,
      userPermissions: { alice: NONE },
      overrideSnapshotPolicy: true,
      snapshotPolicy: POLICY,
    });
    fails(await call("PUT", `${path}/collections/missing`, { auth: admin, body: {} }), 404, "not_found");
    fails(
      await call("PUT", `${path}/collections/${id}`, { auth: admin, body: { worldPermissions: {} } }),
      400,
      "invalid_value",
    );

    ok(await call("DELETE", `${path}/collections/${id}`, { auth: admin }));
    fails(await call("GET", `${path}/collections/${id}`, { auth: admin }), 404, "not_found");
    fails(await call("DELETE", `${path}/collections/${id}`, { auth: admin }), 404, "not_found");
    fails(await call("GET", `/domains/compat/no-such-domain/collections`, { auth: admin }), 404, "not_found");
  });

  it("world and per-user permissions: read, set, remove; open models apply them at once", async () => {
    const id = `perm-${run}`;
    const base = `${D}/collections/${id}/permissions`;
    ok(await call("POST", `${D}/collections`, { auth: admin, body: { id, worldPermissions: ALL } }), 201);
    assert.deepEqual(ok(await call("GET", base, { auth: admin })), { worldPermissions: ALL, userPermissions: {} });
    assert.deepEqual(ok(await call("GET", `${base}/world`, { auth: admin })), { permissions: ALL });

    const modelId = ok(
      await call("POST", `${D}/models`, { auth: admin, body: { collection: id, data: { v: 1 } } }),
      201,
    ).id;
    const [alice] = fixtures.users;
    const aliceDomain = await Convergence.connectWithPassword(
      realtimeUrl(),
      { username: alice.username, password: alice.password },
      options(),
    );
    domains.push(aliceDomain);
    const model = await aliceDomain.models().open(modelId);
    assert.equal(model.permissions().write, true);

    const READ = { ...NONE, read: true };
    const changed = nextEvent(model, "permissions_changed");
    ok(await call("PUT", `${base}/user/alice`, { auth: admin, body: READ }));
    await changed;
    assert.equal(model.permissions().write, false, "alice's entry applies to her open model");
    assert.deepEqual(ok(await call("GET", `${base}/user/alice`, { auth: admin })), { permissions: READ });
    assert.deepEqual(ok(await call("GET", `${base}/user/bob`, { auth: admin })), {});
    assert.deepEqual(ok(await call("GET", `${base}/user`, { auth: admin })), { userPermissions: { alice: READ } });

    ok(await call("PUT", `${base}/world`, { auth: admin, body: NONE }));
    assert.deepEqual(ok(await call("GET", `${base}/world`, { auth: admin })), { permissions: NONE });
    const anonymous = await Convergence.connectAnonymously(realtimeUrl(), "Nobody", options());
    domains.push(anonymous);
    await assert.rejects(anonymous.models().open(modelId), (e) => e.code === "unauthorized");
    assert.equal(model.isOpen(), true, "alice's own entry still lets her read");

    const closed = nextEvent(model, "closed");
    ok(await call("DELETE", `${base}/user/alice`, { auth: admin }));
    await closed; // back to the world's: no read
    assert.deepEqual(ok(await call("GET", base, { auth: admin })), { worldPermissions: NONE, userPermissions: {} });

    fails(await call("PUT", `${base}/user/no-such-user`, { auth: admin, body: ALL }), 404, "not_found");
    fails(await call("PUT", `${base}/user/alice`, { auth: admin, body: { read: true } }), 400, "invalid_value");
    fails(await call("PUT", `${base}/world`, { auth: admin, body: { ...ALL, create: null } }), 400, "invalid_value");
    const missing = `${D}/collections/missing-${run}/permissions`;
    fails(await call("GET", missing, { auth: admin }), 404, "not_found");
    fails(await call("GET", `${missing}/world`, { auth: admin }), 404, "not_found");
    fails(await call("PUT", `${missing}/world`, { auth: admin, body: ALL }), 404, "not_found");
    fails(await call("GET", `${missing}/user`, { auth: admin }), 404, "not_found");
    fails(await call("PUT", `${missing}/user/alice`, { auth: admin, body: ALL }), 404, "not_found");
    fails(await call("DELETE", `${missing}/user/alice`, { auth: admin }), 404, "not_found");
  });

  it("deleting a collection deletes its models and closes them for their clients", async () => {
    const id = `gone-${run}`;
    ok(await call("POST", `${D}/collections`, { auth: admin, body: { id } }), 201);
    const modelId = ok(
      await call("POST", `${D}/models`, { auth: admin, body: { collection: id, data: { v: 1 } } }),
      201,
    ).id;
    const client = await Convergence.connectAnonymously(realtimeUrl(), "Watcher", options());
    domains.push(client);
    const model = await client.models().open(modelId);
    const deleted = nextEvent(model, "deleted");
    ok(await call("DELETE", `${D}/collections/${id}`, { auth: admin }));
    await deleted;
    fails(await call("GET", `${D}/models/${modelId}`, { auth: admin }), 404, "not_found");
  });
});

describe("domain model settings", () => {
  it("config/collection: whether a model in a missing collection creates it", async () => {
    const path = await scratchDomain();
    assert.deepEqual(ok(await call("GET", `${path}/config/collection`, { auth: admin })), { autoCreate: true });
    ok(await call("PUT", `${path}/config/collection`, { auth: admin, body: { autoCreate: false } }));
    assert.deepEqual(ok(await call("GET", `${path}/config/collection`, { auth: admin })), { autoCreate: false });
    fails(
      await call("POST", `${path}/models`, { auth: admin, body: { collection: "new", data: {} } }),
      404,
      "not_found",
    );
    const domainId = path.split("/").pop();
    const client = await Convergence.connectAnonymously(realtimeUrl("compat", domainId), "Creator", options());
    domains.push(client);
    await assert.rejects(
      client.models().create({ collection: "new", data: {} }),
      (e) => /collection/i.test(e.message) || e.code,
    );
    ok(await call("PUT", `${path}/config/collection`, { auth: admin, body: { autoCreate: true } }));
    ok(await call("POST", `${path}/models`, { auth: admin, body: { collection: "new", data: {} } }), 201);
    assert.deepEqual(
      ok(await call("GET", `${path}/collections`, { auth: admin })).map((c) => c.id),
      ["new"],
    );
    fails(await call("PUT", `${path}/config/collection`, { auth: admin, body: {} }), 400, "invalid_value");
    fails(await call("GET", `/domains/compat/no-such-domain/config/collection`, { auth: admin }), 404, "not_found");
  });

  it("config/modelSnapshotPolicy: read and set; collections that do not override it show it", async () => {
    const path = await scratchDomain();
    assert.deepEqual(ok(await call("GET", `${path}/config/modelSnapshotPolicy`, { auth: admin })), DEFAULT_POLICY);
    ok(await call("PUT", `${path}/config/modelSnapshotPolicy`, { auth: admin, body: POLICY }));
    assert.deepEqual(ok(await call("GET", `${path}/config/modelSnapshotPolicy`, { auth: admin })), POLICY);
    ok(await call("POST", `${path}/collections`, { auth: admin, body: { id: "plain" } }), 201);
    assert.deepEqual(ok(await call("GET", `${path}/collections/plain`, { auth: admin })).snapshotPolicy, POLICY);
    const { minimumTimeInterval, ...incomplete } = POLICY;
    assert.equal(minimumTimeInterval, 0);
    fails(
      await call("PUT", `${path}/config/modelSnapshotPolicy`, { auth: admin, body: incomplete }),
      400,
      "invalid_value",
    );
    fails(
      await call("PUT", `${path}/config/modelSnapshotPolicy`, {
        auth: admin,
        body: { ...POLICY, minimumVersionInterval: -5 },
      }),
      400,
      "invalid_value",
    );
    assert.deepEqual(
      ok(await call("GET", `${path}/config/modelSnapshotPolicy`, { auth: admin })),
      POLICY,
      "refusals change nothing",
    );
    fails(
      await call("GET", `/domains/compat/no-such-domain/config/modelSnapshotPolicy`, { auth: admin }),
      404,
      "not_found",
    );
  });
});
