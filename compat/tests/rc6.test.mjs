// Issue 24: the rc.6 client, whose schema generation (G3) the server translates at its edge
// (compat/generations/README.md), alone and together with rc.12: the scenarios of lib/generation-suite.mjs, and the
// defect rc.6 shares with rc.7.
import { generationSuite, lateCloseDefect } from "../lib/generation-suite.mjs";

const clientErrors = await generationSuite({ version: "rc.6", generation: "G3" });
lateCloseDefect({ version: "rc.6", clientErrors });
