// The admin console and the demo together, in two Chromium contexts (two people, see lib/browser.mjs): the demo has a
// document of its own open (`/demo/?doc=<id>`, model <id> in collection `demo` of the default domain); an
// administrator opens that model in the console and saves new JSON source, which the server applies through the
// model's single writer, and the demo's editor shows the new text without a reload (with a second demo page's cursor
// drawn again on it: the string the pages were bound to is replaced); then the demo types, and the
// console's model page shows that once reloaded (its Reload button: the page reads the model over REST, it is not
// live); data saved without a text leaves the demo read-only with a message, until a text is back. Both pages are
// scanned by axe-core and photographed; neither may log an error.
import assert from "node:assert/strict";
import { before, describe } from "node:test";
import { browserPage, consoleUrl, demoEditorText, skipWithoutBrowser } from "../lib/browser.mjs";
import { until } from "../lib/models.mjs";
import { adminLogin, call, ok, serverRoot, serverUser, unique } from "../lib/rest.mjs";

describe("a model edited in the console while the demo has it open", { skip: skipWithoutBrowser }, () => {
  const browser = browserPage();
  const { step, accessible, screenshot, heading, notice } = browser;
  const doc = unique("console-demo");
  const base = "/domains/convergence/default";
  let admin;
  let user;
  let console_;
  let demo;
  let other;

  before(async () => {
    console_ = browser.page();
    demo = await browser.openPage();
    other = await browser.openPage();
    admin = { session: await adminLogin() };
    user = await serverUser(admin.session, "Server Admin");
  });

  const demoState = () => demo.locator("#connection-state");
  const source = () => console_.getByLabel("Model data (JSON)");
  const modelData = async () => ok(await call("GET", `${base}/models/${doc}`, { auth: admin })).data;

  step("the demo opens a document of its own, chosen by ?doc=", async () => {
    for (const [page, name] of [
      [demo, "Ada"],
      [other, "Grace"],
    ]) {
      await page.goto(`${serverRoot}/demo/?doc=${doc}`);
      await page.getByLabel("Your display name").fill(name);
      await page.getByRole("button", { name: "Join" }).click();
      await page.locator("#connection-state").filter({ hasText: "Connected, all edits saved" }).waitFor();
      await page.locator(".cm-content .cm-line").first().waitFor();
    }
    await demo.locator(".cm-remote-cursor", { hasText: "Grace" }).waitFor();
    assert.match(await demoEditorText(demo), /Everyone on this page edits this text together/);
    const data = await modelData();
    assert.equal(data.text, `${await demoEditorText(demo)}`, "the model holds the editor's text");
    // marks this page: a reload would lose the mark
    await demo.evaluate(() => (window.notReloaded = true));
  });

  step("the console finds the demo's model in collection demo of the default domain", async () => {
    await console_.goto(consoleUrl("/login"));
    await browser.signIn(user);
    await heading("Server").waitFor();
    await console_.goto(consoleUrl(`${base}/models?collection=demo`));
    await heading("Models").waitFor();
    await console_.getByRole("table", { name: "Models in demo" }).getByRole("link", { name: doc }).click();
    await heading(`Model ${doc}`).waitFor();
    assert.equal(await console_.locator("#model-collection").textContent(), "demo");
    assert.match(await source().inputValue(), /Everyone on this page edits this text together/);
  });

  const rewritten = "// Rewritten in the console\nconst answer = 42;";

  step("a source edit saved in the console shows in the demo's editor without a reload", async () => {
    await source().fill(JSON.stringify({ text: rewritten }, null, 2));
    await console_.getByRole("button", { name: "Save model" }).click();
    await notice(`Model ${doc} saved.`).waitFor();
    await until(async () => (await demoEditorText(demo)) === rewritten, "the demo to show the console's text");
    await until(async () => (await demoEditorText(other)) === rewritten, "the second demo page to show it too");
    // the other page shares its cursor on the new string: moved to the end there, it shows at the end here
    await other.locator(".cm-content").click();
    await other.keyboard.press("Control+End");
    await demo.locator(".cm-line").last().locator(".cm-remote-cursor", { hasText: "Grace" }).waitFor();
    assert.equal(await demo.evaluate(() => window.notReloaded), true, "the demo page reloaded");
    await demoState().filter({ hasText: "Connected, all edits saved" }).waitFor();
    assert.equal(await demo.getByRole("alert").count(), 0, "the demo shows an error");
    await accessible("the demo after the console's edit", demo);
    await screenshot("with-demo-demo-edited", demo);
  });

  step("typing in the demo after the edit reaches the model, and the console shows it once reloaded", async () => {
    await demo.locator(".cm-content").click();
    await demo.keyboard.press("Control+End");
    await demo.keyboard.type("\n// typed in the demo", { delay: 15 });
    const typed = `${rewritten}\n// typed in the demo`;
    await until(async () => (await demoEditorText(demo)) === typed, "the demo to show what was typed");
    await demoState().filter({ hasText: "Connected, all edits saved" }).waitFor();
    await until(async () => (await modelData()).text === typed, "the model to hold what the demo typed");
    await until(async () => (await demoEditorText(other)) === typed, "the second demo page to show the typing");

    // the console's model page is not live: it shows what it read until reloaded
    await console_.getByRole("button", { name: "Reload" }).click();
    await until(async () => JSON.parse(await source().inputValue()).text === typed, "the console to show the typing");
    await console_
      .getByRole("list", { name: "Data", exact: true })
      .getByText("// typed in the demo", { exact: false })
      .waitFor();
    await accessible("the model's page after the demo typed");
    await screenshot("with-demo-console-model");
  });

  step("data saved without a text makes the demo say so and stop editing, until a text is back", async () => {
    const save = async (data) => {
      await source().fill(JSON.stringify(data));
      await console_.getByRole("button", { name: "Save model" }).click();
      await notice(`Model ${doc} saved.`).waitFor();
    };
    const editable = () =>
      demo.evaluate(() =>
        document.querySelector(".editor").shadowRoot.querySelector(".cm-content").getAttribute("contenteditable"),
      );
    await save({ title: "no text here" });
    await demo
      .getByRole("alert")
      .filter({ hasText: `The document demo/${doc} has no text to edit any more` })
      .waitFor();
    assert.equal(await editable(), "false", "the editor is still editable");
    await accessible("the demo without a text", demo);
    await screenshot("with-demo-demo-no-text", demo);

    await save({ text: "// back" });
    await until(async () => (await demoEditorText(demo)) === "// back", "the demo to show the text that is back");
    await demo.getByRole("alert").waitFor({ state: "detached" });
    assert.equal(await editable(), "true", "the editor is still read-only");
    await demo.locator(".cm-content").click();
    await demo.keyboard.press("Control+End");
    await demo.keyboard.type(" again", { delay: 15 });
    await until(async () => (await modelData()).text === "// back again", "the model to hold the new typing");
  });

  browser.noConsoleErrors();
});
