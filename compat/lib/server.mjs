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
 *   port (default: a free one; give the previous run's port to restart a server where its clients reconnect),
 *   home (default target/: the folder holding tandem.jar, tandem.war, payara-micro.jar and tandem.sh),
 *   script (false: java -jar tandem.jar; true: tandem.sh, which adds the class-data archive; the JVM options then go
 *   in JAVA_OPTS) }
 */
export async function startServer(options) {
  if (containerImage) return startContainer(options);
  const home = options.home || path.dirname(launcherJar);
  const jar = path.join(home, "tandem.jar");
  if (!fs.existsSync(jar)) {
    throw new Error(`${jar} is missing: build it with 'mvn package -DskipTests' first`);
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
  const jvmOptions = [`-Xmx${options.heap || "1g"}`, ...(options.javaOptions || [])];
  // tandem.sh execs java, so the child's pid is the JVM's either way.
  const child = options.script
    ? spawn(path.join(home, "tandem.sh"), [], {
        env: { ...env, JAVA_OPTS: jvmOptions.join(" ") },
        stdio: ["ignore", "pipe", log],
      })
    : spawn("java", [...jvmOptions, "-jar", jar], { env, stdio: ["ignore", "pipe", log] });
  const started = Date.now();
  // Without the kill on a timeout the server outlives the failed run and keeps loading the machine.
  const ready = await awaitReadyLine(child, options.logFile, "server", () => child.kill());
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

/**
 * TANDEM_COMPAT_CONTAINER_IMAGE=<image> runs the server as that container image instead of java -jar (podman, on the
 * host's network, so the port and URLs stay the same): the same TANDEM_* and MP_* settings as -e, the data directory
 * mounted as the image's /data, and each setting that names a file (the seed file, the SSO key) mounted read-only at
 * the same path. Serves the suites that reach the server over the network only (no jcmd, no signals to a pid).
 */
const containerImage = process.env.TANDEM_COMPAT_CONTAINER_IMAGE;

async function startContainer(options) {
  const port = options.port || (await freePort());
  const name = `tandem-compat-${port}-${process.pid}`;
  const settings = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([k]) => /^(TANDEM|MP)_/.test(k) && !/^TANDEM_(TEST|COMPAT)_/.test(k)),
    ),
    TANDEM_HTTP_PORT: String(port),
    TANDEM_HTTP_ADDRESS: "127.0.0.1",
    TANDEM_DATA_DIR: "/data",
    ...(options.seedFile ? { TANDEM_BOOTSTRAP_FILE: options.seedFile } : {}),
    ...(options.db
      ? { TANDEM_DB_URL: options.db.url, TANDEM_DB_USER: options.db.user, TANDEM_DB_PASSWORD: options.db.password }
      : {}),
    JAVA_TOOL_OPTIONS: [`-Xmx${options.heap || "1g"}`, ...(options.javaOptions || [])].join(" "),
    ...(options.env || {}),
  };
  fs.mkdirSync(options.dataDir, { recursive: true });
  // :U gives the data directory to the image's user, as a fresh volume would be. The image's health probe is left
  // to .ci/container.sh: here the ready line tells, and podman without systemd only logs that it cannot schedule it.
  const args = [
    "run",
    "--rm",
    "--name",
    name,
    "--network=host",
    "--no-healthcheck",
    "-v",
    `${options.dataDir}:/data:U`,
  ];
  for (const [key, value] of Object.entries(settings)) {
    args.push("-e", `${key}=${value}`);
    if (path.isAbsolute(value) && fs.existsSync(value) && fs.statSync(value).isFile()) {
      args.push("-v", `${value}:${value}:ro`);
    }
  }
  args.push(containerImage);
  const log = fs.openSync(options.logFile, "a");
  const child = spawn("podman", args, { stdio: ["ignore", "pipe", log] });
  const remove = () => execFileSync("podman", ["rm", "--force", "--ignore", name], { stdio: "ignore" });
  const started = Date.now();
  const ready = await awaitReadyLine(child, options.logFile, `container ${name}`, remove);
  return {
    port,
    readyLine: ready,
    startupMillis: Date.now() - started,
    process: child,
    realtimeUrl: (namespace = "convergence", domain = "default") =>
      `http://127.0.0.1:${port}/api/realtime/${namespace}/${domain}`,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.on("exit", resolve));
      // The podman client is not the server: stop the container (SIGTERM, then SIGKILL after 20 s), or kill it.
      const command = signal === "SIGKILL" ? ["kill", name] : ["stop", "--time", "20", name];
      spawn("podman", command, { stdio: "ignore" });
      await exited;
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

/**
 * Copies the child's stdout into the log file and resolves with the launcher's "Tandem ready" line; rejects (after
 * onTimeout) when it has not come within TANDEM_COMPAT_STARTUP_SECONDS (default 180: a loaded machine can take
 * minutes to start Payara), or when the child exits first. The log keeps growing after the ready line.
 */
function awaitReadyLine(child, logFile, what, onTimeout) {
  return new Promise((resolve, reject) => {
    let buffered = "";
    const limit = Number(process.env.TANDEM_COMPAT_STARTUP_SECONDS) || 180;
    const timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`${what} not ready after ${limit} s; see ${logFile}`));
    }, limit * 1000);
    const onExit = (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code} before it was ready; see ${logFile}`));
    };
    child.on("exit", onExit);
    child.stdout.on("data", (chunk) => {
      fs.appendFileSync(logFile, chunk);
      if (buffered === null) return;
      buffered += chunk.toString();
      const line = buffered.split("\n").find((l) => l.startsWith("Tandem ready"));
      if (line) {
        buffered = null;
        clearTimeout(timer);
        child.off("exit", onExit);
        resolve(line);
      }
    });
  });
}
