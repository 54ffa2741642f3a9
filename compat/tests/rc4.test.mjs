// Issue 24: the rc.4 client (generation G1), the Convergence release Tandem rebuilds, whose schema generation the
// server translates at its edge (compat/generations/README.md), alone and together with rc.12: the scenarios of
// lib/generation-suite.mjs, and the defect rc.4 shares with rc.6 and rc.7.
import { generationSuite, lateCloseDefect } from "../lib/generation-suite.mjs";

const clientErrors = await generationSuite({ version: "rc.4", generation: "G1" });
lateCloseDefect({ version: "rc.4", clientErrors });
