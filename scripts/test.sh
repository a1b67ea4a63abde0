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
