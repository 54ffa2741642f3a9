// Issue 6: server-wide admin endpoints (users, namespaces, roles, settings, utilities) and the envelope for every
// kind of bad request.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { adminLogin, base, call, fails, login, ok, serverUser, unique } from "../lib/rest.mjs";

let admin;
before(async () => {
  admin = { session: await adminLogin() };
});

describe("errors in the envelope", () => {
  it("unknown path 404, wrong method 405, malformed JSON 400, wrong media type, paging limits", async () => {
    fails(await call("GET", "/no/such/thing", { auth: admin }), 404, "not_found");
    fails(await call("GET", "/no/such/thing"), 404, "not_found");
    const wrongMethod = await call("PATCH", "/users", { auth: admin });
    fails(wrongMethod, 405, "method_not_allowed");
    assert.match(wrongMethod.headers.get("allow") ?? "", /GET/);
    fails(await call("DELETE", "/status"), 405, "method_not_allowed");
    fails(await call("POST", "/users", { auth: admin, body: '{"username": ' }), 400, "malformed_request_content");
    fails(await call("POST", "/users", { auth: admin, body: "[1, 2]" }), 400);
    fails(
      await call("POST", "/users", {
        auth: admin,
        body: '{"username": "x", "serverRole": {"a": 1}, "password": "xxxxxxxxxx"}',
      }),
      400,
    );
    const plain = await fetch(`${base}/users`, {
      method: "POST",
      headers: { Authorization: `SessionToken ${admin.session}`, "Content-Type": "text/plain" },
      body: "x",
    });
    assert.equal(plain.status, 415);
    assert.equal((await plain.json()).ok, false);
    fails(await call("GET", "/users?limit=1001", { auth: admin }), 400, "invalid_value");
    fails(await call("GET", "/users?limit=0", { auth: admin }), 400, "invalid_value");
    fails(await call("GET", "/users?offset=-1", { auth: admin }), 400, "invalid_value");
  });
});

describe("status", () => {
  it("answers without credentials with Convergence's fields", async () => {
    const body = ok(await call("GET", "/status"));
    assert.equal(body.status, "healthy");
    assert.equal(body.distribution, "Tandem");
    assert.ok(body.domains >= 2 && body.namespaces >= 2, JSON.stringify(body));
  });
});

describe("server users", () => {
  it("create, read, list with paging and filter, update, set password, delete", async () => {
    const username = unique("srv");
    ok(
      await call("POST", "/users", {
        auth: admin,
        body: {
          username,
          password: "first-password-1",
          serverRole: "Developer",
          displayName: "Srv User",
          email: "srv@example.com",
          firstName: "S",
          lastName: "U",
        },
      }),
      201,
    );
    fails(
      await call("POST", "/users", {
        auth: admin,
        body: { username, password: "first-password-1", serverRole: "Developer" },
      }),
      409,
      "duplicate",
    );
    fails(
      await call("POST", "/users", {
        auth: admin,
        body: { username: unique("srv"), password: "short", serverRole: "Developer" },
      }),
      400,
      "invalid_value",
    );
    fails(
      await call("POST", "/users", {
        auth: admin,
        body: { username: unique("srv"), password: "long-enough-1", serverRole: "Emperor" },
      }),
      400,
      "invalid_value",
    );
    fails(
      await call("POST", "/users", {
        auth: admin,
        body: { username: unique("srv"), password: "long-enough-1", serverRole: "Developer", email: "not-an-email" },
      }),
      400,
      "invalid_value",
    );

    const user = ok(await call("GET", `/users/${username}`, { auth: admin }));
    assert.deepEqual(
      [user.username, user.displayName, user.email, user.serverRole],
      [username, "Srv User", "srv@example.com", "Developer"],
    );
    const page = ok(await call("GET", `/users?filter=${username}&limit=1`, { auth: admin }));
    assert.deepEqual(
      page.map((u) => u.username),
      [username],
    );
    assert.deepEqual(ok(await call("GET", `/users?filter=${username}&offset=1`, { auth: admin })), []);
    // a Developer sees users without their emails
    const developer = await serverUser(admin.session);
    const seen = ok(await call("GET", `/users/${username}`, { auth: { session: developer.token } }));
    assert.equal(seen.email, undefined);

    ok(
      await call("PUT", `/users/${username}`, {
        auth: admin,
        body: { displayName: "Renamed", serverRole: "Domain Admin" },
      }),
    );
    assert.equal(ok(await call("GET", `/users/${username}`, { auth: admin })).serverRole, "Domain Admin");
    fails(
      await call("PUT", "/users/no-such-user", { auth: admin, body: { serverRole: "Developer" } }),
      404,
      "not_found",
    );
    fails(await call("PUT", "/users/admin", { auth: admin, body: { serverRole: "Developer" } }), 403, "forbidden");

    ok(await call("POST", `/users/${username}/password`, { auth: admin, body: { password: "second-password-2" } }));
    fails(await call("POST", "/auth/login", { body: { username, password: "first-password-1" } }), 401);
    const token = await login(username, "second-password-2");
    fails(
      await call("POST", "/users/no-such-user/password", { auth: admin, body: { password: "second-password-2" } }),
      404,
    );

    ok(await call("DELETE", `/users/${username}`, { auth: admin }));
    fails(await call("GET", "/user/profile", { auth: { session: token } }), 401, "unauthorized");
    fails(await call("GET", `/users/${username}`, { auth: admin }), 404, "not_found");
    fails(await call("DELETE", `/users/${username}`, { auth: admin }), 404);
    fails(await call("DELETE", "/users/admin", { auth: admin }), 403, "forbidden");
  });

  it("the caller's profile, password and favourite domains", async () => {
    const user = await serverUser(admin.session);
    const auth = { session: user.token };
    ok(
      await call("PUT", "/user/profile", {
        auth,
        body: { displayName: "Me", firstName: "M", lastName: "E", email: "me@example.com" },
      }),
    );
    const profile = ok(await call("GET", "/user/profile", { auth }));
    assert.deepEqual([profile.displayName, profile.email, profile.serverRole], ["Me", "me@example.com", "Developer"]);
    fails(await call("PUT", "/user/profile", { auth, body: { email: "nope" } }), 400, "invalid_value");
    fails(await call("PUT", "/user/password", { auth, body: { password: "short" } }), 400, "invalid_value");
    ok(await call("PUT", "/user/password", { auth, body: { password: "my-new-password-3" } }));
    await login(user.username, "my-new-password-3");

    ok(await call("PUT", "/user/favoriteDomains/convergence/default", { auth }));
    ok(await call("PUT", "/user/favoriteDomains/convergence/default", { auth }));
    assert.deepEqual(
      ok(await call("GET", "/user/favoriteDomains", { auth })).map((d) => `${d.namespace}/${d.domainId}`),
      ["convergence/default"],
    );
    fails(await call("PUT", "/user/favoriteDomains/nowhere/nothing", { auth }), 404, "not_found");
    ok(await call("DELETE", "/user/favoriteDomains/convergence/default", { auth }));
    assert.deepEqual(ok(await call("GET", "/user/favoriteDomains", { auth })), []);
  });
});

