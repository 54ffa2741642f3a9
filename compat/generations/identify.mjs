// Establishes which published wire schema each published client embeds, and how the generations differ.
//
//   node compat/generations/identify.mjs [--work DIR]
//
// Downloads every published @convergence/convergence client and @convergence/convergence-proto schema package with
// `npm pack` (into DIR, default a temporary directory; packages already there are reused), reads the schema each
// client bundle embeds (the protobufjs JSON descriptor it passes to Root.fromJSON, an object literal in
// convergence.js), compares it with each schema package's convergence-proto.json, prints the table of generations,
// and writes the difference between each generation and the next (messages, fields and their numbers and types,
// oneof sizes, enums) to compat/generations/diffs/. Nothing of the client's code is kept: only the schema, which is
// the Apache-2.0 convergence-proto.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual, parseArgs } from "node:util";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({ options: { work: { type: "string" } } });
const work = args.work ?? fs.mkdtempSync(path.join(os.tmpdir(), "generations-"));

function versions(pkg) {
  return JSON.parse(execFileSync("npm", ["view", pkg, "versions", "--json"]).toString())
    .filter((v) => v.startsWith("1.0.0-rc."))
    .sort((a, b) => Number(a.split(".").pop()) - Number(b.split(".").pop()));
}

/** The unpacked package directory of pkg@version, downloaded once. */
function unpacked(pkg, version) {
  const dir = path.join(work, `${pkg.split("/")[1]}-${version}`);
  if (!fs.existsSync(path.join(dir, "package", "package.json"))) {
    fs.mkdirSync(dir, { recursive: true });
    const tgz = execFileSync("npm", ["pack", "--silent", `${pkg}@${version}`], { cwd: dir })
      .toString()
      .trim();
    execFileSync("tar", ["xzf", tgz], { cwd: dir });
  }
  return path.join(dir, "package");
}

/** The object literal that starts at src[start] ("{"), as text; strings may hold braces. */
function objectAt(src, start) {
  let depth = 0;
  let quote = null;
  for (let i = start; i < src.length; i++) {
    const ch = src[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    else if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return src.slice(start, i + 1);
  }
  throw new Error("unbalanced object literal");
}

/** The schema a client bundle embeds, in convergence-proto.json's shape ({nested: ...}). */
function embeddedSchema(bundle) {
  const src = fs.readFileSync(bundle, "utf8");
  const readable = src.indexOf("var nested = {"); // rc.4 and later: a readable bundle
  const minified = src.indexOf("={io:{nested:"); // rc.1, rc.2: minified, package io.convergence.proto
  const start = readable >= 0 ? src.indexOf("{", readable) : minified >= 0 ? minified + 1 : -1;
  if (start < 0) throw new Error(`no embedded schema found in ${bundle}`);
  // The literal is plain data (names, numbers, strings); evaluating it is how to read it without a JS parser.
  return { nested: new Function(`return ${objectAt(src, start)}`)() };
}

/** Messages (field -> "number:[rule ]type") and enums of a schema, by name without the package prefix. */
function flatten(schema) {
  const messages = {};
  const enums = {};
  const walk = (namespace, prefix) => {
    for (const [name, def] of Object.entries(namespace.nested ?? {})) {
      const full = prefix ? `${prefix}.${name}` : name;
      const short = full.replace(/^com\.convergencelabs\.convergence\.proto\.|^io\.convergence\.proto\./, "");
      if (def.fields) {
        messages[short] = Object.fromEntries(
          Object.entries(def.fields).map(([field, d]) => [
            field,
            `${d.id}:${d.rule ? `${d.rule} ` : ""}${d.keyType ? `map<${d.keyType},${d.type}>` : d.type}`,
          ]),
        );
        for (const [oneof, { oneof: members }] of Object.entries(def.oneofs ?? {})) {
          messages[short][`oneof ${oneof}`] = `${members.length} members`;
        }
      }
      if (def.values) enums[short] = def.values;
      walk(def, full);
    }
  };
  walk(schema, "");
  return { messages, enums };
}

function difference(from, to) {
  const a = flatten(from);
  const b = flatten(to);
  const lines = [];
  const fields = (m) =>
    Object.entries(m)
      .filter(([f]) => !f.startsWith("oneof "))
      .map(([f, d]) => `${f}=${d}`)
      .join(", ");
  for (const name of Object.keys(a.messages)) if (!b.messages[name]) lines.push(`- message ${name}`);
  for (const name of Object.keys(b.messages)) {
    if (!a.messages[name]) lines.push(`+ message ${name} (${fields(b.messages[name])})`);
  }
  for (const [name, before] of Object.entries(a.messages)) {
    const after = b.messages[name];
    if (!after) continue;
    for (const f of Object.keys(before)) if (!(f in after)) lines.push(`  ${name}: - ${f} (${before[f]})`);
    for (const f of Object.keys(after)) if (!(f in before)) lines.push(`  ${name}: + ${f} (${after[f]})`);
    for (const f of Object.keys(before)) {
      if (f in after && before[f] !== after[f]) lines.push(`  ${name}: ~ ${f} ${before[f]} -> ${after[f]}`);
    }
  }
  for (const name of Object.keys(a.enums)) if (!b.enums[name]) lines.push(`- enum ${name}`);
  for (const name of Object.keys(b.enums))
    if (!a.enums[name]) lines.push(`+ enum ${name} ${JSON.stringify(b.enums[name])}`);
  for (const name of Object.keys(a.enums)) {
    if (b.enums[name] && JSON.stringify(a.enums[name]) !== JSON.stringify(b.enums[name])) {
      lines.push(`  enum ${name}: ${JSON.stringify(a.enums[name])} -> ${JSON.stringify(b.enums[name])}`);
    }
  }
  return lines;
}

const protos = versions("@convergence/convergence-proto").map((version) => ({
  version,
  schema: JSON.parse(
    fs.readFileSync(path.join(unpacked("@convergence/convergence-proto", version), "convergence-proto.json"), "utf8"),
  ),
}));
const generations = []; // { schema, proto, clients: [] }, in client order
for (const version of versions("@convergence/convergence")) {
  const schema = JSON.parse(
    JSON.stringify(embeddedSchema(path.join(unpacked("@convergence/convergence", version), "convergence.js"))),
  );
  const last = generations[generations.length - 1];
  if (last && isDeepStrictEqual(last.schema, schema)) {
    last.clients.push(version);
    continue;
  }
  const proto = protos.find((p) => isDeepStrictEqual(p.schema, schema));
  generations.push({ schema, proto: proto?.version ?? null, clients: [version] });
}

const diffs = path.join(here, "diffs");
fs.rmSync(diffs, { recursive: true, force: true });
fs.mkdirSync(diffs);
console.log("| generation | clients | embedded schema | messages | differences from the previous generation |");
console.log("| --- | --- | --- | --- | --- |");
generations.forEach((generation, i) => {
  const name = `G${i}`;
  let changes = "";
  if (i > 0) {
    const lines = difference(generations[i - 1].schema, generation.schema);
    const file = `G${i - 1}--G${i}.txt`;
    fs.writeFileSync(path.join(diffs, file), lines.join("\n") + "\n");
    changes = `${lines.length} lines: diffs/${file}`;
  }
  const schema = generation.proto ? `convergence-proto ${generation.proto}` : "not a published package";
  const messages = Object.keys(flatten(generation.schema).messages).length;
  console.log(`| ${name} | ${generation.clients.join(", ")} | ${schema} | ${messages} | ${changes} |`);
});
console.log(`\n(packages in ${work})`);
