// Issue 24: the rc.5 client (generation G2, whose schema was never published), translated at the server's edge
// (compat/generations/README.md), alone and together with rc.12: the scenarios of lib/generation-suite.mjs, and the
// defect rc.5 shares with rc.4, rc.6 and rc.7.
import { generationSuite, lateCloseDefect } from "../lib/generation-suite.mjs";

const clientErrors = await generationSuite({ version: "rc.5", generation: "G2" });
lateCloseDefect({ version: "rc.5", clientErrors });
