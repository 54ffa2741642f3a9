// Minimal JWT minting for tests, including the malformed and hostile tokens a server must refuse.
import crypto from "node:crypto";

const b64url = (value) => Buffer.from(value).toString("base64url");

export function generateRsaKeyPair() {
  return crypto.generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}

/** Claims valid for a minute, for the given subject, with the audience Convergence expects. */
export function claims(sub, extra = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { sub, aud: "Convergence", iat: now, nbf: now - 1, exp: now + 60, ...extra };
}

export function signRs256({ kid, privateKey, payload }) {
  const signingInput = `${b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }))}.${b64url(JSON.stringify(payload))}`;
  const signature = crypto.sign("RSA-SHA256", Buffer.from(signingInput), privateKey);
  return `${signingInput}.${b64url(signature)}`;
}

/** The classic algorithm-confusion attack: HMAC keyed with the server's public key. */
export function signHs256WithPublicKey({ kid, publicKey, payload }) {
  const signingInput = `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT", kid }))}.${b64url(JSON.stringify(payload))}`;
  const signature = crypto.createHmac("sha256", publicKey).update(signingInput).digest();
  return `${signingInput}.${b64url(signature)}`;
}

export function unsigned({ kid, payload }) {
  return `${b64url(JSON.stringify({ alg: "none", typ: "JWT", kid }))}.${b64url(JSON.stringify(payload))}.`;
}

const RSA_ALGORITHMS = {
  RS256: { hash: "sha256" },
  RS384: { hash: "sha384" },
  RS512: { hash: "sha512" },
  PS256: { hash: "sha256", pss: 32 },
  PS384: { hash: "sha384", pss: 48 },
  PS512: { hash: "sha512", pss: 64 },
};

/** A JWS signed with an RSA algorithm (RS256/384/512, PS256/384/512); header fields may be added or overridden. */
export function signRsa({ alg = "RS256", kid, privateKey, payload, header = {} }) {
  const { hash, pss } = RSA_ALGORITHMS[alg];
  const signingInput = `${b64url(JSON.stringify({ alg, typ: "JWT", ...(kid === undefined ? {} : { kid }), ...header }))}.${b64url(JSON.stringify(payload))}`;
  const key = pss ? { key: privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: pss } : privateKey;
  const signature = crypto.sign(hash, Buffer.from(signingInput), key);
  return `${signingInput}.${b64url(signature)}`;
}

/** The token with its payload replaced and the original signature kept. */
export function withPayload(token, payload) {
  const [header, , signature] = token.split(".");
  return `${header}.${b64url(JSON.stringify(payload))}.${signature}`;
}
