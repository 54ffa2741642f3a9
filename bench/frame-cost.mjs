// Per-frame server cost of the realtime endpoint. Starts Tandem and drives it over raw protocol connections (no
// Convergence client, so the Node driver is not the bottleneck), then prints the server JVM's CPU time per frame,
// read from /proc/<pid>/stat (user+system of the whole JVM: every thread, GC and JIT included), and the driver's own.
//
// Modes:
//   echo     C connections, each keeping W pings in flight: every round trip is one inbound and one outbound frame.
//   inbound  C connections, each sending batches of B pongs (the server only notes them) and one ping, waiting for
//            its pong: almost every frame is inbound, so this is the receive path alone.
//   fanout   one writer submits model operations (number deltas) with W in flight to a model that R readers have
//            open: each operation is one inbound frame, one acknowledgement and R remote-operation deliveries, so
//            outbound frames dominate. Run it at two R to get the marginal cost of one delivery.
//            --message reference: the writer moves a shared cursor instead (setReference, broadcast without a
//            database commit), the cheapest broadcast: per-delivery cost with little else.
//
// Usage (after 'mvn package -DskipTests' and 'cd compat && npm ci'):
//   node bench/frame-cost.mjs [--mode echo|inbound|fanout] [--connections 1] [--window 1] [--batch 100]
//                             [--readers 16] [--message operation|reference] [--warmup 30] [--seconds 10] [--repeat 1]
//                             [--fast-path true|false] [--gather-writes true|false]
//   Against a server started elsewhere (the EAR on Payara Server or WildFly; bench/frame-cost-targets.sh starts them):
//   node bench/frame-cost.mjs --port 8080 --server-pid <the server JVM's pid> [--target payara-server] ...
//   The server must accept anonymous connections to convergence/default and allow the message rate driven (start
//   it with TANDEM_REALTIME_MAX_MESSAGES_PER_SECOND=1000000 TANDEM_REALTIME_MESSAGE_BURST=1000000).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { encode, openRaw, toWs } from "../compat/lib/raw.mjs";
import { discardServerFiles, startServer, tempDir } from "../compat/lib/server.mjs";

const { values } = parseArgs({
  options: {
    mode: { type: "string", default: "echo" },
    connections: { type: "string", default: "1" },
    window: { type: "string", default: "1" },
    batch: { type: "string", default: "100" },
    readers: { type: "string", default: "16" },
    seconds: { type: "string", default: "10" },
    warmup: { type: "string", default: "30" },
    repeat: { type: "string", default: "1" },
    message: { type: "string", default: "operation" },
    "fast-path": { type: "string", default: "true" },
    "gather-writes": { type: "string", default: "true" },
    port: { type: "string" },
    "server-pid": { type: "string" },
    target: { type: "string" },
  },
});
const mode = values.mode;
const connections = Number(values.connections);
const window = Number(values.window);
const batch = Number(values.batch);
const readers = Number(values.readers);
const seconds = Number(values.seconds);
const repeat = Number(values.repeat);
const warmup = Number(values.warmup);
if (!["echo", "inbound", "fanout"].includes(mode)) throw new Error(`unknown mode ${mode}`);

