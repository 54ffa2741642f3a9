// Issue 24: the rc.4 client (generation G1, like rc.5 and rc.6 not served yet) is told so at once: its handshake is
// answered with a refusal it reports as an error with the code unsupported_client, instead of a message it cannot read
// and a connection timeout (compat/generations/README.md).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clientModule } from "../lib/clients.mjs";
import { options } from "../lib/client.mjs";
import { realtimeUrl } from "../lib/env.mjs";

describe("rc.4 (generation G1, not served)", () => {
  it("is refused at the handshake with unsupported_client, and does not retry", async () => {
    const { Convergence } = await clientModule("rc.4");
    const started = Date.now();
    await assert.rejects(Convergence.connectAnonymously(realtimeUrl(), "Four", options()), (e) => {
      assert.equal(e.code, "unsupported_client");
      assert.match(e.message, /1\.0\.0-rc\.4/);
      return true;
    });
    assert.ok(Date.now() - started < 5_000, "refused at once, not after a timeout");
  });
});