describe("namespaces", () => {
  it("create, read, list (with domains), rename, refuse deleting a non-empty one, delete", async () => {
    const id = unique("ns");
    ok(await call("POST", "/namespaces", { auth: admin, body: { id, displayName: "Team" } }));
    fails(await call("POST", "/namespaces", { auth: admin, body: { id, displayName: "Team" } }), 409, "duplicate");
    fails(
      await call("POST", "/namespaces", { auth: admin, body: { id: "bad id/", displayName: "x" } }),
      400,
      "invalid_value",
    );
    fails(await call("POST", "/namespaces", { auth: admin, body: { id: unique("ns") } }), 400, "invalid_value");
    assert.deepEqual(ok(await call("GET", `/namespaces/${id}`, { auth: admin })), { id, displayName: "Team" });
    fails(await call("GET", "/namespaces/no-such-ns", { auth: admin }), 404, "not_found");
    ok(await call("PUT", `/namespaces/${id}`, { auth: admin, body: { displayName: "Renamed" } }));
    ok(await call("POST", "/domains", { auth: admin, body: { namespace: id, id: "d1", displayName: "D1" } }), 201);
    const listed = ok(await call("GET", "/namespaces?limit=1000", { auth: admin })).find((n) => n.id === id);
    assert.equal(listed.displayName, "Renamed");
    assert.deepEqual(
      listed.domains.map((d) => d.domainId),
      ["d1"],
    );
    fails(await call("DELETE", `/namespaces/${id}`, { auth: admin }), 409, "namespace_not_empty");
    ok(await call("DELETE", `/domains/${id}/d1`, { auth: admin }));
    ok(await call("DELETE", `/namespaces/${id}`, { auth: admin }));
    fails(await call("GET", `/namespaces/${id}`, { auth: admin }), 404);
  });
});

