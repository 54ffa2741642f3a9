// The browser tests (tests/console*.test.mjs, tests/demo.test.mjs): headless Chromium from the system (Debian's
// `chromium`) driven by playwright-core, with what every such file checks: no serious accessibility violation
// (axe-core), no unexpected error in the browser's console, and screenshots under target/screenshots/.
//
// A file is skipped, with a message, when no Chromium is installed (outside CI); CI installs it (.ci/run), and there a
// missing browser fails the test.
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before, it } from "node:test";
import { serverRoot } from "./rest.mjs";
import { projectRoot } from "./server.mjs";

const CANDIDATES = [process.env.TANDEM_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
const chromiumPath = CANDIDATES.find((file) => file && fs.existsSync(file));
const inCi = process.env.CI === "true";

/** The reason to skip a browser test file, or false. */
export const skipWithoutBrowser =
  !chromiumPath && !inCi ? "no Chromium installed (apt-get install chromium, or set TANDEM_CHROMIUM)" : false;

const database = process.env.TANDEM_COMPAT_DATABASE ?? "h2";
const screenshots = path.join(projectRoot, "target", "screenshots");
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** A console URL: `route` is the path after /console. */
export const consoleUrl = (route = "/") => `${serverRoot}/console${route}`;

/**
 * One browser page for a test file (inside its describe): launched before the file's tests, closed after. Returns
 * {page(), openPage(), step, accessible, screenshot, expectingConsoleErrors, consoleErrors, heading, notice}; page()
 * is the page once `before` has run; openPage() opens another one in a context of its own (its own cookies and
 * storage: another person), whose console errors count as the first page's do. `app` names the screenshots.
 */
export function browserPage({ app = "console" } = {}) {
  let browser;
  let page;
  // Console errors of the pages, and those the current step expects (a 401 it provokes, a refused inline script).
  const consoleErrors = [];
  let expected = [];
  // errors the current step may log any number of times (a browser's failed reconnect attempts while a network is down)
  let tolerated = [];

  async function openPage() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const opened = await context.newPage();
    opened.setDefaultTimeout(15_000);
    opened.on("console", (message) => {
      if (message.type() !== "error") return;
      const text = `${message.text()} (${message.location().url})`;
      const i = expected.findIndex((pattern) => pattern.test(text));
      if (i >= 0) expected.splice(i, 1);
      else if (!tolerated.some((pattern) => pattern.test(text))) consoleErrors.push(text);
    });
    opened.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
    return opened;
  }

  before(async () => {
    assert.ok(chromiumPath, `no Chromium in ${CANDIDATES.filter(Boolean).join(", ")}: CI must install it`);
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: chromiumPath });
    page = await openPage();
    fs.mkdirSync(screenshots, { recursive: true });
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

  /** Runs a step that may log errors matching these patterns, as often as it happens to. */
  async function toleratingConsoleErrors(patterns, step) {
    tolerated = [...patterns];
    try {
      await step();
    } finally {
      tolerated = [];
    }
  }

  /** axe-core in the page as it is (the first page, or `on`): no serious or critical violation. */
  async function accessible(name, on = page) {
    // Injected through the DevTools protocol, which the page's Content-Security-Policy does not govern.
    await on.evaluate(axeSource);
    const violations = await on.evaluate(async () => {
      // No preload: it reads the style sheets of shadow roots (the demo's editor has one) by writing them into a
      // <style> element, which the page's Content-Security-Policy refuses, with an error in the console that is not
      // the page's. Only css-orientation-lock uses what it loads.
      const result = await globalThis.axe.run(document, { resultTypes: ["violations"], preload: false });
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    });
    assert.deepEqual(violations, [], `accessibility violations on ${name}`);
  }

  async function screenshot(name, on = page) {
    await on.screenshot({ path: path.join(screenshots, `${app}-${database}-${name}.png`), fullPage: true });
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

  /** The last step of a file: no error in the browser's console that no step expected. */
  function noConsoleErrors() {
    it("logged no errors in the browser's console", () => {
      assert.deepEqual(consoleErrors, []);
    });
  }

  return {
    page: () => page,
    openPage,
    step,
    accessible,
    screenshot,
    expectingConsoleErrors,
    toleratingConsoleErrors,
    noConsoleErrors,
    heading: (name) => page.getByRole("heading", { level: 1, name }),
    notice: (text) => page.getByRole("status").filter({ hasText: text }),
    /** The console's session token in the page's tab (null when signed out). */
    sessionToken: () => page.evaluate(() => sessionStorage.getItem("tandem.console.token")),
    /** Signs in on the sign-in page the browser is on (or is sent to). */
    async signIn(user) {
      await page.getByLabel("Username").fill(user.username);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
    },
  };
}

/** The demo's editor text as the person sees it on `page`: the lines, without the other sessions' name labels. */
export function demoEditorText(page) {
  return page.evaluate(() =>
    // the editor lives in a shadow root (see src/main/frontend/demo/editor.js)
    [...document.querySelector(".editor").shadowRoot.querySelectorAll(".cm-content > .cm-line")]
      .map((line) => {
        const copy = line.cloneNode(true);
        copy.querySelectorAll(".cm-remote-cursor, .cm-widgetBuffer").forEach((n) => n.remove());
        return copy.textContent;
      })
      .join("\n"),
  );
}

const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Checks how the server serves one bundled app (`console`, `demo`): `index.html` never cached, with a strict
 * Content-Security-Policy (the server's own scripts and styles, no eval, no inline code, sockets to this host only),
 * and exactly one script and one style sheet, each under a hashed name, of the right type, cached for a year, with the
 * same policy, gzipped for a client that accepts it, and no code that compiles code; a missing asset is a 404 that is
 * not cached; the app's path without its trailing slash redirects to the slash form. Returns the page's
 * `policy` and `html` for the app's own further checks.
 */
export async function checkBundledApp(app) {
  const index = await fetch(`${serverRoot}/${app}/`);
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
  assert.deepEqual(directives["script-src"], ["'self'"], "scripts: the server's own files, and no eval");
  assert.deepEqual(directives["style-src"], ["'self'"], "styles: the server's own files only");
  assert.deepEqual(directives["object-src"], ["'none'"]);
  assert.deepEqual(directives["frame-ancestors"], ["'none'"]);
  const host = new URL(serverRoot).host;
  assert.deepEqual(directives["connect-src"], ["'self'", `ws://${host}`, `wss://${host}`]);
  assert.ok(!policy.includes("unsafe"), policy);
  assert.equal(index.headers.get("x-content-type-options"), "nosniff");

  const html = await index.text();
  assert.doesNotMatch(html, /<script>|<script(?![^>]*\bsrc=)[^>]*>|<style|style=/, "inline script or style");
  const assets = [...html.matchAll(new RegExp(`(?:src|href)="(/${app}/assets/[^"]+)"`, "g"))].map((m) => m[1]);
  assert.equal(assets.length, 2, `one script and one style sheet: ${assets}`);
  for (const asset of assets) {
    assert.match(asset, /-[A-Z0-9]{8}\.(js|css)$/, "a hashed asset name");
    const response = await fetch(serverRoot + asset);
    assert.equal(response.status, 200, asset);
    const type = asset.endsWith(".js") ? /^(text|application)\/javascript/ : /^text\/css/;
    assert.match(response.headers.get("content-type"), type, asset);
    assert.equal(response.headers.get("cache-control"), IMMUTABLE, asset);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff", asset);
    assert.equal(response.headers.get("content-security-policy"), policy, asset);
    assert.equal(response.headers.get("vary"), "Accept-Encoding", asset);
    const body = await response.text();
    if (asset.endsWith(".js")) assert.doesNotMatch(body, /\beval\(|new Function\(/, "code that compiles code");
    // gzipped (the copy the build wrote) for a browser that accepts it, the same text once unpacked; as is otherwise
    const gzipped = await fetch(serverRoot + asset, { headers: { "Accept-Encoding": "gzip" } });
    assert.equal(gzipped.headers.get("content-encoding"), "gzip", asset);
    assert.ok(Number(gzipped.headers.get("content-length")) < body.length / 2, `${asset} compressed`);
    assert.match(gzipped.headers.get("content-type"), type, asset);
    assert.equal(gzipped.headers.get("cache-control"), IMMUTABLE, asset);
    assert.equal(gzipped.headers.get("vary"), "Accept-Encoding", asset);
    assert.equal(await gzipped.text(), body, asset);
    const plain = await fetch(serverRoot + asset, { headers: { "Accept-Encoding": "identity" } });
    assert.equal(plain.headers.get("content-encoding"), null, asset);
    assert.equal(await plain.text(), body, asset);
  }
  // without the trailing slash: a relative redirect to the slash form, keeping the query (and the browser's scheme)
  const bare = await fetch(`${serverRoot}/${app}?a=b`, { redirect: "manual" });
  assert.equal(bare.status, 301);
  assert.equal(bare.headers.get("location"), `/${app}/?a=b`);
  // a missing asset is a 404 (not the app's page), and is not cached for a year
  const missing = await fetch(`${serverRoot}/${app}/assets/missing-ABCDEFGH.js`);
  assert.equal(missing.status, 404);
  assert.notEqual(missing.headers.get("cache-control"), IMMUTABLE);
  return { policy, html };
}
