#!/usr/bin/env bash
# Builds once and runs every test project of the solution beside a throwaway PostgreSQL (scripts/with-postgres.sh),
# with Debian's headless Chromium for the dashboard's browser tests (installed here when missing, like PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  echo "Chromium or chromedriver not found; installing chromium and chromium-driver" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
dotnet build PK.Bot.sln --nologo -v quiet -clp:ErrorsOnly
scripts/with-postgres.sh dotnet test PK.Bot.sln --no-build --nologo --logger "console;verbosity=normal" "$@"
# The load driver as a smoke on the build above (every mode for about a second, a few kader). It fails only when the
# driver does — a turn not applied, a reply missing, an acknowledged post not stored; no figure is asserted
# (figures come from full Release runs: docs/PERFORMANCE.md).
dotnet bench/PK.Load/bin/Debug/net10.0/PK.Load.dll --smoke
