// Issue 5 acceptance, identity: the unchanged client looks up users, searches them with paging and ordering, and
// reads groups, against the seed fixtures (run.mjs writeFixtures).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Convergence, options } from "../lib/client.mjs";
import { fixtures, realtimeUrl } from "../lib/env.mjs";

const alice = fixtures.users.find((u) => u.username === "alice");
let domain;
let identity;

before(async () => {
  domain = await Convergence.connectWithPassword(
    realtimeUrl(),
    { username: alice.username, password: alice.password },
    options(),
  );
  identity = domain.identity();
});
after(async () => {
  if (domain && domain.isConnected()) await domain.dispose();
});

/** Awaits a promise that must reject and returns its error. */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("the request succeeded");
}

const names = (users) => users.map((u) => u.username);

describe("users", () => {
  it("user(id) returns the user with every name", async () => {
    const user = await identity.user("alice");
    assert.equal(user.username, "alice");
    assert.equal(user.userType, "normal");
    assert.equal(user.displayName, alice.displayName);
    assert.equal(user.firstName, alice.firstName);
    assert.equal(user.lastName, alice.lastName);
    assert.equal(user.email, alice.email);
  });

  it("user(id) of an unknown user resolves undefined; userExists tells them apart", async () => {
    assert.equal(await identity.user("nobody-at-all"), undefined);
    assert.equal(await identity.userExists("nobody-at-all"), false);
    assert.equal(await identity.userExists("bob"), true);
  });

  it("users(ids) returns the known users only", async () => {
    const users = await identity.users(["bob", "nobody-at-all", "alice", "dave"]);
    assert.deepEqual(names(users).sort(), ["alice", "bob", "dave"]);
    const dave = users.find((u) => u.username === "dave");
    assert.ok(dave.firstName == null, "unset names stay unset (the client reads them as null)");
    assert.equal(dave.displayName, "Dave Loner");
  });

  it("profile() is the connected user", async () => {
    const me = await identity.profile();
    assert.equal(me.username, "alice");
    assert.equal(me.email, alice.email);
  });
});

describe("search", () => {
  const pagers = fixtures.searchUsers
    .filter((u) => u.username.startsWith("pager-"))
    .map((u) => u.username)
    .sort();

  it("matches a substring of the username, ignoring case", async () => {
    assert.deepEqual(names(await identity.search({ fields: ["username"], term: "LIC" })), ["alice"]);
  });

  it("matches any of several fields", async () => {
    const users = await identity.search({ fields: ["firstName", "displayName"], term: "bob" });
    assert.deepEqual(names(users), ["bob"]);
    // other test files may have created users with such emails (JWT logins), so check inclusion and the match
    const byEmail = await identity.search({ fields: ["email", "lastName"], term: "@EXAMPLE.com" });
    for (const name of ["alice", "bob", "dave"]) assert.ok(names(byEmail).includes(name), name);
    assert.ok(byEmail.every((u) => u.email.endsWith("@example.com")));
    assert.ok(!names(byEmail).some((n) => n.startsWith("pager-")));
  });

  it("pages with offset and limit, ordered by username by default", async () => {
    const query = { fields: ["email"], term: "@paging.example" };
    const first = await identity.search({ ...query, offset: 0, limit: 5 });
    const second = await identity.search({ ...query, offset: 5, limit: 5 });
    const third = await identity.search({ ...query, offset: 10, limit: 5 });
    assert.deepEqual(names(first), pagers.slice(0, 5));
    assert.deepEqual(names(second), pagers.slice(5, 10));
    assert.deepEqual(names(third), pagers.slice(10));
    assert.deepEqual(names(await identity.search({ ...query, offset: 20, limit: 5 })), []);
  });

  it("treats a missing or zero limit as the default page", async () => {
    const query = { fields: ["email"], term: "@paging.example" };
    assert.deepEqual(names(await identity.search(query)), pagers);
    assert.deepEqual(names(await identity.search({ ...query, limit: 0 })), pagers);
  });

  it("orders by another field, in either direction", async () => {
    const query = { fields: ["username"], term: "pager-" };
    // lastName runs Z12 (pager-01) down to Z01 (pager-12)
    const byLastName = await identity.search({ ...query, orderBy: { field: "lastName", ascending: true } });
    assert.deepEqual(names(byLastName), [...pagers].reverse());
    const descending = await identity.search({ ...query, orderBy: { field: "username", ascending: false } });
    assert.deepEqual(names(descending), [...pagers].reverse());
    // firstName ties (Pat / Sam) fall back to the username
    const byFirstName = await identity.search({ ...query, limit: 3, orderBy: { field: "firstName", ascending: true } });
    assert.deepEqual(names(byFirstName), ["pager-02", "pager-04", "pager-06"]);
  });

  it("takes the term literally: wildcards match only themselves", async () => {
    assert.deepEqual(names(await identity.search({ fields: ["username", "email"], term: "%" })), []);
    assert.deepEqual(names(await identity.search({ fields: ["username"], term: "pager_0" })), []);
  });
});

describe("groups", () => {
  it("groups(ids) returns each group with description and members", async () => {
    const groups = await identity.groups(["compat-group", "editors", "empty-group"]);
    assert.deepEqual(
      groups.map((g) => g.id),
      ["compat-group", "editors", "empty-group"],
    );
    assert.equal(groups[0].description, "compat tests");
    assert.deepEqual([...groups[0].members].sort(), ["alice", "bob"]);
    assert.deepEqual([...groups[1].members].sort(), ["alice", "pager-01"]);
    assert.deepEqual(groups[2].members, []);
    assert.equal((await identity.group("editors")).description, "Editors");
  });

  it("an unknown group rejects with group_not_found", async () => {
    const error = await rejection(identity.groups(["compat-group", "no-such-group"]));
    assert.equal(error.code, "group_not_found");
  });

  it("groupsForUsers gives one entry per user", async () => {
    const groups = await identity.groupsForUsers(["alice", "bob", "dave"]);
    assert.deepEqual(groups.alice, ["compat-group", "editors"]);
    assert.deepEqual(groups.bob, ["compat-group"]);
    // a user in no group is listed with an empty list, which decodes as undefined in rc.12
    assert.ok("dave" in groups);
    assert.ok(groups.dave === undefined || groups.dave.length === 0);
    assert.deepEqual(await identity.groupsForUser("bob"), ["compat-group"]);
  });

  it("groupsForUsers naming an unknown user rejects with user_not_found", async () => {
    const error = await rejection(identity.groupsForUsers(["alice", "nobody-at-all"]));
    assert.equal(error.code, "user_not_found");
  });

  it("still answers after the errors", async () => {
    assert.equal((await identity.user("bob")).username, "bob");
  });
});
