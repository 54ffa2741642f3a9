// Bundles the browser apps for the WAR: `node build.mjs OUT` writes, for the admin console and for the collaborative
// demo, OUT/<app>/index.html and OUT/<app>/assets/ (one JavaScript and one CSS file each, their names carrying a hash
// of their content, so the server may let browsers cache them for a year: a new build has new names, and index.html,
// which names them, is never cached without a check). Called by `mvn package` through `npm run build`; the WAR takes
// OUT as a web resource.
import * as esbuild from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import zlib from "node:zlib";

const here = path.dirname(fileURLToPath(import.meta.url));
// default: the Maven build's folder, where the WAR takes it from
const out = path.resolve(process.argv[2] ?? path.join(here, "..", "..", "..", "target", "frontend"));
// files the build makes for itself on the way (the demo's recorded protobuf codecs), outside what the WAR takes
const work = `${out}-work`;

const common = {
  bundle: true,
  format: "esm",
  target: ["es2022"],
  minify: true,
  legalComments: "eof",
  jsx: "automatic",
  jsxImportSource: "preact",
  entryNames: "[name]-[hash]",
  metafile: true,
  logLevel: "warning",
};

/** Resolves one module name to a file of ours: how the demo's bundle swaps protobufjs's codegen. */
function replace(name, file) {
  const filter = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`);
  return { name: `replace ${name}`, setup: (build) => build.onResolve({ filter }, () => ({ path: file })) };
}

/**
 * Bundles one app served at /<name>/ (the WAR's context root is / on every deployment target). Its index.html is
 * also the answer for deep links such as /console/domains, so the assets are named by absolute path.
 */
async function buildApp({ name, title, entry, noscript, plugins = [] }) {
  const dir = path.join(out, name);
  const publicPath = `/${name}/assets`;
  fs.rmSync(dir, { recursive: true, force: true });
  const result = await esbuild.build({
    ...common,
    entryPoints: { [name]: entry },
    outdir: path.join(dir, "assets"),
    publicPath,
    plugins,
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => path.basename(file));
  const script = outputs.find((f) => f.endsWith(".js"));
  const style = outputs.find((f) => f.endsWith(".css"));
  if (!script || !style) throw new Error(`esbuild wrote no script or no style sheet: ${outputs.join(", ")}`);

  // No inline script or style: the Content-Security-Policy allows only files of the server's own. The empty icon
  // keeps the browser from asking for /favicon.ico, which the server does not have.
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${publicPath}/${style}">
<script type="module" src="${publicPath}/${script}"></script>
</head>
<body>
<div id="app"><noscript>${noscript}</noscript></div>
</body>
</html>
`;
  fs.writeFileSync(path.join(dir, "index.html"), html);
  // Each asset also gzipped beside it (NAME.gz), once here at the highest level rather than on every request: the
  // server sends it to browsers that accept gzip (BundledAppsFilter). index.html is a few hundred bytes: left as is.
  const gzipped = {};
  for (const file of [script, style]) {
    const source = path.join(dir, "assets", file);
    const gz = zlib.gzipSync(fs.readFileSync(source), { level: 9 });
    fs.writeFileSync(`${source}.gz`, gz);
    gzipped[file] = gz.length;
  }
  const sizes = Object.entries(result.metafile.outputs).map(
    ([file, { bytes }]) =>
      `${path.basename(file)} ${(bytes / 1024).toFixed(0)} KiB (gzip ${(gzipped[path.basename(file)] / 1024).toFixed(0)} KiB)`,
  );
  console.log(`${name}: ${path.relative(process.cwd(), dir)}/index.html, assets ${sizes.join(", ")}`);
}

/**
 * The protobuf codecs of the rc.12 client, compiled ahead of time (see demo/protobuf/codegen.cjs): runs the client in
 * Node with a recording codegen, and writes every function it generated as a CommonJS module of ordinary code.
 */
async function recordProtobufCodecs() {
  fs.mkdirSync(work, { recursive: true });
  const recorder = path.join(work, "record-protobuf.mjs");
  await esbuild.build({
    ...common,
    minify: false,
    metafile: false,
    platform: "node",
    entryNames: "[name]",
    entryPoints: [path.join(here, "demo", "protobuf", "record.mjs")],
    outfile: recorder,
    plugins: [replace("@protobufjs/codegen", path.join(here, "demo", "protobuf", "recording.cjs"))],
  });
  const { record } = await import(pathToFileURL(recorder).href);
  const { types, sources } = record();
  // The client never calls a type's verify(), and leaving those functions out keeps a fifth of the code out of the
  // page (one would fail with a clear message if it were called).
  const entries = [...sources]
    .filter(([, { source }]) => !/^function \w*\$verify\(/.test(source))
    .map(
      ([key, { scopeNames, source }]) =>
        `${JSON.stringify(key)}: function (${scopeNames.join(", ")}) {\n  return ${source};\n}`,
    );
  const file = path.join(work, "protobuf-codecs.cjs");
  fs.writeFileSync(
    file,
    `// Written by build.mjs: the protobuf functions of the rc.12 client's ${types} message types.\n` +
      `module.exports = {\n${entries.join(",\n")}\n};\n`,
  );
  return file;
}

await buildApp({
  name: "console",
  title: "Tandem console",
  entry: path.join(here, "console", "main.jsx"),
  noscript: "The Tandem console needs JavaScript.",
});

const codecs = await recordProtobufCodecs();
await buildApp({
  name: "demo",
  title: "Tandem demo: a shared editor",
  entry: path.join(here, "demo", "main.jsx"),
  noscript: "The Tandem demo needs JavaScript.",
  plugins: [
    replace("@protobufjs/codegen", path.join(here, "demo", "protobuf", "precompiled.cjs")),
    replace("tandem:protobuf-codecs", codecs),
  ],
});
