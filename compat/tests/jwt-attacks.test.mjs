// Issue 19 (hostile-test findings as CI): one table of hostile JWTs, each tried on the realtime JWT login
// (Convergence.connectWithJwt, the domain's keys) and on the REST API's single sign-on (Authorization: Bearer, the
// fixture issuer), one test per row and path, with a valid token as the control row.
//
// What the two verifiers accept differs by design, and the table records it:
//   realtime (identity/JwtVerifier): RS256 only; the kid must name an enabled key of the domain; exp required, nbf
//     honoured, 30 s skew; aud must contain "Convergence"; sub required. Refusal: ConnectionResponse failure
//     authentication_failed (no retry).
//   REST SSO (admin/SsoVerifier, nimbus): RS256, RS384 and RS512 with the issuer's key (PS* and everything else
//     refused); the issuer's single PEM key verifies whatever kid a token names (identity providers set one, a PEM has
//     none to match), so the kid is never looked up, let alone used as a path; iss, sub, exp and iat required, nbf
//     honoured, 60 s skew; aud checked only when mp.jwt.verify.audiences is set, which the compat server does not set
//     (the audience check is covered by SsoVerifierTest). Refusal: 401 unauthorized in the envelope.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, describe, it } from "node:test";
import { Convergence, options } from "../lib/client.mjs";
import { fixtures, realtimeUrl } from "../lib/env.mjs";
import { generateRsaKeyPair, signHs256WithPublicKey, signRsa, unsigned, withPayload } from "../lib/jwt.mjs";
import { call, fails, ok, unique } from "../lib/rest.mjs";

const MAX_TOKEN_BYTES = 16 * 1024; // tandem.realtime.max-token-bytes, the server's default
const stranger = generateRsaKeyPair();
const now = () => Math.floor(Date.now() / 1000);
const TEN_MINUTES = 600;

/** The two paths: how to mint a valid token, and how a login with it turns out. */
const paths = {
  realtime: {
    kid: "compat-key",
    key: fixtures.enabledKey,
    claims: (extra = {}) => ({
      sub: unique("jwt-attack"),
      aud: "Convergence",
      iat: now(),
      nbf: now() - 1,
      exp: now() + 60,
      ...extra,
    }),
    async login(token) {
      try {
        const domain = await Convergence.connectWithJwt(realtimeUrl(), token, options());
        const username = domain.session().user().username;
        await domain.dispose();
        return { accepted: true, username };
      } catch (error) {
        return { accepted: false, code: error.code, message: error.message };
      }
    },
    refusedWith(result) {
      assert.equal(result.code, "authentication_failed", JSON.stringify(result));
    },
  },
  rest: {
    kid: "sso",
    key: fixtures.sso.key,
    claims: (extra = {}) => ({
      iss: fixtures.sso.issuer,
      sub: unique("sso-attack"),
      iat: now(),
      exp: now() + 300,
      groups: [fixtures.sso.developerGroup],
      ...extra,
    }),
    async login(token) {
      const result = await call("GET", "/user/profile", { auth: { sso: token } });
      if (result.status === 200) return { accepted: true, username: ok(result).username, result };
      return { accepted: false, result };
    },
    refusedWith({ result }) {
      fails(result, 401, "unauthorized");
    },
  },
};

const drop = (object, ...names) => Object.fromEntries(Object.entries(object).filter(([name]) => !names.includes(name)));

/**
 * Each row: make(path) returns {token, sub?} (sub: the username an accepted token logs in as), and what each path
 * does with it: "accepted", "refused", or null where the row does not apply.
 */
