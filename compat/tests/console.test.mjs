// The admin console (/console/) in a real browser: headless Chromium from the system (Debian's `chromium`) driven by
// playwright-core, against the suite's server. It signs in, reads the dashboard, creates, renames, takes offline and
// online, and deletes a domain; creates, renames and deletes a namespace; creates an API key that works against the
// REST API and is refused once revoked; signs out; and a session ended elsewhere (a 401) returns to the sign-in page.
// Every page is scanned by axe-core (no serious or critical violation), the browser's console must stay free of
// errors other than those a step expects, and the response headers (content types, caching, Content-Security-Policy)
// are checked. Screenshots of each page go to target/screenshots/.
//
// Skipped, with a message, when no Chromium is installed (outside CI); CI installs it (.ci/run), and there a missing
// browser fails the test.
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { adminLogin, call, fails, ok, serverRoot, serverUser, unique } from "../lib/rest.mjs";
import { projectRoot } from "../lib/server.mjs";

const CANDIDATES = [process.env.TANDEM_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
const chromiumPath = CANDIDATES.find((file) => file && fs.existsSync(file));
const inCi = process.env.CI === "true";
const skip =
  !chromiumPath && !inCi ? "no Chromium installed (apt-get install chromium, or set TANDEM_CHROMIUM)" : false;

const database = process.env.TANDEM_COMPAT_DATABASE ?? "h2";
const screenshots = path.join(projectRoot, "target", "screenshots");
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const consoleUrl = (route = "/") => `${serverRoot}/console${route}`;

describe("the admin console in Chromium", { skip }, () => {
  let browser;
  let page;
  let user;
  // Console errors of the page, and those the current step expects (a 401 it provokes, a refused inline script).
  const consoleErrors = [];
  let expected = [];

  before(async () => {
    assert.ok(chromiumPath, `no Chromium in ${CANDIDATES.filter(Boolean).join(", ")}: CI must install it`);
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: chromiumPath });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const text = `${message.text()} (${message.location().url})`;
      const i = expected.findIndex((pattern) => pattern.test(text));
      if (i >= 0) expected.splice(i, 1);
      else consoleErrors.push(text);
    });
    page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
    fs.mkdirSync(screenshots, { recursive: true });
    // A server administrator of its own, so that the dashboard shows the cluster and the keys are this test's only.
    user = await serverUser(await adminLogin(), "Server Admin");
  });

  after(async () => {
    await browser?.close();
  });

  /** Runs a step that must log exactly these console errors (regular expressions), in any order. */
  async function expectingConsoleErrors(patterns, step) {
    expected = [...patterns];
    try {
      await step();
      // console events may arrive a moment after the page has changed
      for (let i = 0; i < 50 && expected.length > 0; i++) await page.waitForTimeout(100);
      assert.deepEqual(
        expected.map(String),
        [],
        "the browser did not log the errors this step provokes (did the step do what it should?)",
      );
    } finally {
      expected = [];
    }
  }

  /** axe-core in the page as it is: no serious or critical violation. */
  async function accessible(name) {
    // Injected through the DevTools protocol, which the page's Content-Security-Policy does not govern.
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const result = await globalThis.axe.run(document, { resultTypes: ["violations"] });
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    });
    assert.deepEqual(violations, [], `accessibility violations on ${name}`);
  }

  async function screenshot(name) {
    await page.screenshot({ path: path.join(screenshots, `console-${database}-${name}.png`), fullPage: true });
  }

  // The steps are one visit, each building on the one before: after a failure the rest are skipped, not failed.
  let broken = null;
  function step(name, fn) {
    it(name, async (t) => {
      if (broken) {
        t.skip(`after the failed step "${broken}"`);
        return;
      }
      try {
        await fn();
      } catch (error) {
        broken = name;
        throw error;
      }
    });
  }

  const heading = (name) => page.getByRole("heading", { level: 1, name });
  const notice = (text) => page.getByRole("status").filter({ hasText: text });
  const domainRow = (label) => page.locator(`tr[data-domain="${label}"]`);

  step("serves the app with content types, caching and a strict Content-Security-Policy", async () => {
    const index = await fetch(consoleUrl("/"));
    assert.equal(index.status, 200);
    assert.match(index.headers.get("content-type"), /^text\/html/);
    assert.equal(index.headers.get("cache-control"), "no-cache");
    const policy = index.headers.get("content-security-policy");
    assert.ok(policy, "no Content-Security-Policy on index.html");
    const directives = Object.fromEntries(
      policy.split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    assert.deepEqual(directives["default-src"], ["'self'"]);
    assert.deepEqual(directives["script-src"], ["'self'"], "scripts: the server's own files only");
    assert.deepEqual(directives["style-src"], ["'self'"], "styles: the server's own files only");
    assert.deepEqual(directives["frame-ancestors"], ["'none'"]);
    const host = new URL(serverRoot).host;
    assert.deepEqual(directives["connect-src"], ["'self'", `ws://${host}`, `wss://${host}`]);
    assert.ok(!policy.includes("unsafe"), policy);
    assert.equal(index.headers.get("x-content-type-options"), "nosniff");

    const html = await index.text();
    assert.doesNotMatch(html, /<script>|<script(?![^>]*\bsrc=)[^>]*>|<style|style=/, "inline script or style");
    const assets = [...html.matchAll(/(?:src|href)="(\/console\/assets\/[^"]+)"/g)].map((m) => m[1]);
    assert.equal(assets.length, 2, `one script and one style sheet: ${assets}`);
    for (const asset of assets) {
      assert.match(asset, /-[A-Z0-9]{8}\.(js|css)$/, "a hashed asset name");
      const response = await fetch(serverRoot + asset);
      assert.equal(response.status, 200, asset);
      const type = asset.endsWith(".js") ? /^(text|application)\/javascript/ : /^text\/css/;
      assert.match(response.headers.get("content-type"), type, asset);
      assert.equal(response.headers.get("cache-control"), "public, max-age=31536000, immutable", asset);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff", asset);
    }
    // a missing asset is a 404 (not the app's page), and is not cached for a year
    const missing = await fetch(consoleUrl("/assets/missing-ABCDEFGH.js"));
    assert.equal(missing.status, 404);
    assert.notEqual(missing.headers.get("cache-control"), "public, max-age=31536000, immutable");
    // deep links get the app's page
    const deep = await fetch(consoleUrl("/domains"));
    assert.equal(deep.status, 200);
    assert.equal(await deep.text(), html);
    assert.equal(deep.headers.get("cache-control"), "no-cache");
    // the landing page links to the console and has a policy of its own
    const landing = await fetch(`${serverRoot}/`);
    assert.match(landing.headers.get("content-security-policy"), /default-src 'none'/);
    assert.match(await landing.text(), /id="console" href="[^"]*\/console\/"/);
  });

  step("opens from the landing page on the sign-in page, and refuses a wrong password", async () => {
    await page.goto(`${serverRoot}/`);
    await accessible("the landing page");
    await page.getByRole("link", { name: "Open the admin console" }).click();
    await heading("Sign in to Tandem").waitFor();
    assert.equal(new URL(page.url()).pathname, "/console/login");
    await accessible("the sign-in page");
    await screenshot("sign-in");

    await expectingConsoleErrors([/status of 401/], async () => {
      await page.getByLabel("Username").fill(user.username);
      await page.getByLabel("Password").fill("not-the-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").filter({ hasText: "Wrong username or password." }).waitFor();
    });
    await heading("Sign in to Tandem").waitFor();
    assert.equal(await page.getByLabel("Password").inputValue(), "", "the wrong password is cleared");
    await accessible("the sign-in page with an error");
    await screenshot("sign-in-refused");
  });

  step("signs in and shows the server dashboard", async () => {
    await page.getByLabel("Password").fill(user.password);
    await page.getByLabel("Password").press("Enter");
    await heading("Server").waitFor();
    assert.equal(new URL(page.url()).pathname, "/console/");
    await page.locator("#signed-in-user", { hasText: user.username }).waitFor();
    const status = ok(await call("GET", "/status"));
    assert.equal(await page.locator("#stat-version").textContent(), status.version);
    assert.equal(Number(await page.locator("#stat-members").textContent()), status.clusterMembers);
    assert.ok(Number(await page.locator("#stat-domains").textContent()) >= 1);
    await page.getByRole("cell", { name: "yes" }).waitFor(); // this server in the member list
    await accessible("the dashboard");
    await screenshot("dashboard");
  });

  step("creates a domain, renames it, takes it offline and online, and deletes it after a confirmation", async () => {
    const session = await sessionToken();
    const id = unique("console");
    const label = `convergence/${id}`;
    await page.getByRole("link", { name: "Namespaces and domains" }).click();
    await heading("Namespaces and domains").waitFor();
    assert.equal(new URL(page.url()).pathname, "/console/domains");
    await domainRow("convergence/default").waitFor();

    await page.getByLabel("Namespace", { exact: true }).selectOption("convergence");
    await page.getByLabel("Domain id").fill(id);
    await page.getByLabel("Domain name").fill("Made in the console");
    await page.getByRole("button", { name: "Create domain" }).click();
    await notice(`Domain ${label} created.`).waitFor();
    await domainRow(label).getByRole("rowheader", { name: "Made in the console" }).waitFor();
    const made = ok(await call("GET", `/domains/convergence/${id}`, { auth: { session } }));
    assert.equal(made.displayName, "Made in the console");
    await accessible("the domains page");
    await screenshot("domains");

    // rename, in a dialog opened and submitted from the keyboard
    await domainRow(label)
      .getByRole("button", { name: `Rename ${label}` })
      .focus();
    await page.keyboard.press("Enter");
    const rename = page.getByRole("dialog", { name: `Rename ${label}` });
    await rename.waitFor();
    await accessible("the rename dialog");
    await screenshot("domain-rename");
    await rename.getByLabel("Display name").fill("Renamed in the console");
    await page.keyboard.press("Enter");
    await notice(`renamed to Renamed in the console.`).waitFor();
    await rename.waitFor({ state: "detached" });
    await domainRow(label).getByRole("rowheader", { name: "Renamed in the console" }).waitFor();
    assert.equal(
      ok(await call("GET", `/domains/convergence/${id}`, { auth: { session } })).displayName,
      "Renamed in the console",
    );

    for (const availability of ["offline", "online"]) {
      await domainRow(label).getByLabel(`Availability of ${label}`, { exact: true }).selectOption(availability);
      await domainRow(label)
        .getByRole("button", { name: `Set availability of ${label}` })
        .click();
      await notice(`Domain ${label} is now ${availability}.`).waitFor();
      await domainRow(label).locator(`.badge.${availability}`).waitFor();
      const now = ok(await call("GET", `/domains/convergence/${id}/availability`, { auth: { session } }));
      assert.equal(now.availability, availability);
    }

    // Delete asks first; Escape (and Cancel) keep the domain.
    await domainRow(label)
      .getByRole("button", { name: `Delete ${label}` })
      .click();
    const confirm = page.getByRole("dialog", { name: `Delete ${label}?` });
    await confirm.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Cancel", "Cancel has the focus");
    await page.keyboard.press("Escape");
    await confirm.waitFor({ state: "detached" });
    ok(await call("GET", `/domains/convergence/${id}`, { auth: { session } }));
    await domainRow(label)
      .getByRole("button", { name: `Delete ${label}` })
      .click();
    await confirm.waitFor();
    await accessible("the delete confirmation");
    await screenshot("domain-delete");
    await confirm.getByRole("button", { name: "Delete domain" }).click();
    await notice(`Domain ${label} deleted.`).waitFor();
    await domainRow(label).waitFor({ state: "detached" });
    fails(await call("GET", `/domains/convergence/${id}`, { auth: { session } }), 404);
  });

  step("creates a namespace, renames it, and deletes it once it has no domains", async () => {
    const session = await sessionToken();
    const id = unique("console-ns");
    await page.getByLabel("Namespace id").fill(id);
    await page.getByLabel("Namespace name").fill("Console namespace");
    await page.getByRole("button", { name: "Create namespace" }).click();
    await notice(`Namespace ${id} created.`).waitFor();
    const section = page.getByRole("region", { name: `Console namespace (${id})` });
    await section.waitFor();
    assert.equal(ok(await call("GET", `/namespaces/${id}`, { auth: { session } })).displayName, "Console namespace");

    // with a domain (made through the form, in the new namespace) it cannot be deleted: no button
    const domain = unique("in-ns");
    await page.getByLabel("Namespace", { exact: true }).selectOption(id);
    await page.getByLabel("Domain id").fill(domain);
    await page.getByRole("button", { name: "Create domain" }).click();
    await notice(`Domain ${id}/${domain} created.`).waitFor();
    await domainRow(`${id}/${domain}`).waitFor();
    assert.equal(await section.getByRole("button", { name: `Delete namespace ${id}` }).count(), 0);
    ok(await call("DELETE", `/domains/${id}/${domain}`, { auth: { session } }));
    await page.reload();

    await page.getByRole("button", { name: `Rename namespace ${id}` }).click();
    const rename = page.getByRole("dialog", { name: `Rename namespace ${id}` });
    await rename.getByLabel("Display name").fill("Renamed namespace");
    await rename.getByRole("button", { name: "Rename" }).click();
    await notice(`Namespace ${id} renamed to Renamed namespace.`).waitFor();
    assert.equal(ok(await call("GET", `/namespaces/${id}`, { auth: { session } })).displayName, "Renamed namespace");

    await page.getByRole("button", { name: `Delete namespace ${id}` }).click();
    const confirm = page.getByRole("dialog", { name: `Delete namespace ${id}?` });
    await accessible("the namespace delete confirmation");
    await confirm.getByRole("button", { name: "Delete namespace" }).click();
    await notice(`Namespace ${id} deleted.`).waitFor();
    await page.getByRole("region", { name: `Renamed namespace (${id})` }).waitFor({ state: "detached" });
    fails(await call("GET", `/namespaces/${id}`, { auth: { session } }), 404);
  });

  step("creates an API key shown once, which works until it is revoked", async () => {
    const name = unique("console-key");
    await page.getByRole("link", { name: "API keys" }).click();
    await heading("API keys").waitFor();
    await page.getByLabel("Key name").fill(name);
    await page.getByRole("button", { name: "Create key" }).click();
    const shown = page.getByLabel("API key", { exact: true });
    await shown.waitFor();
    const key = await shown.inputValue();
    assert.ok(key.length >= 16, `a key: ${key}`);
    await accessible("the new API key");
    await screenshot("api-key-created");

    const profile = ok(await call("GET", "/user/profile", { auth: { apiKey: key } }));
    assert.equal(profile.username, user.username, "the key acts as its owner");

    await page.getByRole("button", { name: "Done, I have copied it" }).click();
    await page.locator(`tr[data-key="${name}"]`).waitFor();
    assert.ok(!(await page.content()).includes(key), "the key is still on the page after Done");
    await page.reload();
    await page.locator(`tr[data-key="${name}"]`).waitFor();
    assert.ok(!(await page.content()).includes(key), "the key is shown again");
    await accessible("the API keys page");
    await screenshot("api-keys");

    await page.getByRole("button", { name: `Revoke ${name}` }).click();
    const confirm = page.getByRole("dialog", { name: `Revoke ${name}?` });
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    await notice(`Key ${name} revoked.`).waitFor();
    await page.locator(`tr[data-key="${name}"]`).waitFor({ state: "detached" });
    fails(await call("GET", "/user/profile", { auth: { apiKey: key } }), 401);
  });

  step("runs no inline script, whatever is injected into the page", async () => {
    await expectingConsoleErrors([/Content Security Policy/], async () => {
      const ran = await page.evaluate(async () => {
        const script = document.createElement("script");
        script.textContent = "window.inlineRan = true";
        document.body.append(script);
        await new Promise((resolve) => setTimeout(resolve, 100));
        return window.inlineRan === true;
      });
      assert.equal(ran, false, "an inline script ran");
    });
  });

  step("reaches everything by keyboard with a visible focus", async () => {
    await page.goto(consoleUrl("/domains"));
    await heading("Namespaces and domains").waitFor();
    await page.getByRole("button", { name: "Create domain" }).waitFor();
    const focusable = await page.locator("a[href], button:not([disabled]), input, select").count();
    const seen = [];
    for (let i = 0; i < focusable; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const element = document.activeElement;
        const style = getComputedStyle(element);
        return {
          what: `${element.tagName.toLowerCase()} ${element.getAttribute("aria-label") ?? element.textContent.trim()}`,
          outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        };
      });
      assert.ok(focused.outline, `no visible focus on ${focused.what}`);
      seen.push(focused.what);
    }
    assert.match(seen[0], /Skip to content/, "the first Tab reaches the skip link");
    assert.ok(
      seen.some((s) => s.startsWith("button Delete convergence/")),
      `the domains' buttons are reached: ${seen.join(" | ")}`,
    );
  });

  step(
    "returns to the sign-in page when the session ends elsewhere (a 401), then back to the page asked for",
    async () => {
      ok(await call("POST", "/auth/logout", { body: { token: await sessionToken() } }));
      await expectingConsoleErrors([/status of 401/], async () => {
        await page.getByRole("link", { name: "API keys" }).click();
        await heading("Sign in to Tandem").waitFor();
      });
      await notice("Your session has ended. Sign in again.").waitFor();
      await page.getByLabel("Username").fill(user.username);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await heading("API keys").waitFor();
      assert.equal(new URL(page.url()).pathname, "/console/api-keys");
    },
  );

  step("signs out: the token ends on the server and the sign-in page shows", async () => {
    const token = await sessionToken();
    await page.getByRole("button", { name: "Sign out" }).click();
    await heading("Sign in to Tandem").waitFor();
    await notice("You have signed out.").waitFor();
    assert.equal(await sessionToken(), null, "the token is still in the tab");
    assert.equal(ok(await call("POST", "/auth/validate", { body: { token } })).valid, false);
    // a deep link while signed out shows the sign-in page
    await page.goto(consoleUrl("/api-keys"));
    await heading("Sign in to Tandem").waitFor();
  });

  it("logged no errors in the browser's console", () => {
    assert.deepEqual(consoleErrors, []);
  });

  function sessionToken() {
    return page.evaluate(() => sessionStorage.getItem("tandem.console.token"));
  }
});
