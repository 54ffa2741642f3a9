// The long fuzz (issue 19; not part of CI): a million hostile frames (compat/lib/fuzz.mjs, the generator of
// compat/tests/fuzz.test.mjs) against a fresh server while a real client edits a model and a second one watches,
// with the server's heap measured after a full GC (jcmd GC.run, then GC.heap_info) at the start, middle and end.
//
//   mvn -q package -DskipTests && cd compat && npm ci && node soak/fuzz.mjs [--frames 1000000] [--seed n] [--workers 6]
//
// Expected: no socket closed but by a documented limit, every request answered (the ledger of fuzz.mjs), the
// bystander never disconnected and converged, no SEVERE/WARNING/stack trace in the log, and the heap after a full
// GC flat within 10% between the start and the end. Prints a JSON summary; exits 1 when an expectation fails.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Convergence, options } from "../lib/client.mjs";
import { fuzzSocket, hostileFrame, ledger, rng } from "../lib/fuzz.mjs";
import { toWs } from "../lib/raw.mjs";
import { discardServerFiles, startServer, tempDir } from "../lib/server.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const FRAMES = arg("frames", 1_000_000);
const SEED = arg("seed", 0x19a77ac);
const WORKERS = arg("workers", 6);
const FRAMES_PER_SOCKET = 2000; // then the socket closes and a new one logs in: logins and cleanups are fuzzed too
const BATCH = 200; // frames sent before waiting for the server to answer a request (bounds what is in flight)

const work = tempDir("tandem-soak-fuzz-");
const logFile = path.join(work, "server.log");
console.log(`soak fuzz: ${FRAMES} frames, seed ${SEED}, ${WORKERS} workers; server log ${logFile}`);
const server = await startServer({
  dataDir: path.join(work, "data"),
  logFile,
  heap: "1g",
  env: {
    // rate limits far above what the fuzzer sends (it waits for an answer every BATCH frames), and enough invalid
    // messages per connection for FRAMES_PER_SOCKET: the limits themselves are tested in compat
    TANDEM_REALTIME_MAX_MESSAGES_PER_SECOND: "1000000",
    TANDEM_REALTIME_MESSAGE_BURST: "1000000",
    TANDEM_REALTIME_MAX_PROTOCOL_VIOLATIONS: String(FRAMES_PER_SOCKET * 2),
    TANDEM_MODEL_IDLE_UNLOAD_MILLIS: "1000",
  },
});
const url = server.realtimeUrl();

function heapAfterFullGc() {
  execFileSync("jcmd", [String(server.process.pid), "GC.run"], { stdio: "ignore" });
  const info = execFileSync("jcmd", [String(server.process.pid), "GC.heap_info"]).toString();
  const used = /used (\d+)K/.exec(info);
  return {
    usedMiB: used ? Math.round(Number(used[1]) / 102.4) / 10 : null,
    info: info
      .split("\n")
      .find((l) => /heap/.test(l))
      ?.trim(),
  };
}

// the bystander and its witness
const events = [];
const a = await Convergence.connectAnonymously(url, "Soak bystander", options());
const b = await Convergence.connectAnonymously(url, "Soak witness", options());
for (const [who, d] of [
  ["bystander", a],
  ["witness", b],
]) {
  for (const name of ["interrupted", "disconnected", "reconnected", "error"])
    d.on(name, () => events.push(`${who} ${name}`));
}
const ma = await a
  .models()
  .openAutoCreate({ collection: "soak", id: `soak-${SEED}`, data: { n: 0, text: "", list: [] } });
const mb = await b.models().open(`soak-${SEED}`);
let edits = 0;
const editor = setInterval(() => {
  edits++;
  ma.root().set("n", edits);
  const text = ma.root().get("text");
  text.insert(text.value().length, String(edits % 10));
  if (text.value().length > 200) text.remove(0, 100);
  if (edits % 3 === 0) mb.root().get("list").push(edits);
  if (mb.root().get("list").length() > 100) mb.root().get("list").remove(0);
}, 20);

const totals = { frames: 0, sockets: 0, unexpectedCloses: [], ledgerProblems: [], requests: 0, undecodable: 0 };
const heap = [];
let nextSample = 0;
const samplePoints = [20_000, Math.floor(FRAMES / 2), FRAMES];