const clockTicks = 100; // USER_HZ on Linux
function cpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / clockTicks; // utime + stime
}
/** CPU seconds of the JVM's JIT compiler threads that exist now (they come and go; a long warm-up keeps them idle). */
function jitCpuSeconds(pid) {
  let total = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (!/Compiler/.test(name)) continue;
      const fields = stat.split(") ")[1].split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / clockTicks;
    } catch {
      // the thread ended meanwhile
    }
  }
  return total;
}
function driverCpuSeconds() {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

// Either a server of our own (Payara Micro through the launcher) or one started elsewhere, measured by its pid.
if ((values.port === undefined) !== (values["server-pid"] === undefined)) {
  throw new Error("--port and --server-pid go together");
}
const external = values.port !== undefined;
const target = values.target ?? (external ? "external" : "payara-micro");
const work = external ? null : tempDir("tandem-bench-frame-");
const server = external
  ? {
      port: Number(values.port),
      process: { pid: Number(values["server-pid"]) },
      stop: async () => {},
    }
  : await startServer({
      dataDir: path.join(work, "data"),
      logFile: path.join(work, "server.log"),
      env: {
        TANDEM_REALTIME_WEBSOCKET_FAST_PATH: values["fast-path"],
        TANDEM_REALTIME_WEBSOCKET_GATHER_WRITES: values["gather-writes"],
        TANDEM_REALTIME_MAX_MESSAGES_PER_SECOND: "1000000",
        TANDEM_REALTIME_MESSAGE_BURST: "1000000",
      },
    });
const url = toWs(`http://127.0.0.1:${server.port}/api/realtime/convergence/default`);
const PING = Buffer.from([0x2a, 0x00]); // ConvergenceMessage{ping:{}}: field 5, length-delimited, empty
const PONG = Buffer.from([0x32, 0x00]); // ConvergenceMessage{pong:{}}: field 6

const opened = []; // every connection, closed at the end (a server started elsewhere stays up, and so would they)
async function connect() {
  const raw = await openRaw(url);
  opened.push(raw);
  raw.send({ requestId: { value: 0 }, connectionRequest: { client: "bench", clientVersion: "0", anonymous: {} } });
  await raw.until((msgs) => msgs.some((m) => m.connectionResponse), 120_000); // a loaded machine is slow
  return raw;
}

/**
 * Raw ws of a connection with the decoding listener removed: the loops count frames without decoding them. The
 * server's heartbeat pings (sent to a connection that has been silent for a while, such as a reader) are answered
 * here and not counted.
 */
function bare(raw) {
  const ws = raw.socket;
  ws.removeAllListeners("message");
  ws.plainOn ??= ws.on.bind(ws);
  const on = ws.plainOn;
  ws.on = (event, listener) =>
    on(
      event,
      event !== "message"
        ? listener
        : (data) => {
            if (data.length === 2 && data[0] === PING[0] && data[1] === 0) ws.send(PONG, { binary: true });
            else listener(data);
          },
    );
  return ws;
}

async function measure(body) {
  const pid = server.process.pid;
  console.error(`measuring: server pid ${pid}`); // lets a profiler attach to the measured phase
  const cpuBefore = cpuSeconds(pid);
  const jitBefore = jitCpuSeconds(pid);
  const driverBefore = driverCpuSeconds();
  const started = process.hrtime.bigint();
  const counts = await body(Date.now() + seconds * 1000);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    ...counts,
    elapsed,
    cpu: cpuSeconds(pid) - cpuBefore,
    jitCpu: Math.max(0, jitCpuSeconds(pid) - jitBefore),
    driverCpu: driverCpuSeconds() - driverBefore,
  };
}

async function echo(sockets, deadline) {
  let roundTrips = 0;
  await Promise.all(
    sockets.map(
      (raw) =>
        new Promise((resolve) => {
          const ws = bare(raw);
          let inFlight = 0;
          ws.on("message", () => {
            roundTrips++;
            inFlight--;
            if (Date.now() < deadline) {
              ws.send(PING, { binary: true });
              inFlight++;
            } else if (inFlight === 0) {
              resolve();
            }
          });
          for (let i = 0; i < window; i++) {
            ws.send(PING, { binary: true });
            inFlight++;
          }
        }),
    ),
  );
  return { inbound: roundTrips, outbound: roundTrips, roundTrips };
}

async function inbound(sockets, deadline) {
  let inboundFrames = 0;
  let outboundFrames = 0;
  await Promise.all(
    sockets.map(
      (raw) =>
        new Promise((resolve) => {
          const ws = bare(raw);
          const sendBatch = () => {
            for (let i = 0; i < batch; i++) ws.send(PONG, { binary: true });
            ws.send(PING, { binary: true });
            inboundFrames += batch + 1;
          };
          ws.on("message", () => {
            outboundFrames++;
            if (Date.now() < deadline) sendBatch();
            else resolve();
          });
          sendBatch();
        }),
    ),
  );
  return { inbound: inboundFrames, outbound: outboundFrames };
}

