// The admin console's server-level pages beyond console.test.mjs, in a real browser (see lib/browser.mjs): server
// users and their roles (create, change a role, set a password, delete; one's own row cannot be deleted or demoted),
// one's own profile and password, and the server settings (a Server Admin's: a Developer is told so). Every change is
// checked through the REST API or a sign-in; each page is scanned by axe-core and photographed.
import assert from "node:assert/strict";
import { after, before, describe } from "node:test";
import { browserPage, consoleUrl, skipWithoutBrowser } from "../lib/browser.mjs";
import { adminLogin, call, fails, login, ok, serverUser, unique } from "../lib/rest.mjs";

describe("the console's server users, profile and settings", { skip: skipWithoutBrowser }, () => {
  const browser = browserPage();
  const { step, accessible, screenshot, heading, notice, expectingConsoleErrors } = browser;
  let page;
  let user;
  let admin;

  before(async () => {
    page = browser.page();
    admin = { session: await adminLogin() };
    user = await serverUser(admin.session, "Server Admin");
  });

  after(async () => {
    // the suite's other files expect the default password rule
    await call("POST", "/config", { auth: admin, body: { "passwords.minimum-length": 8 } });
  });

  const row = (username) => page.locator(`tr[data-server-user="${username}"]`);

  step("server users: creates one with a role, changes the role, sets a password, deletes it", async () => {
    await page.goto(consoleUrl("/login"));
    await browser.signIn(user);
    await heading("Server").waitFor();
    await page.getByRole("link", { name: "Server users" }).click();
    await heading("Server users").waitFor();
    const username = unique("dev");
    await page.getByText("New server user").click();
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Display name").fill("A developer");
    await page.getByLabel("Password", { exact: true }).fill("first-password-1");
    await page.getByLabel("Server role", { exact: true }).selectOption("Developer");
    await page.getByRole("button", { name: "Create server user" }).click();
    await notice(`User ${username} created.`).waitFor();
    assert.ok(await login(username, "first-password-1"));

    // one's own row: no delete, and the role cannot be changed
    assert.equal(
      await row(user.username)
        .getByRole("button", { name: `Delete ${user.username}` })
        .count(),
      0,
    );
    assert.ok(await row(user.username).getByLabel(`Server role of ${user.username}`, { exact: true }).isDisabled());

    await row(username).getByLabel(`Server role of ${username}`, { exact: true }).selectOption("Domain Admin");
    await row(username)
      .getByRole("button", { name: `Set server role of ${username}` })
      .click();
    await notice(`${username} is now Domain Admin.`).waitFor();
    assert.equal(ok(await call("GET", "/roles/server", { auth: admin }))[username], "Domain Admin");
    await accessible("the server users page");
    await screenshot("server-users");

    await row(username)
      .getByRole("button", { name: `Set password of ${username}` })
      .click();
    const dialog = page.getByRole("dialog", { name: `Set the password of ${username}` });
    await dialog.getByLabel("New password").fill("second-password-2");
    await accessible("the server password dialog");
    await dialog.getByRole("button", { name: "Set password" }).click();
    await notice(`Password of ${username} set.`).waitFor();
    assert.ok(await login(username, "second-password-2"));

    await row(username)
      .getByRole("button", { name: `Delete ${username}` })
      .click();
    await page
      .getByRole("dialog", { name: `Delete ${username}?` })
      .getByRole("button", { name: "Delete user" })
      .click();
    await notice(`User ${username} deleted.`).waitFor();
    fails(await call("GET", `/users/${username}`, { auth: admin }), 404);
  });

  step("own profile and password: saved, and the new password signs in", async () => {
    await page.getByRole("link", { name: "Your profile" }).click();
    await heading("Your profile").waitFor();
    await page.getByLabel("Display name").fill("Console Admin");
    await page.getByLabel("Email").fill("console-admin@example.com");
    await page.getByRole("button", { name: "Save profile" }).click();
    await notice("Profile saved.").waitFor();
    const profile = ok(await call("GET", "/user/profile", { auth: { session: user.token } }));
    assert.equal(profile.displayName, "Console Admin");
    assert.equal(profile.email, "console-admin@example.com");

    await page.getByLabel("New password", { exact: true }).fill("changed-password-3");
    await page.getByLabel("New password again").fill("something-else-3");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByRole("alert").filter({ hasText: "The two passwords differ." }).waitFor();
    await page.getByLabel("New password again").fill("changed-password-3");
    await page.getByRole("button", { name: "Change password" }).click();
    await notice("Password changed.").waitFor();
    assert.ok(await login(user.username, "changed-password-3"));
    fails(await call("POST", "/auth/login", { body: { username: user.username, password: user.password } }), 401);
    user.password = "changed-password-3";
    await accessible("the profile page");
    await screenshot("profile");
  });

  step("server settings: a longer minimum password length is saved and enforced", async () => {
    await page.getByRole("link", { name: "Server settings" }).click();
    await heading("Server settings").waitFor();
    const length = page.getByLabel("Passwords have at least this many characters");
    assert.equal(await length.inputValue(), "8");
    await length.fill("20");
    await accessible("the server settings page");
    await screenshot("server-settings");
    await page.getByRole("button", { name: "Save settings" }).click();
    await notice("Saved: passwords.minimum-length.").waitFor();
    assert.equal(ok(await call("GET", "/config", { auth: admin }))["passwords.minimum-length"], 20);

    // the rule holds in the console's own forms: a short password is refused with the server's reason
    await page.getByRole("link", { name: "Your profile" }).click();
    await heading("Your profile").waitFor();
    await page.getByLabel("New password", { exact: true }).fill("short-pass-1");
    await page.getByLabel("New password again").fill("short-pass-1");
    await expectingConsoleErrors([/status of 400/], async () => {
      await page.getByRole("button", { name: "Change password" }).click();
      await page.getByRole("alert").filter({ hasText: "Could not change the password" }).waitFor();
    });

    await page.getByRole("link", { name: "Server settings" }).click();
    await page.getByLabel("Passwords have at least this many characters").fill("8");
    await page.getByRole("button", { name: "Save settings" }).click();
    await notice("Saved: passwords.minimum-length.").waitFor();
    assert.equal(ok(await call("GET", "/config", { auth: admin }))["passwords.minimum-length"], 8);
  });

  step("a Developer sees the users but not the server settings", async () => {
    const developer = await serverUser(admin.session, "Developer");
    await page.getByRole("button", { name: "Sign out" }).click();
    await heading("Sign in to Tandem").waitFor();
    // the dashboard asks for the cluster's members, which only a Server Admin may read
    await expectingConsoleErrors([/status of 403/], async () => {
      await browser.signIn(developer);
      await heading("Server").waitFor();
    });
    await page.getByRole("link", { name: "Server users" }).click();
    await row(developer.username).waitFor();
    await expectingConsoleErrors([/status of 403/], async () => {
      await page.getByRole("link", { name: "Server settings" }).click();
      await page.getByRole("alert").filter({ hasText: "Only a Server Admin" }).waitFor();
    });
    await accessible("the server settings page of a Developer");
  });

  browser.noConsoleErrors();
});
