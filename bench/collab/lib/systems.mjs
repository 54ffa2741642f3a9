// The two systems under test, each driven by its own real client (driver "client": Tandem by the unchanged Convergence
// client rc.12, ShareDB 7 by sharedb/lib/client) or by a lightweight protocol-level editor (driver "protocol", see
// protocol.mjs). Both expose the same small editor interface to the workloads:
//   const editor = await system.editor(name);
//   const doc = await editor.open(docId);       // creates { text: "" } if missing
//   await doc.type();                           // inserts one character; resolves on the server's acknowledgement
//   doc.onRemote(fn);                           // fn() per remote operation applied
//   await editor.close();
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import convergence from "@convergence/convergence";
import ShareDBClient from "sharedb/lib/client/index.js";
import { shareDbProtocolEditor, tandemProtocolEditor } from "./protocol.mjs";
import { discardServerFiles, startServer, tempDir, freshPostgresDatabase } from "../../../compat/lib/server.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const { Convergence } = convergence;

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function processCpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function processRssBytes(pid) {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(line.split(/\s+/)[1]) * 1024;
}

function randomPosition(length) {
  return Math.floor(Math.random() * (length + 1));
}

// ---------------------------------------------------------------------------------------------------------------
// Tandem

/**
 * Starts Tandem from target/tandem.jar (built by `mvn package -DskipTests`) on H2, or PostgreSQL when
 * database = "postgres" (needs TANDEM_TEST_PG_HOST etc., as compat/). The per-connection message-rate limit is lifted:
 * one unthrottled editor sends more than the default 1,000 messages/s.
 */
export async function startTandem({ database = "h2", heap = "2g", env = {}, driver = "client" } = {}) {
  const dataDir = tempDir("tandem-bench-");
  const db = database === "postgres" ? freshPostgresDatabase(`tandem_bench_${Date.now()}`) : null;
  const logFile = path.join(dataDir, "server.log");
  const start = () =>
    startServer({
      dataDir,
      db,
      logFile,
      heap,
      // Extra JVM options for a profiled run, e.g. "-XX:StartFlightRecording=filename=/tmp/w2.jfr" (space-separated).
      javaOptions: (process.env.TANDEM_BENCH_JAVA_OPTIONS || "").split(" ").filter(Boolean),
      env: { TANDEM_REALTIME_MAX_MESSAGES_PER_SECOND: "1000000", TANDEM_REALTIME_MESSAGE_BURST: "1000000", ...env },
    });
  let server = await start();
  const system = {
    name: database === "postgres" ? "Tandem (PostgreSQL)" : "Tandem (H2)",
    driver,
    pid: server.process.pid,
    startupMillis: server.startupMillis,
    readyLine: server.readyLine,
    logFile,
    dataDir,
    db,
    async editor(name) {
      if (driver === "protocol") return tandemProtocolEditor(server.realtimeUrl(), name);
      return tandemEditor(await Convergence.connectAnonymously(server.realtimeUrl(), name, clientOptions()));
    },
    /** Heap in use after a full GC (jcmd) and RSS, in bytes. */
    async memory() {
      execFileSync("jcmd", [String(system.pid), "GC.run"], { stdio: "ignore" });
      const info = execFileSync("jcmd", [String(system.pid), "GC.heap_info"]).toString();
      const used = /used (\d+)K/.exec(info);
      return { heap: Number(used[1]) * 1024, rss: processRssBytes(system.pid) };
    },
    /** Stops the server (SIGTERM, as an operator would) and starts it again on the same database. */
    async restart() {
      await server.stop();
      server = await start();
      system.pid = server.process.pid;
    },
    async stop() {
      await server.stop();
      discardServerFiles(dataDir, ["server.log"]);
    },
    /** Stops the server and leaves its files (storm.mjs measures the database afterwards), until discardFiles(). */
    async stopKeepingFiles() {
      await server.stop();
    },
    discardFiles() {
      discardServerFiles(dataDir, ["server.log"]);
    },
  };
  return system;
}

/**
 * `ws` dispatching each message (and close and error, to keep their order) as its own task, as a browser does: rc.12
 * registers a newly opened model in a promise callback and drops a remoteClientOpened that `ws` delivers in the same
 * tick as the open response (see compat/lib/client.mjs, which has the same class for the tests).
 */
