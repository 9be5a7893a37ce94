#!/usr/bin/env bash
# npm clients for the conformance tests (jsforce, dynamics-web-api), from the lock file.
set -euo pipefail
cd "$(dirname "$0")/../../tests/conformance"
if [ ! -d node_modules/jsforce ] || [ ! -d node_modules/dynamics-web-api ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
