// Where a start's time goes, and how builds compare. Starts Tandem (H2) several times on one data directory per
// build and log mode: the first start is cold (a fresh directory: Payara's runtime unpacked, the schema migrated,
// the administrator created, and with tandem.sh no class-data archive yet: that start writes it when it stops), the
// others warm (what an operator's restart costs). The builds and modes take turns (A B A B ...), since this machine
// is shared and noisy: each line records the load average before its start.
//
// Verbose starts log at Payara's own levels (TANDEM_LOG_VERBOSE=true), so their timestamped lines give the timeline:
// the launcher until Payara's first line, Payara's own boot, the deployment of the WAR (CDI, JPA, EJB, REST, with the
// application's start-up singletons), the schema, and the rest until the launcher prints its ready line (which it
// does once /api/rest/status answers). Quiet starts (the default mode) are timed only. Every figure is ms from the
// spawn of the process; "stop" is how long the SIGTERM took.
//
// Usage (after 'mvn package -DskipTests' and 'cd compat && npm ci'):
//   node bench/startup.mjs [--runs 4] [--modes verbose,quiet] [--build NAME=DIR[:script]]... [--out FILE]
// A build is a folder holding tandem.jar, tandem.war and payara-micro.jar (target/, or a copy of an older target/);
// ":script" starts it with its tandem.sh (class-data archive) instead of java -jar. Default: target/ both ways.
//   cp -r target /tmp/before   # (or build the older commit into it)
//   node bench/startup.mjs --build before=/tmp/before --build after=target:script
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { discardServerFiles, projectRoot, startServer, tempDir } from "../compat/lib/server.mjs";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "4" },
    modes: { type: "string", default: "verbose,quiet" },
    build: { type: "string", multiple: true },
    out: { type: "string" },
  },
});
const runs = Number(values.runs);
const modes = values.modes.split(",");
const target = path.join(projectRoot, "target");
const builds = (values.build || [`java-jar=${target}`, `tandem.sh=${target}:script`]).map((spec) => {
  const [name, rest] = spec.split(/=(.*)/s);
  const script = rest.endsWith(":script");
  return { name, home: path.resolve(script ? rest.slice(0, -":script".length) : rest), script };
});

/** Log lines that end a phase: the first line matching each, in this order. */
const MARKS = [
  ["payara-first-line", /Payara Micro Runtime directory is located/],
  ["payara-booted", /Payara Micro .* startup time/],
  ["deployed", /Deployed \d+ archive/],
  ["schema-migrated", /Successfully applied \d+ migrations|Schema .* is up to date/],
];

function timeline(logFile, spawnedAt) {
  const stamps = {};
  for (const line of fs.readFileSync(logFile, "utf8").split("\n")) {
    const stamp = /^\[(\d{4}-\d\d-\d\dT[\d:.]+)([+-]\d{4})\]/.exec(line);
    if (!stamp) continue;
    const at = Date.parse(`${stamp[1]}${stamp[2].slice(0, 3)}:${stamp[2].slice(3)}`);
    for (const [name, pattern] of MARKS) {
      if (!(name in stamps) && pattern.test(line)) stamps[name] = at - spawnedAt;
    }
  }
  return stamps;
}

async function start(build, dataDir, verbose) {
  const logFile = `${dataDir}.log`;
  fs.rmSync(logFile, { force: true });
  const spawnedAt = Date.now();
  const server = await startServer({
    dataDir,
    logFile,
    home: build.home,
    script: build.script,
    env: verbose ? { TANDEM_LOG_VERBOSE: "true" } : {},
  });
  const ready = server.startupMillis;
  const cpu = cpuAtReady(server.process.pid);
  const stopping = Date.now();
  await server.stop();
  const stop = Date.now() - stopping;
  return { ...(verbose ? timeline(logFile, spawnedAt) : {}), ready, stop, ...cpu };
}

/**
 * CPU time (ms, user + system) the JVM had used when it was ready, from /proc: in all, in the thread that runs the
 * launcher and the deployment ("main": the threads named java), and in the JIT compilers. On a shared machine these
 * vary far less than the wall-clock figures.
 */
function cpuAtReady(pid) {
  const ticks = (stat) => {
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks of 10 ms
  };
  try {
    const cpu = { cpu: ticks(fs.readFileSync(`/proc/${pid}/stat`, "utf8")), cpuMain: 0, cpuJit: 0 };
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const name = fs.readFileSync(`/proc/${pid}/task/${task}/comm`, "utf8").trim();
      const used = ticks(fs.readFileSync(`/proc/${pid}/task/${task}/stat`, "utf8"));
      if (name === "java") cpu.cpuMain += used;
      else if (/^C[12] CompilerThre/.test(name)) cpu.cpuJit += used;
    }
    return cpu;
  } catch {
    return {}; // not Linux, or the process is gone
  }
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const work = tempDir("tandem-startup-");
const results = {
  machine: { cpus: os.cpus().length, node: process.version },
  builds: builds.map(({ name, home, script }) => ({ name, home, script })),
  starts: [],
};
for (let run = 0; run < runs; run++) {
  for (const mode of modes) {
    for (const build of builds) {
      const before = load();
      const phases = await start(build, `${work}/${build.name}-${mode}`, mode === "verbose");
      const row = { build: build.name, mode, run: run === 0 ? "cold" : `warm ${run}`, loadBefore: before, ...phases };
      results.starts.push(row);
      console.log(`[startup] ${build.name} ${mode} ${row.run}: ${JSON.stringify(phases)} (load ${before})`);
    }
  }
}
discardServerFiles(work);
fs.rmSync(work, { recursive: true, force: true });

const marks = [...MARKS.map(([name]) => name), "ready", "stop", "cpu", "cpuMain", "cpuJit"];
for (const mode of modes) {
  const columns = mode === "verbose" ? marks : ["ready", "stop", "cpu", "cpuMain", "cpuJit"];
  console.log(`\n${mode}: ms from the spawn (load average before the start)`);
  console.log(`| build | start | ${columns.join(" | ")} | load |`);
  console.log(`| --- | --- | ${columns.map(() => "---").join(" | ")} | --- |`);
  for (const row of results.starts.filter((r) => r.mode === mode)) {
    const cells = columns.map((mark) => row[mark] ?? "?");
    console.log(`| ${row.build} | ${row.run} | ${cells.join(" | ")} | ${row.loadBefore.split(" ")[0]} |`);
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
console.log("\nwarm starts, medians (ms): ready; CPU at ready in all, main thread, JIT");
for (const mode of modes) {
  for (const build of builds) {
    const warm = results.starts.filter((r) => r.mode === mode && r.build === build.name && r.run !== "cold");
    const m = (key) => median(warm.map((r) => r[key]));
    console.log(
      `  ${build.name} ${mode}: ready ${m("ready")} (${warm.map((r) => r.ready).join(", ")}); ` +
        `cpu ${m("cpu")}, main ${m("cpuMain")}, jit ${m("cpuJit")}`,
    );
  }
}
if (values.out) fs.writeFileSync(values.out, JSON.stringify(results, null, 2) + "\n");
