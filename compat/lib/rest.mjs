// Helpers for the admin REST API tests: requests with each credential kind, envelope checks, throwaway users.
import assert from "node:assert/strict";
import { fixtures, port } from "./env.mjs";

export const base = `http://127.0.0.1:${port}/api/rest`;
export const serverRoot = `http://127.0.0.1:${port}`;
/** Where MicroProfile Health answers: the HTTP port, or the server's management port (WildFly: --health-port). */
export const healthRoot = `http://127.0.0.1:${Number(process.env.TANDEM_COMPAT_HEALTH_PORT) || port}`;

/**
 * One request. auth: undefined (none), a full header value ("SessionToken x"), or {session|bearer|apiKey|sso: secret}.
 * body: an object (sent as JSON) or a string (sent as is). Returns {status, json, headers}.
 */
export async function call(method, path, { auth, body, headers = {} } = {}) {
  const h = { ...headers };
  if (auth) h.Authorization = typeof auth === "string" ? auth : authHeader(auth);
  if (body !== undefined) h["Content-Type"] = "application/json";
  const response = await fetch(path.startsWith("http") ? path : base + path, {
    method,
    headers: h,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, headers: response.headers };
}

function authHeader(auth) {
  if (auth.session) return `SessionToken ${auth.session}`;
  if (auth.bearer) return `BearerToken ${auth.bearer}`;
  if (auth.apiKey) return `UserApiKey ${auth.apiKey}`;
  if (auth.sso) return `Bearer ${auth.sso}`;
  throw new Error(`unknown auth ${JSON.stringify(auth)}`);
}

/** Asserts a success envelope with the status; returns the body. */
export function ok(result, status = 200) {
  assert.equal(result.status, status, `expected ${status}, got ${result.status}: ${result.text}`);
  assert.equal(result.json?.ok, true, result.text);
  return result.json.body;
}

/** Asserts an error envelope with the status (and code, when given); returns the error body. */
export function fails(result, status, code) {
  assert.equal(result.status, status, `expected ${status}, got ${result.status}: ${result.text}`);
  assert.equal(result.json?.ok, false, `not an error envelope: ${result.text}`);
  assert.equal(typeof result.json.body.error_code, "string", result.text);
  if (code) assert.equal(result.json.body.error_code, code, result.text);
  assert.doesNotMatch(result.text, /at (dev|java|org|jakarta)\.[\w.$]+\(/, "a stack trace leaked");
  return result.json.body;
}

export async function login(username, password) {
  return ok(await call("POST", "/auth/login", { body: { username, password } })).token;
}

export const adminLogin = () => login(fixtures.admin.username, fixtures.admin.password);

let counter = 0;
/** A unique name for this run (tests share one server). */
export function unique(prefix) {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** Creates a server user with the role and returns {username, password, token}. */
export async function serverUser(adminToken, serverRole = "Developer") {
  const username = unique("u");
  const password = "secret-password-1";
  ok(
    await call("POST", "/users", {
      auth: { session: adminToken },
      body: { username, password, serverRole, displayName: username },
    }),
    201,
  );
  return { username, password, token: await login(username, password) };
}
