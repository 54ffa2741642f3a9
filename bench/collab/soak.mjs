// Soak: Tandem under a steady load for a long time, sampling every minute what would show a slow leak or a
// degradation: acknowledgement latency (p50/p95/p99 of that minute), acknowledged operations/s, the heap in use after
// a full GC, RSS, and the database's size on disk. Issue 19 asks for one hour at half of the measured capacity on each
// database; results go to results/soak-<database>-<time>.json and a chart results/soak-<database>.png.
//
//   node soak.mjs --database h2 --minutes 60 --rate 3500
//   node soak.mjs --database postgres --minutes 60 --rate 3500     (TANDEM_TEST_PG_HOST/PORT/USER/PASSWORD as compat/)
//   node soak.mjs --minutes 2 --sample-seconds 20                  (a quick check of the harness)
//
// The load is open-loop: `models` models, each with `editors` protocol-level editors (lib/protocol.mjs) typing at
// rate / (models × editors) operations/s each, without waiting for acknowledgements, so a slower server shows as
// latency rather than as a lower offered rate. The full GC of each sample pauses the server briefly; it shows in that
// minute's p99, not in its p95.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import { Resvg } from "@resvg/resvg-js";
import { inBatches, sleep, summarize } from "./lib/measure.mjs";
import { processRssBytes, startTandem } from "./lib/systems.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    database: { type: "string", default: "h2" },
    minutes: { type: "string", default: "60" },
    rate: { type: "string", default: "3500" },
    models: { type: "string", default: "50" },
    editors: { type: "string", default: "2" },
    "sample-seconds": { type: "string", default: "60" },
    out: { type: "string", default: path.join(here, "results") },
  },
});
const database = args.database === "pg" ? "postgres" : args.database;
const minutes = Number(args.minutes);
const rate = Number(args.rate);
const modelCount = Number(args.models);
const editorsPerModel = Number(args["editors"]);
const sampleSeconds = Number(args["sample-seconds"]);
const perEditorRate = rate / (modelCount * editorsPerModel);

function databaseBytes(system) {
  if (!system.db) {
    let total = 0;
    const dir = path.join(system.dataDir, "db");
    for (const file of fs.readdirSync(dir)) total += fs.statSync(path.join(dir, file)).size;
    return total;
  }
  const url = new URL(system.db.url.replace(/^jdbc:/, ""));
  const out = execFileSync(
    "psql",
    [
      "-h",
      url.hostname,
      "-p",
      url.port || "5432",
      "-U",
      system.db.user,
      "-d",
      url.pathname.slice(1),
      "-Atc",
      "SELECT pg_database_size(current_database())",
    ],
    { env: { ...process.env, PGPASSWORD: system.db.password } },
  ).toString();
  return Number(out.trim());
}

function heapAfterGc(pid) {
  execFileSync("jcmd", [String(pid), "GC.run"], { stdio: "ignore" });
  const info = execFileSync("jcmd", [String(pid), "GC.heap_info"]).toString();
  return Number(/used (\d+)K/.exec(info)[1]) * 1024;
}

