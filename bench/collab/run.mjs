// Runs the collaborative-editing workloads against Tandem and ShareDB 7 on loopback, one system at a time, and prints
// one table per workload with both systems and their ratio. Results go to results/<time>.json (and latest.json),
// charts to results/<workload>.png.
//
//   node run.mjs                       full run (about 25 minutes on 2 cores)
//   node run.mjs --smoke               tiny parameters, checks the harness end to end (CI)
//   node run.mjs --workloads typing,inflight --systems tandem,sharedb --editors 10,50,100
//   node run.mjs --systems tandem-pg   Tandem on PostgreSQL (TANDEM_TEST_PG_HOST/PORT/USER/PASSWORD as compat/)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { startShareDb, startTandem } from "./lib/systems.mjs";
import * as workloads from "./lib/workloads.mjs";
import { printTables } from "./lib/report.mjs";
import { writeCharts } from "./lib/charts.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    // "client": each system's real client library; "protocol": lightweight protocol-level editors (lib/protocol.mjs)
    driver: { type: "string", default: "client" },
    systems: { type: "string", default: "tandem,sharedb" },
    workloads: { type: "string", default: "startup,typing,inflight,models,fanout,memory,history" },
    out: { type: "string", default: path.join(here, "results") },
    // overrides the steps of typing and inflight, e.g. --editors 10,50,100
    editors: { type: "string" },
    // seconds of unmeasured load before the first workload: the JVM compiles Payara's and Tandem's hot paths for
    // about a minute (server CPU per operation falls about 4x over the first 5,000 operations)
    warmup: { type: "string" },
  },
});

const FULL = {
  typing: {
    steps: [10, 50, 100, 200, 400, 600, 800, 1000],
    rate: 2.5,
    warmupSeconds: 5,
    seconds: 20,
    stopP95Millis: 100,
  },
  inflight: { steps: [1, 10, 50, 100], warmupSeconds: 3, seconds: 15 },
  models: { steps: [100, 500], connections: 20, warmupSeconds: 3, seconds: 15 },
  fanout: { steps: [10, 100, 500], window: 4, warmupSeconds: 3, seconds: 15 },
  memory: { steps: [1000, 10000] },
  history: { operations: 100_000 },
};
const SMOKE = {
  typing: { steps: [2, 4], rate: 2.5, warmupSeconds: 1, seconds: 2, stopP95Millis: 100 },
  inflight: { steps: [1, 2], warmupSeconds: 1, seconds: 2 },
  models: { steps: [4], connections: 4, warmupSeconds: 1, seconds: 2 },
  fanout: { steps: [3], window: 2, warmupSeconds: 1, seconds: 2 },
  memory: { steps: [20] },
  history: { operations: 500 },
};
const params = structuredClone(args.smoke ? SMOKE : FULL);
if (args.editors) {
  const steps = args.editors.split(",").map(Number);
  params.typing.steps = steps;
  params.inflight.steps = steps;
}
const selected = args.workloads
  .split(",")
  .map((w) => w.trim())
  .filter(Boolean);
if (!["client", "protocol"].includes(args.driver))
  throw new Error(`unknown driver '${args.driver}' (client, protocol)`);
const starters = {
  tandem: () => startTandem({ database: "h2", driver: args.driver }),
  "tandem-pg": () => startTandem({ database: "postgres", driver: args.driver }),
  sharedb: () => startShareDb({ driver: args.driver }),
};

// A client that throws inside its own message handling (rc.12 does on some sequences) must not end the run: the error
// is counted and reported with the results.
const clientErrors = [];
process.on("uncaughtException", (error) => {
  clientErrors.push(String(error && error.stack ? error.stack.split("\n").slice(0, 3).join(" | ") : error));
  workloads.log(`client error: ${error && error.message}`);
});

const rows = [];
for (const key of args.systems.split(",").map((s) => s.trim())) {
  if (!starters[key]) throw new Error(`unknown system '${key}' (known: ${Object.keys(starters).join(", ")})`);
  const system = await starters[key]();
  try {
    workloads.log(`${system.name} ready in ${(system.startupMillis / 1000).toFixed(1)} s`);
    const warmupSeconds = Number(args.warmup ?? (args.smoke ? 0 : 180));
    if (warmupSeconds > 0) await workloads.warmup(system, warmupSeconds);
    if (selected.includes("startup")) {
      rows.push({ workload: "startup", system: system.name, startupMillis: system.startupMillis });
    }
    for (const name of ["typing", "inflight", "models", "fanout", "memory"]) {
      if (selected.includes(name)) rows.push(...(await workloads[name](system, params[name])));
    }
    if (selected.includes("history")) {
      rows.push(...(await workloads.history(system, { ...params.history, reload: system.restart })));
    }
  } finally {
    await system.stop();
  }
}

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  loadAverageAtEnd: os.loadavg(),
  date: new Date().toISOString(),
  smoke: args.smoke,
  driver: args.driver,
  clientErrors,
};
printTables(rows);
fs.mkdirSync(args.out, { recursive: true });
const file = path.join(args.out, `${machine.date.replace(/[:.]/g, "-")}${args.smoke ? "-smoke" : ""}.json`);
const json = JSON.stringify({ machine, params, rows }, null, 2);
fs.writeFileSync(file, json);
fs.writeFileSync(path.join(args.out, args.smoke ? "smoke.json" : "latest.json"), json);
const charts = await writeCharts(rows, args.out, args.smoke ? "smoke-" : "");
workloads.log(`results: ${file}; charts: ${charts.join(", ")}`);
process.exit(0);
