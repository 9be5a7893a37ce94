#!/usr/bin/env bash
# npm clients for the conformance tests (jsforce, dynamics-web-api), from the lock file. Run by the build of the
# Salesforce and Dataverse test projects (tests/TestSetup.targets); quick and quiet when already installed.
# Reinstalls when the lock file changed since the last install (we keep our own stamp of the lock file).
set -euo pipefail
cd "$(dirname "$0")/../conformance"
exec 9>.install.lock
flock 9   # both connector test projects build in parallel and share this folder
if [ ! -d node_modules/jsforce ] || [ ! -d node_modules/dynamics-web-api ] || ! cmp -s package-lock.json node_modules/.partnerkarte-lock-stamp; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "tests/setup/npm-conformance.sh: npm is required for the client conformance tests (install Node.js 20+)" >&2
    exit 1
  fi
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.partnerkarte-lock-stamp
fi