const system = await startTandem({ database, driver: "protocol" });
console.log(
  `# soak: ${system.name}, ${minutes} min at ${rate} ops/s offered (${modelCount} models × ${editorsPerModel} editors, ` +
    `${perEditorRate.toFixed(1)} ops/s each), a sample every ${sampleSeconds} s`,
);
const samples = [];
try {
  const editors = await inBatches(
    Array.from({ length: modelCount * editorsPerModel }, (_, i) => i),
    16,
    (i) => system.editor(`soak-${i}`),
  );
  const docs = [];
  for (let m = 0; m < modelCount; m++) {
    const own = editors.slice(m * editorsPerModel, (m + 1) * editorsPerModel);
    docs.push(await own[0].open(`soak-${m}`));
    for (const editor of own.slice(1)) docs.push(await editor.open(`soak-${m}`));
  }
  let latencies = [];
  let failures = 0;
  const period = 1000 / perEditorRate;
  // One timer per editor would be thousands of timers at high rates; one tick every 10 ms sends what is due.
  const started = performance.now();
  const sent = new Array(docs.length).fill(0);
  const ticker = setInterval(() => {
    const due = Math.floor((performance.now() - started) / period);
    docs.forEach((doc, i) => {
      while (sent[i] < due) {
        sent[i]++;
        const at = performance.now();
        doc.type().then(
          () => latencies.push(performance.now() - at),
          () => failures++,
        );
      }
    });
  }, 10);
  const runStarted = Date.now();
  for (let t = sampleSeconds; t <= minutes * 60; t += sampleSeconds) {
    await sleep(runStarted + t * 1000 - Date.now());
    const window = latencies;
    latencies = [];
    const latency = summarize(window);
    const sample = {
      minute: Number((t / 60).toFixed(2)),
      acksPerSecond: Math.round(window.length / sampleSeconds),
      p50Millis: Number(latency.p50.toFixed(2)),
      p95Millis: Number(latency.p95.toFixed(2)),
      p99Millis: Number(latency.p99.toFixed(2)),
      failures,
      heapMiB: Number((heapAfterGc(system.pid) / 1048576).toFixed(1)),
      rssMiB: Number((processRssBytes(system.pid) / 1048576).toFixed(1)),
      databaseMiB: Number((databaseBytes(system) / 1048576).toFixed(1)),
    };
    samples.push(sample);
    console.log(`# ${JSON.stringify(sample)}`);
  }
  clearInterval(ticker);
  await sleep(1000);
} finally {
  await system.stop();
}

fs.mkdirSync(args.out, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const result = {
  system: "Tandem",
  database,
  minutes,
  offeredOpsPerSecond: rate,
  models: modelCount,
  editorsPerModel,
  samples,
};
fs.writeFileSync(path.join(args.out, `soak-${database}-${stamp}.json`), JSON.stringify(result, null, 2));
const first = samples[0];
const last = samples[samples.length - 1];
console.log(`\n| minute | acks/s | p50 ms | p95 ms | p99 ms | heap after GC MiB | RSS MiB | database MiB |`);
console.log(`| --- | --- | --- | --- | --- | --- | --- | --- |`);
for (const s of samples) {
  console.log(
    `| ${s.minute} | ${s.acksPerSecond} | ${s.p50Millis} | ${s.p95Millis} | ${s.p99Millis} | ${s.heapMiB} | ${s.rssMiB} | ${s.databaseMiB} |`,
  );
}
console.log(`\nheap after GC: first ${first.heapMiB} MiB, last ${last.heapMiB} MiB; failures ${last.failures}`);

// One chart, three panels over time: p95, heap after GC, database size.
const values = samples.flatMap((s) => [
  { minute: s.minute, panel: "ack p95 (ms)", value: s.p95Millis },
  { minute: s.minute, panel: "heap after full GC (MiB)", value: s.heapMiB },
  { minute: s.minute, panel: "database on disk (MiB)", value: s.databaseMiB },
]);
const spec = {
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  title: `Soak: ${system.name}, ${rate} ops/s offered`,
  background: "white",
  data: { values },
  facet: { row: { field: "panel", type: "nominal", title: null } },
  spec: {
    width: 520,
    height: 140,
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "minute", type: "quantitative", title: "minute" },
      y: { field: "value", type: "quantitative", title: null },
    },
  },
  resolve: { scale: { y: "independent" } },
};
const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
const png = new Resvg(await view.toSVG(), {
  fitTo: { mode: "zoom", value: 2 },
  font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
})
  .render()
  .asPng();
fs.writeFileSync(path.join(args.out, `soak-${database}.png`), png);
console.log(`chart: ${path.join(args.out, `soak-${database}.png`)}`);
