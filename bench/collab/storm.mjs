// A sustained storm of edits against Tandem on its embedded H2 default, sampling the database file while it runs:
// does the file stay bounded (issue 19, defect 4)? M models × 2 protocol-level editors (lib/protocol.mjs), each
// keeping one operation in flight, all of them together held to at most --rate acknowledged operations/s.
//
//   node storm.mjs --minutes 10 --rate 3500          one run; prints a line every 10 s and a summary
//   node storm.mjs --minutes 30 --rate 3500 --env TANDEM_H2_COMPACTION=false   the same with a server setting
//   node storm.mjs --chart results/storm-a.json results/storm-b.json            redraw the chart from saved runs
//
// Every 10 s: operations acknowledged (total and per second in the interval), the size of <data dir>/db/*.mv.db, the
// bytes of file per operation acknowledged so far, the bytes the server wrote to disk per operation in the interval
// (/proc/<pid>/io) and its CPU. At the end, the file's logical size: the server is stopped (SIGTERM) and its
// database is compacted in full by H2's own tool, without compression (MVStoreTool -compact, run from the H2 jar the
// unit tests use: ~/.m2/.../h2-2.2.224.jar, or H2_JAR), so "logical" is what the live data takes as H2 stores it,
// without free space or dead pages; then compressed too (MVStoreTool -compress, what SHUTDOWN COMPACT writes), for
// reference. Results go to results/storm-<time>.json and results/storm.png.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import { Resvg } from "@resvg/resvg-js";
import { startTandem, processCpuSeconds } from "./lib/systems.mjs";
import { inBatches, sleep } from "./lib/measure.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    minutes: { type: "string", default: "10" },
    rate: { type: "string", default: "3500" },
    models: { type: "string", default: "100" },
    connections: { type: "string", default: "20" },
    // seconds between samples
    every: { type: "string", default: "10" },
    // KEY=VALUE, repeatable: extra environment for the server (e.g. a setting to compare)
    env: { type: "string", multiple: true, default: [] },
    label: { type: "string" },
    out: { type: "string", default: path.join(here, "results") },
    chart: { type: "boolean", default: false },
  },
});

const H2_JAR =
  process.env.H2_JAR ||
  path.join(os.homedir(), ".m2", "repository", "com", "h2database", "h2", "2.2.224", "h2-2.2.224.jar");
const MB = 1024 * 1024;

if (args.chart) {
  const runs = positionals.map((file) => JSON.parse(fs.readFileSync(file, "utf8")));
  await chart(runs, path.join(args.out, "storm.png"));
  process.exit(0);
}

if (!fs.existsSync(H2_JAR)) {
  throw new Error(`${H2_JAR} is missing (mvn test-compile fetches it; or set H2_JAR to an H2 2.2.224 jar)`);
}
const minutes = Number(args.minutes);
const rate = Number(args.rate);
const modelCount = Number(args.models);
const every = Number(args.every);
const env = Object.fromEntries(
  args.env.map((kv) => {
    const at = kv.indexOf("=");
    return [kv.slice(0, at), kv.slice(at + 1)];
  }),
);
const label = args.label || (args.env.length ? args.env.join(" ") : "default");

const system = await startTandem({ driver: "protocol", env });
const dbDir = path.join(system.dataDir, "db");
log(`Tandem (H2) up in ${(system.startupMillis / 1000).toFixed(1)} s, data in ${system.dataDir}; ${label}`);

// Editors: M models × 2, spread over the connections, as workload 3 ("models") of run.mjs.
const connectionCount = Math.max(2, Math.min(Number(args.connections), modelCount * 2));
const editors = await inBatches(
  Array.from({ length: connectionCount }, (_, i) => `storm-${i}`),
  16,
  (name) => system.editor(name),
);
const run = crypto.randomUUID();
const slots = [];
for (let i = 0; i < modelCount; i++) {
  slots.push([editors[(2 * i) % connectionCount], `storm-${run}-${i}`]);
}
for (let i = 0; i < modelCount; i++) {
  slots.push([editors[(2 * i + 1) % connectionCount], `storm-${run}-${i}`]);
}
const docs = await inBatches(slots, 16, ([editor, docId]) => editor.open(docId));

