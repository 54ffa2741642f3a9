// Bundles the console for the WAR: `node build.mjs OUT` writes OUT/console/index.html and OUT/console/assets/ (one
// JavaScript and one CSS file, their names carrying a hash of their content, so the server may let browsers cache
// them for a year: a new build has new names, and index.html, which names them, is never cached without a check).
// Called by `mvn package` through `npm run build`; the WAR takes OUT as a web resource.
import * as esbuild from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
// default: the Maven build's folder, where the WAR takes it from
const out = path.resolve(process.argv[2] ?? path.join(here, "..", "..", "..", "target", "frontend"));
const consoleDir = path.join(out, "console");
// The console is served at /console/ (the WAR's context root is / on every deployment target), and index.html is
// also the answer for deep links such as /console/domains, so the assets are named by absolute path.
const publicPath = "/console/assets";

fs.rmSync(consoleDir, { recursive: true, force: true });
const result = await esbuild.build({
  entryPoints: { console: path.join(here, "console", "main.jsx") },
  bundle: true,
  format: "esm",
  target: ["es2022"],
  minify: true,
  legalComments: "eof",
  jsx: "automatic",
  jsxImportSource: "preact",
  entryNames: "[name]-[hash]",
  outdir: path.join(consoleDir, "assets"),
  publicPath,
  metafile: true,
  logLevel: "warning",
});

const outputs = Object.keys(result.metafile.outputs).map((file) => path.basename(file));
const script = outputs.find((f) => f.endsWith(".js"));
const style = outputs.find((f) => f.endsWith(".css"));
if (!script || !style) throw new Error(`esbuild wrote no script or no style sheet: ${outputs.join(", ")}`);

// No inline script or style: the Content-Security-Policy allows only files of the server's own. The empty icon keeps
// the browser from asking for /favicon.ico, which the server does not have.
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tandem console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${publicPath}/${style}">
<script type="module" src="${publicPath}/${script}"></script>
</head>
<body>
<div id="app"><noscript>The Tandem console needs JavaScript.</noscript></div>
</body>
</html>
`;
fs.writeFileSync(path.join(consoleDir, "index.html"), html);
console.log(`console: ${path.relative(process.cwd(), consoleDir)}/index.html, assets ${outputs.join(", ")}`);
