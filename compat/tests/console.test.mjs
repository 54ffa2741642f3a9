// The admin console (/console/) in a real browser: headless Chromium from the system (Debian's `chromium`) driven by
// playwright-core, against the suite's server. It signs in, reads the dashboard, creates, renames, takes offline and
// online, and deletes a domain; creates, renames and deletes a namespace; creates an API key that works against the
// REST API and is refused once revoked; signs out; and a session ended elsewhere (a 401) returns to the sign-in page.
// Every page is scanned by axe-core, the browser's console must stay free of errors other than those a step expects,
// and the response headers (content types, caching, Content-Security-Policy) are checked; screenshots go to
// target/screenshots/ (see lib/browser.mjs). The domain's own pages: console-domain.test.mjs.
import assert from "node:assert/strict";
import { before, describe } from "node:test";
import { browserPage, checkBundledApp, consoleUrl, skipWithoutBrowser } from "../lib/browser.mjs";
import { adminLogin, call, fails, ok, serverRoot, serverUser, unique } from "../lib/rest.mjs";

describe("the admin console in Chromium", { skip: skipWithoutBrowser }, () => {
  const browser = browserPage();
  const { step, accessible, screenshot, expectingConsoleErrors, sessionToken } = browser;
  let page;
  let user;

  before(async () => {
    page = browser.page();
    // A server administrator of its own, so that the dashboard shows the cluster and the keys are this test's only.
    user = await serverUser(await adminLogin(), "Server Admin");
  });

  const heading = (name) => page.getByRole("heading", { level: 1, name });
  const notice = (text) => page.getByRole("status").filter({ hasText: text });
  const domainRow = (label) => page.locator(`tr[data-domain="${label}"]`);

  step("serves the app with content types, caching and a strict Content-Security-Policy", async () => {
    const { html } = await checkBundledApp("console");
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
    // the list comes after the forms: count the focusable elements once it is there
    await domainRow("convergence/default").waitFor();
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

  browser.noConsoleErrors();
});
