// rc.12 clients that watch what the admin REST API changes: each test's clients are disposed after it, and the test
// fails if a client logged an error (a TypeError inside the client's handlers, e.g. a user it cannot resolve, is
// only logged through console.error).
import assert from "node:assert/strict";
import { afterEach } from "node:test";
import { clientErrors, clients } from "./clients.mjs";

/** Registers the hooks; returns connect(username), which logs a fixture user in to convergence/default. */
export function watchers() {
  const errors = clientErrors();
  const connect = clients({ login: "password", each: true, tracked: true });
  afterEach(() => {
    assert.deepEqual(errors, [], "the client reported no errors");
  });
  return connect;
}
