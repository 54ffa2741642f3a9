// Issue 6: logging in to the admin REST API with every credential kind, and credentials that stop working.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fixtures, serverLogSince, serverLogSize } from "../lib/env.mjs";
import { generateRsaKeyPair, signRs256 } from "../lib/jwt.mjs";
import { adminLogin, call, fails, login, ok, serverUser, unique } from "../lib/rest.mjs";

let adminToken;
before(async () => {
  adminToken = await adminLogin();
});

describe("session tokens", () => {
  it("login gives an expiring token that validates, authenticates, and stops after logout", async () => {
    const body = ok(await call("POST", "/auth/login", { body: fixtures.admin }));
    assert.equal(typeof body.token, "string");
    assert.ok(body.expiresIn > 60_000, `expiresIn ${body.expiresIn}`);
    const valid = ok(await call("POST", "/auth/validate", { body: { token: body.token } }));
    assert.equal(valid.valid, true);
    assert.equal(valid.username, "admin");
    assert.ok(valid.expiresIn > 0);
    assert.equal(ok(await call("GET", "/user/profile", { auth: { session: body.token } })).username, "admin");
    ok(await call("POST", "/auth/logout", { body: { token: body.token } }));
    assert.equal(ok(await call("POST", "/auth/validate", { body: { token: body.token } })).valid, false);
    fails(await call("GET", "/user/profile", { auth: { session: body.token } }), 401, "unauthorized");
  });

  it("refuses a wrong password, an unknown user and a missing field", async () => {
    fails(await call("POST", "/auth/login", { body: { username: "admin", password: "wrong" } }), 401, "unauthorized");
    fails(await call("POST", "/auth/login", { body: { username: "nobody-here", password: "x" } }), 401, "unauthorized");
    fails(await call("POST", "/auth/login", { body: { username: "admin" } }), 400, "invalid_value");
    fails(await call("POST", "/auth/login", { body: "{not json" }), 400, "malformed_request_content");
  });

  it("401 in the envelope without credentials, with an unknown scheme, or with a made-up token", async () => {
    for (const auth of [
      undefined,
      "Basic YWRtaW46eA==",
      "SessionToken",
      "SessionToken made-up",
      "BearerToken made-up",
      "UserApiKey made-up",
      "Bearer not.a.jwt",
    ]) {
      const result = await call("GET", "/user/profile", { auth });
      fails(result, 401, "unauthorized");
      assert.match(result.headers.get("www-authenticate") ?? "", /SessionToken/);
    }
  });
});

describe("bearer tokens", () => {
  it("POST /auth/bearerToken and PUT /user/bearerToken make a token; a new one replaces the old", async () => {
    const user = await serverUser(adminToken);
    const first = ok(
      await call("POST", "/auth/bearerToken", { body: { username: user.username, password: user.password } }),
    ).token;
    assert.equal(ok(await call("GET", "/user/profile", { auth: { bearer: first } })).username, user.username);
    assert.equal(ok(await call("GET", "/user/bearerToken", { auth: { bearer: first } })).exists, true);
    const second = ok(await call("PUT", "/user/bearerToken", { auth: { bearer: first } }));
    assert.equal(typeof second, "string");
    fails(await call("GET", "/user/profile", { auth: { bearer: first } }), 401);
    assert.equal(ok(await call("GET", "/user/profile", { auth: { bearer: second } })).username, user.username);
    fails(await call("POST", "/auth/bearerToken", { body: { username: user.username, password: "wrong" } }), 401);
  });
});

