// The codegen of the build-time recording (record.mjs): compiles with `Function`, as protobufjs itself would, and
// keeps every source it compiled by its key.
"use strict";
const { codegenWith, sourceKey } = require("./codegen.cjs");

const recorded = new Map();

const codegen = codegenWith((scopeNames, source) => {
  recorded.set(sourceKey(scopeNames, source), { scopeNames, source });
  return Function(...scopeNames, "return " + source); // eslint-disable-line no-new-func
});
codegen.recorded = recorded;
module.exports = codegen;
