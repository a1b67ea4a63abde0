#!/usr/bin/env bash
# Builds once and runs every test project of the solution.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build PK.Bot.sln --nologo -v quiet -clp:ErrorsOnly
dotnet test PK.Bot.sln --no-build --nologo --logger "console;verbosity=normal" "$@"