describe("API keys", () => {
  it("authenticates as its owner; shows the key once; records last use; disabled or deleted: 401 next request", async () => {
    const user = await serverUser(adminToken);
    const auth = { session: user.token };
    const created = ok(await call("POST", "/user/apiKeys", { auth, body: { name: "ci" } }), 201);
    assert.equal(created.name, "ci");
    assert.equal(created.enabled, true);
    assert.equal(typeof created.key, "string");
    assert.equal(created.lastUsed ?? null, null);

    const profile = ok(await call("GET", "/user/profile", { auth: { apiKey: created.key } }));
    assert.equal(profile.username, user.username);
    assert.equal(profile.serverRole, "Developer");
    // a Developer's key has a Developer's powers
    fails(
      await call("POST", "/users", {
        auth: { apiKey: created.key },
        body: { username: unique("x"), password: "secret-password", serverRole: "Developer" },
      }),
      403,
      "forbidden",
    );

    const listed = ok(await call("GET", "/user/apiKeys", { auth }));
    assert.equal(listed.length, 1);
    assert.equal(listed[0].id, created.id);
    assert.equal(listed[0].key, undefined, "the key is shown only when made");
    assert.equal(typeof listed[0].lastUsed, "number");
    assert.equal(typeof listed[0].created, "number");
    assert.equal(ok(await call("GET", `/user/apiKeys/${created.id}`, { auth })).name, "ci");

    ok(await call("PUT", `/user/apiKeys/${created.id}`, { auth, body: { name: "ci", enabled: false } }));
    fails(await call("GET", "/user/profile", { auth: { apiKey: created.key } }), 401, "unauthorized");
    ok(await call("PUT", `/user/apiKeys/${created.id}`, { auth, body: { name: "ci-renamed", enabled: true } }));
    assert.equal(ok(await call("GET", "/user/profile", { auth: { apiKey: created.key } })).username, user.username);

    ok(await call("DELETE", `/user/apiKeys/${created.id}`, { auth }));
    fails(await call("GET", "/user/profile", { auth: { apiKey: created.key } }), 401, "unauthorized");
    fails(await call("GET", `/user/apiKeys/${created.id}`, { auth }), 404, "not_found");
  });

  it("keeps keys private to their owner and validates input", async () => {
    const owner = await serverUser(adminToken);
    const other = await serverUser(adminToken);
    const key = ok(
      await call("POST", "/user/apiKeys", { auth: { session: owner.token }, body: { name: "mine", enabled: false } }),
      201,
    );
    assert.equal(key.enabled, false);
    fails(await call("GET", `/user/apiKeys/${key.id}`, { auth: { session: other.token } }), 404);
    fails(await call("DELETE", `/user/apiKeys/${key.id}`, { auth: { session: other.token } }), 404);
    fails(
      await call("POST", "/user/apiKeys", { auth: { session: owner.token }, body: { name: "" } }),
      400,
      "invalid_value",
    );
    fails(
      await call("PUT", `/user/apiKeys/${key.id}`, { auth: { session: owner.token }, body: { name: "x" } }),
      400,
      "invalid_value",
    );
    for (const method of ["GET", "POST"])
      fails(await call(method, "/user/apiKeys", { body: method === "POST" ? { name: "x" } : undefined }), 401);
  });
});

describe("single sign-on JWTs", () => {
  const { sso } = fixtures;
  const now = () => Math.floor(Date.now() / 1000);
  const token = (payload, privateKey = sso.key.privateKey) => signRs256({ kid: "sso", privateKey, payload });
  const claims = (extra = {}) => ({ iss: sso.issuer, sub: unique("sso"), iat: now(), exp: now() + 300, ...extra });

  it("a token from the issuer authenticates, the user is provisioned just in time with the mapped role", async () => {
    const adminClaims = claims({ preferred_username: unique("sso-admin"), groups: ["staff", sso.adminGroup] });
    const profile = ok(await call("GET", "/user/profile", { auth: { sso: token(adminClaims) } }));
    assert.equal(profile.username, adminClaims.preferred_username);
    assert.equal(profile.serverRole, "Server Admin");
    // the mapped role has its powers
    ok(await call("GET", "/roles/server", { auth: { sso: token(adminClaims) } }));
    const listed = ok(await call("GET", `/users/${adminClaims.preferred_username}`, { auth: { session: adminToken } }));
    assert.equal(listed.serverRole, "Server Admin");

    const devClaims = claims({ groups: [sso.developerGroup] });
    assert.equal(ok(await call("GET", "/user/profile", { auth: { sso: token(devClaims) } })).serverRole, "Developer");
    fails(await call("GET", "/roles/server", { auth: { sso: token(devClaims) } }), 403, "forbidden");

    // the role follows the token's groups at every request
    const demoted = { ...adminClaims, groups: [sso.developerGroup] };
    assert.equal(ok(await call("GET", "/user/profile", { auth: { sso: token(demoted) } })).serverRole, "Developer");
  });

  it("wrong issuer, expired, bad signature, missing subject: 401", async () => {
    const stranger = generateRsaKeyPair();
    const cases = {
      "wrong issuer": token(claims({ iss: "https://evil.example" })),
      expired: token(claims({ iat: now() - 7200, exp: now() - 3600 })),
      "bad signature": token(claims(), stranger.privateKey),
      "tampered payload": (() => {
        const [h, , s] = token(claims()).split(".");
        const forged = Buffer.from(JSON.stringify(claims({ groups: [sso.adminGroup] }))).toString("base64url");
        return `${h}.${forged}.${s}`;
      })(),
      "no subject": token({ iss: sso.issuer, iat: now(), exp: now() + 300 }),
    };
    for (const [name, jwt] of Object.entries(cases)) {
      const result = await call("GET", "/user/profile", { auth: { sso: jwt } });
      assert.equal(result.status, 401, `${name}: ${result.text}`);
      fails(result, 401, "unauthorized");
    }
  });
});

