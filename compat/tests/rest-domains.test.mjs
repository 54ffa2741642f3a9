// Issue 6: domains and their data through the admin REST API, and availability enforced on realtime connections.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Convergence, options } from "../lib/client.mjs";
import { fixtures, realtimeUrl } from "../lib/env.mjs";
import { claims, generateRsaKeyPair, signRs256 } from "../lib/jwt.mjs";
import { openRaw, toWs } from "../lib/raw.mjs";
import { adminLogin, call, fails, ok, unique } from "../lib/rest.mjs";

let admin;
const connections = [];
before(async () => {
  admin = { session: await adminLogin() };
});
after(async () => {
  // dispose every client, connected or not: a client left reconnecting keeps the test process alive
  for (const domain of connections) {
    if (!domain.isDisposed()) await domain.dispose().catch(() => {});
  }
});

/** A fresh domain in namespace "compat" for one test. */
async function scratchDomain(anonymousAuth = true) {
  const id = unique("dom");
  const created = ok(
    await call("POST", "/domains", {
      auth: admin,
      body: { namespace: "compat", id, displayName: "Scratch", anonymousAuth },
    }),
    201,
  );
  assert.deepEqual(created, { displayName: "Scratch", namespace: "compat", domainId: id, status: "online" });
  return { id, path: `/domains/compat/${id}` };
}

async function loginFailure(namespace, domainId) {
  const raw = await openRaw(toWs(realtimeUrl(namespace, domainId)));
  raw.send({
    requestId: { value: 0 },
    connectionRequest: { client: "raw", clientVersion: "0", anonymous: { displayName: { value: "x" } } },
  });
  await raw.until((msgs) => msgs.some((m) => m.connectionResponse));
  const response = raw.received.find((m) => m.connectionResponse).connectionResponse;
  raw.close();
  return response.failure;
}

