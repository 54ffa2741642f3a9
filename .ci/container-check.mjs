// Checks the container image Jib wrote (a docker-archive tar) and compose.yaml, without a container runtime:
//   node .ci/container-check.mjs target/jib-image.tar compose.yaml README.md
// The image: java -jar /app/tandem.jar as entrypoint, a numeric non-root user, port 8080, the /data volume as the data
// directory, UTF-8, a health check on /health, and the launcher, Payara Micro and the WAR (without the launcher's
// classes) in its layers. compose.yaml: every TANDEM_* variable it sets is a setting the server reads (README's
// configuration table), and it runs this image with its volume, port and health probe.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const [imageTar, composeFile, readme] = process.argv.slice(2);
if (!imageTar || !composeFile || !readme) {
  console.error("usage: node .ci/container-check.mjs <image tar> <compose.yaml> <README.md>");
  process.exit(2);
}

const member = (name, options = {}) =>
  execFileSync("tar", ["-xOf", imageTar, name], { maxBuffer: 1 << 30, ...options });
const [manifest] = JSON.parse(member("manifest.json"));
const image = JSON.parse(member(manifest.Config));
const config = image.config;
let checks = 0;
function check(what, fn) {
  try {
    fn();
    checks++;
    console.log(`ok ${checks} - ${what}`);
  } catch (error) {
    console.log(`not ok - ${what}\n${error.message}`);
    process.exitCode = 1;
  }
}

check("entrypoint runs the launcher", () =>
  assert.deepEqual(config.Entrypoint, ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/tandem.jar"]),
);
check("runs as a numeric user that is not root", () => {
  const [uid, gid] = String(config.User ?? "").split(":");
  assert.match(uid, /^[0-9]+$/, `User is ${JSON.stringify(config.User)}`);
  assert.notEqual(Number(uid), 0);
  assert.notEqual(Number(gid ?? 0), 0);
});
check("exposes 8080/tcp", () => assert.deepEqual(Object.keys(config.ExposedPorts ?? {}), ["8080/tcp"]));
check("declares the /data volume", () => assert.deepEqual(Object.keys(config.Volumes ?? {}), ["/data"]));
check("the data directory is /data, the locale UTF-8, Java on the PATH", () => {
  const env = Object.fromEntries(
    (config.Env ?? []).map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]),
  );
  assert.equal(env.TANDEM_DATA_DIR, "/data");
  assert.equal(env.LANG, "C.UTF-8");
  assert.match(env.PATH, /java-17-openjdk/);
});
check("has a health check on /health that follows TANDEM_HTTP_PORT", () => {
  const test = config.Healthcheck?.Test ?? [];
  assert.equal(test[0], "CMD-SHELL");
  assert.match(test[1], /curl .*http:\/\/127\.0\.0\.1:\$\{TANDEM_HTTP_PORT:-8080\}\/health/);
  assert.ok(config.Healthcheck.StartPeriod >= 60e9, "a start period long enough for a cold start");
});

// The layers Jib added (the first is the base image's root file system).
const files = new Set();
for (const layer of manifest.Layers.slice(1)) {
  const listing = execFileSync(
    "sh",
    ["-c", 'tar -xOf "$1" "$2" | tar --warning=no-unknown-keyword -tz', "sh", imageTar, layer],
    {
      maxBuffer: 1 << 30,
    },
  );
  for (const f of listing.toString().split("\n")) files.add(f.replace(/^\.?\//, ""));
}
check("holds the launcher, Payara Micro and the exploded WAR (without the launcher) in /app", () => {
  for (const f of ["app/tandem.jar", "app/payara-micro.jar", "app/tandem.war/WEB-INF/web.xml"]) {
    assert.ok(files.has(f), `${f} missing`);
  }
  assert.ok([...files].some((f) => f.startsWith("app/tandem.war/WEB-INF/classes/dev/tandem/")));
  assert.ok([...files].some((f) => /^app\/tandem\.war\/WEB-INF\/lib\/postgresql-.*\.jar$/.test(f)));
  assert.ok(!files.has("app/tandem.war/WEB-INF/classes/dev/tandem/launcher/TandemLauncher.class"), "launcher in WAR");
});

// compose.yaml, read as text: the settings it passes are environment entries 'TANDEM_...: value'.
const compose = fs.readFileSync(composeFile, "utf8");
const known = new Set();
for (const line of fs.readFileSync(readme, "utf8").split("\n")) {
  if (!line.startsWith("| `tandem.")) continue;
  const firstCell = line.split("|")[1];
  for (const [, key] of firstCell.matchAll(/`(tandem\.[a-z0-9.-]+)`/g)) {
    known.add(key.replace(/[^A-Za-z0-9]/g, "_").toUpperCase());
  }
}
check("README's configuration table was read", () => assert.ok(known.size > 20 && known.has("TANDEM_DB_URL")));
const composeVars = [...compose.matchAll(/^\s+(TANDEM_[A-Z0-9_]+):/gm)].map((m) => m[1]);
check("compose.yaml sets only settings the server reads", () => {
  assert.ok(composeVars.length >= 4, `found ${composeVars.join(", ")}`);
  for (const v of composeVars) assert.ok(known.has(v), `${v} is not a setting in README's configuration table`);
});
check("compose.yaml runs the image on PostgreSQL 15 with a /data volume, port 8080 and the health probe", () => {
  assert.match(compose, /image: .*postgres:15/);
  assert.match(compose, /image: tandem:latest/);
  assert.match(compose, /TANDEM_DB_URL: jdbc:postgresql:\/\/db:5432\//);
  assert.match(compose, /- tandem-data:\/data/);
  assert.match(compose, /"8080:8080"/);
  assert.match(compose, /curl .*\/health/);
});
console.log(process.exitCode ? "container image checks FAILED" : `container image: ${checks} checks passed`);