const rows = [
  {
    name: "a valid RS256 token (control)",
    realtime: "accepted",
    rest: "accepted",
    make: (p) => ({
      claims: p.claims(),
      sign: (c) => signRsa({ kid: p.kid, privateKey: p.key.privateKey, payload: c }),
    }),
  },
  {
    name: "alg none",
    realtime: "refused",
    rest: "refused",
    make: (p) => ({ claims: p.claims(), sign: (c) => unsigned({ kid: p.kid, payload: c }) }),
  },
  {
    name: "alg none with an empty signature and a capitalised name",
    realtime: "refused",
    rest: "refused",
    make: (p) => ({
      claims: p.claims(),
      sign: (c) =>
        unsigned({ kid: p.kid, payload: c }).replace(
          /^[^.]+/,
          Buffer.from(JSON.stringify({ alg: "None", kid: p.kid })).toString("base64url"),
        ),
    }),
  },
  {
    name: "HS256 keyed with the public key (algorithm confusion)",
    realtime: "refused",
    rest: "refused",
    make: (p) => ({
      claims: p.claims(),
      sign: (c) => signHs256WithPublicKey({ kid: p.kid, publicKey: p.key.publicKey, payload: c }),
    }),
  },
  {
    name: "an unknown kid",
    realtime: "refused",
    rest: "accepted", // REST: the issuer's one PEM key verifies any kid
    make: (p) => ({
      claims: p.claims(),
      sign: (c) => signRsa({ kid: "no-such-key", privateKey: p.key.privateKey, payload: c }),
    }),
  },
  {
    name: "no kid",
    realtime: "refused",
    rest: "accepted",
    make: (p) => ({ claims: p.claims(), sign: (c) => signRsa({ privateKey: p.key.privateKey, payload: c }) }),
  },
  {
    name: "a path-like kid (../../etc/passwd)",
    realtime: "refused",
    rest: "accepted",
    make: (p) => ({
      claims: p.claims(),
      sign: (c) => signRsa({ kid: "../../etc/passwd", privateKey: p.key.privateKey, payload: c }),
    }),
  },
  {
    name: "a path-like kid signed by another key",
    realtime: "refused",
    rest: "refused",
    make: (p) => ({
      claims: p.claims(),
      sign: (c) => signRsa({ kid: "../../../../etc/passwd", privateKey: stranger.privateKey, payload: c }),
    }),
  },
  {
    name: "a jku/x5u header pointing elsewhere, signed by another key",
    realtime: "refused",
    rest: "refused",
    make: (p) => ({
      claims: p.claims(),
      sign: (c) =>
        signRsa({
          kid: p.kid,
          privateKey: stranger.privateKey,
          payload: c,
          header: { jku: "http://127.0.0.1:1/keys", x5u: "http://127.0.0.1:1/cert" },
        }),
    }),
  },
  {
    name: "an embedded jwk header with the attacker's key",
    realtime: "refused",
    rest: "refused",
    make: (p) => ({
      claims: p.claims(),
      sign: (c) =>
        signRsa({
          kid: p.kid,
          privateKey: stranger.privateKey,
          payload: c,
          header: { jwk: cryptoJwk(stranger.publicKey) },
        }),
    }),
  },
  {
    name: "an expired token",
    realtime: "refused",
    rest: "refused",
    make: (p) => ({
      claims: p.claims({ iat: now() - 2 * TEN_MINUTES, nbf: now() - 2 * TEN_MINUTES, exp: now() - TEN_MINUTES }),
      sign: (c) => signRsa({ kid: p.kid, privateKey: p.key.privateKey, payload: c }),
    }),
  },
  {
    name: "no exp",
    realtime: "refused",
    rest: "refused",
    make: (p) => ({
      claims: drop(p.claims(), "exp"),
      sign: (c) => signRsa({ kid: p.kid, privateKey: p.key.privateKey, payload: c }),
    }),
  },
  {
    name: "nbf in the future",
    realtime: "refused",
    rest: "refused",
    make: (p) => ({
      claims: p.claims({ nbf: now() + TEN_MINUTES, exp: now() + 2 * TEN_MINUTES }),
      sign: (c) => signRsa({ kid: p.kid, privateKey: p.key.privateKey, payload: c }),
    }),
  },
  {
    name: "iat in the future",
    realtime: "refused",
    rest: "refused",
    make: (p) => ({
      claims: drop(p.claims({ iat: now() + TEN_MINUTES, exp: now() + 2 * TEN_MINUTES }), "nbf"),
      sign: (c) => signRsa({ kid: p.kid, privateKey: p.key.privateKey, payload: c }),
    }),
  },
  {
    name: "a wrong aud",
    realtime: "refused",
    rest: "accepted", // REST: no audience configured in the compat server
    make: (p) => ({
      claims: p.claims({ aud: "SomethingElse" }),
      sign: (c) => signRsa({ kid: p.kid, privateKey: p.key.privateKey, payload: c }),
    }),
  },
  {
    name: "no aud",
    realtime: "refused",
    rest: "accepted",
    make: (p) => ({
      claims: drop(p.claims(), "aud"),
      sign: (c) => signRsa({ kid: p.kid, privateKey: p.key.privateKey, payload: c }),
    }),
  },
  {
    name: "a wrong iss",
    realtime: null,
    rest: "refused", // the realtime login has no issuer: the domain's keys are its trust
    make: (p) => ({
      claims: p.claims({ iss: "https://evil.example" }),
      sign: (c) => signRsa({ kid: p.kid, privateKey: p.key.privateKey, payload: c }),
    }),
  },
  {
    name: "a tampered payload (another sub, the admin group)",
    realtime: "refused",
    rest: "refused",
    make: (p) => {
      const original = signRsa({ kid: p.kid, privateKey: p.key.privateKey, payload: p.claims() });
      return {
        claims: p.claims({ sub: "alice", groups: [fixtures.sso.adminGroup] }),
        sign: (c) => withPayload(original, c),
      };
    },
  },
  {
    name: "no sub",
    realtime: "refused",
    rest: "refused",
    make: (p) => ({
      claims: drop(p.claims(), "sub"),
      sign: (c) => signRsa({ kid: p.kid, privateKey: p.key.privateKey, payload: c }),
    }),
  },
  {
    name: "a blank sub",
    realtime: "refused",
    rest: "refused",
    make: (p) => ({
      claims: p.claims({ sub: "  " }),
      sign: (c) => signRsa({ kid: p.kid, privateKey: p.key.privateKey, payload: c }),
    }),
  },
  {
    name: "a token signed by another key",
    realtime: "refused",
    rest: "refused",
    make: (p) => ({
      claims: p.claims(),
      sign: (c) => signRsa({ kid: p.kid, privateKey: stranger.privateKey, payload: c }),
    }),
  },
  {
    name: "a disabled domain key",
    realtime: "refused",
    rest: null, // REST SSO has one key, no disabling
    make: (p) => ({
      claims: p.claims(),
      sign: (c) => signRsa({ kid: "compat-disabled-key", privateKey: fixtures.disabledKey.privateKey, payload: c }),
    }),
  },
  {
    name: "RS384 with the right key",
    realtime: "refused",
    rest: "accepted",
    make: (p) => ({
      claims: p.claims(),
      sign: (c) => signRsa({ alg: "RS384", kid: p.kid, privateKey: p.key.privateKey, payload: c }),
    }),
  },
  {
    name: "RS512 with the right key",
    realtime: "refused",
    rest: "accepted",
    make: (p) => ({
      claims: p.claims(),
      sign: (c) => signRsa({ alg: "RS512", kid: p.kid, privateKey: p.key.privateKey, payload: c }),
    }),
  },
  {
    name: "PS256 with the right key",
    realtime: "refused",
    rest: "refused",
    make: (p) => ({
      claims: p.claims(),
      sign: (c) => signRsa({ alg: "PS256", kid: p.kid, privateKey: p.key.privateKey, payload: c }),
    }),
  },
  {
    name: `an oversized token (over ${MAX_TOKEN_BYTES} bytes)`,
    realtime: "refused",
    rest: "refused",
    make: (p) => ({
      claims: p.claims({ padding: "x".repeat(MAX_TOKEN_BYTES) }),
      sign: (c) => signRsa({ kid: p.kid, privateKey: p.key.privateKey, payload: c }),
    }),
    check: (path, result) =>
      assert.match(path === "realtime" ? result.message : result.result.text, /larger than 16384 bytes/),
  },
  {
    name: "not a JWT at all",
    realtime: "refused",
    rest: "refused",
    make: () => ({ claims: {}, sign: () => "not.a.jwt" }),
  },
  {
    name: "five parts (a JWE shape)",
    realtime: "refused",
    rest: "refused",
    make: () => ({
      claims: {},
      sign: () => ["eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ", "a", "b", "c", "d"].join("."),
    }),
  },
];

/** The public key's JWK (kty, n, e). */
function cryptoJwk(publicKeyPem) {
  return crypto.createPublicKey(publicKeyPem).export({ format: "jwk" });
}

for (const [pathName, path] of Object.entries(paths)) {
  describe(`JWT attacks on the ${pathName === "realtime" ? "realtime login" : "REST API's single sign-on"}`, () => {
    for (const row of rows) {
      const expected = row[pathName];
      if (!expected) continue;
      it(`${expected === "accepted" ? "accepts" : "refuses"} ${row.name}`, async () => {
        const { claims, sign } = row.make(path);
        const result = await path.login(sign(claims));
        if (expected === "accepted") {
          assert.equal(result.accepted, true, `refused: ${JSON.stringify(result.message ?? result.result?.text)}`);
          assert.match(result.username, new RegExp(`${claims.sub}$`));
        } else {
          assert.equal(result.accepted, false, `accepted as ${result.username}`);
          path.refusedWith(result);
          row.check?.(pathName, result);
        }
      });
    }
  });
}
