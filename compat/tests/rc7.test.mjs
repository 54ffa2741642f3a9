// Issue 24: the rc.7 client, whose schema generation (G4) the server translates at its edge
// (compat/generations/README.md), alone and together with rc.12: the scenarios of lib/generation-suite.mjs.
import { generationSuite } from "../lib/generation-suite.mjs";

await generationSuite({ version: "rc.7", generation: "G4" });
