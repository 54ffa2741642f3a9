// What the demo's bundle has in place of @protobufjs/codegen (see codegen.cjs): the functions protobufjs asks for,
// looked up among those recorded at build time, so the page needs no 'unsafe-eval'. A function not recorded (a
// client whose schema differs from the one the build saw) fails with this message when it is called.
"use strict";
const { codegenWith, sourceKey } = require("./codegen.cjs");
// written by build.mjs from record.mjs: { key: factory }
const recorded = require("tandem:protobuf-codecs");

module.exports = codegenWith((scopeNames, source, name) => {
  const factory = recorded[sourceKey(scopeNames, source)];
  if (factory) return factory;
  return () =>
    function notPrecompiled() {
      throw new Error(`protobuf codec ${name} was not precompiled at build time, and this page may not compile code`);
    };
});
