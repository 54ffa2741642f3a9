// Issue 4: model and collection permissions, collections that must exist, and idle unload, with the real client.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, describe, it } from "node:test";
import { Convergence, nextEvent, options } from "../lib/client.mjs";
import { fixtures, port, realtimeUrl } from "../lib/env.mjs";
import { settled, sleep } from "../lib/models.mjs";
import { startProxy } from "../lib/proxy.mjs";

const proxy = await startProxy(port);
const [alice, bob] = fixtures.users;

const domains = [];
async function login(user, { proxied = false } = {}) {
  const url = realtimeUrl("convergence", "default", proxied ? proxy.port : port);
  const domain = await Convergence.connectWithPassword(
    url,
    { username: user.username, password: user.password },
    options(),
  );
  domains.push(domain);
  return domain;
}
async function anonymous(name) {
  const domain = await Convergence.connectAnonymously(realtimeUrl(), name, options());
  domains.push(domain);
  return domain;
}
after(async () => {
  for (const domain of domains) {
    if (domain.isConnected()) await domain.dispose();
  }
  await proxy.close();
});

const NONE = { read: false, write: false, remove: false, manage: false };
const READ = { read: true, write: false, remove: false, manage: false };
const READ_WRITE = { read: true, write: true, remove: false, manage: false };
const ALL = { read: true, write: true, remove: true, manage: true };
const plain = (p) => ({ read: p.read, write: p.write, remove: p.remove, manage: p.manage });

/** Alice creates a model nobody else may touch unless named: the world is overridden with no permissions. */
async function aliceModel(a, userPermissions = {}) {
  const id = `perm-${crypto.randomUUID()}`;
  await a.models().create({
    collection: "compat-perms",
    id,
    data: { text: "hi", n: 0 },
    overrideCollectionWorldPermissions: true,
    worldPermissions: NONE,
    userPermissions,
  });
  return id;
}

describe("model permissions", () => {
  it("stores the permissions of a create, gives the creator all of them, and get/set round-trip", async () => {
    const a = await login(alice);
    const id = await aliceModel(a, { bob: READ });
    const manager = a.models().permissions(id);
    assert.equal(await manager.getOverridesCollection(), true);
    assert.deepEqual(plain(await manager.getWorldPermissions()), NONE);
    const users = await manager.getAllUserPermissions();
    assert.deepEqual(plain(users.get("alice")), ALL, "the creator may do everything");
    assert.deepEqual(plain(users.get("bob")), READ);
    // Client defect: getPermissions() looks its own user up by guid string ("normal:alice") in a map that takes
    // the string for a username, so it never finds it and always resolves to no permissions.
    assert.deepEqual(plain(await manager.getPermissions()), NONE);

    await manager.setWorldPermissions(READ);
    await manager.setUserPermissions("bob", READ_WRITE);
    await manager.setOverridesCollection(false);
    // A false bool is absent on the wire (proto3) and the client reads it as undefined.
    assert.ok(!(await manager.getOverridesCollection()));
    assert.deepEqual(plain(await manager.getWorldPermissions()), READ);
    assert.deepEqual(plain(await manager.getUserPermissions("bob")), READ_WRITE);
    await manager.removeUserPermissions("bob");
    assert.equal((await manager.getAllUserPermissions()).get("bob"), undefined);
    await manager.setAllUserPermissions({ bob: READ });
    const replaced = await manager.getAllUserPermissions();
    assert.equal(replaced.get("alice"), undefined, "setting all user permissions replaces alice's entry too");
    assert.deepEqual(plain(replaced.get("bob")), READ);
  });

  it("refuses to open without read, and the open response carries the opener's permissions", async () => {
    const a = await login(alice);
    const b = await login(bob);
    const stranger = await anonymous("Stranger");
    const id = await aliceModel(a, { bob: READ });
    await assert.rejects(stranger.models().open(id), (e) => e.code === "unauthorized");
    const mb = await b.models().open(id);
    assert.deepEqual(plain(mb.permissions()), READ);
    const ma = await a.models().open(id);
    assert.deepEqual(plain(ma.permissions()), ALL);
    // Bob may not delete it, nor read or change its permissions beyond what read allows.
    await assert.rejects(b.models().remove(id), (e) => e.code === "unauthorized");
    await assert.rejects(b.models().permissions(id).setWorldPermissions(ALL), (e) => e.code === "unauthorized");
    await assert.rejects(stranger.models().permissions(id).getWorldPermissions(), (e) => e.code === "unauthorized");
    await assert.rejects(stranger.models().history(id), (e) => e.code === "unauthorized");
  });

  it("force-closes a writer without write permission and nobody sees its operation", async () => {
    const a = await login(alice);
    const b = await login(bob);
    const id = await aliceModel(a, { bob: READ });
    const ma = await a.models().open(id);
    const mb = await b.models().open(id);
    // The client refuses local edits without write, so this is a client that ignores its permissions (as one
    // whose edit crossed a revocation in flight would): its operation reaches the server.
    mb._permissions = new (mb.permissions().constructor)(true, true, false, false);
    const left = nextEvent(ma, "collaborator_closed");
    mb.elementAt("text").insert(0, "bob was here ");
    assert.equal((await left).collaborator.sessionId, b.session().sessionId(), "bob's session is closed on the server");
    // The client gets the force close (after alice hears of it), but it emits 'closed' only once its in-flight
    // operation is acknowledged, which this rejected one never is: the model stays closing until the connection goes.
    for (let i = 0; i < 100 && !mb.isClosing(); i++) await sleep(50);
    assert.equal(mb.isClosing(), true);
    ma.elementAt("n").add(1); // alice still edits: her model is fine
    await sleep(300);
    assert.equal(ma.elementAt("text").value(), "hi", "bob's edit is applied nowhere");
    assert.equal(ma.version(), 2, "only alice's operation made a version");
    assert.equal(ma.collaborators().length, 1, "bob is gone");
    const fresh = await (await login(alice)).models().open(id);
    assert.equal(fresh.elementAt("text").value(), "hi");
    assert.equal(fresh.version(), 2);
  });

  it("pushes changed permissions to open sessions and force-closes one that loses read", async () => {
    const a = await login(alice);
    const b = await login(bob);
    const id = await aliceModel(a, { bob: READ });
    const ma = await a.models().open(id);
    const mb = await b.models().open(id);
    const aliceEvents = [];
    ma.on("permissions_changed", (e) => aliceEvents.push(e));

    const changed = nextEvent(mb, "permissions_changed");
    await a.models().permissions(id).setUserPermissions("bob", READ_WRITE);
    const event = await changed;
    assert.deepEqual(event.changes, ["write"]);
    assert.deepEqual(plain(mb.permissions()), READ_WRITE);
    mb.elementAt("n").add(5); // now allowed
    await settled([ma, mb]);
    assert.equal(ma.elementAt("n").value(), 5);

    const closed = nextEvent(mb, "closed");
    const left = nextEvent(ma, "collaborator_closed");
    await a.models().permissions(id).removeUserPermissions("bob");
    await closed;
    await left;
    assert.equal(mb.isOpen(), false);
    assert.deepEqual(aliceEvents, [], "alice's permissions never changed");
    await assert.rejects(b.models().open(id), (e) => e.code === "unauthorized");
  });

  it("reports a resync as failed when read was revoked while the client was away", async () => {
    const a = await login(alice);
    const b = await login(bob, { proxied: true });
    const id = await aliceModel(a, { bob: READ_WRITE });
    const mb = await b.models().open(id);
    const offline = nextEvent(mb, "offline");
    const resyncError = nextEvent(mb, "resync_error", 30_000);
    // The network stays down until the permission is gone, so the client cannot reconnect and resync first (it
    // then would be force-closed after its resync, a different case).
    proxy.down();
    await offline;
    await a.models().permissions(id).removeUserPermissions("bob");
    proxy.up();
    const event = await resyncError;
    assert.match(String(event.message), /revoked/);
  });
});

