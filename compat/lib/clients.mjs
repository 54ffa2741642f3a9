// Real clients for a test file: one connect() per file, which logs in by name and disposes of what it connected
// after each test or after the file. Replaces the connect() that each test file used to define for itself.
import { after, afterEach, beforeEach } from "node:test";
import { Convergence, closeSockets, options, trackedOptions } from "./client.mjs";
import { fixtures, realtimeUrl } from "./env.mjs";

/** The password credentials of a fixture user (compat/run.mjs seeds them). */
export function credentials(username) {
  const user = fixtures.users.find((u) => u.username === username);
  if (!user) throw new Error(`no fixture user ${username}`);
  return { username: user.username, password: user.password };
}

/**
 * Returns connect(name, { url, extra, password }): a connected domain (rc.12 unless `version` says otherwise). `name` is the display name of an
 * anonymous login, or with `password` (or `login: "password"` here) a fixture user's name. `extra` adds client options
 * (offline storage, for example).
 *
 * @param login "anonymous" or "password": the default kind of login
 * @param each dispose after each test instead of after the file
 * @param tracked keep every socket the client opens and close leftovers afterwards (see trackedOptions)
 * @param settle an async function run on each new domain before connect() returns it
 * @param version the published client to connect with: "rc.12" (default), or "rc.9", "rc.8", "rc.7", "rc.6",
 *   "rc.5", "rc.4" (generations G6 to G1, see generations/README.md), loaded only by the files that ask for them
 * The returned function also has track(domain), for a domain connected another way, forget(domain), for one the
 * test disposes itself, and disposeAll().
 */
export function clients({ login = "anonymous", each = false, tracked = false, settle, version = "rc.12" } = {}) {
  let open = [];
  const sockets = [];
  async function disposeAll() {
    const domains = open;
    open = [];
    for (const domain of domains) {
      // rc.4 to rc.8's dispose() returns nothing (it does not wait for the socket to close)
      if (!domain.isDisposed()) await Promise.resolve(domain.dispose()).catch(() => {});
    }
    if (tracked) closeSockets(sockets);
  }
  (each ? afterEach : after)(disposeAll);
  async function connect(name, { url = realtimeUrl(), extra = {}, password = login === "password" } = {}) {
    const clientOptions = tracked ? trackedOptions(sockets, extra) : options(extra);
    const Client = await clientOf(version);
    const domain = password
      ? await Client.connectWithPassword(url, credentials(name), clientOptions)
      : await Client.connectAnonymously(url, name, clientOptions);
    open.push(domain);
    if (settle) await settle(domain);
    return domain;
  }
  connect.track = (domain) => {
    open.push(domain);
    return domain;
  };
  connect.forget = (domain) => {
    open = open.filter((d) => d !== domain);
  };
  connect.disposeAll = disposeAll;
  return connect;
}

/** The published client packages besides rc.12, by version (npm aliases in compat/package.json). */
const PACKAGES = {
  "rc.9": "convergence-rc9",
  "rc.8": "convergence-rc8",
  "rc.7": "convergence-rc7",
  "rc.6": "convergence-rc6",
  "rc.5": "convergence-rc5",
  "rc.4": "convergence-rc4",
};

/** The exports of a published client version other than rc.12 (its Convergence class, IdbStorageAdapter...). */
export async function clientModule(version) {
  const name = PACKAGES[version];
  if (!name) throw new Error(`no client ${version} in compat/package.json`);
  return (await import(name)).default;
}

/** The Convergence class of a published client version. */
async function clientOf(version) {
  return version === "rc.12" ? Convergence : (await clientModule(version)).Convergence;
}

/**
 * Records what the clients log through console.error (rc.12 reports failures inside its handlers, such as a
 * TypeError on a user it cannot resolve, only there) while the file runs; cleared before each test. Returns the list.
 */
export function clientErrors() {
  const errors = [];
  const consoleError = console.error;
  console.error = (...args) => {
    errors.push(args.map(String).join(" "));
    consoleError(...args);
  };
  beforeEach(() => {
    errors.length = 0;
  });
  after(() => {
    console.error = consoleError;
  });
  return errors;
}
