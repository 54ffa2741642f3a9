// The admin console's pages of one domain, in a real browser (see lib/browser.mjs), against the suite's server: from
// the domains list to the domain's dashboard (statistics, the client snippet); users (create, search, edit, set a
// password that an rc.12 client then signs in with, delete); groups (create, members, delete); collections (create,
// world permissions, snapshot settings); models (create, query, browse, the JSON tree, and a source edit that an
// rc.12 client with the model open receives live); sessions (the client's session, disconnected from the console:
// the client loses its connection); chats (events, name, topic); activities (participants); JWT keys (a generated
// pair whose private key signs a token an rc.12 client logs in with); settings (anonymous sign-in off: refused).
// Each page is scanned by axe-core and photographed; the browser's console must stay free of errors.
import assert from "node:assert/strict";
import { after, before, describe } from "node:test";
import { browserPage, skipWithoutBrowser } from "../lib/browser.mjs";
import { Convergence, options } from "../lib/client.mjs";
import { realtimeUrl } from "../lib/env.mjs";
import { claims, signRs256 } from "../lib/jwt.mjs";
import { until } from "../lib/models.mjs";
import { adminLogin, call, fails, ok, serverRoot, serverUser, unique } from "../lib/rest.mjs";

describe("a domain's pages in the admin console", { skip: skipWithoutBrowser }, () => {
  const browser = browserPage();
  const { step, accessible, screenshot, heading, notice } = browser;
  let page;
  let user;
  let admin;
  const domainId = unique("console-dom");
  const label = `convergence/${domainId}`;
  const base = `/domains/convergence/${domainId}`;
  const url = realtimeUrl("convergence", domainId);
  const clients = [];
  const connect = async (promise) => {
    const domain = await promise;
    clients.push(domain);
    return domain;
  };

  before(async () => {
    page = browser.page();
    admin = { session: await adminLogin() };
    user = await serverUser(admin.session, "Server Admin");
    ok(
      await call("POST", "/domains", {
        auth: admin,
        body: { namespace: "convergence", id: domainId, displayName: "Console pages", anonymousAuth: true },
      }),
      201,
    );
  });

  after(async () => {
    for (const domain of clients) if (!domain.isDisposed()) await domain.dispose().catch(() => {});
    await call("DELETE", base, { auth: admin });
  });

  const nav = (name) =>
    page.getByRole("navigation", { name: `Domain ${label}` }).getByRole("link", { name, exact: true });
  const row = (attribute, value) => page.locator(`tr[data-${attribute}="${value}"]`);
  const rest = async (method, path, body) =>
    ok(await call(method, `${base}${path}`, { auth: admin, body }), method === "POST" ? 201 : 200);

  step("opens a domain from the domains list: its dashboard with statistics and the client snippet", async () => {
    await page.goto(`${serverRoot}/console/login`);
    await browser.signIn(user);
    await heading("Server").waitFor();
    await page.getByRole("link", { name: "Namespaces and domains" }).click();
    await row("domain", label).getByRole("link", { name: "Console pages" }).click();
    await heading(/Console pages/).waitFor();
    assert.equal(new URL(page.url()).pathname, `/console${base}`);
    await page.locator("#stat-domain-users").waitFor();
    const stats = await rest("GET", "/stats");
    assert.equal(Number(await page.locator("#stat-domain-users").textContent()), stats.userCount);
    assert.equal(Number(await page.locator("#stat-domain-models").textContent()), stats.modelCount);
    assert.equal(await page.locator("#realtime-url").textContent(), url);
    const snippet = await page.locator("#client-snippet").textContent();
    assert.match(snippet, /@convergence\/convergence/);
    assert.ok(snippet.includes(`"${url}"`), snippet);
    assert.equal(await nav("Dashboard").getAttribute("aria-current"), "page");
    await accessible("a domain's dashboard");
    await screenshot("domain-dashboard");
  });

  step("the domain's navigation is reached by keyboard, with a visible focus", async () => {
    await nav("Dashboard").focus();
    const seen = [];
    for (let i = 0; i < 11; i++) {
      const focused = await page.evaluate(() => {
        const element = document.activeElement;
        const style = getComputedStyle(element);
        return {
          text: element.textContent.trim(),
          outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        };
      });
      // the first link is focused by script, which shows no focus ring after a mouse click; the rest by Tab
      if (i > 0) assert.ok(focused.outline, `no visible focus on ${focused.text}`);
      seen.push(focused.text);
      await page.keyboard.press("Tab");
    }
    assert.deepEqual(seen, [
      "Dashboard",
      "Users",
      "Groups",
      "Collections",
      "Models",
      "Sessions",
      "Chats",
      "Activities",
      "JWT keys",
      "Settings",
      "All domains",
    ]);
  });

  step(
    "users: creates one, finds it, edits it, sets a password an rc.12 client signs in with, deletes it",
    async () => {
      const username = unique("ann");
      await nav("Users").click();
      await heading("Users").waitFor();
      await page.getByText("New user").click();
      await page.getByLabel("Username").fill(username);
      await page.getByLabel("Display name").first().fill("Ann Console");
      await page.getByLabel("Email").first().fill("ann@example.com");
      await page.getByRole("button", { name: "Create user" }).click();
      await notice(`User ${username} created.`).waitFor();
      await row("user", username).waitFor();
      assert.equal((await rest("GET", `/users/${username}`)).displayName, "Ann Console");

      // the search narrows the list
      const other = unique("bob");
      await rest("POST", "/users", { username: other, displayName: "Bob" });
      await page.getByLabel("Search users").fill(username);
      await page.getByRole("button", { name: "Search" }).click();
      await row("user", other).waitFor({ state: "detached" });
      await row("user", username).waitFor();
      await accessible("the users page");
      await screenshot("domain-users");

      await page.getByRole("button", { name: `Edit ${username}` }).click();
      const edit = page.getByRole("dialog", { name: `Edit ${username}` });
      await edit.getByLabel("Display name").fill("Ann Edited");
      await accessible("the user edit dialog");
      await edit.getByRole("button", { name: "Save" }).click();
      await notice(`User ${username} saved.`).waitFor();
      assert.equal((await rest("GET", `/users/${username}`)).displayName, "Ann Edited");

      await page.getByRole("button", { name: `Set password of ${username}` }).click();
      const password = page.getByRole("dialog", { name: `Set the password of ${username}` });
      await password.getByLabel("New password").fill("console-secret-1");
      await password.getByRole("button", { name: "Set password" }).click();
      await notice(`Password of ${username} set.`).waitFor();
      const signedIn = await Convergence.connectWithPassword(
        url,
        { username, password: "console-secret-1" },
        options(),
      );
      assert.equal(signedIn.session().user().username, username);
      await signedIn.dispose();

      await page.getByRole("button", { name: `Delete ${username}` }).click();
      const confirm = page.getByRole("dialog", { name: `Delete ${username}?` });
      await confirm.getByRole("button", { name: "Delete user" }).click();
      await notice(`User ${username} deleted.`).waitFor();
      fails(await call("GET", `${base}/users/${username}`, { auth: admin }), 404);
    },
  );

  step("groups: creates one, adds and removes a member, deletes it", async () => {
    const member = unique("member");
    await rest("POST", "/users", { username: member });
    const group = unique("editors");
    await nav("Groups").click();
    await heading("Groups").waitFor();
    await page.getByLabel("Group id").fill(group);
    await page.getByLabel("Description").fill("They edit");
    await page.getByRole("button", { name: "Create group" }).click();
    await notice(`Group ${group} created.`).waitFor();
    await page.getByLabel(`Add a member to ${group}`).fill(member);
    await page.getByRole("button", { name: "Add member" }).click();
    await notice(`${member} added to ${group}.`).waitFor();
    assert.deepEqual(await rest("GET", `/groups/${group}/members`), [member]);
    await accessible("the groups page");
    await screenshot("domain-groups");
    await page.getByRole("button", { name: `Remove ${member} from ${group}` }).click();
    await notice(`${member} removed from ${group}.`).waitFor();
    assert.deepEqual(await rest("GET", `/groups/${group}/members`), []);
    await page.getByRole("button", { name: `Delete group ${group}` }).click();
    await page
      .getByRole("dialog", { name: `Delete group ${group}?` })
      .getByRole("button", { name: "Delete group" })
      .click();
    await notice(`Group ${group} deleted.`).waitFor();
    fails(await call("GET", `${base}/groups/${group}`, { auth: admin }), 404);
  });

  const collection = unique("notes");

  step("collections: creates one, sets what everyone may do and its own snapshot policy", async () => {
    await nav("Collections").click();
    await heading("Collections").waitFor();
    await page.getByLabel("Collection id").fill(collection);
    await page.getByRole("button", { name: "Create collection" }).click();
    await notice(`Collection ${collection} created.`).waitFor();
    const section = page.locator(`section[data-collection="${collection}"]`);
    await section
      .getByRole("group", { name: `What everyone may do in ${collection}` })
      .getByLabel("manage")
      .uncheck();
    await section.getByRole("button", { name: `Save permissions of ${collection}` }).click();
    await notice(`Permissions of ${collection} saved.`).waitFor();
    assert.deepEqual((await rest("GET", `/collections/${collection}/permissions/world`)).permissions, {
      read: true,
      write: true,
      remove: true,
      manage: false,
      create: true,
    });

    await section.getByLabel("Own snapshot policy (instead of the domain's)").check();
    await section.getByLabel("Take snapshots").check();
    await section.getByLabel("Every so many versions").check();
    await section.getByLabel("Versions between snapshots", { exact: true }).fill("25");
    await section.getByRole("button", { name: `Save snapshot settings of ${collection}` }).click();
    await notice(`Snapshot settings of ${collection} saved.`).waitFor();
    const saved = await rest("GET", `/collections/${collection}`);
    assert.equal(saved.overrideSnapshotPolicy, true);
    assert.equal(saved.snapshotPolicy.snapshotsEnabled, true);
    assert.equal(saved.snapshotPolicy.triggerByVersion, true);
    assert.equal(saved.snapshotPolicy.maximumVersionInterval, 25);
    assert.equal(saved.worldPermissions.manage, false, "the snapshot save kept the permissions");
    await accessible("the collections page");
    await screenshot("domain-collections");
  });

  const permitted = unique("permitted");

  step("collections: gives a user permissions of their own, changes them and removes them", async () => {
    await rest("POST", "/users", { username: permitted });
    const section = page.locator(`section[data-collection="${collection}"]`);
    const entries = `/collections/${collection}/permissions/user`;
    const add = section.getByRole("group", {
      name: `Give a user permissions of their own in collection ${collection}`,
    });
    await add.getByLabel("Username").fill(permitted);
    await add.getByLabel("read").check();
    await add.getByLabel("write").check();
    await section.getByRole("button", { name: `Add user entry in collection ${collection}` }).click();
    await notice(`Permissions of ${permitted} saved.`).waitFor();
    assert.deepEqual((await rest("GET", entries)).userPermissions[permitted], {
      read: true,
      write: true,
      remove: false,
      manage: false,
      create: false,
    });
    const entry = section.locator(`tr[data-permission-user="${permitted}"]`);
    await entry.getByLabel(`write for ${permitted}`).uncheck();
    await entry.getByLabel(`create for ${permitted}`).check();
    await entry.getByRole("button", { name: `Save the permissions of ${permitted}` }).click();
    await notice(`Permissions of ${permitted} saved.`).waitFor();
    await until(
      async () => (await rest("GET", entries)).userPermissions[permitted]?.create === true,
      "the changed entry",
    );
    assert.equal((await rest("GET", entries)).userPermissions[permitted].write, false);
    await accessible("a collection's per-user permissions");
    await screenshot("domain-collection-user-permissions");
    // an unknown user is refused with the server's reason
    await add.getByLabel("Username").fill("nobody-here");
    await browser.expectingConsoleErrors([/status of 404/], async () => {
      await section.getByRole("button", { name: `Add user entry in collection ${collection}` }).click();
      await section.getByRole("alert").filter({ hasText: "Could not add the entry" }).waitFor();
    });
    await entry.getByRole("button", { name: `Remove the entry of ${permitted}` }).click();
    await notice(`The entry of ${permitted} is removed.`).waitFor();
    await entry.waitFor({ state: "detached" });
    assert.equal((await rest("GET", entries)).userPermissions[permitted], undefined);
  });

  const modelId = unique("note");
  let client;
  let model;

  step("models: creates one from JSON, finds it by query and by collection, shows its tree", async () => {
    await nav("Models").click();
    await heading("Models").waitFor();
    await page.getByLabel("Collection", { exact: true }).last().selectOption(collection);
    await page.getByLabel("Model id").fill(modelId);
    await page.getByLabel("Data (JSON object)").fill("{not json");
    await page.getByRole("button", { name: "Create model" }).click();
    await page.getByRole("alert").filter({ hasText: "The data is not valid JSON" }).waitFor();
    await page.getByLabel("Data (JSON object)").fill('{"text": "Hello", "count": 2, "tags": ["a", "b"]}');
    await page.getByRole("button", { name: "Create model" }).click();
    await heading(`Model ${modelId}`).waitFor();
    assert.equal(new URL(page.url()).pathname, `/console${base}/models/${modelId}`);
    assert.deepEqual((await rest("GET", `/models/${modelId}`)).data, { text: "Hello", count: 2, tags: ["a", "b"] });
    await page.getByRole("list", { name: "Data", exact: true }).getByText('"Hello"').waitFor();
    await accessible("a model's page");
    await screenshot("domain-model");

    await nav("Models").click();
    await heading("Models").waitFor();
    await page.getByLabel("Model query").fill(`SELECT * FROM ${collection} WHERE count > 1`);
    await page.getByRole("button", { name: "Run query" }).click();
    await page.getByRole("heading", { name: "Results: 1 model" }).waitFor();
    await page.getByLabel("Model query").fill(`SELECT * FROM ${collection} WHERE count > 5`);
    await page.getByRole("button", { name: "Run query" }).click();
    await page.getByRole("heading", { name: "Results: 0 models" }).waitFor();
    await page.getByLabel("Model query").fill("this is not a query");
    await browser.expectingConsoleErrors([/status of 400/], async () => {
      await page.getByRole("button", { name: "Run query" }).click();
      await page.getByRole("alert").filter({ hasText: "The query failed" }).waitFor();
    });
    await page.getByLabel("Collection", { exact: true }).first().selectOption(collection);
    await page
      .getByRole("table", { name: `Models in ${collection}` })
      .getByRole("link", { name: modelId })
      .waitFor();
    await accessible("the models page");
    await screenshot("domain-models");
  });

  step(
    "models: a source edit saves through the model's writer, and an rc.12 client with it open sees it live",
    async () => {
      client = await connect(Convergence.connectAnonymously(url, "Watcher", options()));
      model = await client.models().open(modelId);
      assert.equal(model.root().get("text").value(), "Hello");
      await page.getByRole("link", { name: modelId }).first().click();
      await heading(`Model ${modelId}`).waitFor();
      const source = page.getByLabel("Model data (JSON)");
      await source.fill('{"text": "Edited in the console", "count": 3, "tags": ["a"]}');
      await page.getByRole("button", { name: "Save model" }).click();
      await notice(`Model ${modelId} saved.`).waitFor();
      await until(() => model.root().get("text").value() === "Edited in the console", "the client to see the edit");
      assert.equal(model.root().get("count").value(), 3);
      assert.deepEqual(model.root().get("tags").value(), ["a"]);
      assert.ok(model.version() >= 2, `version ${model.version()}`);
      await page.getByRole("list", { name: "Data", exact: true }).getByText('"Edited in the console"').waitFor();
      // bad source: refused in the page, the model is unchanged
      await source.fill('["not", "an object"]');
      await page.getByRole("button", { name: "Save model" }).click();
      await page.getByRole("alert").filter({ hasText: "must be a JSON object" }).waitFor();
      assert.equal((await rest("GET", `/models/${modelId}`)).data.text, "Edited in the console");
    },
  );

  step("models: sets a model's own world permissions and a user's entry on it", async () => {
    const permissions = page.getByRole("region", { name: "Permissions", exact: true });
    const world = permissions.getByRole("group", { name: `What everyone may do with ${modelId}` });
    await world.getByLabel("Its own permissions (instead of its collection's)").check();
    // a model's own world permissions start empty: it grants what is ticked here
    await world.getByLabel("read", { exact: true }).check();
    await world.getByLabel("write", { exact: true }).check();
    await permissions.getByRole("button", { name: `Save what everyone may do with ${modelId}` }).click();
    await notice(`Permissions of ${modelId} saved.`).waitFor();
    let saved = await rest("GET", `/models/${modelId}/permissions`);
    assert.equal(saved.overrideWorld, true);
    assert.deepEqual(saved.worldPermissions, { read: true, write: true, remove: false, manage: false });

    const add = permissions.getByRole("group", { name: `Give a user permissions of their own in model ${modelId}` });
    await add.getByLabel("Username").fill(permitted);
    await add.getByLabel("read").check();
    await permissions.getByRole("button", { name: `Add user entry in model ${modelId}` }).click();
    await notice(`Permissions of ${permitted} saved.`).waitFor();
    await permissions.locator(`tr[data-permission-user="${permitted}"]`).waitFor();
    saved = await rest("GET", `/models/${modelId}/permissions`);
    assert.deepEqual(saved.userPermissions, [
      { userId: permitted, permissions: { read: true, write: false, remove: false, manage: false } },
    ]);
    await accessible("a model's permissions");
    await screenshot("domain-model-permissions");
  });

  step("models: the history plays the model back to its first version and forward again", async () => {
    const current = (await rest("GET", `/models/${modelId}`)).version;
    const slider = page.getByLabel(`Version (1 to ${current})`);
    await page.locator("#history-shown", { hasText: `Version ${current} of ${current}` }).waitFor();
    // by keyboard: the slider moves one version per arrow key
    for (let v = current - 1; v >= 1; v--) {
      await slider.focus();
      await page.keyboard.press("ArrowLeft");
      await page.locator("#history-shown", { hasText: `Version ${v} of ${current}` }).waitFor();
    }
    await page.locator("#history-shown", { hasText: "(created)" }).waitFor();
    const first = page.getByRole("list", { name: "Data at version 1" });
    await first.getByText('"Hello"').waitFor();
    await first.getByText('"b"').waitFor();
    await accessible("a model's history");
    await screenshot("domain-model-history");
    // by time: the creation time, written in the browser's time zone (this process's), finds version 1 again
    await page.getByRole("button", { name: "Next version" }).click();
    await page.locator("#history-shown", { hasText: `Version 2 of ${current}` }).waitFor();
    const created = (await rest("GET", `/models/${modelId}/versions/1`)).time;
    const local = new Date(created - new Date(created).getTimezoneOffset() * 60_000).toISOString().slice(0, 23);
    await page.getByLabel("The model as it was at").fill(local);
    await page.getByRole("button", { name: "Show that time" }).click();
    await page.locator("#history-shown", { hasText: `Version 1 of ${current}` }).waitFor();
    await page.getByRole("button", { name: "Next version" }).click();
    await page.getByRole("list", { name: "Data at version 2" }).getByText('"Edited in the console"').waitFor();
  });

  step("sessions: lists the client's session and disconnects it: the client loses its connection", async () => {
    const sessionId = client.session().sessionId();
    await nav("Sessions").click();
    await heading("Sessions").waitFor();
    await row("session", sessionId).waitFor();
    await accessible("the sessions page");
    await screenshot("domain-sessions");
    const lost = new Promise((resolve) => client.on("interrupted", resolve));
    await page.getByRole("button", { name: `Disconnect session ${sessionId}` }).click();
    const confirm = page.getByRole("dialog", { name: `Disconnect session ${sessionId}?` });
    await accessible("the disconnect confirmation");
    await confirm.getByRole("button", { name: "Disconnect" }).click();
    await notice(`Session ${sessionId} disconnected.`).waitFor();
    await lost;
    await until(
      async () => (await rest("GET", `/sessions/${sessionId}`)).disconnected,
      "the session to be noted as ended",
    );
    await client.dispose();
  });

  step("chats: shows a chat's events, renames it and sets its topic", async () => {
    const chatId = unique("room");
    ok(
      await call("POST", `${base}/chats`, {
        auth: admin,
        body: { chatId, chatType: "room", membership: "public", name: "Lobby", topic: "" },
      }),
      201,
    );
    await nav("Chats").click();
    await heading("Chats").waitFor();
    await row("chat", chatId).getByRole("button", { name: chatId }).click();
    await page.getByRole("heading", { name: `Chat ${chatId}` }).waitFor();
    await page.getByLabel("Chat name").fill("Renamed lobby");
    await page.getByRole("button", { name: "Save name" }).click();
    await notice(`Chat ${chatId} renamed.`).waitFor();
    await page.getByLabel("Chat topic").fill("Console topics");
    await page.getByRole("button", { name: "Save topic" }).click();
    await notice(`Topic of ${chatId} set.`).waitFor();
    const chat = await rest("GET", `/chats/${chatId}`);
    assert.equal(chat.name, "Renamed lobby");
    assert.equal(chat.topic, "Console topics");
    await page.locator('li[data-event="topic_changed"]', { hasText: "Console topics" }).waitFor();
    await page.locator('li[data-event="name_changed"]', { hasText: "Renamed lobby" }).waitFor();
    await accessible("the chats page");
    await screenshot("domain-chats");
  });

  step("activities: lists an activity with the client that joined it", async () => {
    const joiner = await connect(Convergence.connectAnonymously(url, "Joiner", options()));
    const activityId = unique("doc");
    await joiner.activities().join("console-doc", activityId, {
      autoCreate: { ephemeral: false, worldPermissions: ["join", "lurk", "view_state", "set_state"] },
    });
    await nav("Activities").click();
    await heading("Activities").waitFor();
    const activity = row("activity", `console-doc/${activityId}`);
    await activity.waitFor();
    assert.match(await activity.textContent(), /anonymous|Joiner/);
    await accessible("the activities page");
    await screenshot("domain-activities");
    await joiner.dispose();
  });

  step(
    "JWT keys: generates a pair, registers its public key, and a token signed with the private key logs in",
    async () => {
      const keyId = unique("console-key");
      await nav("JWT keys").click();
      await heading("JWT keys").waitFor();
      await page.getByLabel("Key id").fill(keyId);
      await page.getByRole("button", { name: "Generate a key pair" }).click();
      await page.getByText("A key pair was generated").waitFor();
      assert.match(await page.getByLabel("Public key (PEM)").inputValue(), /BEGIN PUBLIC KEY/);
      await page.getByRole("button", { name: "Add key" }).click();
      await notice(`Key ${keyId} added.`).waitFor();
      const privateKey = await page.getByLabel("Private key", { exact: true }).inputValue();
      assert.match(privateKey, /BEGIN PRIVATE KEY/);
      await row("jwt-key", keyId).waitFor();
      await accessible("the JWT keys page");
      await screenshot("domain-jwt-keys");
      await page.getByRole("button", { name: "Done, I have copied it" }).click();
      assert.ok(!(await page.content()).includes("PRIVATE KEY"), "the private key is still on the page");

      const jwt = signRs256({ kid: keyId, privateKey, payload: claims("jwt-console-user") });
      const signedIn = await connect(Convergence.connectWithJwt(url, jwt, options()));
      assert.equal(signedIn.session().user().username, "jwt-console-user");
      await signedIn.dispose();
    },
  );

  step("settings: turns anonymous sign-in off (a client is refused), and saves the other settings", async () => {
    await nav("Settings").click();
    await heading("Settings").waitFor();
    await page.getByLabel("Allow anonymous sign-in").uncheck();
    await page.getByLabel("Reconnect tokens last (minutes)").fill("90");
    await page.getByLabel("A model made in a missing collection creates the collection").uncheck();
    await page.getByLabel("Take snapshots").check();
    await page.getByLabel("Every so many seconds").check();
    await page.getByLabel("Seconds between snapshots", { exact: true }).fill("120");
    await accessible("the settings page");
    await screenshot("domain-settings");
    await page.getByRole("button", { name: "Save settings" }).click();
    await notice("Settings saved.").waitFor();
    assert.equal((await rest("GET", "/config/anonymousAuth")).enabled, false);
    assert.equal((await rest("GET", "/config/reconnect")).tokenValidityMinutes, 90);
    assert.equal((await rest("GET", "/config/collection")).autoCreate, false);
    const policy = await rest("GET", "/config/modelSnapshotPolicy");
    assert.equal(policy.snapshotsEnabled, true);
    assert.equal(policy.triggerByTime, true);
    assert.equal(policy.maximumTimeInterval, 120_000);
    await assert.rejects(Convergence.connectAnonymously(url, "Refused", options()));
    // a bad value is refused with the server's message
    await page.getByLabel("Reconnect tokens last (minutes)").fill("0");
    await page.getByLabel("Reconnect tokens last (minutes)").evaluate((input) => input.removeAttribute("min"));
    await browser.expectingConsoleErrors([/status of 400/], async () => {
      await page.getByRole("button", { name: "Save settings" }).click();
      await page.getByRole("alert").filter({ hasText: "Could not save the settings" }).waitFor();
    });
  });

  browser.noConsoleErrors();
});
