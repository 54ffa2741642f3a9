// The workloads of issue 7, written once against the editor interface of systems.mjs so both systems are driven the
// same way. Each returns rows for the result table; every row carries the interval's CPU figures (measure.mjs).
import crypto from "node:crypto";
import { inBatches, sleep, startInterval, summarize } from "./measure.mjs";
import { processCpuSeconds } from "./systems.mjs";

const CONNECT_PARALLELISM = 16;

async function connectEditors(system, count, prefix) {
  return inBatches(
    Array.from({ length: count }, (_, i) => `${prefix}-${i}`),
    CONNECT_PARALLELISM,
    (name) => system.editor(name),
  );
}

/**
 * Opens one document for every editor: the first editor creates it, then the others open it. (Both systems handle
 * concurrent creates, Tandem by opening the winner's model, ShareDB by an ERR_DOC_ALREADY_CREATED error the client
 * must handle; creating first keeps the measured interval about editing.)
 */
async function openShared(editors, docId) {
  const first = await editors[0].open(docId);
  const others = await inBatches(editors.slice(1), CONNECT_PARALLELISM, (editor) => editor.open(docId));
  return [first, ...others];
}

async function closeAll(editors) {
  await inBatches(editors, CONNECT_PARALLELISM, (editor) => editor.close().catch(() => {}));
}

/**
 * 1. One model, E editors typing at `rate` operations/s each (open loop: an editor does not wait for its previous
 * acknowledgement), for E in `steps`, stopping after the first step whose acknowledgement p95 exceeds `stopP95Millis`.
 */
export async function typing(system, { steps, rate, warmupSeconds, seconds, stopP95Millis }) {
  const rows = [];
  for (const editorCount of steps) {
    const docId = `typing-${crypto.randomUUID()}`;
    const editors = await connectEditors(system, editorCount, "typist");
    const docs = await openShared(editors, docId);
    let recording = false;
    const latencies = [];
    // Remote operations: from the server's timestamp (when it applied the operation) to the editor's receipt, for one
    // delivery in 16 (driver and server share the clock here). Only the protocol driver on Tandem reports timestamps.
    const deliveries = [];
    let delivered = 0;
    for (const doc of docs) {
      doc.onRemote((timestampMillis) => {
        if (recording && typeof timestampMillis === "number" && timestampMillis > 0 && (++delivered & 15) === 0)
          deliveries.push(Date.now() - timestampMillis);
      });
    }
    let failures = 0;
    const timers = docs.map((doc) => {
      const tick = () => {
        const sent = performance.now();
        doc.type().then(
          () => recording && latencies.push(performance.now() - sent),
          () => failures++,
        );
      };
      // spread the editors' phases so the load is steady rather than in bursts
      let interval;
      const start = setTimeout(
        () => {
          tick();
          interval = setInterval(tick, 1000 / rate);
        },
        Math.random() * (1000 / rate),
      );
      return () => {
        clearTimeout(start);
        clearInterval(interval);
      };
    });
    await sleep(warmupSeconds * 1000);
    recording = true;
    const interval = startInterval(system.pid);
    await sleep(seconds * 1000);
    const cpu = interval.end();
    recording = false;
    timers.forEach((stop) => stop());
    await sleep(500);
    await closeAll(editors);
    await settle(system);
    const latency = summarize(latencies);
    const delivery = deliveries.length ? summarize(deliveries) : null;
    rows.push({
      workload: "typing",
      system: system.name,
      editors: editorCount,
      opsPerSecond: latency.count / cpu.seconds,
      ...latency,
      ...(delivery ? { deliveryP50: delivery.p50, deliveryP95: delivery.p95, deliveryP99: delivery.p99 } : {}),
      failures,
      ...cpu,
    });
    log(
      `typing ${system.name} E=${editorCount}: p50 ${fmt(latency.p50)} p95 ${fmt(latency.p95)} ` +
        `p99 ${fmt(latency.p99)} ms${delivery ? ` (delivery p50 ${fmt(delivery.p50)} p95 ${fmt(delivery.p95)} ms)` : ""}, ` +
        `${Math.round(latency.count / cpu.seconds)} acks/s, server CPU ` +
        `${pct(cpu.serverCpu)}, driver CPU ${pct(cpu.driverCpu)}${cpu.driverSaturated ? " (driver saturated)" : ""}`,
    );
    if (!(latency.p95 <= stopP95Millis)) break;
  }
  return rows;
}

/**
 * Waits until the server is idle (under 0.2 cores for a second), at most 3 minutes: a step that overloaded it (the
 * last typing step) leaves work queued that would otherwise be counted against the next workload.
 */
