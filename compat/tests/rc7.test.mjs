// Issue 24: the rc.7 client, whose schema generation (G4) the server translates at its edge
// (compat/generations/README.md), alone and together with rc.12: the scenarios of lib/generation-suite.mjs, and the
// defect of rc.7's own.
import { generationSuite, lateCloseDefect } from "../lib/generation-suite.mjs";

const clientErrors = await generationSuite({ version: "rc.7", generation: "G4" });
lateCloseDefect({ version: "rc.7", clientErrors });