describe("domains", () => {
  it("create (400/409), read, list, rename, delete with its data", async () => {
    const { id, path } = await scratchDomain();
    fails(await call("POST", "/domains", { auth: admin, body: { namespace: "compat", id } }), 409, "duplicate");
    fails(
      await call("POST", "/domains", { auth: admin, body: { namespace: "no-such-namespace", id: "x" } }),
      400,
      "namespace_not_found",
    );
    fails(
      await call("POST", "/domains", { auth: admin, body: { namespace: "compat", id: "has space" } }),
      400,
      "invalid_value",
    );
    fails(await call("POST", "/domains", { auth: admin, body: { namespace: "compat" } }), 400, "invalid_value");
    assert.equal(ok(await call("GET", path, { auth: admin })).domainId, id);
    fails(await call("GET", "/domains/compat/no-such-domain", { auth: admin }), 404, "not_found");
    ok(await call("PUT", path, { auth: admin, body: { displayName: "Renamed" } }));
    const listed = ok(await call("GET", `/domains?namespace=compat&filter=${id}`, { auth: admin }));
    assert.deepEqual(
      listed.map((d) => [d.domainId, d.displayName]),
      [[id, "Renamed"]],
    );
    fails(await call("PUT", path, { auth: admin, body: {} }), 400, "invalid_value");

    // data in the domain: users, groups, keys, a session
    ok(await call("POST", `${path}/users`, { auth: admin, body: { username: "u1", password: "pw-1" } }), 201);
    ok(await call("POST", `${path}/groups`, { auth: admin, body: { id: "g1", members: ["u1"] } }), 201);
    ok(
      await call("POST", `${path}/jwtKeys`, {
        auth: admin,
        body: { id: "k1", key: generateRsaKeyPair().publicKey, enabled: true },
      }),
    );
    const domain = await Convergence.connect(realtimeUrl("compat", id), "u1", "pw-1", options());
    await domain.dispose();
    ok(await call("PUT", "/user/favoriteDomains/compat/" + id, { auth: admin }));

    ok(await call("DELETE", path, { auth: admin }));
    fails(await call("GET", path, { auth: admin }), 404);
    fails(await call("DELETE", path, { auth: admin }), 404);
    assert.equal((await loginFailure("compat", id)).code, "domain_not_found");
    // the same id can be used again, empty
    await call("POST", "/domains", { auth: admin, body: { namespace: "compat", id } });
    assert.deepEqual(ok(await call("GET", `${path}/users`, { auth: admin })), []);
    ok(await call("DELETE", path, { auth: admin }));
  });

  it("availability: maintenance and offline close connections and refuse logins; online accepts again", async () => {
    const { id, path } = await scratchDomain();
    assert.deepEqual(ok(await call("GET", `${path}/availability`, { auth: admin })), { availability: "online" });
    const domain = await Convergence.connectAnonymously(
      realtimeUrl("compat", id),
      "Visitor",
      options({ reconnect: { autoReconnect: false } }),
    );
    connections.push(domain);
    const disconnected = new Promise((resolve) => domain.on("disconnected", resolve));
    ok(await call("PUT", `${path}/availability`, { auth: admin, body: { availability: "maintenance" } }));
    await disconnected;
    assert.equal(ok(await call("GET", path, { auth: admin })).status, "maintenance");
    let failure = await loginFailure("compat", id);
    assert.equal(failure.code, "domain_unavailable");
    assert.equal(failure.retryOk, true);
    ok(await call("PUT", `${path}/availability`, { auth: admin, body: { availability: "offline" } }));
    assert.equal((await loginFailure("compat", id)).code, "domain_unavailable");
    fails(
      await call("PUT", `${path}/availability`, { auth: admin, body: { availability: "sleeping" } }),
      400,
      "invalid_value",
    );
    fails(
      await call("PUT", "/domains/compat/no-such-domain/availability", {
        auth: admin,
        body: { availability: "online" },
      }),
      404,
    );
    ok(await call("PUT", `${path}/availability`, { auth: admin, body: { availability: "online" } }));
    const again = await Convergence.connectAnonymously(realtimeUrl("compat", id), "Visitor", options());
    await again.dispose();
    ok(await call("DELETE", path, { auth: admin }));
  });

  it("stats and a convergenceUserToken that logs the caller in with the real client", async () => {
    const stats = ok(await call("GET", "/domains/convergence/default/stats", { auth: admin }));
    for (const field of ["activeSessionCount", "userCount", "modelCount", "dbSize"])
      assert.equal(typeof stats[field], "number");
    assert.ok(stats.userCount >= fixtures.users.length + fixtures.searchUsers.length);
    fails(await call("GET", "/domains/nowhere/nothing/stats", { auth: admin }), 404);

    const { token } = ok(await call("GET", "/domains/convergence/default/convergenceUserToken", { auth: admin }));
    const domain = await Convergence.connectWithJwt(realtimeUrl(), token, options());
    try {
      assert.equal(domain.session().user().username, "admin");
      assert.equal(domain.session().user().userType, "convergence");
    } finally {
      await domain.dispose();
    }
    fails(await call("GET", "/domains/nowhere/nothing/convergenceUserToken", { auth: admin }), 404);
  });
});

