// Issue 6: the OpenAPI document lists every admin resource; health and metrics endpoints answer. Issue 19: the log
// says what was refused and who was disconnected.
import assert from "node:assert/strict";
import net from "node:net";
import { it } from "node:test";
import { Convergence, options } from "../lib/client.mjs";
import { realtimeUrl, serverKind, serverLogSince, serverLogSize } from "../lib/env.mjs";
import { openRaw, toWs } from "../lib/raw.mjs";
import { adminLogin, call, fails, healthRoot, serverRoot, serverUser } from "../lib/rest.mjs";
import { endpoints } from "../lib/rest-endpoints.mjs";

it("/openapi describes every admin endpoint", async () => {
  const response = await fetch(`${serverRoot}/openapi`, { headers: { Accept: "application/json" } });
  assert.equal(response.status, 200);
  const document = JSON.parse(await response.text());
  const missing = endpoints
    .filter(({ method, path }) => !document.paths?.[`/api/rest${path}`]?.[method.toLowerCase()])
    .map(({ method, path }) => `${method} ${path}`);
  assert.deepEqual(missing, []);
  assert.ok(document.paths["/api/rest/auth/login"].post);
  assert.ok(document.components?.securitySchemes?.UserApiKey, "the security schemes are described");
});

it("/health/ready reports the database; /health/live is up", async () => {
  const ready = await fetch(`${healthRoot}/health/ready`);
  assert.equal(ready.status, 200);
  const body = await ready.json();
  assert.equal(body.status, "UP");
  const database = body.checks.find((c) => c.name === "database");
  assert.equal(database?.status, "UP", JSON.stringify(body));
  assert.match(database.data.product, /H2|PostgreSQL/);
  const live = await fetch(`${healthRoot}/health/live`);
  assert.equal(live.status, 200);
  assert.equal((await live.json()).status, "UP");
});

it("/api/metrics exposes sessions, open models, operations, acknowledgement latency, errors and the log's commits (Prometheus)", async () => {
  const domain = await Convergence.connectAnonymously(realtimeUrl(), "Metrics", options());
  try {
    const model = await domain
      .models()
      .openAutoCreate({ collection: "metrics", id: `metrics-${Date.now()}`, data: { n: 0 } });
    for (let i = 1; i <= 5; i++) model.root().set("n", i);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Served by Tandem itself on every target (Payara Micro, Payara Server, WildFly), not by the server's metrics API.
    const response = await fetch(`${serverRoot}/api/metrics`, { headers: { Accept: "text/plain" } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type"), /^text\/plain; version=0\.0\.4/);
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
    assert.ok(
      value("tandem_log_filed") + value("tandem_log_unfiled") >= logged,
      `${value("tandem_log_filed")} filed, ${value("tandem_log_unfiled")} unfiled, ${logged} logged`,
    );
    await model.close();
  } finally {
    await domain.dispose();
  }
});

it("logs each refused request and forced disconnect for the operator, without secrets", async () => {
  const offset = serverLogSize();
  const admin = await adminLogin();
  const developer = await serverUser(admin, "Developer");
  // 403: a Developer may not create server users; 401: a wrong API key.
  fails(
    await call("POST", "/users", {
      auth: { session: developer.token },
      body: { username: "x-refused", password: "secret-password-2", serverRole: "Developer", displayName: "x" },
    }),
    403,
  );
  fails(await call("GET", "/users", { headers: { Authorization: "UserApiKey not-a-real-key" } }), 401);
  // A forced disconnect: a socket that never sends its ConnectionRequestMessage (the handshake timeout is 10 s).
  const raw = await openRaw(toWs(realtimeUrl()));
  await raw.until((msgs, closed) => closed, 30_000);
  const log = serverLogSince(offset);
  assert.match(
    log,
    new RegExp(`REST POST /users refused: 403 forbidden \\(caller ${developer.username}, from 127\\.0\\.0\\.1\\)`),
  );
  assert.match(log, /REST GET \/users refused: 401 unauthorized \(caller none, from 127\.0\.0\.1\)/);
  assert.match(
    log,
    /Closing ClientConnection\[\S+ convergence\/default .*\]: 4001 no ConnectionRequestMessage in time/,
  );
  assert.doesNotMatch(log, /not-a-real-key|secret-password-/, "no credential in the log");
});

it("a URI with a broken percent escape costs one INFO line, not a container stack trace, and the server serves on", async () => {
  const offset = serverLogSize();
  const { port: p, hostname } = new URL(serverRoot);
  // Raw sockets: fetch and http.request would refuse to send these request targets.
  const targets = ["/%zz", "/api/rest/%u0041", "/api/rest/users/%", "/api/realtime/convergence/%G0"];
  for (const target of targets) {
    const statusLine = await new Promise((resolve, reject) => {
      const socket = net.connect(Number(p), hostname, () =>
        socket.end(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
      );
      let data = "";
      socket.on("data", (chunk) => {
        data += chunk;
      });
      socket.on("close", () => resolve(data.split("\r\n")[0]));
      socket.on("error", reject);
    });
    // Payara answers these itself, before any application code runs (200 with an empty body on Payara 6); what
    // matters is that it answers and is not a server error.
    assert.match(statusLine, /^HTTP\/1\.1 [1-4]\d\d/, `${target}: ${statusLine}`);
  }
  assert.equal((await fetch(`${healthRoot}/health/live`)).status, 200);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const log = serverLogSince(offset);
  assert.doesNotMatch(log, /SEVERE|WARNING|^\s+at /m, "a container fault was logged");
  const dropped = log.match(/HTTP request dropped: the container could not decode its URI/g)?.length ?? 0;
  // On Payara, Grizzly logs each such URI with a stack trace, which Tandem turns into one INFO line; WildFly's Undertow
  // answers 400 and logs nothing, so there is nothing to turn into a line.
  assert.equal(dropped, serverKind === "wildfly" ? 0 : targets.length);
});
