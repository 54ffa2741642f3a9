// Issue 19, defect 3: the real client has no throttle. One that edits as fast as it can, past the server's message
// rate (run.mjs: 200/s, bursts of 1,000), is slowed down by the server (it stops reading the socket, so TCP holds
// the client back) instead of being disconnected with its unacknowledged operations.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { it } from "node:test";
import { Convergence, options } from "../lib/client.mjs";
import { realtimeUrl } from "../lib/env.mjs";
import { settled, sleep } from "../lib/models.mjs";

it(
  "a client editing faster than the message rate is slowed down, never disconnected, and loses nothing",
  { timeout: 120_000 },
  async () => {
    const url = realtimeUrl();
    const editor = await Convergence.connectAnonymously(
      url,
      "Fast editor",
      options({ reconnect: { autoReconnect: false } }),
    );
    const watcher = await Convergence.connectAnonymously(url, "Watcher", options());
    const id = `fast-${crypto.randomUUID()}`;
    try {
      let disconnected = false;
      editor.on("disconnected", () => {
        disconnected = true;
      });
      const model = await editor.models().openAutoCreate({ collection: "backpressure", id, data: { text: "", n: 0 } });
      const seen = await watcher.models().open(id);
      const text = model.elementAt("text");
      const n = model.elementAt("n");
      // 2,500 operations and as many cursor moves in one go: 5,000 messages, 4,000 past the burst, about 20 s at
      // 200/s. The client's own queue holds what the socket does not take yet.
      const started = Date.now();
      const total = 2500;
      const cursor = text.indexReference("cursor");
      cursor.share();
      for (let i = 0; i < total; i++) {
        if (i % 2) {
          text.insert(text.value().length, String(i % 10));
          cursor.set(text.value().length);
        } else {
          n.add(1);
          cursor.set(0);
        }
      }
      while (model.version() - 1 < total && !disconnected && Date.now() - started < 100_000) await sleep(100);
      const tookMs = Date.now() - started;
      console.log(`# ${total} operations acknowledged in ${tookMs} ms`);
      assert.equal(disconnected, false, "the fast client was not disconnected");
      assert.equal(model.version() - 1, total, "every operation acknowledged");
      assert.ok(tookMs >= 5_000, `the server held the client to its rate (took ${tookMs} ms)`);
      const final = await settled([model, seen]);
      assert.equal(final.data.n, total / 2);
      assert.equal(final.data.text.length, total / 2);
    } finally {
      await editor.dispose();
      await watcher.dispose();
    }
  },
);
