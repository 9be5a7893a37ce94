#!/usr/bin/env bash
# npm clients for the conformance tests (jsforce, dynamics-web-api), from the lock file.
# Reinstalls when the lock file changed since the last install (npm keeps a copy in node_modules/.package-lock.json
# only for what it installed, so we keep our own stamp).
set -euo pipefail
cd "$(dirname "$0")/../../tests/conformance"
if [ ! -d node_modules/jsforce ] || [ ! -d node_modules/dynamics-web-api ] || ! cmp -s package-lock.json node_modules/.partnerkarte-lock-stamp; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.partnerkarte-lock-stamp
fi
