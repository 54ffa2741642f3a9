// What run.mjs tells each test file about the server under test.
import fs from "node:fs";

export const port = Number(process.env.TANDEM_COMPAT_PORT);
if (!port) throw new Error("TANDEM_COMPAT_PORT is not set: run the suite with 'node run.mjs'");

export const realtimeUrl = (namespace = "convergence", domain = "default", p = port) =>
  `http://127.0.0.1:${p}/api/realtime/${namespace}/${domain}`;

export const fixtures = JSON.parse(fs.readFileSync(process.env.TANDEM_COMPAT_FIXTURES, "utf8"));

export const serverLogFile = process.env.TANDEM_COMPAT_SERVER_LOG;
/** Which server runs Tandem: "payara" (Payara Micro through the launcher, or Payara Server) or "wildfly" (--server). */
export const serverKind = process.env.TANDEM_COMPAT_SERVER ?? "payara";

export function serverLogSize() {
  return fs.statSync(serverLogFile).size;
}

/** The server log written since the given offset. */
export function serverLogSince(offset) {
  const buffer = fs.readFileSync(serverLogFile);
  return buffer.subarray(offset).toString("utf8");
}
