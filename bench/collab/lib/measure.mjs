// Measuring helpers: latency percentiles, CPU use of the server process and of this driver, event-loop delay.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { processCpuSeconds } from "./systems.mjs";

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function summarize(latenciesMillis) {
  const sorted = Float64Array.from(latenciesMillis).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

/**
 * Measures one interval: wall time, the server's CPU (fraction of one core), the driver's CPU and its event-loop
 * delay. The driver is one Node thread: above ~90% of a core, or with a p99 event-loop delay over 50 ms, it is the
 * bottleneck and the step is marked "driver-saturated" rather than counted against the server.
 */
export function startInterval(serverPid) {
  const wallStart = process.hrtime.bigint();
  const serverStart = processCpuSeconds(serverPid);
  const driverStart = process.cpuUsage();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  return {
    end() {
      loop.disable();
      const seconds = Number(process.hrtime.bigint() - wallStart) / 1e9;
      const driver = process.cpuUsage(driverStart);
      const driverCpu = (driver.user + driver.system) / 1e6 / seconds;
      const loopP99 = loop.percentile(99) / 1e6;
      return {
        seconds,
        serverCpu: (processCpuSeconds(serverPid) - serverStart) / seconds,
        driverCpu,
        loopDelayP99Millis: loopP99,
        driverSaturated: driverCpu > 0.9 || loopP99 > 50,
      };
    },
  };
}

export const sleep = (millis) => new Promise((resolve) => setTimeout(resolve, millis));

/** Runs fn over items with at most `limit` in flight; resolves with the results in order. */
export async function inBatches(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
