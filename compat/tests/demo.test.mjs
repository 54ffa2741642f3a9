// The collaborative demo (/demo/) in a real browser: two Chromium pages, each in a context of its own (two people),
// join the default domain anonymously under different names, type into the shared editor at the same time, and must
// end with the same text, which a third client, rc.12 in Node, reads from the model; each page shows the other's
// cursor and selection, both people in its who-is-here list, and the other's chat message; one page, reaching the
// server through a proxy that the test takes down, shows itself reconnecting with edits waiting, and converges with
// the other once the network is back. The page runs the client
// under a Content-Security-Policy without 'unsafe-eval' (see src/main/frontend/demo/protobuf/codegen.cjs), so any
// code it tried to compile would show as a console error. axe-core scans the pages; headers are checked too.
import assert from "node:assert/strict";
import { after, before, describe } from "node:test";
import { browserPage, checkBundledApp, demoEditorText as editorText, skipWithoutBrowser } from "../lib/browser.mjs";
import { clients } from "../lib/clients.mjs";
import { port } from "../lib/env.mjs";
import { startProxy } from "../lib/proxy.mjs";
import { serverRoot, unique } from "../lib/rest.mjs";

const connect = clients();

/** Polls until check() holds (it returns a truthy value), or fails with `what`. */
async function until(check, what, timeoutMillis = 15_000) {
  const end = Date.now() + timeoutMillis;
  let last;
  while (Date.now() < end) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${what} (within ${timeoutMillis} ms)`);
}

describe("the collaborative demo in Chromium", { skip: skipWithoutBrowser }, () => {
  const browser = browserPage({ app: "demo" });
  const { step, accessible, screenshot, toleratingConsoleErrors } = browser;
  const doc = unique("demo");
  let ada;
  let grace;
  // Grace reaches the server through this proxy (the page, its assets and its WebSocket), so her network can drop.
  let proxy;

  before(async () => {
    ada = browser.page();
    grace = await browser.openPage();
    proxy = await startProxy(port);
  });
  after(() => proxy?.close());

  const state = (page) => page.locator("#connection-state");
  const people = (page) => page.locator("#people li");

  async function join(page, name, root = serverRoot) {
    await page.goto(`${root}/demo/?doc=${doc}`);
    await page.getByLabel("Your display name").fill(name);
    await page.getByRole("button", { name: "Join" }).click();
    await state(page).filter({ hasText: "Connected" }).waitFor();
    await page.locator(".cm-content .cm-line").first().waitFor();
  }

  step("serves the page with content types, caching and a strict Content-Security-Policy", async () => {
    const { policy } = await checkBundledApp("demo");
    const bare = await fetch(`${serverRoot}/demo`, { redirect: "manual" });
    // answered by the filter (BundledAppRoots claims the path from the container): relative, so the scheme is kept
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.get("location"), "/demo/");
    // the console is still served, and by the same rules
    const consoleIndex = await fetch(`${serverRoot}/console/`);
    assert.equal(consoleIndex.headers.get("content-security-policy"), policy);
    assert.match(await consoleIndex.text(), /\/console\/assets\//);
  });

  step("opens from the landing page and asks for a display name", async () => {
    await ada.goto(`${serverRoot}/`);
    await ada.getByRole("link", { name: "Try the collaborative demo" }).click();
    await ada.getByLabel("Your display name").waitFor();
    assert.equal(new URL(ada.url()).pathname, "/demo/");
    await ada.getByRole("button", { name: "Join" }).click();
    await ada.getByRole("alert").filter({ hasText: "Enter a name the others will see." }).waitFor();
    await accessible("the join form", ada);
    await screenshot("join", ada);
  });

  step("two people join under their names and see each other in the who-is-here list", async () => {
    await join(ada, "Ada");
    await join(grace, "Grace", `http://127.0.0.1:${proxy.port}`);
    for (const page of [ada, grace]) {
      await until(async () => (await people(page).count()) === 2, "both people listed");
    }
    assert.deepEqual((await people(ada).allTextContents()).sort(), ["Ada (you)", "Grace"]);
    assert.deepEqual((await people(grace).allTextContents()).sort(), ["Ada", "Grace (you)"]);
    assert.equal(await editorText(ada), await editorText(grace));
    assert.match(await editorText(ada), /Everyone on this page edits this text together/);
  });

  step("typing in both pages at once converges, and the rc.12 client reads the same text", async () => {
    const editor = (page) => page.locator(".cm-content");
    await editor(ada).click();
    await ada.keyboard.press("Control+End");
    await grace.locator(".cm-content").click();
    await grace.keyboard.press("Control+Home");
    await Promise.all([
      ada.keyboard.type("\n// Ada was here", { delay: 15 }),
      grace.keyboard.type("// Grace too\n", { delay: 15 }),
    ]);
    const text = await until(async () => {
      const [a, g] = [await editorText(ada), await editorText(grace)];
      return a === g && a.includes("// Ada was here") && a.includes("// Grace too") && a;
    }, "the two editors hold the same text with both people's lines");
    assert.ok(text.startsWith("// Grace too\n"), text);
    assert.ok(text.endsWith("\n// Ada was here"), text);

    const node = await connect("Node reader");
    const model = await node.models().open(`${doc}`);
    assert.equal(model.collectionId(), "demo");
    assert.equal(model.elementAt("text").value(), text);
    await model.close();

    for (const page of [ada, grace]) {
      await state(page).filter({ hasText: "Connected, all edits saved" }).waitFor();
    }
  });

  step("each page shows the other's cursor and selection in the other's colour", async () => {
    // Grace's cursor is after her line on Ada's page; Ada's at the end on Grace's page
    await ada.locator(".cm-remote-cursor", { hasText: "Grace" }).waitFor();
    await grace.locator(".cm-remote-cursor", { hasText: "Ada" }).waitFor();
    // Ada selects the word "was"
    await ada.keyboard.press("Control+End");
    for (let i = 0; i < 5; i++) await ada.keyboard.press("ArrowLeft");
    for (let i = 0; i < 3; i++) await ada.keyboard.press("Shift+ArrowLeft");
    const selection = grace.locator(".cm-remote-selection");
    await until(async () => (await selection.allTextContents()).join("") === "was", "Ada's selection on Grace's page");
    const adaSession = await ada.locator("#people li", { hasText: "Ada (you)" }).getAttribute("data-session");
    assert.equal(await selection.first().getAttribute("data-session"), adaSession);
    const colour = (await selection.first().getAttribute("class")).match(/remote-c\d/)[0];
    assert.match(
      await grace.locator(`#people li[data-session="${adaSession}"] .swatch`).getAttribute("class"),
      new RegExp(colour),
      "the same colour in the list",
    );
    await accessible("the editor with two people", grace);
    await screenshot("editor-grace", grace);
    await screenshot("editor-ada", ada);
  });

  step("a chat message from one page shows in the other", async () => {
    await ada.getByLabel("Message", { exact: true }).fill("Hello from Ada");
    await ada.getByRole("button", { name: "Send" }).click();
    await grace.locator("#chat-log li", { hasText: "Hello from Ada" }).waitFor();
    assert.equal(await grace.locator("#chat-log li .who").last().textContent(), "Ada");
    assert.equal(await ada.getByLabel("Message", { exact: true }).inputValue(), "", "the sent message is cleared");
    await grace.getByLabel("Message", { exact: true }).fill("Hi Ada");
    await grace.getByLabel("Message", { exact: true }).press("Enter");
    await ada.locator("#chat-log li", { hasText: "Hi Ada" }).waitFor();
    await accessible("the chat", ada);
    await screenshot("chat", ada);
  });

  step("a page whose network drops shows it, keeps its edits waiting, and converges once it is back", async () => {
    // Chromium logs each reconnect attempt that fails while the network is down; the client retries on its own
    // schedule (seconds apart)
    await toleratingConsoleErrors([/WebSocket connection to .* failed/], async () => {
      proxy.down();
      await state(grace)
        .filter({ hasText: /Reconnecting|Offline/ })
        .waitFor();
      await grace.locator(".cm-content").click();
      await grace.keyboard.press("Control+Home");
      await grace.keyboard.press("End");
      await grace.keyboard.type(" (offline)", { delay: 15 });
      await state(grace)
        .filter({ hasText: /\d+ edits? waiting for the server/ })
        .waitFor();
      await screenshot("offline-grace", grace);
      await ada.locator(".cm-content").click();
      await ada.keyboard.press("Control+End");
      await ada.keyboard.type(" meanwhile", { delay: 15 });

      proxy.up();
      await state(grace).filter({ hasText: "Connected, all edits saved" }).waitFor({ timeout: 60_000 });
    });
    const text = await until(async () => {
      const [a, g] = [await editorText(ada), await editorText(grace)];
      return a === g && a.includes("// Grace too (offline)\n") && a.endsWith("// Ada was here meanwhile") && a;
    }, "both edits in both editors after the reconnect");
    for (const page of [ada, grace]) {
      await until(async () => (await people(page).count()) === 2, "both people listed again after the reconnect");
    }
    await ada.locator(".cm-remote-cursor", { hasText: "Grace" }).waitFor();
    const node = await connect("Node reader after the reconnect");
    const model = await node.models().open(doc);
    assert.equal(model.elementAt("text").value(), text);
    await model.close();
  });

  step("when one person leaves, the other's list and cursors drop them", async () => {
    await grace.close();
    await until(async () => (await people(ada).count()) === 1, "Grace gone from Ada's list");
    await ada.locator(".cm-remote-cursor").waitFor({ state: "detached" });
  });

  browser.noConsoleErrors();
});
