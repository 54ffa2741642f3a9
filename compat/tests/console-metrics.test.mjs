// The server dashboard's live metric charts in Chromium (see lib/browser.mjs): a Node rc.12 client connects and
// edits a model, and the charts, which read /api/metrics every 2 s, show its session, its operations per second and
// their acknowledgement latency; once it disconnects the session count falls back. The figures on the page are
// checked against /api/metrics itself, read at the same time. The "Realtime sessions" card beside the charts (from
// /api/rest/status) is read by the same poll: it counts the client in and out too, without a reload.
import assert from "node:assert/strict";
import { after, before, describe } from "node:test";
import { browserPage, consoleUrl, skipWithoutBrowser } from "../lib/browser.mjs";
import { Convergence, options } from "../lib/client.mjs";
import { realtimeUrl } from "../lib/env.mjs";
import { until } from "../lib/models.mjs";
import { adminLogin, call, ok, serverRoot, serverUser } from "../lib/rest.mjs";

/** One sample of the server's own Prometheus text. */
async function metric(name) {
  const text = await (await fetch(`${serverRoot}/api/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return Number(line.split(" ")[1]);
}

describe("the console's live metric charts", { skip: skipWithoutBrowser }, () => {
  const browser = browserPage();
  const { step, accessible, screenshot, heading } = browser;
  let page;
  let user;
  let client;

  before(async () => {
    page = browser.page();
    user = await serverUser(await adminLogin(), "Server Admin");
  });

  after(async () => {
    client?.dispose();
  });

  const chart = (id) => page.locator(`#${id}`);
  const latest = async (id) => Number((await chart(id).getAttribute("data-latest")) || NaN);
  const peak = async (id) => Number((await chart(id).getAttribute("data-peak")) || NaN);

  let sessionsBefore;
  let cardBefore;
  const card = async () => Number(await page.locator("#stat-sessions").textContent());

  step("draws the node's sessions, operations and latency on the dashboard", async () => {
    await page.goto(consoleUrl("/login"));
    await browser.signIn(user);
    await heading("Server").waitFor();
    await page.getByRole("heading", { name: "Live metrics" }).waitFor();
    // two readings make the first rates
    await until(async () => (await chart("chart-sessions").getAttribute("data-latest")) !== "", "a first reading");
    sessionsBefore = await latest("chart-sessions");
    // the page's figures are the server's (a session of an earlier file may still be closing: not equal, near)
    assert.ok(Math.abs(sessionsBefore - (await metric("tandem_connected_sessions"))) <= 1);
    assert.ok(Number.isInteger(sessionsBefore) && sessionsBefore >= 0, String(sessionsBefore));
    // the card shows the server's count (a session of an earlier file may still be closing: wait until they agree)
    await until(
      async () => (await card()) === ok(await call("GET", "/status")).realtimeConnections,
      "the Realtime sessions card at the server's count",
    );
    cardBefore = await card();
    await accessible("the dashboard with its charts");
  });

  step("shows a session an rc.12 client opens and the operations it submits", async () => {
    client = await Convergence.connectAnonymously(realtimeUrl(), "Charted", options());
    const model = await client
      .models()
      .openAutoCreate({ collection: "console-metrics", id: `charted-${Date.now()}`, data: { n: 0 } });
    await until(async () => (await latest("chart-sessions")) >= sessionsBefore + 1, "the new session in the chart");
    await until(async () => (await card()) >= cardBefore + 1, "the new session on the Realtime sessions card");
    const total = await metric("tandem_operations_total");
    // a steady stream for a few readings: each acknowledged before the next is sent
    for (let i = 1; i <= 60; i++) {
      model.root().set("n", i);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await until(async () => (await metric("tandem_operations_total")) >= total + 60, "the operations acknowledged");
    await until(async () => (await peak("chart-operations")) > 1, "operations per second above 1 in the chart", 20_000);
    await until(async () => (await peak("chart-latency")) > 0, "a mean acknowledgement latency in the chart");
    assert.match(await chart("chart-latency").locator("figcaption").textContent(), /ms/);
    await until(
      async () =>
        Number((await page.locator("#metric-operations-total").textContent()).replace(/,/g, "")) >= total + 60,
      "the total on the page",
    );
    const points = await chart("chart-operations").locator("polyline").getAttribute("points");
    assert.ok(points.split(" ").length >= 2, `a line of several points: ${points}`);
    assert.match(
      await chart("chart-sessions").locator("svg").getAttribute("aria-label"),
      /^Connected sessions: \d+ now, at most \d+ in the last \d+ readings$/,
    );
    await accessible("the charts with traffic");
    await screenshot("dashboard-metrics");
  });

  step("shows the session gone once the client disconnects", async () => {
    client.dispose();
    client = null;
    await until(async () => (await latest("chart-sessions")) <= sessionsBefore, "the session gone from the chart");
    await until(async () => (await card()) <= cardBefore, "the session gone from the Realtime sessions card");
  });

  browser.noConsoleErrors();
});
