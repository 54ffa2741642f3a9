// Issue 4: durable before acknowledged. The server process is killed (SIGKILL) while a client is editing; after a
// restart on the same database every acknowledged operation is there.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import path from "node:path";
import { it } from "node:test";
import { Convergence, options } from "../lib/client.mjs";
import { sleep } from "../lib/models.mjs";
import { discardServerFiles, freshPostgresDatabase, startServer, tempDir } from "../lib/server.mjs";

it("keeps every acknowledged operation across kill -9", { timeout: 300_000 }, async () => {
  const work = tempDir("tandem-durability-");
  const db =
    process.env.TANDEM_COMPAT_DATABASE === "postgres" ? freshPostgresDatabase(`tandem_durability_${Date.now()}`) : null;
  const settings = { dataDir: path.join(work, "data"), db, logFile: path.join(work, "server.log") };
  let server = await startServer(settings);
  const id = `durable-${crypto.randomUUID()}`;
  let acknowledged = 0;
  try {
    const domain = await Convergence.connectAnonymously(
      `http://127.0.0.1:${server.port}/api/realtime/convergence/default`,
      "Writer",
      options({ reconnect: { autoReconnect: false } }),
    );
    const model = await domain.models().openAutoCreate({ collection: "durability", id, data: { log: [] } });
    const log = model.elementAt("log");
    // The client's version moves only when the server acknowledges: it counts what the server promised to keep.
    model.on("version_changed", () => {
      acknowledged = model.version() - 1;
    });
    for (let i = 0; i < 100; i++) log.push(i);
    while (acknowledged < 100) await sleep(20);
    // Keep editing and kill the server while operations are in flight.
    let i = 100;
    const writer = setInterval(() => {
      for (let k = 0; k < 5; k++) log.push(i++);
    }, 2);
    await sleep(300);
    const exited = new Promise((resolve) => server.process.once("exit", resolve));
    server.process.kill("SIGKILL");
    clearInterval(writer);
    await exited;
    console.log(`# killed the server with ${acknowledged} operations acknowledged`);
    assert.ok(acknowledged >= 100);
  } finally {
    await server.stop();
  }

  server = await startServer(settings);
  try {
    const reader = await Convergence.connectAnonymously(
      `http://127.0.0.1:${server.port}/api/realtime/convergence/default`,
      "Reader",
      options(),
    );
    console.log("# restarted; opening the model again");
    const model = await reader.models().open(id);
    const log = model.elementAt("log").value();
    assert.ok(
      model.version() - 1 >= acknowledged,
      `the server lost acknowledged operations: ${acknowledged} acknowledged, ${model.version() - 1} after restart`,
    );
    assert.deepEqual(
      log,
      Array.from({ length: log.length }, (_, k) => k),
      "operations are kept in commit order",
    );
    assert.equal(log.length, model.version() - 1);
    await reader.dispose();
  } finally {
    await server.stop();
    discardServerFiles(work, ["server.log"]);
  }
});
