// Issue 21, a quiet and useful first start: what a newcomer sees when they start the launcher on an empty data
// directory fits on one screen, holds no container noise, and ends with the URLs and the administrator's generated
// password, which signs in; `/` is a landing page; tandem.admin.password set at a later start resets the password.
// Each start here is a server of its own, on the database the suite runs on.
import assert from "node:assert/strict";
import fs from "node:fs";
import { it } from "node:test";
import { serverSettings } from "../lib/crash.mjs";
import { discardServerFiles, startServer } from "../lib/server.mjs";

const database = process.env.TANDEM_COMPAT_DATABASE || "h2";

/** What the server printed from `offset` of its log to its ready message's last line. */
function startOutput(logFile, offset) {
  const text = fs.readFileSync(logFile, "utf8").slice(offset);
  const lines = text.split("\n");
  const signIn = lines.findIndex((line) => line.startsWith("  sign in "));
  assert.ok(signIn >= 0, `no ready message in:\n${text}`);
  return lines.slice(0, signIn + 1);
}

async function login(base, username, password) {
  const response = await fetch(`${base}/api/rest/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  return response.status;
}

async function waitForReadyMessage(logFile, offset) {
  for (let i = 0; i < 50; i += 1) {
    if (fs.readFileSync(logFile, "utf8").slice(offset).includes("  sign in ")) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it(
  "starts quietly, prints what a newcomer needs, serves a landing page, and resets the admin password from configuration",
  {
    timeout: 600_000,
  },
  async () => {
    const settings = await serverSettings("first-start", database);
    // No password configured: the first start generates one (the suite's own servers configure it).
    const noPassword = { ...settings, env: { TANDEM_ADMIN_PASSWORD: "" } };
    let server = await startServer(noPassword);
    try {
      await waitForReadyMessage(settings.logFile, 0);
      const first = startOutput(settings.logFile, 0);
      console.log(`# first start: ${first.length} lines`);
      assert.ok(first.length <= 40, `the first start printed ${first.length} lines:\n${first.join("\n")}`);
      const text = first.join("\n");
      for (const noise of [/WARNING/, /SEVERE/, /has expired/, /MicroProfile Config/, /JDBC driver/, /Boot Command/]) {
        assert.doesNotMatch(text, noise, `the first start shows ${noise}`);
      }
      const base = `http://127.0.0.1:${server.port}`;
      assert.match(text, new RegExp(`landing page +${base}/`));
      assert.match(text, new RegExp(`console +${base}/console/ +\\(sign in as admin\\)`));
      assert.match(text, new RegExp(`OpenAPI +${base}/openapi`));
      assert.match(text, new RegExp(`health +${base}/health`));
      const generated = /admin +admin \/ (\S+) /.exec(text);
      assert.ok(generated, `no generated password under the ready line:\n${text}`);
      const password = generated[1];
      assert.ok(text.includes(`"password":"${password}"`), "the sign-in example uses the password");
      // shown once, and only under the ready line: not in the log above it
      assert.equal(text.split(password).length - 1, 2);
      assert.equal(await login(base, "admin", password), 200);
      assert.equal(await login(base, "admin", "not-the-password"), 401);

      const page = await fetch(`${base}/`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get("content-type"), /^text\/html/);
      const html = await page.text();
      const status = await (await fetch(`${base}/api/rest/status`)).json();
      const version = status.body?.version ?? status.version;
      assert.ok(version, `no version in /api/rest/status: ${JSON.stringify(status)}`);
      assert.ok(html.includes(version), "the page shows the version");
      assert.ok(html.includes(`${base}/api/realtime/convergence/default`), "the page shows the realtime URL");
      for (const link of ["openapi", "health", "console"]) {
        const href = new RegExp(`id="${link}" href="([^"]+)"`).exec(html)?.[1];
        assert.ok(href, `no ${link} link`);
        assert.equal((await fetch(href)).status, 200, `${link} link`);
      }
      const escaped = await fetch(`${base}/`, { headers: { host: "<script>x</script>" } });
      assert.ok(
        ![...(await escaped.text()).matchAll(/<script>/g)].length,
        "the Host header reaches the page unescaped",
      );
      await server.stop();

      // A later start without a generated password says how to reset it, and the password still works.
      let offset = fs.statSync(settings.logFile).size;
      server = await startServer({ ...noPassword, port: server.port });
      await waitForReadyMessage(settings.logFile, offset);
      let again = startOutput(settings.logFile, offset).join("\n");
      assert.ok(!again.includes(password), "a later start shows the password again");
      assert.match(again, /tandem\.admin\.password resets it/);
      assert.equal(await login(base, "admin", password), 200);
      await server.stop();

      // tandem.admin.password at a later start becomes the password, once, with a warning in the log.
      offset = fs.statSync(settings.logFile).size;
      server = await startServer({
        ...settings,
        port: server.port,
        env: { TANDEM_ADMIN_PASSWORD: "Reset-By-Operator-1" },
      });
      await waitForReadyMessage(settings.logFile, offset);
      again = fs.readFileSync(settings.logFile, "utf8").slice(offset);
      assert.match(again, /The password of server administrator "admin" was reset from tandem\.admin\.password/);
      assert.ok(!again.includes("Reset-By-Operator-1"), "the log shows the configured password");
      assert.equal(await login(base, "admin", password), 401);
      assert.equal(await login(base, "admin", "Reset-By-Operator-1"), 200);
      await server.stop();

      offset = fs.statSync(settings.logFile).size;
      server = await startServer({
        ...settings,
        port: server.port,
        env: { TANDEM_ADMIN_PASSWORD: "Reset-By-Operator-1" },
      });
      await waitForReadyMessage(settings.logFile, offset);
      assert.doesNotMatch(
        fs.readFileSync(settings.logFile, "utf8").slice(offset),
        /was reset/,
        "an unchanged password is not reset again",
      );
      assert.equal(await login(base, "admin", "Reset-By-Operator-1"), 200);
    } finally {
      await server.stop();
      discardServerFiles(settings.work, ["server.log"]);
    }
  },
);
