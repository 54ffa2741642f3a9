// Issue 4, offline: the real client (rc.12, with IndexedDB storage from fake-indexeddb) downloads subscribed models,
// keeps its copies current from the server's modelOfflineUpdated pushes (the compat server checks every second),
// opens, edits and creates models while disconnected, and syncs them when it reconnects.
import "fake-indexeddb/auto";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { describe, it } from "node:test";
import convergence from "@convergence/convergence";
import { nextEvent } from "../lib/client.mjs";
import { clients } from "../lib/clients.mjs";
import { fixtures } from "../lib/env.mjs";
import { sleep } from "../lib/models.mjs";

const { IdbStorageAdapter } = convergence;
const connectClient = clients();
const storage = (offline) => (offline ? { offline: { storage: new IdbStorageAdapter() } } : {});
const login = (user, { offline = false } = {}) =>
  connectClient(user.username, { password: true, extra: storage(offline) });
const connect = (name, { offline = false } = {}) => connectClient(name, { extra: storage(offline) });

/** Resolves when every local operation of the model is acknowledged. */
async function committed(model, timeoutMillis = 10_000) {
  const deadline = Date.now() + timeoutMillis;
  while (!model.isCommitted()) {
    if (Date.now() > deadline) throw new Error(`model ${model.modelId()} not committed within ${timeoutMillis} ms`);
    await sleep(20);
  }
}

/** Resolves when fn() is true, or fails after the timeout. */
async function eventually(fn, what, timeoutMillis = 10_000) {
  const deadline = Date.now() + timeoutMillis;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMillis} ms`);
    await sleep(50);
  }
}

async function subscribeAndDownload(domain, id) {
  const downloaded = nextEvent(domain.models(), "offline_model_downloaded");
  await domain.models().subscribeOffline(id);
  const event = await downloaded;
  assert.equal(event.id, id);
  return event;
}

describe("offline", () => {
  it("downloads a subscribed model, then receives its updates and its deletion", async () => {
    const reader = await connect("Reader", { offline: true });
    const writer = await connect("Writer");
    const id = `offline-${crypto.randomUUID()}`;
    await writer.models().create({ collection: "compat", id, data: { text: "hello", n: 1 } });

    const downloaded = await subscribeAndDownload(reader, id);
    assert.equal(downloaded.version, 1);
    assert.deepEqual(await reader.models().getOfflineSubscriptions(), [id]);

    const model = await writer.models().open(id);
    const updated = nextEvent(reader.models(), "offline_model_updated", 10_000);
    model.elementAt("text").insert(5, " world");
    model.elementAt("n").value(2);
    await committed(model);
    const update = await updated;
    assert.equal(update.id, id);
    assert.ok(update.version >= 2, `an update past version 1 (got ${update.version})`);
    await model.close();

    const deleted = nextEvent(reader.models(), "offline_model_deleted", 10_000);
    await writer.models().remove(id);
    assert.equal((await deleted).id, id);
    assert.deepEqual(await reader.models().getOfflineSubscriptions(), []);
  });

  it("tells a subscriber about changed permissions, and revokes its copy when it loses read", async () => {
    const [alice, bob] = fixtures.users;
    const owner = await login(alice);
    const subscriber = await login(bob, { offline: true });
    const id = `offline-perm-${crypto.randomUUID()}`;
    const READ = { read: true, write: false, remove: false, manage: false };
    await owner.models().create({
      collection: "compat-perms",
      id,
      data: { x: 1 },
      overrideCollectionWorldPermissions: true,
      worldPermissions: READ,
      userPermissions: {},
    });
    const downloaded = await subscribeAndDownload(subscriber, id);
    assert.equal(downloaded.permissions.read, true);
    assert.equal(downloaded.permissions.write, false);

    const updated = nextEvent(subscriber.models(), "offline_model_updated", 10_000);
    await owner
      .models()
      .permissions(id)
      .setUserPermissions("bob", { read: true, write: true, remove: false, manage: false });
    const update = await updated;
    assert.equal(update.id, id);
    assert.equal(update.permissions.write, true, "the new permissions reach the offline copy");

    const revoked = nextEvent(subscriber.models(), "offline_model_permissions_revoked", 10_000);
    await owner
      .models()
      .permissions(id)
      .setUserPermissions("bob", { read: false, write: false, remove: false, manage: false });
    assert.equal((await revoked).id, id);
    assert.deepEqual(await subscriber.models().getOfflineSubscriptions(), []);
  });

  it("edits a downloaded model and creates a new one while disconnected, and syncs both on reconnect", async () => {
    const traveller = await connect("Traveller", { offline: true });
    const office = await connect("Office");
    const id = `offline-${crypto.randomUUID()}`;
    await office.models().create({ collection: "compat", id, data: { text: "hello", list: [1, 2] } });
    await subscribeAndDownload(traveller, id);

    await traveller.disconnect();
    assert.equal(traveller.isConnected(), false);
    const local = await traveller.models().open(id);
    assert.deepEqual(local.root().toJSON(), { text: "hello", list: [1, 2] }, "opened from offline storage");
    local.elementAt("text").insert(0, ">");
    local.elementAt("list").push(3);
    const newId = `offline-new-${crypto.randomUUID()}`;
    assert.equal(
      await traveller.models().create({ collection: "compat", id: newId, data: { made: "offline" } }),
      newId,
    );
    await local.close();

    // Meanwhile the office edits the same model: the traveller's offline edits are transformed against it.
    const shared = await office.models().open(id);
    shared.elementAt("text").insert(5, "!");
    await committed(shared);

    const synced = nextEvent(traveller.models(), "offline_models_sync_completed", 30_000);
    await traveller.reconnect();
    await synced;
    await eventually(() => shared.root().toJSON().list.length === 3, "the office sees the traveller's edits");
    assert.deepEqual(shared.root().toJSON(), { text: ">hello!", list: [1, 2, 3] });
    const fresh = await (await connect("Fresh")).models().open(id);
    assert.deepEqual(fresh.root().toJSON(), { text: ">hello!", list: [1, 2, 3] });

    const created = await office.models().open(newId);
    assert.deepEqual(created.root().toJSON(), { made: "offline" });
    assert.equal(created.version(), 1, "a model created offline is created at version 1 on the server");
  });
});
