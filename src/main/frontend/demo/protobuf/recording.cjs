// The codegen of the build-time recording (record.mjs): compiles with `Function`, as protobufjs itself would, and
// keeps every source it compiled by its key. Each function is also written by protobufjs's own codegen, line for
// line, and the build fails if the two sources differ: what the page runs is exactly what protobufjs would have
// compiled there.
"use strict";
const { codegenWith, sourceKey } = require("./codegen.cjs");
// the real module, by a path the bundle does not swap
const protobufCodegen = require("@protobufjs/codegen/index.js");

const recorded = new Map();

const ours = codegenWith((scopeNames, source) => {
  recorded.set(sourceKey(scopeNames, source), { scopeNames, source });
  return Function(...scopeNames, "return " + source); // eslint-disable-line no-new-func
});

function codegen(params, name) {
  const mine = ours(params, name);
  const theirs = protobufCodegen(params, name);
  function Codegen(formatOrScope, ...formatParams) {
    if (typeof formatOrScope === "string") {
      mine(formatOrScope, ...formatParams);
      theirs(formatOrScope, ...formatParams);
      return Codegen;
    }
    if (mine.toString() !== theirs.toString()) {
      throw new Error(`codegen.cjs wrote ${name} unlike protobufjs:\n${mine.toString()}\n---\n${theirs.toString()}`);
    }
    return mine(formatOrScope);
  }
  Codegen.toString = mine.toString;
  return Codegen;
}
codegen.verbose = false;
codegen.recorded = recorded;
module.exports = codegen;
