// Build time, in Node (build.mjs bundles this with recording.cjs as @protobufjs/codegen): loads the rc.12 client,
// which builds its protobufjs root from the schema it embeds, sets up every message type of that root (encoder,
// decoder, verifier, both converters, constructor), and returns the sources protobufjs generated for them.
import { roots } from "./capture-roots.mjs";
import "@convergence/convergence";
import * as protobuf from "protobufjs/light";
import codegen from "@protobufjs/codegen";

function* types(namespace) {
  for (const nested of namespace.nestedArray) {
    if (nested instanceof protobuf.Type) yield nested;
    if (nested.nestedArray) yield* types(nested);
  }
}

export function record() {
  if (roots.length === 0) throw new Error("the client built no protobufjs root from JSON");
  let count = 0;
  for (const root of roots) {
    for (const type of types(root)) {
      type.setup();
      void type.ctor; // generated on first use
      count++;
    }
  }
  return { types: count, sources: codegen.recorded };
}
