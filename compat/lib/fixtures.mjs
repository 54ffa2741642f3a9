// The compat suite's fixtures: the seed file the server starts with (domains, users, groups, keys, collections),
// the admin password and single sign-on issuer, and fixtures.json, which tests read through lib/env.mjs.
import fs from "node:fs";
import path from "node:path";
import { generateRsaKeyPair } from "./jwt.mjs";

// A short idle time before an unused model unloads, so that a test can reopen a model after it.
export const MODEL_IDLE_UNLOAD_MILLIS = 1000;

/** Writes the fixtures into dir; returns the seed file, the fixtures file and the server settings they need. */
export function writeFixtures(dir) {
  const enabledKey = generateRsaKeyPair();
  const disabledKey = generateRsaKeyPair();
  const users = [
    {
      username: "alice",
      password: "alice-secret-1",
      displayName: "Alice Adams",
      firstName: "Alice",
      lastName: "Adams",
      email: "alice@example.com",
    },
    {
      username: "bob",
      password: "bob-secret-2",
      displayName: "Bob Brown",
      firstName: "Bob",
      lastName: "Brown",
      email: "bob@example.com",
    },
    // chat: the third member of a channel, and the one outside it
    {
      username: "erin",
      password: "erin-secret-4",
      displayName: "Erin Evans",
      firstName: "Erin",
      lastName: "Evans",
      email: "erin@example.com",
    },
    {
      username: "frank",
      password: "frank-secret-5",
      displayName: "Frank Fox",
      firstName: "Frank",
      lastName: "Fox",
      email: "frank@example.com",
    },
  ];
  // Identity search and paging: twelve users without passwords (no login, no hashing at start), names chosen so
  // that orderings by different fields differ, and a user in no group.
  const searchUsers = Array.from({ length: 12 }, (_, i) => {
    const n = String(i + 1).padStart(2, "0");
    return {
      username: `pager-${n}`,
      displayName: `Pager ${n}`,
      firstName: i % 2 ? "Pat" : "Sam",
      lastName: `Z${String(12 - i).padStart(2, "0")}`,
      email: `pager${n}@paging.example`,
    };
  });
  searchUsers.push({ username: "dave", displayName: "Dave Loner", email: "dave@example.com" });
  const seed = {
    domains: [
      {
        namespace: "convergence",
        id: "default",
        displayName: "Default",
        anonymousAuth: true,
        users: [...users, ...searchUsers],
        groups: [
          { id: "compat-group", description: "compat tests", members: ["alice", "bob"] },
          { id: "editors", description: "Editors", members: ["alice", "pager-01"] },
          { id: "empty-group", members: [] },
          { id: "chat-group", description: "chat permission tests", members: ["frank"] },
        ],
        jwtKeys: [
          { id: "compat-key", description: "compat tests", publicKey: enabledKey.publicKey, enabled: true },
          {
            id: "compat-disabled-key",
            description: "disabled on purpose",
            publicKey: disabledKey.publicKey,
            enabled: false,
          },
        ],
      },
      {
        namespace: "compat",
        id: "closed",
        displayName: "No anonymous access",
        anonymousAuth: false,
        users: [{ username: "carol", password: "carol-secret-3", displayName: "Carol Clark" }],
        // Model permissions: no collection appears on demand here, and two declared ones differ in who may create.
        autoCreateCollections: false,
        collections: [
          {
            id: "notes",
            description: "anyone may create",
            worldPermissions: { create: true, read: true, write: true, remove: true, manage: true },
          },
          { id: "locked", description: "read only", worldPermissions: { read: true } },
        ],
      },
    ],
  };
  const seedFile = path.join(dir, "seed.json");
  fs.writeFileSync(seedFile, JSON.stringify(seed, null, 2));
  // The admin REST API: the server administrator's password, and a single sign-on issuer whose public key the
  // server reads from a file (MicroProfile JWT's standard keys) and whose groups map to server roles.
  const admin = { username: "admin", password: "compat-admin-secret-1" };
  const sso = {
    issuer: "https://sso.compat.example",
    key: generateRsaKeyPair(),
    adminGroup: "tandem-admins",
    developerGroup: "tandem-devs",
  };
  const ssoKeyFile = path.join(dir, "sso-public-key.pem");
  fs.writeFileSync(ssoKeyFile, sso.key.publicKey);
  const fixturesFile = path.join(dir, "fixtures.json");
  fs.writeFileSync(
    fixturesFile,
    JSON.stringify(
      {
        users,
        searchUsers,
        enabledKey,
        disabledKey,
        seed,
        admin,
        sso,
        modelIdleUnloadMillis: MODEL_IDLE_UNLOAD_MILLIS,
      },
      null,
      2,
    ),
  );
  const serverEnv = {
    TANDEM_ADMIN_PASSWORD: admin.password,
    MP_JWT_VERIFY_ISSUER: sso.issuer,
    MP_JWT_VERIFY_PUBLICKEY_LOCATION: ssoKeyFile,
    TANDEM_SSO_ROLE_MAPPING: `${sso.adminGroup}=Server Admin,${sso.developerGroup}=Developer`,
  };
  return { seedFile, fixturesFile, serverEnv };
}