class BrowserLikeWebSocket extends WebSocket {
  set onmessage(listener) {
    super.onmessage = asTask(listener);
  }

  get onmessage() {
    return super.onmessage;
  }

  set onclose(listener) {
    super.onclose = asTask(listener);
  }

  get onclose() {
    return super.onclose;
  }

  set onerror(listener) {
    super.onerror = asTask(listener);
  }

  get onerror() {
    return super.onerror;
  }
}

function asTask(listener) {
  return typeof listener === "function" ? (event) => setImmediate(() => listener(event)) : listener;
}

function clientOptions() {
  return {
    webSocket: { factory: (u) => new BrowserLikeWebSocket(u), class: BrowserLikeWebSocket },
    // the benchmark measures steady state; a reconnect would be a failure, not something to smooth over
    reconnect: { autoReconnect: false },
  };
}

function tandemEditor(domain) {
  return {
    async open(docId) {
      const model = await domain.models().openAutoCreate({ collection: "bench", id: docId, data: { text: "" } });
      const text = model.elementAt("text");
      // The client has no per-operation acknowledgement callback; its handler for OperationAcknowledgement is
      // wrapped (on this instance only) to resolve the oldest pending operation, exactly when the client processes
      // the acknowledgement. Behaviour is unchanged.
      const pending = [];
      const handleAck = model._handleOperationAck.bind(model);
      model._handleOperationAck = (message) => {
        handleAck(message);
        const resolve = pending.shift();
        if (resolve) resolve();
      };
      return {
        type() {
          text.insert(randomPosition(text.length()), "x");
          return new Promise((resolve) => pending.push(resolve));
        },
        onRemote(listener) {
          text.on("insert", listener);
        },
        length: () => text.length(),
        close: () => model.close(),
      };
    },
    close: () => domain.dispose(),
    raw: domain,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// ShareDB

/** Starts ShareDB 7 (in-memory database) in a child Node process. */
export async function startShareDb({ driver = "client" } = {}) {
  const started = Date.now();
  const child = spawn(process.execPath, ["--expose-gc", path.join(here, "sharedb-server.mjs"), "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("ShareDB not ready after 30 s")), 30_000);
    child.stdout.on("data", (chunk) => {
      const match = /ShareDB ready on (\d+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on("exit", (code) => reject(new Error(`ShareDB exited with ${code}`)));
  });
  const startupMillis = Date.now() - started;
  return {
    name: "ShareDB 7 (memory)",
    driver,
    pid: child.pid,
    startupMillis,
    port,
    /** Heap in use after a full GC and RSS, in bytes, as the ShareDB process reports them. */
    async memory() {
      const stats = await (await fetch(`http://127.0.0.1:${port}/stats`)).json();
      return { heap: stats.heapUsed, rss: stats.rss };
    },
    async editor() {
      if (driver === "protocol") return shareDbProtocolEditor(port);
      const socket = new WebSocket(`ws://127.0.0.1:${port}`);
      await new Promise((resolve, reject) => {
        socket.once("open", resolve);
        socket.once("error", reject);
      });
      const connection = new ShareDBClient.Connection(socket);
      connection.on("error", (e) => console.error(`[bench] ShareDB client error: ${e.message}`));
      return shareDbEditor(connection, socket);
    },
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise((resolve) => {
        child.on("exit", resolve);
        child.kill("SIGTERM");
      });
    },
  };
}

function shareDbEditor(connection, socket) {
  return {
    async open(docId) {
      const doc = connection.get("bench", docId);
      await new Promise((resolve, reject) => doc.subscribe((e) => (e ? reject(e) : resolve())));
      if (!doc.type) {
        await new Promise((resolve, reject) =>
          doc.create({ text: "" }, (e) => (e && e.code !== "ERR_DOC_ALREADY_CREATED" ? reject(e) : resolve())),
        );
      }
      return {
        type() {
          const position = randomPosition(doc.data.text.length);
          return new Promise((resolve, reject) =>
            doc.submitOp([{ p: ["text", position], si: "x" }], (e) => (e ? reject(e) : resolve())),
          );
        },
        onRemote(listener) {
          doc.on("op", (op, source) => {
            if (!source) listener();
          });
        },
        length: () => doc.data.text.length,
        close: () => new Promise((resolve) => doc.destroy(() => resolve())),
      };
    },
    async close() {
      connection.close();
      socket.close();
    },
  };
}
