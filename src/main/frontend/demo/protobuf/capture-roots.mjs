// Keeps every protobufjs root made from JSON, so record.mjs can reach the one the client builds from its embedded
// schema (the client does not export it). Imported before the client, so the client's Root.fromJSON is this one.
import * as protobuf from "protobufjs/light";

export const roots = [];
const fromJSON = protobuf.Root.fromJSON;
protobuf.Root.fromJSON = function capturingFromJSON(...args) {
  const root = fromJSON.apply(this, args);
  roots.push(root);
  return root;
};
