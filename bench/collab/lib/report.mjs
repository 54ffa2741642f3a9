// Prints one table per workload: a row per step, each system's figures side by side, and the ratio of the first
// Tandem system to ShareDB on the workload's headline figure (higher is better for throughput, lower for latency).

export const WORKLOADS = {
  startup: { x: null, headline: "startupMillis", better: "lower", columns: ["startupMillis"] },
  typing: {
    x: "editors",
    headline: "p95",
    better: "lower",
    columns: ["p50", "p95", "p99", "deliveryP95", "opsPerSecond", "serverCpu", "driverCpu"],
  },
  inflight: {
    x: "editors",
    headline: "opsPerSecond",
    better: "higher",
    columns: ["opsPerSecond", "p50", "p95", "serverCpu", "driverCpu"],
  },
  models: {
    x: "models",
    headline: "opsPerSecond",
    better: "higher",
    columns: ["opsPerSecond", "p95", "serverCpu", "driverCpu"],
  },
  fanout: {
    x: "readers",
    headline: "deliveriesPerSecond",
    better: "higher",
    columns: ["deliveriesPerSecond", "serverCpuMicrosPerDelivery", "serverCpu", "driverCpu"],
  },
  memory: {
    x: "sessions",
    headline: "heapBytesPerSession",
    better: "lower",
    columns: ["heapBytesPerSession", "rssBytesPerSession"],
  },
  history: { x: "operations", headline: "openMillis", better: "lower", columns: ["openMillis", "writeSeconds"] },
};

const UNITS = {
  startupMillis: "ms",
  deliveryP95: "ms",
  p50: "ms",
  p95: "ms",
  p99: "ms",
  opsPerSecond: "ops/s",
  serverCpu: "cores",
  driverCpu: "cores",
  deliveriesPerSecond: "/s",
  serverCpuMicrosPerDelivery: "µs",
  heapBytesPerSession: "KiB",
  rssBytesPerSession: "KiB",
  openMillis: "ms",
  writeSeconds: "s",
};

const LABELS = {
  startupMillis: "start",
  deliveryP95: "delivery p95",
  opsPerSecond: "acks/s",
  serverCpu: "server CPU",
  driverCpu: "driver CPU",
  deliveriesPerSecond: "deliveries",
  serverCpuMicrosPerDelivery: "CPU/delivery",
  heapBytesPerSession: "heap/session",
  rssBytesPerSession: "RSS/session",
  openMillis: "open",
  writeSeconds: "write",
};

/** "Tandem (H2)" → "Tandem H2", "ShareDB 7 (memory)" → "ShareDB": short enough for column headers. */
function short(system) {
  return system.startsWith("ShareDB") ? "ShareDB" : system.replace(/[()]/g, "");
}

function format(column, value) {
  if (value === undefined || value === null || Number.isNaN(value)) return "-";
  if (column.endsWith("PerSession")) return (value / 1024).toFixed(1);
  if (column.endsWith("Cpu")) return value.toFixed(2);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString("en-US");
  return value.toFixed(value < 10 ? 2 : 1);
}

export function printTables(rows) {
  for (const [workload, spec] of Object.entries(WORKLOADS)) {
    const own = rows.filter((r) => r.workload === workload);
    if (own.length === 0) continue;
    const systems = [...new Set(own.map((r) => r.system))];
    const xs = [...new Set(own.map((r) => (spec.x ? r[spec.x] : "-")))];
    const tandem = systems.find((s) => s.startsWith("Tandem"));
    const sharedb = systems.find((s) => s.startsWith("ShareDB"));
    const header = [
      spec.x || "",
      ...systems.flatMap((s) => spec.columns.map((c) => `${short(s)} ${LABELS[c] || c} (${UNITS[c]})`)),
    ];
    if (tandem && sharedb) header.push(`${spec.headline} Tandem/ShareDB`);
    const lines = xs.map((x) => {
      const cells = [String(x)];
      for (const system of systems) {
        const row = own.find((r) => r.system === system && (spec.x ? r[spec.x] === x : true));
        for (const column of spec.columns) {
          cells.push(
            row
              ? format(column, row[column]) +
                  (row.driverSaturated && column === spec.headline ? " (driver saturated)" : "")
              : "-",
          );
        }
      }
      if (tandem && sharedb) {
        const a = own.find((r) => r.system === tandem && (spec.x ? r[spec.x] === x : true));
        const b = own.find((r) => r.system === sharedb && (spec.x ? r[spec.x] === x : true));
        cells.push(a && b ? `${(a[spec.headline] / b[spec.headline]).toFixed(2)}×` : "-");
      }
      return cells;
    });
    console.log(`\n### ${workload} (${spec.headline}: ${spec.better} is better)\n`);
    console.log(`| ${header.join(" | ")} |`);
    console.log(`|${header.map(() => " --- ").join("|")}|`);
    for (const cells of lines) console.log(`| ${cells.join(" | ")} |`);
    if (workload === "typing") {
      for (const system of systems) {
        const held = own.filter((r) => r.system === system && r.p95 <= 100).map((r) => r.editors);
        console.log(`\n${system}: largest E with p95 ≤ 100 ms: ${held.length ? Math.max(...held) : "none"}`);
      }
    }
  }
  console.log("");
}
