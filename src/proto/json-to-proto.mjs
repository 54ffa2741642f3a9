// Build-time only. Converts the published Convergence wire schemas
// (@convergence/convergence-proto, a protobufjs JSON descriptor and nothing else)
// into one .proto file per protobuf package, so that protoc can generate Java.
//
// One schema per client generation Tandem serves (compat/generations/README.md):
// G7, the one the server speaks internally, and G6 (client rc.9), G5 (rc.8), G4
// (rc.7), G3 (rc.6) and G1 (rc.4), translated at the edge of interfaces/realtime
// (G2, rc.5, has no published schema: see G2Codec). Each is a pinned npm package (the older ones through npm aliases), and each gets its own protobuf and Java package
// so that they coexist: a frame carries field numbers, never package names, so renaming
// an old generation's package changes nothing on the wire.
//
// Every type reference is written fully qualified, so protoc resolves exactly the
// types protobufjs resolved. The scalapb options are dropped (they only matter to
// Scala code generation); the google.protobuf types are imported from protoc's
// own well-known files instead of being redefined.
//
// Usage: node json-to-proto.mjs <output directory>

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const protobuf = require("protobufjs");

const SCHEMA_ROOT = "com.convergencelabs.convergence.proto";
const GENERATIONS = [
  {
    name: "G7",
    npm: "@convergence/convergence-proto",
    version: "1.0.0-rc.7",
    protoRoot: SCHEMA_ROOT,
    javaRoot: "dev.tandem.interfaces.realtime.proto",
    dir: "convergence",
  },
  {
    name: "G6",
    npm: "convergence-proto-rc6", // npm alias of @convergence/convergence-proto@1.0.0-rc.6
    version: "1.0.0-rc.6",
    protoRoot: "tandem.g6",
    javaRoot: "dev.tandem.interfaces.realtime.proto.g6",
    dir: "g6",
  },
  {
    name: "G5",
    npm: "convergence-proto-rc5", // npm alias of @convergence/convergence-proto@1.0.0-rc.5
    version: "1.0.0-rc.5",
    protoRoot: "tandem.g5",
    javaRoot: "dev.tandem.interfaces.realtime.proto.g5",
    dir: "g5",
  },
  {
    name: "G4",
    npm: "convergence-proto-rc4", // npm alias of @convergence/convergence-proto@1.0.0-rc.4
    version: "1.0.0-rc.4",
    protoRoot: "tandem.g4",
    javaRoot: "dev.tandem.interfaces.realtime.proto.g4",
    dir: "g4",
  },
  {
    name: "G3",
    npm: "convergence-proto-rc3", // npm alias of @convergence/convergence-proto@1.0.0-rc.3
    version: "1.0.0-rc.3",
    protoRoot: "tandem.g3",
    javaRoot: "dev.tandem.interfaces.realtime.proto.g3",
    dir: "g3",
  },
  {
    name: "G1",
    npm: "convergence-proto-rc1", // npm alias of @convergence/convergence-proto@1.0.0-rc.1
    version: "1.0.0-rc.1",
    protoRoot: "tandem.g1",
    javaRoot: "dev.tandem.interfaces.realtime.proto.g1",
    dir: "g1",
  },
];

const outDir = process.argv[2];
if (!outDir) {
  throw new Error("usage: node json-to-proto.mjs <output directory>");
}

const WELL_KNOWN = {
  Timestamp: "google/protobuf/timestamp.proto",
  Struct: "google/protobuf/struct.proto",
  Value: "google/protobuf/struct.proto",
  ListValue: "google/protobuf/struct.proto",
  NullValue: "google/protobuf/struct.proto",
};
for (const w of ["Double", "Float", "Int64", "UInt64", "Int32", "UInt32", "Bool", "String", "Bytes"]) {
  WELL_KNOWN[`${w}Value`] = "google/protobuf/wrappers.proto";
}

for (const generation of GENERATIONS) {
  writeGeneration(generation);
}

