// rc.12 clients that watch what the admin REST API changes: registers the node:test hooks that dispose each test's
// clients after it and fail the test if a client logged an error (a TypeError inside the client's handlers, e.g. a
// user it cannot resolve, is only logged through console.error).
import assert from "node:assert/strict";
import { after, afterEach, beforeEach } from "node:test";
import { Convergence, closeSockets, trackedOptions } from "./client.mjs";
import { fixtures, realtimeUrl } from "./env.mjs";

/** Registers the hooks; returns connect(username), which logs a fixture user in to convergence/default. */
export function watchers() {
  const clientErrors = [];
  const consoleError = console.error;
  console.error = (...args) => {
    clientErrors.push(args.map(String).join(" "));
    consoleError(...args);
  };
  after(() => {
    console.error = consoleError;
  });

  let open = [];
  const sockets = [];
  beforeEach(() => {
    clientErrors.length = 0;
  });
  afterEach(async () => {
    for (const domain of open) {
      if (domain.isConnected()) await domain.dispose();
    }
    open = [];
    closeSockets(sockets);
    assert.deepEqual(clientErrors, [], "the client reported no errors");
  });

  return async function connect(name) {
    const user = fixtures.users.find((u) => u.username === name);
    const domain = await Convergence.connectWithPassword(realtimeUrl(), { username: user.username,
      password: user.password }, trackedOptions(sockets));
    open.push(domain);
    return domain;
  };
}