describe("roles", () => {
  it("server roles as {username: role}; namespace and domain roles grant access", async () => {
    const user = await serverUser(admin.session);
    const auth = { session: user.token };
    assert.equal(ok(await call("GET", "/roles/server", { auth: admin }))[user.username], "Developer");
    fails(
      await call("POST", "/roles/server", { auth: admin, body: { [user.username]: "Pope" } }),
      400,
      "invalid_value",
    );
    fails(
      await call("POST", "/roles/server", { auth: admin, body: { "no-such-user": "Developer" } }),
      404,
      "not_found",
    );
    fails(await call("POST", "/roles/server", { auth: admin, body: { admin: "Developer" } }), 403, "forbidden");
    ok(await call("POST", "/roles/server", { auth: admin, body: { [user.username]: "Domain Admin" } }));
    assert.equal(ok(await call("GET", "/user/profile", { auth })).serverRole, "Domain Admin");
    ok(await call("DELETE", `/roles/server/${user.username}`, { auth: admin }));
    assert.equal(ok(await call("GET", "/user/profile", { auth })).serverRole, "Developer");

    // a domain role opens that domain and no other
    fails(await call("GET", "/domains/convergence/default/users", { auth }), 403);
    ok(
      await call("POST", "/roles/domain/convergence/default", { auth: admin, body: { [user.username]: "Developer" } }),
    );
    assert.equal(
      ok(await call("GET", "/roles/domain/convergence/default", { auth: admin }))[user.username],
      "Developer",
    );
    ok(await call("GET", "/domains/convergence/default/users", { auth }));
    assert.ok(ok(await call("GET", "/domains", { auth })).some((d) => d.domainId === "default"));
    fails(await call("GET", "/domains/compat/closed/users", { auth }), 403);
    // a Developer on a domain may not manage it
    fails(await call("GET", "/domains/convergence/default/jwtKeys", { auth }), 403);
    ok(await call("DELETE", `/roles/domain/convergence/default/${user.username}`, { auth: admin }));
    fails(await call("DELETE", `/roles/domain/convergence/default/${user.username}`, { auth: admin }), 404);
    fails(await call("GET", "/domains/convergence/default/users", { auth }), 403);
    fails(await call("GET", "/roles/domain/nowhere/nothing", { auth: admin }), 404);

    // a namespace Owner manages its domains and may create new ones
    ok(await call("POST", "/roles/namespace/compat", { auth: admin, body: { [user.username]: "Owner" } }));
    assert.equal(ok(await call("GET", "/roles/namespace/compat", { auth: admin }))[user.username], "Owner");
    ok(await call("GET", "/domains/compat/closed/jwtKeys", { auth }));
    const domainId = unique("owned");
    ok(await call("POST", "/domains", { auth, body: { namespace: "compat", id: domainId } }), 201);
    fails(await call("POST", "/domains", { auth, body: { namespace: "convergence", id: domainId } }), 403);
    ok(await call("DELETE", `/domains/compat/${domainId}`, { auth }));
    ok(await call("DELETE", `/roles/namespace/compat/${user.username}`, { auth: admin }));
    fails(await call("GET", "/domains/compat/closed/jwtKeys", { auth }), 403);
    fails(await call("POST", "/roles/namespace/compat", { auth: admin, body: { [user.username]: "King" } }), 400);
    fails(await call("GET", "/roles/namespace/no-such-ns", { auth: admin }), 404);
  });
});

describe("server settings and utilities", () => {
  it("GET/POST /config with Convergence's keys; wrong keys or types are 400; settings take effect", async () => {
    const all = ok(await call("GET", "/config", { auth: admin }));
    assert.equal(all["passwords.minimum-length"], 8);
    assert.equal(all["sessions.timeout"], 30);
    assert.deepEqual(Object.keys(ok(await call("GET", "/config?keys=sessions.timeout", { auth: admin }))), [
      "sessions.timeout",
    ]);
    fails(await call("GET", "/config?keys=no.such.key", { auth: admin }), 400, "invalid_value");
    fails(await call("POST", "/config", { auth: admin, body: { "no.such.key": 1 } }), 400, "invalid_value");
    fails(
      await call("POST", "/config", { auth: admin, body: { "passwords.minimum-length": "ten" } }),
      400,
      "invalid_value",
    );
    ok(await call("POST", "/config", { auth: admin, body: { "passwords.minimum-length": 12 } }));
    try {
      fails(
        await call("POST", "/users", {
          auth: admin,
          body: { username: unique("pw"), password: "eleven-char", serverRole: "Developer" },
        }),
        400,
        "invalid_value",
      );
      const developer = await serverUser(admin.session);
      const app = ok(await call("GET", "/config/app", { auth: { session: developer.token } }));
      assert.equal(app["passwords.minimum-length"], 12);
      assert.equal(app["sessions.timeout"], undefined);
    } finally {
      ok(await call("POST", "/config", { auth: admin, body: { "passwords.minimum-length": 8 } }));
    }
  });

  it("GET /util/keygen makes an RSA key pair that a domain accepts", async () => {
    const pair = ok(await call("GET", "/util/keygen", { auth: admin }));
    assert.match(pair.publicKey, /BEGIN PUBLIC KEY/);
    assert.match(pair.privateKey, /BEGIN PRIVATE KEY/);
  });
});