function writeGeneration({ name, npm, version, protoRoot, javaRoot, dir }) {
  const schema = require(`${npm}/convergence-proto.json`);
  const schemaVersion = require(`${npm}/package.json`).version;
  if (schemaVersion !== version) {
    throw new Error(`${name}: expected convergence-proto ${version}, found ${schemaVersion}`);
  }
  const root = protobuf.Root.fromJSON(schema);
  root.resolveAll();

  /** Namespaces that directly hold messages or enums become one .proto file each. */
  const packages = new Map();
  function collect(ns) {
    for (const child of ns.nestedArray) {
      if (child instanceof protobuf.Type || child instanceof protobuf.Enum) {
        const pkg = ns.fullName.replace(/^\./, "");
        if (!packages.has(pkg)) packages.set(pkg, []);
        packages.get(pkg).push(child);
      } else if (child instanceof protobuf.Service) {
        throw new Error(`services are not expected in the wire schema: ${child.fullName}`);
      } else if (child instanceof protobuf.Namespace) {
        collect(child);
      }
    }
  }
  collect(root);

  function fileOf(pkg) {
    if (pkg === SCHEMA_ROOT) return `${dir}/convergence.proto`;
    if (!pkg.startsWith(SCHEMA_ROOT + ".")) throw new Error(`unexpected package ${pkg}`);
    return `${dir}/${pkg.slice(SCHEMA_ROOT.length + 1).replace(/\./g, "/")}.proto`;
  }

  /** The schema's package (or a type's full name) as written for this generation. */
  function renamed(name) {
    const dot = name.startsWith(".") ? "." : "";
    const bare = name.slice(dot.length);
    if (bare === SCHEMA_ROOT || bare.startsWith(SCHEMA_ROOT + ".")) {
      return dot + protoRoot + bare.slice(SCHEMA_ROOT.length);
    }
    return name;
  }

  function packageOf(reflectionObject) {
    let p = reflectionObject.parent;
    while (p && p instanceof protobuf.Type) p = p.parent;
    return p.fullName.replace(/^\./, "");
  }

  function javaPackage(pkg) {
    return pkg === SCHEMA_ROOT ? javaRoot : javaRoot + pkg.slice(SCHEMA_ROOT.length);
  }

  /** Returns the type name to write for a field and records the import it needs. */
  function typeRef(field, imports, ownFile) {
    if (!field.resolvedType) return field.type; // scalar
    const target = field.resolvedType;
    const pkg = packageOf(target);
    if (pkg === "google.protobuf") {
      const file = WELL_KNOWN[target.name];
      if (!file) throw new Error(`no well-known file for google.protobuf.${target.name}`);
      imports.add(file);
    } else {
      const file = fileOf(pkg);
      if (file !== ownFile) imports.add(file);
    }
    return renamed(target.fullName); // leading dot: fully qualified
  }

  function writeField(field, indent, imports, ownFile) {
    if (field.map) {
      const valueType = typeRef(field, imports, ownFile);
      return `${indent}map<${field.keyType}, ${valueType}> ${field.name} = ${field.id};`;
    }
    const label = field.repeated ? "repeated " : "";
    return `${indent}${label}${typeRef(field, imports, ownFile)} ${field.name} = ${field.id};`;
  }

  function writeMessage(type, indent, imports, ownFile) {
    const lines = [`${indent}message ${type.name} {`];
    const inner = indent + "  ";
    for (const nested of type.nestedArray) {
      if (nested instanceof protobuf.Type) lines.push(...writeMessage(nested, inner, imports, ownFile));
      else if (nested instanceof protobuf.Enum) lines.push(...writeEnum(nested, inner));
      else throw new Error(`unexpected nested ${nested.fullName}`);
    }
    const written = new Set();
    for (const field of type.fieldsArray) {
      if (written.has(field)) continue;
      if (field.partOf) {
        const oneof = field.partOf;
        lines.push(`${inner}oneof ${oneof.name} {`);
        for (const member of oneof.fieldsArray) {
          lines.push(writeField(member, inner + "  ", imports, ownFile));
          written.add(member);
        }
        lines.push(`${inner}}`);
      } else {
        lines.push(writeField(field, inner, imports, ownFile));
        written.add(field);
      }
    }
    if (type.reserved && type.reserved.length) {
      throw new Error(`reserved ranges are not handled: ${type.fullName}`);
    }
    lines.push(`${indent}}`);
    return lines;
  }

  let written = 0;
  for (const [pkg, types] of packages) {
    if (pkg === "google.protobuf") continue; // protoc ships these
    const file = fileOf(pkg);
    const imports = new Set();
    const body = [];
    for (const t of types) {
      body.push(...(t instanceof protobuf.Type ? writeMessage(t, "", imports, file) : writeEnum(t, "")));
      body.push("");
    }
    const header = [
      `// Generated at build time from @convergence/convergence-proto@${schemaVersion} (Apache-2.0), generation ${name}.`,
      "// Do not edit: see src/proto/json-to-proto.mjs.",
      'syntax = "proto3";',
      "",
      `package ${renamed(pkg)};`,
      "",
      `option java_package = "${javaPackage(pkg)}";`,
      `option java_outer_classname = "${outerClassName(pkg)}";`,
      "option java_multiple_files = true;",
      "",
      ...[...imports].sort().map((i) => `import "${i}";`),
      "",
    ];
    const target = path.join(outDir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, header.concat(body).join("\n"));
    written++;
  }
  console.log(
    `json-to-proto: wrote ${written} .proto files of ${name} (convergence-proto ${schemaVersion}) to ${outDir}`,
  );
}

function outerClassName(pkg) {
  const last = pkg.split(".").pop();
  return last.charAt(0).toUpperCase() + last.slice(1) + "Protos";
}

function writeEnum(e, indent) {
  const lines = [`${indent}enum ${e.name} {`];
  for (const [name, value] of Object.entries(e.values)) {
    lines.push(`${indent}  ${name} = ${value};`);
  }
  lines.push(`${indent}}`);
  return lines;
}
