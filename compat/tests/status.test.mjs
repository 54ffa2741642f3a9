// The status endpoint the launcher probes, and the WebSocket fast paths (see TyrusSchedulerSwap, TyrusRawFrames)
// being in effect.
import assert from "node:assert/strict";
import { it } from "node:test";
import { Convergence, options } from "../lib/client.mjs";
import { port, realtimeUrl } from "../lib/env.mjs";

it("reports healthy, the open connections, and the WebSocket fast paths once a client connected", async () => {
  const domain = await Convergence.connectAnonymously(realtimeUrl(), "Status", options());
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/rest/status`);
    assert.equal(response.status, 200);
    const { ok, body } = await response.json();
    assert.equal(ok, true);
    assert.equal(body.status, "healthy");
    assert.ok(body.realtimeConnections >= 1);
    assert.equal(body.websocketFastPath, true, "Tyrus sessions should use the shared idle-timeout scheduler");
    assert.equal(body.websocketGatheredWrites, true, "Tyrus sessions should write waiting messages together");
  } finally {
    await domain.dispose();
  }
});
