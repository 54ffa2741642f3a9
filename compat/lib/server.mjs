// Starts and stops a real Tandem server (target/tandem.jar) for the compat tests.
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(here, "..", "..");
export const launcherJar = path.join(projectRoot, "target", "tandem.jar");

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Creates a fresh PostgreSQL database for one server run, when TANDEM_TEST_PG_HOST is set.
 * Returns the JDBC settings, or null for the embedded H2 default.
 */
export function freshPostgresDatabase(name) {
  const host = process.env.TANDEM_TEST_PG_HOST;
  if (!host) return null;
  const port = process.env.TANDEM_TEST_PG_PORT || "5432";
  const user = process.env.TANDEM_TEST_PG_USER || "postgres";
  const password = process.env.TANDEM_TEST_PG_PASSWORD || "";
  execFileSync("createdb", ["-h", host, "-p", port, "-U", user, name], {
    env: { ...process.env, PGPASSWORD: password },
    stdio: "inherit",
  });
  return { url: `jdbc:postgresql://${host}:${port}/${name}`, user, password };
}

/**
 * Starts the server and resolves once it prints its ready line.
 * options: { dataDir, seedFile, db: {url,user,password} | null, logFile, env, heap (default "1g"), javaOptions,
 *   port (default: a free one; give the previous run's port to restart a server where its clients reconnect) }
 */
export async function startServer(options) {
  if (!fs.existsSync(launcherJar)) {
    throw new Error(`${launcherJar} is missing: build it with 'mvn package -DskipTests' first`);
  }
  const port = options.port || (await freePort());
  const env = {
    ...process.env,
    TANDEM_HTTP_PORT: String(port),
    TANDEM_HTTP_ADDRESS: "127.0.0.1",
    TANDEM_DATA_DIR: options.dataDir,
    ...(options.seedFile ? { TANDEM_BOOTSTRAP_FILE: options.seedFile } : {}),
    ...(options.db
      ? { TANDEM_DB_URL: options.db.url, TANDEM_DB_USER: options.db.user, TANDEM_DB_PASSWORD: options.db.password }
      : {}),
    ...(options.env || {}),
  };
  const log = fs.openSync(options.logFile, "a");
  const child = spawn("java", [`-Xmx${options.heap || "1g"}`, ...(options.javaOptions || []), "-jar", launcherJar], {
    env,
    stdio: ["ignore", "pipe", log],
  });
  const started = Date.now();
  const ready = await new Promise((resolve, reject) => {
    let buffered = "";
    // A loaded machine can take minutes to start Payara: TANDEM_COMPAT_STARTUP_SECONDS raises the limit.
    const limit = Number(process.env.TANDEM_COMPAT_STARTUP_SECONDS) || 180;
    const timer = setTimeout(() => {
      // Without this the server outlives the failed run and keeps loading the machine.
      child.kill();
      reject(new Error(`server not ready after ${limit} s; see ${options.logFile}`));
    }, limit * 1000);
    child.stdout.on("data", (chunk) => {
      fs.appendFileSync(options.logFile, chunk);
      buffered += chunk.toString();
      const line = buffered.split("\n").find((l) => l.startsWith("Tandem ready"));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready; see ${options.logFile}`));
    });
  });
  // keep appending the log after the ready line
  child.stdout.removeAllListeners("data");
  child.stdout.on("data", (chunk) => fs.appendFileSync(options.logFile, chunk));
  return {
    port,
    readyLine: ready,
    startupMillis: Date.now() - started,
    process: child,
    realtimeUrl: (namespace = "convergence", domain = "default") =>
      `http://127.0.0.1:${port}/api/realtime/${namespace}/${domain}`,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise((resolve) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
        child.on("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill(signal);
      });
    },
  };
}

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Deletes what stopped servers left in a temporary directory (Payara's unpacked runtime and the H2 database: hundreds
 * of megabytes per run, gigabytes after a benchmark), keeping the entries named in `keep` (the server log).
 */
export function discardServerFiles(dir, keep = []) {
  for (const entry of fs.readdirSync(dir)) {
    if (!keep.includes(entry)) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
}
