// One PNG per workload (a Vega-Lite line or bar chart rendered to SVG by Vega, rasterized by resvg), so a reader can
// look rather than read.
import fs from "node:fs";
import path from "node:path";
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import { Resvg } from "@resvg/resvg-js";
import { WORKLOADS } from "./report.mjs";

// Latency spans milliseconds to seconds once a system falls behind: on a linear axis every step that held is a flat
// line at zero.
const LOG_SCALE = new Set(["typing"]);
// The typing workload stops at the first step whose p95 passes this (run.mjs: stopP95Millis).
const LIMITS = { typing: 100 };

const TITLES = {
  typing: ["Acknowledgement p95 at 2.5 ops/s per editor", "p95 (ms)"],
  inflight: ["Acknowledged ops/s, one op in flight per editor", "ops/s"],
  models: ["Acknowledged ops/s, M models × 2 editors", "ops/s"],
  fanout: ["Deliveries/s, one writer, R readers", "deliveries/s"],
  memory: ["Heap per idle session", "KiB"],
  history: ["Open a model with long history", "ms"],
  startup: ["Cold start to ready", "ms"],
};

export async function writeCharts(rows, directory, prefix = "") {
  const written = [];
  for (const [workload, spec] of Object.entries(WORKLOADS)) {
    const own = rows.filter((r) => r.workload === workload);
    if (own.length === 0) continue;
    const scale = spec.headline.endsWith("PerSession") ? 1 / 1024 : 1;
    const values = own.map((r) => ({
      system: r.system,
      x: spec.x ? r[spec.x] : r.system,
      y: r[spec.headline] * scale,
    }));
    const [title, yTitle] = TITLES[workload];
    const lines = spec.x && new Set(values.map((v) => v.x)).size > 1 && workload !== "memory";
    const plot = {
      data: { values },
      mark: lines ? { type: "line", point: true } : { type: "bar" },
      encoding: lines
        ? {
            x: { field: "x", type: "quantitative", title: spec.x },
            y: {
              field: "y",
              type: "quantitative",
              title: LOG_SCALE.has(workload) ? `${yTitle}, log scale` : yTitle,
              scale: LOG_SCALE.has(workload) ? { type: "log" } : undefined,
            },
            color: { field: "system", type: "nominal" },
          }
        : {
            x: { field: "system", type: "nominal", title: null },
            xOffset: spec.x ? { field: "x", type: "nominal" } : undefined,
            y: { field: "y", type: "quantitative", title: yTitle },
            color: spec.x ? { field: "x", type: "nominal", title: spec.x } : { field: "system", type: "nominal" },
          },
    };
    const limit = lines && LIMITS[workload];
    const chart = {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      title,
      width: 520,
      height: 300,
      background: "white",
      ...(limit
        ? {
            layer: [
              plot,
              {
                data: { values: [{ y: limit }] },
                mark: { type: "rule", strokeDash: [4, 4], color: "gray" },
                encoding: { y: { field: "y", type: "quantitative" } },
              },
            ],
          }
        : plot),
    };
    const view = new vega.View(vega.parse(vegaLite.compile(chart).spec), { renderer: "none" });
    const svg = await view.toSVG();
    const png = new Resvg(svg, {
      fitTo: { mode: "zoom", value: 2 },
      font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
    })
      .render()
      .asPng();
    const file = path.join(directory, `${prefix}${workload}.png`);
    fs.writeFileSync(file, png);
    written.push(file);
  }
  return written;
}