let modelCounter = 0;
/** Opens one model on the writer and every reader; returns the writer's resource id and the number's value id. */
async function openFanoutModel(writer, readerSockets) {
  const modelId = `fanout-${++modelCounter}`;
  writer.send({
    requestId: { value: 1 },
    createRealTimeModelRequest: {
      collectionId: "bench",
      modelId: { value: modelId },
      data: {
        id: "b:0",
        children: { n: { doubleValue: { id: "b:1", value: 0 } }, s: { stringValue: { id: "b:2", value: "hello" } } },
      },
    },
  });
  await writer.until((msgs) => msgs.some((m) => m.createRealTimeModelResponse || m.error));
  const all = [writer, ...readerSockets];
  for (const raw of all) {
    raw.received.length = 0;
    raw.send({ requestId: { value: 2 }, openRealTimeModelRequest: { modelId: { value: modelId } } });
  }
  for (const raw of all) {
    await raw.until((msgs) => msgs.some((m) => m.openRealTimeModelResponse || (m.error && m.responseId)), 30_000);
  }
  const opened = writer.received.find((m) => m.openRealTimeModelResponse)?.openRealTimeModelResponse;
  if (!opened) throw new Error(`open failed: ${JSON.stringify(writer.received.slice(-2))}`);
  // Let the collaborator-opened announcements settle before counting.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { resourceId: opened.resourceId, version: Number(opened.version ?? 0), valueId: "b:1" };
}

let sequence = 0;
let version = 0;
/**
 * Fan-out of reference changes: the writer moves a shared cursor, each move is broadcast to the readers without a
 * database commit, so this is the cheapest broadcast there is. Flow control: at most W moves not yet seen by the
 * first reader (every reader receives them all, in order).
 */
async function fanoutReferences(model, writer, readerSockets, deadline) {
  let deliveries = 0;
  let seenByFirst = 0;
  const ws = bare(writer);
  ws.on("message", () => {}); // nothing is expected
  let moves = 0;
  const move = () => {
    ws.send(
      encode({
        setReference: {
          resourceId: model.resourceId,
          valueId: { value: "b:2" },
          key: "cursor",
          references: { indices: { values: [moves % 5] } },
          version,
        },
      }),
      { binary: true },
    );
    moves++;
  };
  await new Promise((resolve) => {
    readerSockets.map(bare).forEach((reader, index) =>
      reader.on("message", () => {
        deliveries++;
        if (index !== 0) return;
        seenByFirst++;
        if (Date.now() < deadline) move();
        else if (seenByFirst >= moves) resolve();
      }),
    );
    for (let i = 0; i < window; i++) move();
  });
  const expected = moves * readerSockets.length;
  for (let i = 0; i < 100 && deliveries < expected; i++) await new Promise((r) => setTimeout(r, 20));
  return { inbound: moves, outbound: deliveries, operations: moves, deliveries };
}

async function fanout(model, writer, readerSockets, deadline) {
  let deliveries = 0;
  const readerWs = readerSockets.map(bare);
  for (const ws of readerWs) ws.on("message", () => deliveries++);
  const ws = bare(writer);
  let acks = 0;
  const submit = () => {
    ws.send(
      encode({
        operationSubmission: {
          resourceId: model.resourceId,
          sequenceNumber: sequence++,
          contextVersion: version,
          operation: { discreteOperation: { numberDeltaOperation: { id: model.valueId, delta: 1 } } },
        },
      }),
      { binary: true },
    );
  };
  await new Promise((resolve) => {
    let inFlight = 0;
    ws.on("message", () => {
      acks++; // the writer receives only acknowledgements here (no other session writes)
      version++;
      inFlight--;
      if (Date.now() < deadline) {
        submit();
        inFlight++;
      } else if (inFlight === 0) {
        resolve();
      }
    });
    for (let i = 0; i < window; i++) {
      submit();
      inFlight++;
    }
  });
  // Deliveries of the last operations may still be on their way.
  const expected = acks * readerSockets.length;
  for (let i = 0; i < 100 && deliveries < expected; i++) await new Promise((r) => setTimeout(r, 20));
  return { inbound: acks, outbound: acks + deliveries, operations: acks, deliveries };
}