describe("domain users", () => {
  it("create (409), read, list with filter and paging, update, disable, password, delete", async () => {
    const path = "/domains/convergence/default/users";
    const username = unique("du");
    const created = ok(
      await call("POST", path, {
        auth: admin,
        body: {
          username,
          password: "pw-one",
          displayName: "Domain User",
          email: "du@example.com",
          firstName: "D",
          lastName: "U",
        },
      }),
      201,
    );
    assert.deepEqual(created, {
      username,
      firstName: "D",
      lastName: "U",
      displayName: "Domain User",
      email: "du@example.com",
      disabled: false,
      deleted: false,
    });
    fails(await call("POST", path, { auth: admin, body: { username } }), 409, "duplicate");
    fails(await call("POST", path, { auth: admin, body: { username: "" } }), 400, "invalid_value");
    fails(
      await call("POST", path, { auth: admin, body: { username: unique("du"), email: "bad" } }),
      400,
      "invalid_value",
    );
    assert.equal(ok(await call("GET", `${path}/${username}`, { auth: admin })).email, "du@example.com");
    fails(await call("GET", `${path}/no-such-user`, { auth: admin }), 404, "not_found");
    const pagers = ok(await call("GET", `${path}?filter=pager-&limit=5&offset=2`, { auth: admin }));
    assert.deepEqual(
      pagers.map((u) => u.username),
      ["pager-03", "pager-04", "pager-05", "pager-06", "pager-07"],
    );

    const login = (password) => Convergence.connect(realtimeUrl(), username, password, options());
    await (await login("pw-one")).dispose();
    ok(await call("PUT", `${path}/${username}/password`, { auth: admin, body: { password: "pw-two" } }));
    await assert.rejects(login("pw-one"));
    await (await login("pw-two")).dispose();
    fails(await call("PUT", `${path}/${username}/password`, { auth: admin, body: {} }), 400, "invalid_value");
    fails(await call("PUT", `${path}/no-such-user/password`, { auth: admin, body: { password: "x" } }), 404);

    ok(await call("PUT", `${path}/${username}`, { auth: admin, body: { displayName: "Renamed", disabled: true } }));
    const updated = ok(await call("GET", `${path}/${username}`, { auth: admin }));
    assert.deepEqual([updated.displayName, updated.email, updated.disabled], ["Renamed", "du@example.com", true]);
    await assert.rejects(login("pw-two"));
    fails(await call("PUT", `${path}/no-such-user`, { auth: admin, body: {} }), 404);

    const sessions = ok(
      await call("GET", `/domains/convergence/default/sessions?username=${username}`, { auth: admin }),
    );
    assert.ok(sessions.length >= 2, JSON.stringify(sessions));
    ok(await call("DELETE", `${path}/${username}`, { auth: admin }));
    fails(await call("GET", `${path}/${username}`, { auth: admin }), 404);
    fails(await call("DELETE", `${path}/${username}`, { auth: admin }), 404);
  });
});

describe("domain groups", () => {
  it("create (404 member, 409), read, list all and summary, info, members, update, delete", async () => {
    const path = "/domains/convergence/default/groups";
    const id = unique("grp");
    ok(await call("POST", path, { auth: admin, body: { id, description: "Team", members: ["alice"] } }), 201);
    fails(await call("POST", path, { auth: admin, body: { id, members: [] } }), 409, "duplicate");
    fails(
      await call("POST", path, { auth: admin, body: { id: unique("grp"), members: ["no-such-user"] } }),
      404,
      "not_found",
    );
    fails(await call("POST", path, { auth: admin, body: { description: "no id" } }), 400, "invalid_value");
    assert.deepEqual(ok(await call("GET", `${path}/${id}`, { auth: admin })), {
      id,
      description: "Team",
      members: ["alice"],
    });
    fails(await call("GET", `${path}/no-such-group`, { auth: admin }), 404, "not_found");
    assert.deepEqual(ok(await call("GET", `${path}?filter=${id}`, { auth: admin })), [
      { id, description: "Team", members: ["alice"] },
    ]);
    assert.deepEqual(ok(await call("GET", `${path}?filter=${id}&type=summary`, { auth: admin })), [
      { id, description: "Team", members: 1 },
    ]);
    fails(await call("GET", `${path}?type=weird`, { auth: admin }), 400);

    ok(await call("PUT", `${path}/${id}/members/bob`, { auth: admin }));
    assert.deepEqual(ok(await call("GET", `${path}/${id}/members`, { auth: admin })), ["alice", "bob"]);
    fails(await call("PUT", `${path}/${id}/members/no-such-user`, { auth: admin }), 404);
    ok(await call("DELETE", `${path}/${id}/members/alice`, { auth: admin }));
    fails(await call("DELETE", `${path}/${id}/members/alice`, { auth: admin }), 404);
    assert.deepEqual(ok(await call("GET", `${path}/${id}/members`, { auth: admin })), ["bob"]);

    ok(await call("PUT", `${path}/${id}/info`, { auth: admin, body: { id, description: "New" } }));
    assert.deepEqual(ok(await call("GET", `${path}/${id}/info`, { auth: admin })), { id, description: "New" });
    ok(
      await call("PUT", `${path}/${id}`, {
        auth: admin,
        body: { id, description: "Whole", members: ["alice", "pager-01"] },
      }),
    );
    assert.deepEqual(ok(await call("GET", `${path}/${id}`, { auth: admin })), {
      id,
      description: "Whole",
      members: ["alice", "pager-01"],
    });
    fails(await call("PUT", `${path}/no-such-group`, { auth: admin, body: { id: "x" } }), 404);

    // the realtime client sees the group
    const domain = await Convergence.connect(realtimeUrl(), "alice", fixtures.users[0].password, options());
    try {
      const groups = await domain.identity().groupsForUser("alice");
      assert.ok(groups.includes(id), JSON.stringify(groups));
    } finally {
      await domain.dispose();
    }
    ok(await call("DELETE", `${path}/${id}`, { auth: admin }));
    fails(await call("GET", `${path}/${id}`, { auth: admin }), 404);
  });
});