async function worker(index) {
  const r = rng(SEED + index * 7919);
  while (totals.frames < FRAMES) {
    const s = await fuzzSocket(toWs(url));
    totals.sockets++;
    await s.request({
      connectionRequest: { client: "soak", clientVersion: "0", anonymous: { displayName: { value: `soak ${index}` } } },
    });
    const modelId = `soak-m-${index}-${totals.sockets}`;
    await s.request({
      createRealTimeModelRequest: {
        collectionId: "soak-fuzz",
        modelId: { value: modelId },
        data: { id: "@:0", children: { s: { stringValue: { id: "@:1", value: "hello" } } } },
      },
    });
    const opened =
      (await s.request({ openRealTimeModelRequest: { modelId: { value: modelId } } })).openRealTimeModelResponse ?? {};
    let sequence = 0;
    const context = {
      strings: [modelId, "soak-fuzz", opened.valueIdPrefix ?? "", "@:1"],
      numbers: [opened.resourceId ?? 0, opened.version ?? 1],
      templates: [
        () => ({
          operationSubmission: {
            resourceId: opened.resourceId ?? 0,
            sequenceNumber: ++sequence,
            contextVersion: opened.version ?? 1,
            operation: {
              discreteOperation: { stringSpliceOperation: { id: "@:1", index: 0, deleteCount: 0, insertedValue: "x" } },
            },
          },
        }),
        () => ({
          setReference: {
            resourceId: opened.resourceId ?? 0,
            valueId: { value: "@:1" },
            key: "c",
            references: { indices: { values: [0] } },
            version: opened.version ?? 1,
          },
        }),
        () => ({ requestId: { value: 0 }, historicalDataRequest: { modelId } }),
        () => ({ requestId: { value: 0 }, modelsQueryRequest: { query: "SELECT * FROM soak-fuzz LIMIT 2" } }),
        () => ({ presenceSetState: { state: { k: { stringValue: "v" } } } }),
        () => ({ requestId: { value: 0 }, usersGetRequest: { userIds: [{ userType: 0, username: "admin" }] } }),
      ],
    };
    for (let sent = 0; sent < FRAMES_PER_SOCKET && totals.frames < FRAMES; sent += BATCH) {
      for (let i = 0; i < BATCH; i++) {
        const { bytes, kind } = hostileFrame(r, context, s.nextRequestId);
        s.sendFrame(bytes, kind);
      }
      totals.frames += BATCH;
      await s.request({ serverTimeRequest: {} }, () => true, 120_000);
      if (s.raw.closed) break;
      if (nextSample < samplePoints.length && totals.frames >= samplePoints[nextSample]) {
        nextSample++;
        const sample = { frames: totals.frames, ...heapAfterFullGc() };
        heap.push(sample);
        console.log(`heap after full GC at ${sample.frames} frames: ${sample.usedMiB} MiB (${sample.info})`);
      }
    }
    try {
      await s.raw.until(() => {
        const l = ledger(s);
        return l.unanswered <= l.uncorrelatedInvalid;
      }, 30_000);
    } catch {
      // reported below
    }
    const books = ledger(s);
    totals.requests += books.requests;
    totals.undecodable += books.undecodable;
    if (books.unanswered > books.uncorrelatedInvalid || books.malformed.length) {
      totals.ledgerProblems.push({ ...books, malformed: books.malformed.slice(0, 2) });
    }
    if (s.raw.closed) totals.unexpectedCloses.push(s.raw.closed);
    s.raw.close();
  }
}

const started = Date.now();
const progress = setInterval(
  () =>
    console.log(`${totals.frames} frames, ${totals.sockets} sockets, ${Math.round((Date.now() - started) / 1000)} s`),
  30_000,
);
await Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(i)));
clearInterval(progress);
clearInterval(editor);

// convergence
const deadline = Date.now() + 60_000;
const same = () =>
  JSON.stringify(ma.root().toJSON()) === JSON.stringify(mb.root().toJSON()) && ma.root().get("n").value() === edits;
while (!same() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
const converged = same();
const connected = a.isConnected() && b.isConnected();
const seen = [...events]; // disposing disconnects them

await a.dispose();
await b.dispose();
if (heap.length < 3 || heap.at(-1).frames < FRAMES) heap.push({ frames: totals.frames, ...heapAfterFullGc() });

// what the server logged once it was ready (Payara's start logs warnings of its own)
const log = fs.readFileSync(logFile, "utf8").split("\n");
const faults = log
  .slice(log.findIndex((line) => line.startsWith("Tandem ready")))
  .filter((line) => /WARNING|SEVERE|^\s+at [\w.$]+\(|^Caused by/.test(line));
await server.stop();
discardServerFiles(work, ["server.log"]);

const growth = heap.length >= 2 && heap[0].usedMiB ? (heap.at(-1).usedMiB - heap[0].usedMiB) / heap[0].usedMiB : null;
const summary = {
  seed: SEED,
  frames: totals.frames,
  sockets: totals.sockets,
  requests: totals.requests,
  undecodable: totals.undecodable,
  seconds: Math.round((Date.now() - started) / 1000),
  bystanderEdits: edits,
  converged,
  connected,
  bystanderEvents: seen,
  unexpectedCloses: totals.unexpectedCloses.length,
  ledgerProblems: totals.ledgerProblems.length,
  faults: faults.length,
  heap: heap.map(({ frames, usedMiB }) => ({ frames, usedMiB })),
  heapGrowth: growth === null ? null : `${(growth * 100).toFixed(1)}%`,
  serverLog: logFile,
};
console.log(JSON.stringify(summary, null, 2));
if (faults.length) console.log(faults.slice(0, 20).join("\n"));
if (totals.ledgerProblems.length) console.log(JSON.stringify(totals.ledgerProblems.slice(0, 3)));
const passed =
  converged &&
  connected &&
  seen.length === 0 &&
  !totals.unexpectedCloses.length &&
  !totals.ledgerProblems.length &&
  !faults.length &&
  growth !== null &&
  Math.abs(growth) <= 0.1;
process.exit(passed ? 0 : 1);
