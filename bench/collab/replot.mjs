// Redraws the charts (and results/latest.json) from saved result files, e.g. when one system's figures come from one
// run and another's from a second run:
//   node replot.mjs results/<time>.json [more.json ...]
// Rows of later files replace rows of earlier ones for the same workload, system and step. A merged file (such as
// results/latest.json, which lists its own sources) can be one of them: its sources are carried over.
import fs from "node:fs";
import path from "node:path";
import { writeCharts } from "./lib/charts.mjs";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node replot.mjs results/<time>.json [more.json ...]");
  process.exit(2);
}
const step = (row) => row.editors ?? row.models ?? row.readers ?? row.sessions ?? "";
const rows = new Map();
const sources = [];
for (const file of files) {
  const result = JSON.parse(fs.readFileSync(file, "utf8"));
  if (result.sources) sources.push(...result.sources);
  else sources.push({ file: path.basename(file), machine: result.machine, params: result.params });
  for (const row of result.rows) rows.set(`${row.workload}|${row.system}|${step(row)}`, row);
}
const merged = [...rows.values()];
const out = path.join(path.dirname(new URL(import.meta.url).pathname), "results");
fs.writeFileSync(path.join(out, "latest.json"), JSON.stringify({ sources, rows: merged }, null, 2));
const charts = await writeCharts(merged, out);
console.log(`charts: ${charts.join(", ")}; rows from ${files.join(", ")} in results/latest.json`);
