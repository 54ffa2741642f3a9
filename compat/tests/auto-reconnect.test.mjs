// Issue 2 acceptance: when the network drops the socket, the client's automatic reconnect brings the
// session back as the same user.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { Convergence, nextEvent, options } from "../lib/client.mjs";
import { fixtures, port, realtimeUrl } from "../lib/env.mjs";
import { startProxy } from "../lib/proxy.mjs";

const proxy = await startProxy(port);
after(() => proxy.close());

describe("automatic reconnect", () => {
  it("reconnects a password user after the connection is cut", async () => {
    const bob = fixtures.users.find((u) => u.username === "bob");
    const domain = await Convergence.connectWithPassword(
      realtimeUrl("convergence", "default", proxy.port),
      { username: bob.username, password: bob.password },
      options(),
    );
    try {
      const before = domain.session().sessionId();
      const interrupted = nextEvent(domain, "interrupted");
      const reconnected = nextEvent(domain, "connected", 20_000);
      proxy.cutAll();
      await interrupted;
      await reconnected;
      assert.ok(domain.isConnected());
      assert.equal(domain.session().user().username, "bob");
      assert.notEqual(domain.session().sessionId(), before, "the new connection is a new session");
    } finally {
      await domain.dispose();
    }
  });

  it("reconnects an anonymous user as the same user", async () => {
    const domain = await Convergence.connectAnonymously(
      realtimeUrl("convergence", "default", proxy.port),
      "Drifter",
      options(),
    );
    try {
      const username = domain.session().user().username;
      const reconnected = nextEvent(domain, "connected", 20_000);
      proxy.cutAll();
      await reconnected;
      assert.equal(domain.session().user().username, username);
      assert.equal(domain.session().user().displayName, "Drifter");
    } finally {
      await domain.dispose();
    }
  });
});
