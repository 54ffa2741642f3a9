// Issue 6: a domain's activities over the admin REST API: listing with the sessions joined now, creation, deletion
// and permissions (Convergence's whole-set shape and one entry at a time). Changes reach the rc.12 clients joined to
// the activity as the realtime permission and delete requests do: a user that loses join is forced out.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { nextEvent } from "../lib/client.mjs";
import { adminLogin, call, fails, ok, unique } from "../lib/rest.mjs";
import { watchers } from "../lib/watchers.mjs";

const activities = "/domains/convergence/default/activities";

let admin;
before(async () => {
  admin = { session: await adminLogin() };
});
const connect = watchers();

const rest = (method, path, body) => call(method, activities + path, { auth: admin, body });

/** Creates an activity over REST; returns its path under /activities. */
async function create(type, id, permissions = {}) {
  ok(await rest("POST", "", { activityType: type, activityId: id, ...permissions }));
  return `/${type}/${id}`;
}

describe("activities over REST", () => {
  it("creates activities and lists them with the sessions joined now; live=true lists only those with sessions", async () => {
    const type = unique("rest-act");
    const path = await create(type, "joined", { worldPermissions: ["join", "view_state"] });
    await create(type, "idle");
    fails(await rest("POST", "", { activityType: type, activityId: "idle" }), 409, "duplicate");

    const idle = ok(await rest("GET", `/${type}/idle`));
    assert.equal(typeof idle.created, "number");
    assert.deepEqual(
      { ...idle, created: 0 },
      { activityType: type, activityId: "idle", ephemeral: false, created: 0, sessions: [] },
    );

    const [a, b] = await Promise.all(["alice", "bob"].map(connect));
    await a.activities().join(type, "joined");
    await b.activities().join(type, "joined", { lurk: true });
    const sessions = [
      { sessionId: a.session().sessionId(), user: "alice", lurking: false },
      { sessionId: b.session().sessionId(), user: "bob", lurking: true },
    ];
    assert.deepEqual(ok(await rest("GET", path)).sessions, sessions);

    const all = ok(await rest("GET", `?type=${type}`));
    assert.deepEqual(
      all.data.map((x) => [x.activityId, x.sessions.length]),
      [
        ["idle", 0],
        ["joined", 2],
      ],
    );
    assert.equal(all.totalResults, 2);
    assert.equal(all.startIndex, 0);
    const live = ok(await rest("GET", `?type=${type}&live=true`));
    assert.deepEqual(
      live.data.map((x) => x.activityId),
      ["joined"],
    );
    assert.deepEqual(live.data[0].sessions, sessions);
    assert.equal(live.totalResults, 1);
    const page = ok(await rest("GET", `?type=${type}&id=e&offset=1&limit=1`));
    assert.deepEqual(
      page.data.map((x) => x.activityId),
      ["joined"],
      "'id' filters by part of the id",
    );
    assert.equal(page.totalResults, 2);
    assert.equal(page.startIndex, 1);
    assert.deepEqual(ok(await rest("GET", `?type=${type}&id=no-such`)).data, []);

    fails(await rest("GET", "?limit=0"), 400, "invalid_value");
    fails(await rest("GET", "?offset=-1"), 400, "invalid_value");
  });

  it("reads and changes permissions; a session whose user loses join is forced to leave", async () => {
    const type = unique("rest-perm");
    const path = await create(type, "doc", {
      worldPermissions: ["join", "view_state"],
      userPermissions: { alice: ["manage"] },
      groupPermissions: { "chat-group": ["set_state"] },
    });
    assert.deepEqual(ok(await rest("GET", `${path}/permissions`)), {
      worldPermissions: ["join", "view_state"],
      userPermissions: { alice: ["manage"] },
      groupPermissions: { "chat-group": ["set_state"] },
    });

    const [a, b] = await Promise.all(["alice", "bob"].map(connect));
    const aAct = await a.activities().join(type, "doc");
    const bJoined = nextEvent(aAct, "session_joined");
    const bAct = await b.activities().join(type, "doc");
    const bSession = b.session().sessionId();
    assert.equal((await bJoined).sessionId, bSession);

    // bob's own entry without join: his session is forced out, alice sees him go
    const forced = nextEvent(bAct, "force_leave");
    const left = nextEvent(aAct, "session_left");
    ok(await rest("PUT", `${path}/permissions/user/bob`, { permissions: ["view_state"] }));
    assert.equal((await forced).reason, "permissions_changed");
    assert.equal((await left).sessionId, bSession);
    assert.deepEqual(
      ok(await rest("GET", path)).sessions.map((s) => s.user),
      ["alice"],
    );
    assert.deepEqual(ok(await rest("GET", `${path}/permissions/user/bob`)), ["view_state"]);
    ok(await rest("DELETE", `${path}/permissions/user/bob`));
    assert.deepEqual(ok(await rest("GET", `${path}/permissions/user/bob`)), []);

    // world and group entries one at a time
    ok(await rest("PUT", `${path}/permissions/world`, { permissions: ["join", "set_state", "view_state"] }));
    assert.deepEqual(ok(await rest("GET", `${path}/permissions/world`)), ["join", "set_state", "view_state"]);
    ok(await rest("PUT", `${path}/permissions/group/editors`, { permissions: ["join"] }));
    assert.deepEqual(ok(await rest("GET", `${path}/permissions/group/editors`)), ["join"]);
    ok(await rest("DELETE", `${path}/permissions/group/chat-group`));
    assert.deepEqual(ok(await rest("GET", `${path}/permissions/group/chat-group`)), []);

    // the whole set, Convergence's way: parts left out stay; replace drops the entries not named
    ok(
      await rest("PUT", `${path}/permissions`, { userPermissions: { permissions: { erin: ["join"] }, replace: true } }),
    );
    assert.deepEqual(ok(await rest("GET", `${path}/permissions`)), {
      worldPermissions: ["join", "set_state", "view_state"],
      userPermissions: { erin: ["join"] },
      groupPermissions: { editors: ["join"] },
    });
    ok(
      await rest("PUT", `${path}/permissions`, {
        worldPermissions: { permissions: ["join"] },
        groupPermissions: { permissions: { "compat-group": ["lurk"] }, replace: false },
      }),
    );
    assert.deepEqual(ok(await rest("GET", `${path}/permissions`)), {
      worldPermissions: ["join"],
      userPermissions: { erin: ["join"] },
      groupPermissions: { editors: ["join"], "compat-group": ["lurk"] },
    });
    assert.equal(aAct.isJoined(), true, "alice kept join through her group 'editors'");
  });

  it("deletes an activity; its participants are told", async () => {
    const type = unique("rest-del");
    const path = await create(type, "gone");
    const a = await connect("alice");
    const aAct = await a.activities().join(type, "gone");
    const deleted = nextEvent(aAct, "deleted");
    ok(await rest("DELETE", path));
    await deleted;
    assert.equal(aAct.isJoined(), false);
    fails(await rest("GET", path), 404, "not_found");
    fails(await rest("DELETE", path), 404, "not_found");
  });

  it("refuses bad input and unknown activities with the envelope", async () => {
    const type = unique("rest-bad");
    const path = await create(type, "x");
    fails(await rest("POST", "", { activityType: type }), 400, "invalid_value");
    fails(
      await rest("POST", "", { activityType: type, activityId: "y", worldPermissions: ["fly"] }),
      400,
      "invalid_value",
    );
    fails(
      await rest("POST", "", { activityType: type, activityId: "y", userPermissions: { "martian:x": ["join"] } }),
      400,
      "invalid_value",
    );
    fails(await rest("POST", "", "[1"), 400, "malformed_request_content");
    fails(await rest("PUT", `${path}/permissions/world`, { permissions: ["fly"] }), 400, "invalid_value");
    fails(await rest("PUT", `${path}/permissions/world`, {}), 400, "invalid_value");
    fails(await rest("PUT", `${path}/permissions/user/alice`, { permissions: null }), 400, "invalid_value");
    fails(await rest("PUT", `${path}/permissions`, { userPermissions: { replace: true } }), 400, "invalid_value");
    fails(await rest("GET", `${path}/permissions/user/martian:x`), 400, "invalid_value");
    const missing = `/${type}/no-such`;
    fails(await rest("GET", missing), 404, "not_found");
    fails(await rest("DELETE", missing), 404, "not_found");
    fails(await rest("GET", `${missing}/permissions`), 404, "not_found");
    fails(await rest("PUT", `${missing}/permissions`, {}), 404, "not_found");
    fails(await rest("GET", `${missing}/permissions/world`), 404, "not_found");
    fails(await rest("PUT", `${missing}/permissions/world`, { permissions: [] }), 404, "not_found");
    fails(await rest("GET", `${missing}/permissions/user/alice`), 404, "not_found");
    fails(await rest("PUT", `${missing}/permissions/user/alice`, { permissions: [] }), 404, "not_found");
    fails(await rest("DELETE", `${missing}/permissions/user/alice`), 404, "not_found");
    fails(await rest("GET", `${missing}/permissions/group/editors`), 404, "not_found");
    fails(await rest("PUT", `${missing}/permissions/group/editors`, { permissions: [] }), 404, "not_found");
    fails(await rest("DELETE", `${missing}/permissions/group/editors`), 404, "not_found");
    fails(await call("GET", "/domains/convergence/no-such-domain/activities", { auth: admin }), 404, "not_found");
  });
});
