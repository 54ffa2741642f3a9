// Issue 6: the OpenAPI document lists every admin resource; health and metrics endpoints answer.
import assert from "node:assert/strict";
import { it } from "node:test";
import { Convergence, options } from "../lib/client.mjs";
import { realtimeUrl } from "../lib/env.mjs";
import { serverRoot } from "../lib/rest.mjs";
import { endpoints } from "../lib/rest-endpoints.mjs";

it("/openapi describes every admin endpoint", async () => {
  const response = await fetch(`${serverRoot}/openapi`, { headers: { Accept: "application/json" } });
  assert.equal(response.status, 200);
  const document = JSON.parse(await response.text());
  const missing = endpoints.filter(({ method, path }) => !document.paths?.[`/api/rest${path}`]?.[method.toLowerCase()])
    .map(({ method, path }) => `${method} ${path}`);
  assert.deepEqual(missing, []);
  assert.ok(document.paths["/api/rest/auth/login"].post);
  assert.ok(document.components?.securitySchemes?.UserApiKey, "the security schemes are described");
});

it("/health/ready reports the database; /health/live is up", async () => {
  const ready = await fetch(`${serverRoot}/health/ready`);
  assert.equal(ready.status, 200);
  const body = await ready.json();
  assert.equal(body.status, "UP");
  const database = body.checks.find((c) => c.name === "database");
  assert.equal(database?.status, "UP", JSON.stringify(body));
  assert.match(database.data.product, /H2|PostgreSQL/);
  const live = await fetch(`${serverRoot}/health/live`);
  assert.equal(live.status, 200);
  assert.equal((await live.json()).status, "UP");
});

it("/metrics exposes sessions, open models, operations, acknowledgement latency, errors and the log's commits (Prometheus)", async () => {
  const domain = await Convergence.connectAnonymously(realtimeUrl(), "Metrics", options());
  try {
    const model = await domain.models().openAutoCreate({ collection: "metrics", id: `metrics-${Date.now()}`, data: { n: 0 } });
    for (let i = 1; i <= 5; i++) model.root().set("n", i);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const response = await fetch(`${serverRoot}/metrics`, { headers: { Accept: "text/plain" } });
    assert.equal(response.status, 200);
    const text = await response.text();
    const value = (name) => {
      const line = text.split("\n").find((l) => l.startsWith(name + "{") || l.startsWith(name + " "));
      assert.ok(line, `${name} missing`);
      return Number(line.split(" ").pop());
    };
    assert.ok(value("tandem_connected_sessions") >= 1);
    assert.ok(value("tandem_open_models") >= 1);
    assert.ok(value("tandem_operations_total") >= 5);
    assert.ok(value("tandem_ack_latency_seconds_count") >= 5);
    assert.ok(value("tandem_ack_latency_seconds_sum") > 0);
    assert.ok(value("tandem_operations_rate_per_second") >= 0);
    assert.ok(value("tandem_errors_total") >= 0);
    // The operation log: every operation is in some transaction, never more transactions than batches.
    const logged = value("tandem_log_operations");
    assert.ok(logged >= 5, `${logged} operations logged`);
    assert.ok(value("tandem_log_batches") <= logged);
    assert.ok(value("tandem_log_transactions") >= 1 && value("tandem_log_transactions") <= value("tandem_log_batches"));
    // Every committed operation is filed into its model's log or counted as waiting for that.
    assert.ok(value("tandem_log_filed") + value("tandem_log_unfiled") >= logged,
      `${value("tandem_log_filed")} filed, ${value("tandem_log_unfiled")} unfiled, ${logged} logged`);
    await model.close();
  } finally {
    await domain.dispose();
  }
});