describe("domain JWT keys", () => {
  it("register (400/409), read, list, disable (logins refused), delete", async () => {
    const path = "/domains/convergence/default/jwtKeys";
    const id = unique("key");
    const pair = generateRsaKeyPair();
    ok(
      await call("POST", path, { auth: admin, body: { id, description: "Test", key: pair.publicKey, enabled: true } }),
    );
    fails(
      await call("POST", path, { auth: admin, body: { id, key: pair.publicKey, enabled: true } }),
      409,
      "duplicate",
    );
    fails(
      await call("POST", path, { auth: admin, body: { id: unique("key"), key: "not a key", enabled: true } }),
      400,
      "invalid_value",
    );
    fails(await call("POST", path, { auth: admin, body: { id: unique("key"), enabled: true } }), 400, "invalid_value");
    const key = ok(await call("GET", `${path}/${id}`, { auth: admin }));
    assert.deepEqual([key.id, key.description, key.key, key.enabled], [id, "Test", pair.publicKey, true]);
    assert.equal(typeof key.updated, "number");
    assert.ok(ok(await call("GET", path, { auth: admin })).some((k) => k.id === id));
    fails(await call("GET", `${path}/no-such-key`, { auth: admin }), 404, "not_found");

    const jwt = () => signRs256({ kid: id, privateKey: pair.privateKey, payload: claims("jwt-rest-user") });
    await (await Convergence.connectWithJwt(realtimeUrl(), jwt(), options())).dispose();
    ok(await call("PUT", `${path}/${id}`, { auth: admin, body: { description: "Off", enabled: false } }));
    await assert.rejects(Convergence.connectWithJwt(realtimeUrl(), jwt(), options()));
    const other = generateRsaKeyPair();
    ok(
      await call("PUT", `${path}/${id}`, {
        auth: admin,
        body: { description: "Rotated", key: other.publicKey, enabled: true },
      }),
    );
    assert.equal(ok(await call("GET", `${path}/${id}`, { auth: admin })).key, other.publicKey);
    fails(await call("PUT", `${path}/no-such-key`, { auth: admin, body: { enabled: true } }), 404);
    ok(await call("DELETE", `${path}/${id}`, { auth: admin }));
    fails(await call("DELETE", `${path}/${id}`, { auth: admin }), 404);
  });
});

