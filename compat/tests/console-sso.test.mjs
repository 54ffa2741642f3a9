// The console's sign-in through the corporate SSO issuer (OpenID Connect, authorization code flow with PKCE S256), in
// headless Chromium against an OpenID provider written here (Node http: discovery, an authorization endpoint that
// signs a fixed person in and redirects back with a code, a token endpoint that checks the PKCE verifier against the
// challenge and answers an RS256 ID token) and a Tandem server of this file's own, which trusts that provider's key
// as its SSO issuer (mp.jwt.verify.*) and has the console's client id: the suite's server names an issuer that no
// test can serve at a port known before it starts. The suite's server, without a client id, offers no SSO button.
//
// The browser signs in through the provider and lands on the dashboard as the mapped user; a challenge swapped on the
// way (so the verifier no longer matches), a state swapped on the way, and a callback used twice are refused with a
// clear message; the console's Content-Security-Policy lets it fetch the token endpoint's origin and nothing more.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { after, before, describe } from "node:test";
import { browserPage, consoleUrl, skipWithoutBrowser } from "../lib/browser.mjs";
import { generateRsaKeyPair, signRs256 } from "../lib/jwt.mjs";
import { call, ok } from "../lib/rest.mjs";
import { discardServerFiles, freePort, freshPostgresDatabase, startServer, tempDir } from "../lib/server.mjs";

const CLIENT_ID = "tandem-console";
const sha256 = (text) => crypto.createHash("sha256").update(text).digest("base64url");

