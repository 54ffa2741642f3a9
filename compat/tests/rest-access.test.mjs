// Issue 6: every admin endpoint refuses a request without credentials (401) and a caller whose role is too low
// (403), in Convergence's error envelope, before it looks at anything else.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { adminLogin, call, fails, serverUser } from "../lib/rest.mjs";
import { concrete, endpoints, validBody } from "../lib/rest-endpoints.mjs";

let developer;
before(async () => {
  developer = await serverUser(await adminLogin(), "Developer");
});

describe("without credentials", () => {
  for (const { method, path } of endpoints) {
    it(`${method} ${path}: 401`, async () => {
      fails(await call(method, concrete(path), { body: validBody(method, path) }), 401, "unauthorized");
    });
  }
});

describe("with a role too low (a Developer without roles on convergence/default)", () => {
  for (const { method, path, role } of endpoints.filter((e) => e.role !== "any")) {
    it(`${method} ${path}: 403`, async () => {
      const result = await call(method, concrete(path), {
        auth: { session: developer.token },
        body: validBody(method, path),
      });
      fails(result, 403, "forbidden");
      assert.ok(role);
    });
  }
});

describe("a Domain Admin", () => {
  it("manages domains but not server users, roles or settings", async () => {
    const domainAdmin = await serverUser(await adminLogin(), "Domain Admin");
    const auth = { session: domainAdmin.token };
    for (const { method, path, role } of endpoints) {
      if (method !== "GET" || path.includes("{sessionId}")) continue;
      const result = await call(method, concrete(path), { auth });
      if (role === "admin") fails(result, 403, "forbidden");
      else assert.notEqual(result.status, 403, `${method} ${path}: ${result.text}`);
    }
  });
});

// Issue 19: tenant isolation. A Developer of convergence/default has that domain's data, and none of another
// domain's: every endpoint of compat/closed (and of its namespace) is 403 in the envelope.
describe("a Developer of one domain on another domain", () => {
  let domainDeveloper;
  before(async () => {
    const admin = await adminLogin();
    domainDeveloper = await serverUser(admin, "Developer");
    const grant = await call("POST", "/roles/domain/convergence/default", {
      auth: { session: admin },
      body: { [domainDeveloper.username]: "Developer" },
    });
    assert.ok(grant.status < 300, grant.text);
  });

  it("reads its own domain", async () => {
    const auth = { session: domainDeveloper.token };
    for (const path of [
      "/domains/convergence/default",
      "/domains/convergence/default/users",
      "/domains/convergence/default/models",
    ]) {
      const result = await call("GET", path, { auth });
      assert.equal(result.status, 200, `${path}: ${result.text}`);
    }
  });

  for (const { method, path } of endpoints.filter(
    (e) => (e.role === "domain" || e.role === "manage") && e.path.includes("{namespace}"),
  )) {
    it(`${method} ${path} of compat/closed: 403`, async () => {
      const target = concrete(path, {
        namespace: "compat",
        domainId: "closed",
        username: "carol",
        collectionId: "notes",
      });
      const result = await call(method, target, {
        auth: { session: domainDeveloper.token },
        body: validBody(method, path),
      });
      fails(result, 403, "forbidden");
    });
  }
});