function report(r) {
  const micros = (frames) => (frames ? Number(((r.cpu * 1e6) / frames).toFixed(1)) : null);
  const line = {
    target,
    mode,
    // Chosen here on a server of our own; a server started elsewhere has its own settings (null: not known here).
    fastPath: external ? null : values["fast-path"] === "true",
    gatherWrites: external ? null : values["gather-writes"] === "true",
    seconds: Number(r.elapsed.toFixed(2)),
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    serverCpuCores: Number((r.cpu / r.elapsed).toFixed(2)),
    driverCpuCores: Number((r.driverCpu / r.elapsed).toFixed(2)),
    jitShareOfServerCpu: Number((r.jitCpu / r.cpu).toFixed(3)), // should be near 0 after the warm-up
  };
  if (mode === "echo") {
    Object.assign(line, {
      connections,
      window,
      roundTripsPerSecond: Math.round(r.roundTrips / r.elapsed),
      serverCpuMicrosPerRoundTrip: micros(r.roundTrips),
      serverCpuMicrosPerFrame: micros(r.inbound + r.outbound),
    });
  } else if (mode === "inbound") {
    Object.assign(line, {
      connections,
      batch,
      inboundFramesPerSecond: Math.round(r.inbound / r.elapsed),
      serverCpuMicrosPerInboundFrame: micros(r.inbound), // includes the 1 pong per batch
    });
  } else {
    Object.assign(line, {
      message: values.message,
      readers,
      window,
      operationsPerSecond: Math.round(r.operations / r.elapsed),
      deliveriesPerSecond: Math.round(r.deliveries / r.elapsed),
      serverCpuMicrosPerOperation: micros(r.operations),
      serverCpuMicrosPerOutboundFrame: micros(r.outbound), // everything, the operation's own work included
    });
  }
  console.log(JSON.stringify(line));
}

try {
  if (mode === "fanout") {
    const writer = await connect();
    const readerSockets = [];
    for (let i = 0; i < readers; i++) readerSockets.push(await connect());
    const model = await openFanoutModel(writer, readerSockets);
    version = model.version;
    if (values.message === "reference") {
      writer.send({
        shareReference: {
          resourceId: model.resourceId,
          valueId: { value: "b:2" },
          key: "cursor",
          references: { indices: { values: [0] } },
          version,
        },
      });
      await readerSockets[0].until((msgs) => msgs.some((m) => m.referenceShared));
    }
    const body = values.message === "reference" ? fanoutReferences : fanout;
    const run = (deadline) => body(model, writer, readerSockets, deadline);
    await measure((deadline) => run(Date.now() + warmup * 1000)); // warm-up: JIT, pools
    for (let i = 0; i < repeat; i++) report(await measure(run));
  } else {
    const sockets = await Promise.all(Array.from({ length: connections }, connect));
    const body = mode === "echo" ? echo : inbound;
    const run = async (deadline) => {
      // each run gets fresh listeners on the same sockets
      for (const raw of sockets) raw.socket.removeAllListeners("message");
      return body(sockets, deadline);
    };
    await measure((deadline) => run(Date.now() + warmup * 1000)); // warm-up: JIT, pools
    for (let i = 0; i < repeat; i++) report(await measure(run));
  }
} finally {
  for (const raw of opened) raw.socket.terminate();
  await server.stop();
  if (work) discardServerFiles(work, ["server.log"]);
}
