// Live charts of the answering node's metrics on the server dashboard: connected sessions, operations acknowledged
// per second and the acknowledgement latency, read every few seconds from /api/metrics (the same Prometheus text a
// monitoring system scrapes; same origin, no credentials) and drawn as small SVG line charts of the console's own.
//
// Operations per second and the latency are computed between two readings from the counters (tandem_operations_total,
// and the histogram tandem_ack_latency_seconds: the change of its sum over the change of its count is the mean
// latency of the operations acknowledged in between; its buckets give the 95th percentile's bucket), so each point
// covers exactly the time since the point before.
import { useEffect, useRef, useState } from "preact/hooks";
import { Message } from "./ui.jsx";

export const INTERVAL_MILLIS = 2000;
const POINTS = 60; // two minutes at one reading every two seconds

/** The samples of a Prometheus text exposition: [{name, labels, value}]; comments and malformed lines are skipped. */
export function parsePrometheus(text) {
  const samples = [];
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels = {};
    for (const [, key, value] of (m[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[key] = value;
    }
    samples.push({ name: m[1], labels, value: m[3] === "+Inf" ? Infinity : Number(m[3]) });
  }
  return samples;
}

/** The figures the charts need from one reading. */
function reading(text, at) {
  const samples = parsePrometheus(text);
  const one = (name) => samples.find((s) => s.name === name)?.value ?? null;
  const buckets = samples
    .filter((s) => s.name === "tandem_ack_latency_seconds_bucket")
    .map((s) => ({ le: s.labels.le === "+Inf" ? Infinity : Number(s.labels.le), count: s.value }))
    .sort((a, b) => a.le - b.le);
  return {
    at,
    sessions: one("tandem_connected_sessions"),
    operations: one("tandem_operations_total"),
    latencySum: one("tandem_ack_latency_seconds_sum"),
    latencyCount: one("tandem_ack_latency_seconds_count"),
    buckets,
  };
}

/** One point of the charts: the reading, and the rates since the reading before (null for the first). */
function point(previous, current) {
  if (!previous) return { ...current, perSecond: null, latencyMs: null, p95Ms: null };
  const seconds = (current.at - previous.at) / 1000;
  const ops = current.operations - previous.operations;
  const count = current.latencyCount - previous.latencyCount;
  let p95Ms = null;
  if (count > 0) {
    // the first bucket whose increase covers 95% of the operations acknowledged in between
    const before = new Map(previous.buckets.map((b) => [b.le, b.count]));
    const bucket = current.buckets.find((b) => b.count - (before.get(b.le) ?? 0) >= 0.95 * count);
    p95Ms = bucket ? bucket.le * 1000 : null;
  }
  return {
    ...current,
    perSecond: seconds > 0 && ops >= 0 ? ops / seconds : null,
    latencyMs: count > 0 ? ((current.latencySum - previous.latencySum) / count) * 1000 : null,
    p95Ms,
  };
}

const format = (value, digits = 0) =>
  value === null || value === undefined ? "—" : value.toLocaleString("en", { maximumFractionDigits: digits });

/** A line chart of `values` (nulls are gaps in time but not drawn), its latest value written beside it. */
function Chart({ id, title, unit, values, digits = 0, note }) {
  const width = 300;
  const height = 80;
  const known = values.filter((v) => v !== null);
  const latest = values.length ? values[values.length - 1] : null;
  const top = Math.max(1, ...known) * 1.1;
  const x = (i) => (i / (POINTS - 1)) * width;
  const y = (v) => height - (v / top) * height;
  const offset = POINTS - values.length;
  const points = values
    .map((v, i) => (v === null ? null : `${x(i + offset).toFixed(1)},${y(v).toFixed(1)}`))
    .filter(Boolean)
    .join(" ");
  const summary = `${title}: ${format(latest, digits)}${unit ? ` ${unit}` : ""} now, at most ${format(Math.max(0, ...known), digits)} in the last ${values.length} readings`;
  return (
    <figure class="chart" id={id} data-latest={latest ?? ""} data-peak={known.length ? Math.max(...known) : ""}>
      <figcaption>
        <span class="chart-title">{title}</span>{" "}
        <span class="chart-value">
          {format(latest, digits)}
          {unit && ` ${unit}`}
        </span>
        {note && <span class="chart-note"> {note}</span>}
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} preserveAspectRatio="none">
        <line class="axis" x1="0" y1={height} x2={width} y2={height} />
        {points && <polyline class="line" points={points} />}
      </svg>
      <span class="chart-scale" aria-hidden="true">
        scale 0 to {format(top / 1.1, digits)}
        {unit && ` ${unit}`}
      </span>
    </figure>
  );
}

/**
 * The charts, reading the metrics every INTERVAL_MILLIS; `onTick` is called at each reading, so that figures shown
 * beside the charts (the dashboard's status cards) are read by the same poll and move with them.
 */
export function MetricCharts({ onTick } = {}) {
  const [points, setPoints] = useState([]);
  const [error, setError] = useState(null);
  // the latest callback, without restarting the poll when the parent renders a new one
  const tick = useRef(onTick);
  tick.current = onTick;

  useEffect(() => {
    let previous = null;
    let stopped = false;
    // the first reading comes with the page, whose figures are being read already
    const read = async (first = false) => {
      if (!first) tick.current?.();
      try {
        const response = await fetch("/api/metrics", { headers: { Accept: "text/plain" } });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const current = reading(await response.text(), Date.now());
        if (stopped) return;
        const next = point(previous, current);
        previous = current;
        setError(null);
        setPoints((all) => [...all.slice(-(POINTS - 1)), next]);
      } catch (e) {
        if (!stopped) setError(`The metrics could not be read: ${e.message}`);
      }
    };
    read(true);
    const timer = setInterval(read, INTERVAL_MILLIS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);

  const latest = points[points.length - 1];
  return (
    <section aria-labelledby="metrics-heading">
      <h2 id="metrics-heading">Live metrics</h2>
      <p class="hint">
        This server node's figures from <a href="/api/metrics">/api/metrics</a>, read every {INTERVAL_MILLIS / 1000} s
        (the last two minutes). Operations acknowledged since start:{" "}
        <strong id="metric-operations-total">{format(latest?.operations)}</strong>.
      </p>
      <Message error>{error}</Message>
      <div class="charts">
        <Chart id="chart-sessions" title="Connected sessions" values={points.map((p) => p.sessions)} />
        <Chart id="chart-operations" title="Operations per second" values={points.map((p) => p.perSecond)} digits={1} />
        <Chart
          id="chart-latency"
          title="Acknowledgement latency (mean)"
          unit="ms"
          values={points.map((p) => p.latencyMs)}
          digits={1}
          note={latest?.p95Ms != null ? `(95% within ${format(latest.p95Ms, 1)} ms)` : null}
        />
      </div>
    </section>
  );
}
