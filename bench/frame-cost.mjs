// Per-frame server cost of the realtime endpoint: starts Tandem, opens C authenticated raw connections, and has each
// keep W pings in flight for D seconds. Prints round trips/s and the server's CPU time per frame, read from
// /proc/<pid>/stat (user+system of the whole server JVM, so it includes GC and every thread).
//
// Usage (after 'mvn package -DskipTests' and 'cd compat && npm ci'):
//   node bench/frame-cost.mjs [--connections 1] [--window 1] [--seconds 10] [--fast-path true|false]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openRaw, toWs } from "../compat/lib/raw.mjs";
import { startServer, tempDir } from "../compat/lib/server.mjs";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "1" },
    window: { type: "string", default: "1" },
    seconds: { type: "string", default: "10" },
    "fast-path": { type: "string", default: "true" },
  },
});
const connections = Number(values.connections);
const window = Number(values.window);
const seconds = Number(values.seconds);

const clockTicks = 100; // USER_HZ on Linux
function cpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / clockTicks; // utime + stime
}

const work = tempDir("tandem-bench-frame-");
const server = await startServer({
  dataDir: path.join(work, "data"),
  logFile: path.join(work, "server.log"),
  env: { TANDEM_REALTIME_WEBSOCKET_FAST_PATH: values["fast-path"], TANDEM_REALTIME_MAX_MESSAGES_PER_SECOND: "1000000", TANDEM_REALTIME_MESSAGE_BURST: "1000000" },
});
const url = toWs(`http://127.0.0.1:${server.port}/api/realtime/convergence/default`);

async function connect() {
  const raw = await openRaw(url);
  raw.send({ requestId: { value: 0 }, connectionRequest: { client: "bench", clientVersion: "0", anonymous: {} } });
  await raw.until((msgs) => msgs.some((m) => m.connectionResponse));
  return raw;
}

async function run(durationSeconds) {
  const sockets = await Promise.all(Array.from({ length: connections }, connect));
  let roundTrips = 0;
  const deadline = Date.now() + durationSeconds * 1000;
  const pid = server.process.pid;
  const cpuBefore = cpuSeconds(pid);
  const started = process.hrtime.bigint();
  await Promise.all(sockets.map((raw) => new Promise((resolve) => {
    const ping = raw.socket; // raw ws: count pongs directly, without decoding overhead in the loop
    const frame = Buffer.from([0x2a, 0x00]); // ConvergenceMessage{ping:{}}: field 5, length-delimited, empty
    let inFlight = 0;
    ping.removeAllListeners("message");
    ping.on("message", () => {
      roundTrips++;
      inFlight--;
      if (Date.now() < deadline) {
        ping.send(frame, { binary: true });
        inFlight++;
      } else if (inFlight === 0) {
        resolve();
      }
    });
    for (let i = 0; i < window; i++) {
      ping.send(frame, { binary: true });
      inFlight++;
    }
  })));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = cpuSeconds(pid) - cpuBefore;
  for (const raw of sockets) raw.close();
  return { roundTrips, elapsed, cpu };
}

try {
  await run(Math.min(5, seconds)); // warm-up: JIT, pools
  const { roundTrips, elapsed, cpu } = await run(seconds);
  const frames = roundTrips * 2; // one inbound ping, one outbound pong
  console.log(JSON.stringify({
    fastPath: values["fast-path"] === "true",
    connections, window, seconds: Number(elapsed.toFixed(2)),
    roundTripsPerSecond: Math.round(roundTrips / elapsed),
    serverCpuMicrosPerRoundTrip: Number(((cpu * 1e6) / roundTrips).toFixed(1)),
    serverCpuMicrosPerFrame: Number(((cpu * 1e6) / frames).toFixed(1)),
    serverCpuCores: Number((cpu / elapsed).toFixed(2)),
  }));
} finally {
  await server.stop();
}