// One shared budget of operations per second, handed out every 10 ms: an editor waits for a permit before it sends.
let permits = 0;
const waiting = [];
const refill = setInterval(() => {
  permits = Math.min(permits + rate / 100, rate / 10);
  while (permits >= 1 && waiting.length > 0) {
    permits--;
    waiting.shift()();
  }
}, 10);
const permit = () => {
  if (permits >= 1 && waiting.length === 0) {
    permits--;
    return null;
  }
  return new Promise((resolve) => waiting.push(resolve));
};

let acknowledged = 0;
let failures = 0;
let running = true;
const loops = docs.map(async (doc) => {
  while (running) {
    const wait = permit();
    if (wait) await wait;
    try {
      await doc.type();
      acknowledged++;
    } catch (e) {
      failures++;
      await sleep(100);
    }
  }
});

const fileBytes = () =>
  fs
    .readdirSync(dbDir)
    .filter((f) => f.endsWith(".mv.db"))
    .reduce((sum, f) => sum + fs.statSync(path.join(dbDir, f)).size, 0);
const samples = [];
const started = Date.now();
const writtenBytes = () => Number(/^write_bytes: (\d+)$/m.exec(fs.readFileSync(`/proc/${system.pid}/io`, "utf8"))[1]);
let last = { t: 0, ops: 0, cpu: processCpuSeconds(system.pid), written: writtenBytes() };
const sample = () => {
  const t = (Date.now() - started) / 1000;
  const cpu = processCpuSeconds(system.pid);
  const written = writtenBytes();
  const s = {
    seconds: Math.round(t),
    operations: acknowledged,
    opsPerSecond: (acknowledged - last.ops) / (t - last.t),
    fileBytes: fileBytes(),
    writtenPerOperation: (written - last.written) / Math.max(1, acknowledged - last.ops),
    serverCpu: (cpu - last.cpu) / (t - last.t),
  };
  last = { t, ops: acknowledged, cpu, written };
  samples.push(s);
  log(
    `${String(s.seconds).padStart(5)} s  ${String(s.operations).padStart(9)} ops  ${fmt(s.opsPerSecond, 0).padStart(6)} ops/s  ` +
      `file ${fmt(s.fileBytes / MB, 1).padStart(8)} MB  ${fmt(s.operations ? s.fileBytes / s.operations : 0, 0).padStart(6)} B/op  ` +
      `written ${fmt(s.writtenPerOperation, 0).padStart(6)} B/op  ` +
      `server ${fmt(s.serverCpu, 2)} cores`,
  );
};
while (Date.now() - started < minutes * 60_000) {
  await sleep(Math.min(every * 1000, started + minutes * 60_000 - Date.now()));
  sample();
}
running = false;
clearInterval(refill);
for (const resolve of waiting.splice(0)) resolve();
await Promise.race([Promise.all(loops), sleep(10_000)]);
const running_ = samples[samples.length - 1];
await inBatches(editors, 16, (editor) => editor.close().catch(() => {}));

// The file as the stopped server left it (H2 compacts for up to MAX_COMPACT_TIME on close), then fully compacted.
await system.stopKeepingFiles();
const stoppedBytes = fileBytes();
// In place: the run's data directory is discarded afterwards (a copy would need the file's size again in free disk).
const dbName = fs
  .readdirSync(dbDir)
  .find((f) => f.endsWith(".mv.db"))
  .replace(/\.mv\.db$/, "");
