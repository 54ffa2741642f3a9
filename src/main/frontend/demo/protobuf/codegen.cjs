// A stand-in for @protobufjs/codegen, the module that protobufjs (the rc.12 client's codec library) uses to build each
// message type's encoder, decoder, converters and constructor as JavaScript source, compiled at run time with
// `Function`. A page whose Content-Security-Policy has no 'unsafe-eval' cannot do that, and protobufjs 6 has no
// fallback without it. So the demo's bundle swaps this module in (build.mjs): it assembles the same source text the
// way protobufjs asks for it, and hands it to a `compile` function chosen by whoever made the codegen. At build time
// that compiles with `Function` and records every source (record.mjs); in the page it looks the source up among the
// functions recorded at build time and written into the bundle as ordinary code (precompiled.cjs). Its output must be
// the very text protobufjs's codegen (BSD-3-Clause) writes, keyword list and function names included: recording.cjs
// checks that for every function at build time.
"use strict";

/** Fills %d, %f, %i, %j and %s in one line of generated code, as protobufjs expects; %% is a percent sign. */
function format(text, params) {
  let next = 0;
  const line = text.replace(/%([%dfijs])/g, (_, kind) => {
    if (kind === "%") return "%";
    const value = params[next++];
    switch (kind) {
      case "d":
      case "f":
        return String(Number(value));
      case "i":
        return String(Math.floor(value));
      case "j":
        return JSON.stringify(value);
      default:
        return String(value);
    }
  });
  if (next !== params.length) throw Error("parameter count mismatch");
  return line;
}

const RESERVED =
  /^(?:do|if|in|for|let|new|try|var|case|else|enum|eval|false|null|this|true|void|with|break|catch|class|const|super|throw|while|yield|delete|export|import|public|return|static|switch|typeof|default|extends|finally|package|private|continue|debugger|function|arguments|interface|protected|implements|instanceof)$/;

/** A message type's name as a function name: word characters only, not starting with a digit, no keyword. */
function functionName(name) {
  let safe = String(name || "").replace(/[^\w$]/g, "");
  if (/^\d/.test(safe)) safe = "_" + safe;
  return RESERVED.test(safe) ? safe + "_" : safe;
}

/** A short, stable key for one generated function: a 32-bit FNV-1a hash of its scope names and source, and its
 * length. */
function sourceKey(scopeNames, source) {
  const text = scopeNames.join(",") + "\n" + source;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36) + "." + text.length.toString(36);
}

/**
 * A codegen with the interface of @protobufjs/codegen. compile(scopeNames, source, name) returns a factory: called
 * with the scope's values (in the order of scopeNames), it returns the generated function.
 */
function codegenWith(compile) {
  function codegen(params, name) {
    if (typeof params === "string") {
      name = params;
      params = undefined;
    }
    const body = [];
    function toString(nameOverride) {
      return `function ${functionName(nameOverride || name)}(${(params || []).join(",")}){\n  ${body.join("\n  ")}\n}`;
    }
    function Codegen(formatOrScope, ...formatParams) {
      if (typeof formatOrScope === "string") {
        body.push(format(formatOrScope, formatParams));
        return Codegen;
      }
      // finished: an object of the names the function's body uses from outside, or nothing
      const scope = formatOrScope || {};
      const scopeNames = Object.keys(scope);
      const factory = compile(scopeNames, toString(), name);
      return factory(...scopeNames.map((key) => scope[key]));
    }
    Codegen.toString = toString;
    return Codegen;
  }
  codegen.verbose = false;
  return codegen;
}

module.exports = { codegenWith, sourceKey };
