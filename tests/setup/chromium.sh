#!/usr/bin/env bash
# Headless Chromium (Debian's package) for the console's HTML report test. Run by the build of
# tests/PartnerKarte.Console.Tests (tests/TestSetup.targets); does nothing when /usr/bin/chromium exists.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
exec 9>/tmp/partnerkarte-chromium-install.lock
flock 9
[ -x /usr/bin/chromium ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "tests/setup/chromium.sh: Chromium is needed for the report test; install the 'chromium' package (as root: apt-get install chromium fonts-noto-cjk)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
echo "Installing Chromium for the report test (Debian packages chromium, fonts-noto-cjk)..."
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