const dbFile = path.join(dbDir, `${dbName}.mv.db`);
const t0 = Date.now();
execFileSync("java", ["-cp", H2_JAR, "org.h2.mvstore.MVStoreTool", "-compact", dbFile], { stdio: "ignore" });
const logicalBytes = fs.statSync(dbFile).size;
execFileSync("java", ["-cp", H2_JAR, "org.h2.mvstore.MVStoreTool", "-compress", dbFile], { stdio: "ignore" });
const compressedBytes = fs.statSync(dbFile).size;
log(`compacting the stopped file took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
system.discardFiles();

const peak = Math.max(...samples.map((s) => s.fileBytes));
const measured = samples.filter((s) => s.seconds > 60);
const result = {
  label,
  env,
  minutes,
  rate,
  models: modelCount,
  commit: gitCommit(),
  at: new Date(started).toISOString(),
  loadAverage: os.loadavg(),
  operations: running_.operations,
  failures,
  opsPerSecond: running_.operations / running_.seconds,
  fileBytesRunning: running_.fileBytes,
  fileBytesPeak: peak,
  fileBytesStopped: stoppedBytes,
  logicalBytes,
  compressedBytes,
  samples,
};
const file = path.join(args.out, `storm-${new Date(started).toISOString().replace(/[:.]/g, "-")}.json`);
fs.mkdirSync(args.out, { recursive: true });
fs.writeFileSync(file, JSON.stringify(result, null, 2));
const growth =
  measured.length > 1
    ? (measured[measured.length - 1].fileBytes - measured[0].fileBytes) /
      (measured[measured.length - 1].operations - measured[0].operations)
    : NaN;
console.log(`
${label}: ${minutes} min at most ${rate} ops/s, ${modelCount} models × 2 editors (commit ${result.commit})
  operations acknowledged  ${running_.operations} (${fmt(result.opsPerSecond, 0)} ops/s), ${failures} failures
  file at the end          ${fmt(running_.fileBytes / MB, 1)} MB running (peak ${fmt(peak / MB, 1)} MB), ${fmt(stoppedBytes / MB, 1)} MB after stop
  logical size             ${fmt(logicalBytes / MB, 1)} MB (compacted, not compressed): ${fmt(logicalBytes / running_.operations, 0)} B/op
  compressed               ${fmt(compressedBytes / MB, 1)} MB (compacted and compressed, as SHUTDOWN COMPACT does)
  file / logical           ${fmt(running_.fileBytes / logicalBytes, 2)} (peak ${fmt(peak / logicalBytes, 2)})
  file growth after 60 s   ${fmt(growth, 0)} B/op
  saved                    ${path.relative(process.cwd(), file)}`);
await chart([result], path.join(args.out, "storm.png"));

function fmt(n, digits) {
  return Number.isFinite(n)
    ? n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : "-";
}

function log(line) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

function gitCommit() {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: here }).toString().trim();
  } catch {
    return "?";
  }
}

/** File size over time, one line per run, and each run's logical size as a dashed rule. */
async function chart(runs, file) {
  const values = runs.flatMap((r) =>
    r.samples.map((s) => ({
      run: `${r.label} (${r.commit})`,
      minutes: s.seconds / 60,
      mb: s.fileBytes / MB,
    })),
  );
  const rules = runs
    .filter((r) => r.logicalBytes)
    .map((r) => ({ run: `${r.label} (${r.commit})`, mb: r.logicalBytes / MB }));
  const spec = {
    width: 640,
    height: 320,
    background: "white",
    title: `H2 file under at most ${runs[0].rate} ops/s (${runs[0].models} models × 2 editors); dashed: logical size at the end`,
    layer: [
      {
        data: { values },
        mark: "line",
        encoding: {
          x: { field: "minutes", type: "quantitative" },
          y: { field: "mb", type: "quantitative", title: "MB" },
          color: { field: "run", type: "nominal" },
        },
      },
      {
        data: { values: rules },
        mark: { type: "rule", strokeDash: [4, 4] },
        encoding: { y: { field: "mb", type: "quantitative" }, color: { field: "run", type: "nominal" } },
      },
    ],
  };
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  const svg = await view.toSVG();
  fs.writeFileSync(file, new Resvg(svg, { fitTo: { mode: "zoom", value: 2 } }).render().asPng());
}
