// Single sign-on through the corporate issuer: OpenID Connect's authorization code flow with PKCE (RFC 7636, S256),
// run here in the browser as a public client (a page cannot keep a client secret). The server says whether it is on
// and where the issuer's endpoints are (GET /api/rest/auth/sso, from the issuer's discovery document).
//
// The ID token the flow ends with is the console's credential (`Authorization: Bearer`): OpenID Connect makes it a JWT
// signed by the issuer, which is what the server's SSO verifier checks on every request (signature, issuer, expiry);
// an access token may be opaque or meant for another audience. The page checks what only it can: that the answer
// belongs to the sign-in it started (state), and the token to that sign-in (nonce) and to this client (aud).
import { call } from "./api.js";
import { BASE } from "./router.jsx";

// The verifier, state and nonce between leaving for the issuer and coming back: sessionStorage, so this tab only, and
// removed as soon as the answer arrives, used or not.
const PENDING_KEY = "tandem.console.sso";
export const CALLBACK_ROUTE = "/sso/callback";

/** A failed single sign-on, with a message for the person signing in. */
export class SsoError extends Error {}

const base64url = (bytes) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** `n` random bytes as base64url: 32 bytes make a 43-character verifier, RFC 7636's shortest. */
const random = (n) => base64url(crypto.getRandomValues(new Uint8Array(n)));

/** The server's SSO settings: {enabled, issuer, clientId, scopes, authorizationEndpoint, tokenEndpoint}. */
export const ssoSettings = () => call("GET", "/auth/sso");

/** Leaves for the issuer's authorization endpoint; `after` is the console route to return to. */
export async function startSignIn(settings, after) {
  // crypto.subtle exists only on secure pages (https, or http on localhost)
  if (!globalThis.crypto?.subtle) {
    throw new SsoError("Single sign-on needs a secure page: open the console over HTTPS (or on localhost).");
  }
  const verifier = random(32);
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  const pending = {
    verifier,
    state: random(16),
    nonce: random(16),
    redirectUri: `${location.origin}${BASE}${CALLBACK_ROUTE}`,
    after,
    issuer: settings.issuer,
    clientId: settings.clientId,
    tokenEndpoint: settings.tokenEndpoint,
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(settings.authorizationEndpoint);
  const query = {
    response_type: "code",
    client_id: settings.clientId,
    redirect_uri: pending.redirectUri,
    scope: settings.scopes,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: challenge,
    code_challenge_method: "S256",
  };
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  location.assign(url.href);
}

/** The claims of a JWT, unverified (the server verifies the signature); null when it is not a JWT. */
function claimsOf(jwt) {
  try {
    const payload = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/**
 * Completes the sign-in the issuer sent the browser back from (`search` is the callback's query): checks the state,
 * exchanges the code and the verifier for tokens, checks the ID token's nonce, issuer and audience, and asks the
 * server who the token is. Resolves to {token, username, after}; rejects with an SsoError.
 */
export async function finishSignIn(search) {
  const saved = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (!saved) {
    throw new SsoError("No single sign-on was started in this tab, or its answer was used already. Sign in again.");
  }
  const pending = JSON.parse(saved);
  const params = new URLSearchParams(search);
  // before anything else in the answer is believed, even an error: an answer to another sign-in is not ours to show
  if (params.get("state") !== pending.state) {
    throw new SsoError(
      "The identity provider's answer does not belong to the sign-in started here (its state differs), so it was not used. Sign in again.",
    );
  }
  if (params.get("error")) {
    const description = params.get("error_description");
    throw new SsoError(
      `The identity provider refused the sign-in: ${params.get("error")}${description ? ` (${description})` : ""}.`,
    );
  }
  const code = params.get("code");
  if (!code) throw new SsoError("The identity provider's answer has no authorization code.");

  let response;
  try {
    response = await fetch(pending.tokenEndpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: pending.redirectUri,
        client_id: pending.clientId,
        code_verifier: pending.verifier,
      }),
    });
  } catch {
    throw new SsoError("The identity provider's token endpoint cannot be reached.");
  }
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const description = answer.error_description ? ` (${answer.error_description})` : "";
    throw new SsoError(
      `The identity provider refused to issue a token: ${answer.error ?? `HTTP ${response.status}`}${description}.`,
    );
  }
  const claims = typeof answer.id_token === "string" ? claimsOf(answer.id_token) : null;
  if (!claims) throw new SsoError("The identity provider answered without an ID token.");
  if (claims.nonce !== pending.nonce) {
    throw new SsoError("The ID token was not issued for this sign-in (its nonce differs), so it was not used.");
  }
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.iss !== pending.issuer || !audience.includes(pending.clientId)) {
    throw new SsoError("The ID token is not from the configured issuer or not for this console.");
  }
  let profile;
  try {
    profile = await call("GET", "/user/profile", undefined, { scheme: "Bearer", token: answer.id_token });
  } catch (e) {
    throw new SsoError(`Tandem refused the identity provider's token: ${e.message}.`);
  }
  return { token: answer.id_token, username: profile.username, after: pending.after ?? "" };
}