describe("collections", () => {
  async function carol() {
    const domain = await Convergence.connectWithPassword(
      realtimeUrl("compat", "closed"),
      { username: "carol", password: "carol-secret-3" },
      options(),
    );
    domains.push(domain);
    return domain;
  }

  it("answers collection_does_not_exist when the domain does not create collections on demand", async () => {
    const c = await carol();
    await assert.rejects(
      c.models().create({ collection: "nowhere", data: { x: 1 } }),
      (e) => e.code === "collection_does_not_exist",
    );
    await assert.rejects(
      c.models().openAutoCreate({ collection: "nowhere", id: `x-${crypto.randomUUID()}`, data: {} }),
      (e) => e.code === "collection_does_not_exist",
    );
  });

  it("creates in a declared collection that allows it, and refuses where create is not granted", async () => {
    const c = await carol();
    const id = await c.models().create({ collection: "notes", data: { x: 1 } });
    const model = await c.models().open(id);
    assert.equal(model.collectionId(), "notes");
    assert.deepEqual(plain(model.permissions()), ALL);
    await assert.rejects(c.models().create({ collection: "locked", data: { x: 1 } }), (e) => e.code === "unauthorized");
  });
});

describe("idle unload", () => {
  it("keeps a model's data and version when reopened within the idle time and after it", async () => {
    const a = await login(alice);
    const id = `idle-${crypto.randomUUID()}`;
    const first = await a.models().openAutoCreate({ collection: "compat", id, data: { n: 0, text: "" } });
    for (let i = 0; i < 5; i++) first.elementAt("n").add(1);
    first.elementAt("text").insert(0, "kept");
    await first.close();

    const within = await a.models().open(id); // within the idle time: the loaded model
    assert.equal(within.version(), 7);
    assert.deepEqual(within.root().toJSON(), { n: 5, text: "kept" });
    within.elementAt("n").add(1);
    await within.close();

    await sleep(fixtures.modelIdleUnloadMillis + 1500); // past it: unloaded, loaded again from storage
    const later = await (await login(alice)).models().open(id);
    assert.equal(later.version(), 8);
    assert.deepEqual(later.root().toJSON(), { n: 6, text: "kept" });
    later.elementAt("n").add(1);
    await settled([later]);
    assert.equal(later.version(), 9);
  });
});
