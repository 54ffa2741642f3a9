// The REST API under /api/rest, as the console uses it: Convergence's envelope ({ok, body}), the session token from
// sign-in in the Authorization header, and one place that notices an ended session (any 401).

const TOKEN_KEY = "tandem.console.token";
const USER_KEY = "tandem.console.user";
// "SessionToken" after a password sign-in, "Bearer" after single sign-on (the SSO issuer's ID token)
const SCHEME_KEY = "tandem.console.scheme";

/** An answer of the API that is not a success: its HTTP status, error code and message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

// sessionStorage: the token lives as long as the tab, is not shared with other tabs, and goes when the tab closes.
export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  username: () => sessionStorage.getItem(USER_KEY),
  scheme: () => sessionStorage.getItem(SCHEME_KEY) || "SessionToken",
  start(token, username, scheme = "SessionToken") {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(USER_KEY, username);
    sessionStorage.setItem(SCHEME_KEY, scheme);
  },
  end() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
    sessionStorage.removeItem(SCHEME_KEY);
  },
};

let onUnauthorized = () => {};

/** Called when a call with a token is answered 401: the session expired or was ended elsewhere. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/**
 * One call: resolves to the envelope's body, or rejects with an ApiError. `credentials` ({scheme, token}) replaces
 * the session's for this call only, and a 401 then ends no session (single sign-on tries its token this way).
 */
export async function call(method, path, body, credentials) {
  const token = credentials ? credentials.token : session.token();
  const scheme = credentials ? credentials.scheme : session.scheme();
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `${scheme} ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(`/api/rest${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "The server cannot be reached.");
  }
  let envelope = null;
  if ((response.headers.get("Content-Type") || "").includes("json")) {
    envelope = await response.json().catch(() => null);
  }
  if (response.ok && envelope?.ok !== false) return envelope?.body;
  const error = new ApiError(response.status, envelope?.body?.error_code, envelope?.body?.error_message);
  if (response.status === 401 && token && !credentials) {
    session.end();
    onUnauthorized(error);
  }
  throw error;
}

export const api = {
  get: (path) => call("GET", path),
  post: (path, body) => call("POST", path, body ?? {}),
  put: (path, body) => call("PUT", path, body ?? {}),
  delete: (path) => call("DELETE", path),
};

/** A path segment, escaped: ids come from users. */
export const seg = (text) => encodeURIComponent(text);