// Issue 19: single sign-on accounts are their own. A token acts only as the account its identity (issuer, subject)
// owns: never as a local account of the same name, which it could otherwise take over (and rewrite its role).
describe("single sign-on accounts are separate from local accounts", () => {
  const { sso } = fixtures;
  const now = () => Math.floor(Date.now() / 1000);
  const token = (payload) => signRs256({ kid: "sso", privateKey: sso.key.privateKey, payload });
  const claims = (extra = {}) => ({ iss: sso.issuer, sub: unique("sso"), iat: now(), exp: now() + 300, ...extra });
  /** Waits until the server log since offset matches (the server writes its log asynchronously). */
  const logShows = async (offset, pattern) => {
    for (let i = 0; i < 50 && !pattern.test(serverLogSince(offset)); i += 1)
      await new Promise((r) => setTimeout(r, 100));
    return serverLogSince(offset);
  };

  it("a token naming the local admin is refused and logged; the admin keeps its role, logs in and manages users", async () => {
    const offset = serverLogSize();
    const hostile = [
      claims({ sub: "admin" }),
      claims({ sub: "admin", groups: [sso.adminGroup] }),
      claims({ sub: "admin", groups: [sso.developerGroup] }),
      claims({ preferred_username: "admin", groups: [sso.developerGroup] }),
      claims({ upn: "admin" }),
    ];
    const jwts = hostile.map(token);
    for (const jwt of jwts) {
      const error = fails(await call("GET", "/user/profile", { auth: { sso: jwt } }), 401, "unauthorized");
      assert.match(error.error_message, /"admin" belongs to another account/);
    }
    const admin = ok(await call("GET", "/users/admin", { auth: { session: adminToken } }));
    assert.equal(admin.serverRole, "Server Admin");
    const fresh = await login(fixtures.admin.username, fixtures.admin.password);
    assert.equal(ok(await call("GET", "/user/profile", { auth: { session: fresh } })).serverRole, "Server Admin");
    const user = await serverUser(fresh);
    ok(
      await call("PUT", `/users/${user.username}`, { auth: { session: fresh }, body: { serverRole: "Domain Admin" } }),
    );

    const log = await logShows(offset, /WARNING.*subject "admin".*"admin" belongs to a local account/);
    assert.match(
      log,
      /WARNING.*issuer "https:\/\/sso\.compat\.example" subject "admin".*username "admin" belongs to a local account/,
    );
    for (const jwt of jwts) assert.ok(!log.includes(jwt.split(".")[2]), "the log shows a token");
  });

  it("refuses usernames the REST API refuses (trailing space, slash, too long) and creates no account", async () => {
    for (const username of [
      "admin ",
      " admin",
      "ad min",
      "admin\u00a0",
      "zero\u200bwidth",
      "a/b",
      "tab\there",
      "x".repeat(256),
    ]) {
      const result = await call("GET", "/user/profile", {
        auth: { sso: token(claims({ preferred_username: username })) },
      });
      const error = fails(result, 401, "unauthorized");
      assert.match(error.error_message, /single sign-on can not provision/, username);
      if (username.length < 256) {
        fails(await call("GET", `/users/${encodeURIComponent(username)}`, { auth: { session: adminToken } }), 404);
      }
    }
    // the REST API refuses the same names for local users
    fails(
      await call("POST", "/users", {
        auth: { session: adminToken },
        body: { username: "admin ", password: "secret-password-1", serverRole: "Developer" },
      }),
      400,
      "invalid_value",
    );
  });

  it("finds an SSO account by its subject: a changed username claim keeps it, another subject can not take it", async () => {
    const sub = unique("sso-sub");
    const first = unique("sso-first");
    const profile = ok(
      await call("GET", "/user/profile", { auth: { sso: token(claims({ sub, preferred_username: first })) } }),
    );
    assert.equal(profile.username, first);
    const renamed = ok(
      await call("GET", "/user/profile", {
        auth: { sso: token(claims({ sub, preferred_username: unique("sso-renamed"), groups: [sso.adminGroup] })) },
      }),
    );
    assert.equal(renamed.username, first, "the account keeps its username");
    assert.equal(renamed.serverRole, "Server Admin", "the role follows the groups of the owning identity");
    fails(await call("GET", `/users/${renamed.username}-x`, { auth: { session: adminToken } }), 404);

    // another subject whose username claim names that account is refused, and changes nothing
    const other = await call("GET", "/user/profile", {
      auth: { sso: token(claims({ preferred_username: first, groups: [sso.developerGroup] })) },
    });
    fails(other, 401, "unauthorized");
    assert.equal(
      ok(await call("GET", `/users/${first}`, { auth: { session: adminToken } })).serverRole,
      "Server Admin",
    );
  });

  it("an SSO account has no password: password login, setting a password and a local duplicate are refused", async () => {
    const username = unique("sso-nopw");
    ok(await call("GET", "/user/profile", { auth: { sso: token(claims({ preferred_username: username })) } }));
    fails(await call("POST", "/auth/login", { body: { username, password: "" } }), 401, "unauthorized");
    fails(
      await call("POST", `/users/${username}/password`, {
        auth: { session: adminToken },
        body: { password: "secret-password-1" },
      }),
      409,
    );
    fails(
      await call("POST", "/auth/login", { body: { username, password: "secret-password-1" } }),
      401,
      "unauthorized",
    );
    fails(
      await call("POST", "/users", {
        auth: { session: adminToken },
        body: { username, password: "secret-password-1", serverRole: "Developer" },
      }),
      409,
      "duplicate",
    );
  });

  it("logs each provisioning, role change from groups, refused token and refused password login", async () => {
    const offset = serverLogSize();
    const sub = unique("sso-logged");
    const username = unique("sso-logged-name");
    ok(await call("GET", "/user/profile", { auth: { sso: token(claims({ sub, preferred_username: username })) } }));
    ok(await call("GET", "/user/profile", { auth: { sso: token(claims({ sub, groups: [sso.adminGroup] })) } }));
    const expired = token(claims({ iat: now() - 7200, exp: now() - 3600 }));
    fails(await call("GET", "/user/profile", { auth: { sso: expired } }), 401);
    fails(await call("POST", "/auth/login", { body: { username: "admin", password: "wrong-password" } }), 401);
    const log = await logShows(offset, /Refused login with a wrong password/);
    assert.match(
      log,
      new RegExp(
        `Provisioned server user "${username}" \\(Developer\\) for single sign-on issuer "[^"]+" subject "${sub}"`,
      ),
    );
    assert.match(log, new RegExp(`changed the server role of "${username}" .* from Developer to Server Admin`));
    assert.match(log, /Refused a single sign-on token: Expired JWT/);
    assert.match(log, /Refused login with a wrong password for server user "admin" from \S+/);
    assert.ok(!log.includes("wrong-password"), "the log shows a password");
    assert.ok(!log.includes(expired.split(".")[2]), "the log shows a token");
  });
});