async function settle(system) {
  const started = Date.now();
  for (;;) {
    const before = processCpuSeconds(system.pid);
    await sleep(1000);
    const cores = processCpuSeconds(system.pid) - before;
    if (cores < 0.2 || Date.now() - started > 180_000) break;
  }
  const waited = (Date.now() - started) / 1000;
  if (waited > 2) log(`${system.name}: waited ${waited.toFixed(0)} s for the server to become idle`);
}

/**
 * 2. One model, E editors each keeping one operation in flight (send the next on the acknowledgement): acknowledged
 * operations per second.
 */
export async function inflight(system, { steps, warmupSeconds, seconds }) {
  const rows = [];
  for (const editorCount of steps) {
    const docId = `inflight-${crypto.randomUUID()}`;
    const editors = await connectEditors(system, editorCount, "writer");
    const docs = await openShared(editors, docId);
    const result = await closedLoop(system, docs, { warmupSeconds, seconds });
    await closeAll(editors);
    rows.push({ workload: "inflight", system: system.name, editors: editorCount, ...result });
    log(
      `inflight ${system.name} E=${editorCount}: ${Math.round(result.opsPerSecond)} acks/s, p95 ` +
        `${fmt(result.p95)} ms, server CPU ${pct(result.serverCpu)}, driver CPU ${pct(result.driverCpu)}` +
        `${result.driverSaturated ? " (driver saturated)" : ""}`,
    );
  }
  return rows;
}

/** Every doc keeps one operation in flight; returns acknowledged operations/s, latency and CPU. */
async function closedLoop(system, docs, { warmupSeconds, seconds }) {
  let running = true;
  let recording = false;
  const latencies = [];
  let failures = 0;
  const loops = docs.map(async (doc) => {
    while (running) {
      const sent = performance.now();
      try {
        await doc.type();
        if (recording) latencies.push(performance.now() - sent);
      } catch (e) {
        failures++;
        await sleep(100);
      }
    }
  });
  await sleep(warmupSeconds * 1000);
  recording = true;
  const interval = startInterval(system.pid);
  await sleep(seconds * 1000);
  const cpu = interval.end();
  recording = false;
  running = false;
  await Promise.race([Promise.all(loops), sleep(10_000)]);
  const latency = summarize(latencies);
  return { opsPerSecond: latency.count / cpu.seconds, ...latency, failures, ...cpu };
}

/**
 * 3. M models × 2 editors, each editor keeping one operation in flight. The editors are spread over `connections`
 * client connections (each opens many models), as an application with many documents open would.
 */
export async function models(system, { steps, connections, warmupSeconds, seconds, quiet = false }) {
  const rows = [];
  for (const modelCount of steps) {
    const connectionCount = Math.max(2, Math.min(connections, modelCount * 2));
    const editors = await connectEditors(system, connectionCount, "multi");
    const run = crypto.randomUUID();
    const firsts = Array.from({ length: modelCount }, (_, i) => [
      editors[(2 * i) % connectionCount],
      `models-${run}-${i}`,
    ]);
    const secondEditors = Array.from({ length: modelCount }, (_, i) => [
      editors[(2 * i + 1) % connectionCount],
      `models-${run}-${i}`,
    ]);
    const open = ([editor, docId]) => editor.open(docId);
    const docs = [
      ...(await inBatches(firsts, CONNECT_PARALLELISM, open)),
      ...(await inBatches(secondEditors, CONNECT_PARALLELISM, open)),
    ];
    const result = await closedLoop(system, docs, { warmupSeconds, seconds });
    await closeAll(editors);
    rows.push({ workload: "models", system: system.name, models: modelCount, connections: connectionCount, ...result });
    if (!quiet)
      log(
        `models ${system.name} M=${modelCount} (${connectionCount} connections): ${Math.round(result.opsPerSecond)} ` +
          `acks/s, p95 ${fmt(result.p95)} ms, server CPU ${pct(result.serverCpu)}, driver CPU ${pct(result.driverCpu)}` +
          `${result.driverSaturated ? " (driver saturated)" : ""}`,
      );
  }
  return rows;
}

