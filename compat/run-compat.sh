#!/usr/bin/env bash
# Called by 'mvn verify' (integration-test phase): installs the pinned npm client and runs the compat suite.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
node run.mjs