describe("domain settings and sessions", () => {
  it("anonymousAuth and reconnect token validity", async () => {
    const { id, path } = await scratchDomain(false);
    assert.deepEqual(ok(await call("GET", `${path}/config/anonymousAuth`, { auth: admin })), { enabled: false });
    assert.equal((await loginFailure("compat", id)).code, "anonymous_auth_disabled");
    ok(await call("PUT", `${path}/config/anonymousAuth`, { auth: admin, body: { enabled: true } }));
    await (await Convergence.connectAnonymously(realtimeUrl("compat", id), "x", options())).dispose();
    fails(
      await call("PUT", `${path}/config/anonymousAuth`, { auth: admin, body: { enabled: null } }),
      400,
      "invalid_value",
    );
    fails(await call("PUT", `${path}/config/anonymousAuth`, { auth: admin, body: "null" }), 400, "invalid_value");
    assert.deepEqual(ok(await call("GET", `${path}/config/reconnect`, { auth: admin })), {
      tokenValidityMinutes: 1440,
    });
    ok(await call("PUT", `${path}/config/reconnect`, { auth: admin, body: { tokenValidityMinutes: 5 } }));
    assert.deepEqual(ok(await call("GET", `${path}/config/reconnect`, { auth: admin })), { tokenValidityMinutes: 5 });
    fails(
      await call("PUT", `${path}/config/reconnect`, { auth: admin, body: { tokenValidityMinutes: 0 } }),
      400,
      "invalid_value",
    );
    fails(await call("GET", "/domains/compat/no-such-domain/config/anonymousAuth", { auth: admin }), 404);
    ok(await call("DELETE", path, { auth: admin }));
  });

  it("sessions with filters, one session, 404", async () => {
    const { id, path } = await scratchDomain();
    const domain = await Convergence.connectAnonymously(realtimeUrl("compat", id), "Sess", options());
    const sessionId = domain.session().sessionId();
    const open = ok(await call("GET", `${path}/sessions?excludeDisconnected=true`, { auth: admin }));
    assert.deepEqual(
      open.map((s) => s.id),
      [sessionId],
    );
    assert.equal(open[0].userType, "anonymous");
    assert.equal(open[0].authMethod, "anonymous");
    assert.equal(typeof open[0].connected, "number");
    await domain.dispose();
    await new Promise((r) => setTimeout(r, 500));
    const one = ok(await call("GET", `${path}/sessions/${sessionId}`, { auth: admin }));
    assert.equal(typeof one.disconnected, "number");
    assert.deepEqual(ok(await call("GET", `${path}/sessions?excludeDisconnected=true`, { auth: admin })), []);
    assert.equal(ok(await call("GET", `${path}/sessions?sessionType=anonymous`, { auth: admin })).length, 1);
    assert.equal(ok(await call("GET", `${path}/sessions?sessionType=normal`, { auth: admin })).length, 0);
    assert.equal(ok(await call("GET", `${path}/sessions?sessionId=${sessionId}&limit=1`, { auth: admin })).length, 1);
    fails(await call("GET", `${path}/sessions/no-such-session`, { auth: admin }), 404, "not_found");
    fails(await call("GET", `${path}/sessions?sessionType=robot`, { auth: admin }), 400);
    ok(await call("DELETE", path, { auth: admin }));
  });

  it("disconnects an open session: the client loses its connection; an ended or unknown session is refused", async () => {
    const { id, path } = await scratchDomain();
    const domain = await Convergence.connectAnonymously(realtimeUrl("compat", id), "Kicked", options());
    connections.push(domain);
    const sessionId = domain.session().sessionId();
    const lost = new Promise((resolve) => domain.on("interrupted", resolve));
    ok(await call("DELETE", `${path}/sessions/${sessionId}`, { auth: admin }));
    await lost;
    await domain.dispose();
    // the server notes the end of the session when the socket has closed
    let ended;
    for (let i = 0; i < 50 && !ended?.disconnected; i++) {
      ended = ok(await call("GET", `${path}/sessions/${sessionId}`, { auth: admin }));
      if (!ended.disconnected) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(typeof ended.disconnected, "number");
    fails(await call("DELETE", `${path}/sessions/${sessionId}`, { auth: admin }), 409, "session_disconnected");
    fails(await call("DELETE", `${path}/sessions/no-such-session`, { auth: admin }), 404, "not_found");
    ok(await call("DELETE", path, { auth: admin }));
  });
});