/** 4. Fan-out: one writer keeping `window` operations in flight, R readers of the same model: deliveries/s. */
export async function fanout(system, { steps, window, warmupSeconds, seconds }) {
  const rows = [];
  for (const readerCount of steps) {
    const docId = `fanout-${crypto.randomUUID()}`;
    const [writer] = await connectEditors(system, 1, "writer");
    const readers = await connectEditors(system, readerCount, "reader");
    const [writerDoc, ...readerDocs] = await openShared([writer, ...readers], docId);
    let deliveries = 0;
    readerDocs.forEach((doc) => doc.onRemote(() => deliveries++));
    let running = true;
    const loops = Array.from({ length: window }, async () => {
      while (running) await writerDoc.type().catch(() => sleep(100));
    });
    await sleep(warmupSeconds * 1000);
    const before = deliveries;
    const interval = startInterval(system.pid);
    await sleep(seconds * 1000);
    const cpu = interval.end();
    const delivered = deliveries - before;
    running = false;
    await Promise.race([Promise.all(loops), sleep(10_000)]);
    await closeAll([writer, ...readers]);
    const deliveriesPerSecond = delivered / cpu.seconds;
    rows.push({
      workload: "fanout",
      system: system.name,
      readers: readerCount,
      deliveriesPerSecond,
      serverCpuMicrosPerDelivery: (cpu.serverCpu * 1e6) / deliveriesPerSecond,
      ...cpu,
    });
    log(
      `fanout ${system.name} R=${readerCount}: ${Math.round(deliveriesPerSecond)} deliveries/s, server CPU ` +
        `${pct(cpu.serverCpu)} (${fmt((cpu.serverCpu * 1e6) / deliveriesPerSecond)} µs/delivery), driver CPU ` +
        `${pct(cpu.driverCpu)}${cpu.driverSaturated ? " (driver saturated)" : ""}`,
    );
  }
  return rows;
}

/**
 * 5. Memory per connected idle session: the server's heap after a full GC and its RSS, before and after connecting
 * N sessions (each its own authenticated connection, no model open), divided by N.
 */
export async function memory(system, { steps }) {
  const rows = [];
  for (const sessionCount of steps) {
    const before = await system.memory();
    const editors = await connectEditors(system, sessionCount, "idle");
    await sleep(2000);
    const after = await system.memory();
    rows.push({
      workload: "memory",
      system: system.name,
      sessions: sessionCount,
      heapBytesPerSession: (after.heap - before.heap) / sessionCount,
      rssBytesPerSession: (after.rss - before.rss) / sessionCount,
      heapBefore: before.heap,
      heapAfter: after.heap,
      rssBefore: before.rss,
      rssAfter: after.rss,
    });
    log(
      `memory ${system.name} N=${sessionCount}: ${kib((after.heap - before.heap) / sessionCount)} KiB heap, ` +
        `${kib((after.rss - before.rss) / sessionCount)} KiB RSS per idle session`,
    );
    await closeAll(editors);
    await sleep(2000);
  }
  return rows;
}

/**
 * 6b. Time for a fresh client to open a model with `operations` operations of history. The history is written by one
 * editor keeping 32 operations in flight; then `reload()` (if the system has one) restarts the server so the model
 * is loaded from storage rather than from memory.
 */
export async function history(system, { operations, reload }) {
  const docId = `history-${crypto.randomUUID()}`;
  const [writer] = await connectEditors(system, 1, "historian");
  const doc = await writer.open(docId);
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (sent < operations) {
        sent++;
        await doc.type();
      }
    }),
  );
  const writeSeconds = (performance.now() - started) / 1000;
  await writer.close();
  let reloaded = false;
  if (reload) {
    await reload();
    reloaded = true;
  }
  const [reader] = await connectEditors(system, 1, "reader");
  const openStarted = performance.now();
  const opened = await reader.open(docId);
  const openMillis = performance.now() - openStarted;
  const length = opened.length();
  await reader.close();
  if (length !== operations) throw new Error(`opened model has ${length} characters, expected ${operations}`);
  log(
    `history ${system.name}: ${operations} operations written in ${fmt(writeSeconds)} s; open took ` +
      `${fmt(openMillis)} ms${reloaded ? " after a server restart" : " (server kept it in memory)"}`,
  );
  return [{ workload: "history", system: system.name, operations, writeSeconds, openMillis, reloaded }];
}

/**
 * Unmeasured load before the first workload, in both shapes the workloads use: one model shared by 10 editors, then
 * 100 models × 2 editors over 20 connections (opening, group commits across models), so that no measured step pays
 * for the JIT compiling a path it is the first to take.
 */
export async function warmup(system, seconds) {
  log(`${system.name}: ${seconds} s of warm-up load`);
  const half = seconds / 2;
  const editors = await connectEditors(system, 10, "warmup");
  const docs = await openShared(editors, `warmup-${crypto.randomUUID()}`);
  await closedLoop(system, docs, { warmupSeconds: 0, seconds: half });
  await closeAll(editors);
  await models(system, { steps: [100], connections: 20, warmupSeconds: 0, seconds: half, quiet: true });
}

export function log(line) {
  console.log(`[bench] ${line}`);
}
const fmt = (n) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : "-");
const pct = (f) => `${Math.round(f * 100)}%`;
const kib = (bytes) => (bytes / 1024).toFixed(1);