/** A small OpenID provider: the person it signs in is `provider.person`; it counts and explains its refusals. */
async function startProvider({ privateKey, redirectUri }) {
  const codes = new Map();
  const provider = {
    person: null,
    tokenRequests: 0,
    refusals: [],
  };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, provider.issuer);
    const json = (status, body, headers = {}) => {
      response.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers });
      response.end(JSON.stringify(body));
    };
    const refuse = (status, error, description, headers) => {
      provider.refusals.push(description);
      json(status, { error, error_description: description }, headers);
    };
    if (request.method === "GET" && url.pathname === "/.well-known/openid-configuration") {
      json(200, {
        issuer: provider.issuer,
        authorization_endpoint: `${provider.issuer}/authorize`,
        token_endpoint: `${provider.issuer}/token`,
        jwks_uri: `${provider.issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
      });
    } else if (request.method === "GET" && url.pathname === "/authorize") {
      const q = Object.fromEntries(url.searchParams);
      const problem =
        q.response_type !== "code"
          ? "response_type must be code"
          : q.client_id !== CLIENT_ID
            ? "unknown client"
            : q.redirect_uri !== redirectUri
              ? `redirect_uri ${q.redirect_uri} is not registered`
              : q.code_challenge_method !== "S256"
                ? "code_challenge_method must be S256"
                : !/^[A-Za-z0-9_-]{43}$/.test(q.code_challenge ?? "")
                  ? "code_challenge is not a SHA-256 in base64url"
                  : !q.scope?.split(" ").includes("openid")
                    ? "scope must include openid"
                    : !q.state || !q.nonce
                      ? "state and nonce are required"
                      : null;
      if (problem) {
        refuse(400, "invalid_request", problem);
        return;
      }
      const code = crypto.randomBytes(16).toString("base64url");
      codes.set(code, { challenge: q.code_challenge, nonce: q.nonce, redirectUri: q.redirect_uri });
      const back = new URL(q.redirect_uri);
      back.searchParams.set("code", code);
      back.searchParams.set("state", q.state);
      response.writeHead(302, { Location: back.href });
      response.end();
    } else if (url.pathname === "/token") {
      // the console's fetch from its own origin: the answer must let that origin read it
      const cors = { "Access-Control-Allow-Origin": new URL(redirectUri).origin };
      if (request.method !== "POST") {
        refuse(405, "invalid_request", "POST only", cors);
        return;
      }
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        provider.tokenRequests++;
        const form = Object.fromEntries(new URLSearchParams(body));
        const grant = codes.get(form.code);
        codes.delete(form.code); // a code is good once
        if (form.grant_type !== "authorization_code" || !grant) {
          refuse(400, "invalid_grant", "unknown or used code", cors);
        } else if (form.client_id !== CLIENT_ID || form.redirect_uri !== grant.redirectUri) {
          refuse(400, "invalid_grant", "client or redirect_uri differ from the authorization request", cors);
        } else if (!form.code_verifier || sha256(form.code_verifier) !== grant.challenge) {
          refuse(400, "invalid_grant", "the code verifier does not match the code challenge", cors);
        } else {
          const now = Math.floor(Date.now() / 1000);
          const idToken = signRs256({
            kid: "compat-oidc",
            privateKey,
            payload: {
              iss: provider.issuer,
              aud: CLIENT_ID,
              iat: now,
              exp: now + 300,
              nonce: grant.nonce,
              ...provider.person,
            },
          });
          json(
            200,
            { access_token: crypto.randomUUID(), token_type: "Bearer", expires_in: 300, id_token: idToken },
            cors,
          );
        }
      });
    } else {
      json(404, { error: "not_found" });
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  provider.issuer = `http://127.0.0.1:${server.address().port}`;
  provider.close = () => new Promise((resolve) => server.close(resolve));
  return provider;
}

describe("the console's single sign-on in Chromium", { skip: skipWithoutBrowser }, () => {
  const browser = browserPage();
  const { step, accessible, screenshot, expectingConsoleErrors } = browser;
  let page;
  let provider;
  let tandem;
  let root;
  const work = tempDir("tandem-console-sso-");

  before(async () => {
    page = browser.page();
    const key = generateRsaKeyPair();
    const port = await freePort();
    root = `http://127.0.0.1:${port}`;
    provider = await startProvider({ privateKey: key.privateKey, redirectUri: `${root}/console/sso/callback` });
    const db =
      process.env.TANDEM_COMPAT_DATABASE === "postgres" ? freshPostgresDatabase(`tandem_sso_${Date.now()}`) : null;
    tandem = await startServer({
      port,
      db,
      dataDir: path.join(work, "data"),
      logFile: path.join(work, "server.log"),
      env: {
        TANDEM_ADMIN_PASSWORD: "sso-admin-secret-1",
        MP_JWT_VERIFY_ISSUER: provider.issuer,
        MP_JWT_VERIFY_PUBLICKEY: key.publicKey,
        MP_JWT_VERIFY_AUDIENCES: CLIENT_ID,
        TANDEM_SSO_ROLE_MAPPING: "tandem-admins=Server Admin",
        TANDEM_CONSOLE_OIDC_CLIENT_ID: CLIENT_ID,
      },
    });
  });

  after(async () => {
    await tandem?.stop();
    await provider?.close();
    discardServerFiles(work, ["server.log"]);
  });

  const heading = (name) => page.getByRole("heading", { level: 1, name });
  const alert = (text) => page.getByRole("alert").filter({ hasText: text });
  const ssoButton = () => page.getByRole("button", { name: "Sign in with SSO" });
  const pending = () => page.evaluate(() => sessionStorage.getItem("tandem.console.sso"));

  step("offers no SSO where the console has no client id", async () => {
    assert.deepEqual(ok(await call("GET", "/auth/sso")), { enabled: false });
    await page.goto(consoleUrl("/login"));
    await heading("Sign in to Tandem").waitFor();
    await page.getByLabel("Password").waitFor();
    // the answer to /auth/sso has come (the page asks once, at once) and added nothing
    await page.waitForLoadState("networkidle");
    assert.equal(await ssoButton().count(), 0);
  });

  step("tells the console the issuer's endpoints, and lets it fetch the token endpoint only", async () => {
    const answer = await (await fetch(`${root}/api/rest/auth/sso`)).json();
    assert.deepEqual(answer.body, {
      enabled: true,
      issuer: provider.issuer,
      clientId: CLIENT_ID,
      scopes: "openid profile email",
      authorizationEndpoint: `${provider.issuer}/authorize`,
      tokenEndpoint: `${provider.issuer}/token`,
    });
    const host = new URL(root).host;
    const consolePolicy = (await fetch(`${root}/console/`)).headers.get("content-security-policy");
    assert.match(consolePolicy, new RegExp(`connect-src 'self' ws://${host} wss://${host} ${provider.issuer};`));
    assert.doesNotMatch(consolePolicy, /unsafe|\*/);
    // the demo does not sign in through SSO: its policy stays as it was
    const demoPolicy = (await fetch(`${root}/demo/`)).headers.get("content-security-policy");
    assert.match(demoPolicy, new RegExp(`connect-src 'self' ws://${host} wss://${host};`));
  });

  step("signs in through the provider and lands on the page asked for, as the mapped user", async () => {
    provider.person = { sub: "olivia-0001", preferred_username: "olivia", groups: ["tandem-admins"] };
    await page.goto(`${root}/console/domains`);
    await heading("Sign in to Tandem").waitFor();
    await ssoButton().waitFor();
    await accessible("the sign-in page with SSO");
    await screenshot("sso-sign-in");
    await ssoButton().click();
    await heading("Namespaces and domains").waitFor();
    assert.equal(
      new URL(page.url()).pathname,
      "/console/domains",
      "back where the deep link asked, no code in the URL",
    );
    await page.locator("#signed-in-user", { hasText: "olivia" }).waitFor();
    assert.equal(await pending(), null, "the verifier is gone once used");
    const token = await page.evaluate(() => sessionStorage.getItem("tandem.console.token"));
    assert.equal(await page.evaluate(() => sessionStorage.getItem("tandem.console.scheme")), "Bearer");
    // the token is the provider's ID token, which the REST API accepts as the mapped Server Admin
    const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString());
    assert.equal(claims.iss, provider.issuer);
    assert.equal(claims.aud, CLIENT_ID);
    const profile = await (
      await fetch(`${root}/api/rest/user/profile`, { headers: { Authorization: `Bearer ${token}` } })
    ).json();
    assert.equal(profile.body.username, "olivia");
    assert.equal(profile.body.serverRole, "Server Admin");
    await page.getByRole("link", { name: "Server", exact: true }).click();
    await heading("Server").waitFor();
    await page.locator("#stat-version").waitFor();
    await accessible("the dashboard after SSO");
    await screenshot("sso-dashboard");
    assert.equal(provider.refusals.length, 0, provider.refusals.join("; "));
  });

  step("signs out, and a callback used a second time is refused", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await heading("Sign in to Tandem").waitFor();
    // the provider's answer, as an attacker or the back button would bring it again
    await page.goto(`${root}/console/sso/callback?code=used&state=used`);
    await alert("No single sign-on was started in this tab").waitFor();
    await heading("Sign in to Tandem").waitFor();
    assert.equal(new URL(page.url()).pathname, "/console/login");
  });

  step("refuses an answer whose state differs, before it asks for a token", async () => {
    const requests = provider.tokenRequests;
    await page.route(`${provider.issuer}/authorize?*`, (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set("state", "not-the-state-the-console-sent");
      route.continue({ url: url.href });
    });
    try {
      await ssoButton().click();
      await alert("does not belong to the sign-in started here").waitFor();
    } finally {
      await page.unroute(`${provider.issuer}/authorize?*`);
    }
    await heading("Sign in to Tandem").waitFor();
    assert.equal(provider.tokenRequests, requests, "no code was exchanged");
    assert.equal(await pending(), null);
    await accessible("the sign-in page after a refused SSO answer");
    await screenshot("sso-wrong-state");
  });

  step("refuses a code whose verifier does not match the challenge, with the provider's reason", async () => {
    const refusals = provider.refusals.length;
    // an attacker's challenge instead of the console's: the console's verifier cannot match it
    await page.route(`${provider.issuer}/authorize?*`, (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set("code_challenge", sha256("a verifier the console never saw, long enough for PKCE"));
      route.continue({ url: url.href });
    });
    try {
      await expectingConsoleErrors([/status of 400/], async () => {
        await ssoButton().click();
        await alert("the code verifier does not match the code challenge").waitFor();
      });
    } finally {
      await page.unroute(`${provider.issuer}/authorize?*`);
    }
    assert.deepEqual(provider.refusals.slice(refusals), ["the code verifier does not match the code challenge"]);
    await heading("Sign in to Tandem").waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem("tandem.console.token")), null);
    assert.equal(await pending(), null);
  });

  browser.noConsoleErrors();
});
