// Issue 24: the rc.8 client, whose schema generation (G5) the server translates at its edge
// (compat/generations/README.md), alone and together with rc.12: the scenarios of lib/generation-suite.mjs.
import { generationSuite } from "../lib/generation-suite.mjs";

await generationSuite({ version: "rc.8", generation: "G5" });
