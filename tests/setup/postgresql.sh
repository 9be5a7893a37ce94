#!/usr/bin/env bash
# PostgreSQL server binaries (Debian's package) for the PostgreSQL store tests, which start a throw-away server of their
# own (initdb into a temporary folder, a free loopback port). Run by the build of tests/PartnerKarte.Connectors.PostgreSql.Tests
# (tests/TestSetup.targets); does nothing when initdb is found.
set -euo pipefail
have_initdb() {
  command -v initdb >/dev/null 2>&1 && return 0
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then return 0; fi
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null 2>&1
}
have_initdb && exit 0
exec 9>/tmp/partnerkarte-postgresql-install.lock
flock 9
have_initdb && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "tests/setup/postgresql.sh: PostgreSQL is needed for the PostgreSQL store tests; install the 'postgresql' package (as root: apt-get install postgresql)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
echo "Installing PostgreSQL for the PostgreSQL store tests (Debian package postgresql)..."
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
have_initdb || { echo "tests/setup/postgresql.sh: initdb still not found after installing postgresql" >&2; exit 1; }
