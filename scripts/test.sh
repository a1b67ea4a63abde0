#!/usr/bin/env bash
# Builds once and runs every test project of the solution beside a throwaway PostgreSQL (scripts/with-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build PK.Bot.sln --nologo -v quiet -clp:ErrorsOnly
scripts/with-postgres.sh dotnet test PK.Bot.sln --no-build --nologo --logger "console;verbosity=normal" "$@"
