#!/usr/bin/env bash
# Runs the test suite N times in a row beside a CPU-bound load, stopping at the first failure.
#
#   scripts/stress-test.sh N                      # N runs of scripts/test.sh
#   scripts/stress-test.sh N -- COMMAND [ARGS…]   # N runs of any command, e.g.
#   scripts/stress-test.sh 3 -- dotnet test tests/PK.Domain.Tests
#
# The load is `stress-ng --cpu $(nproc)` (installed with apt-get when missing and run as root), or else one busy
# loop per core. PK_STRESS_WORKERS overrides the number of load workers. Each run's output goes to a log file
# whose path is printed; a failing run prints the failed tests and the log's end, and the script exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ || $1 -lt 1 ]]; then
    echo "usage: $0 N [-- COMMAND [ARGS...]]" >&2
    exit 2
fi
runs=$1
shift
if [[ $# -gt 0 ]]; then
    [[ $1 == "--" ]] || { echo "usage: $0 N [-- COMMAND [ARGS...]]" >&2; exit 2; }
    shift
fi
command=("$@")
[[ ${#command[@]} -gt 0 ]] || command=(scripts/test.sh)

workers=${PK_STRESS_WORKERS:-$(nproc)}
logs=$(mktemp -d "${TMPDIR:-/tmp}/pk-stress.XXXXXX")
load_pids=()

stop_load() {
    for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${load_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    load_pids=()
}
trap stop_load EXIT
trap 'exit 130' INT TERM

if ! command -v stress-ng >/dev/null && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing stress-ng…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq stress-ng >/dev/null 2>&1 || true
fi
if command -v stress-ng >/dev/null; then
    stress-ng --cpu "$workers" --timeout 0 --quiet &
    load_pids+=($!)
    load="stress-ng --cpu $workers"
else
    for _ in $(seq "$workers"); do
        bash -c 'while :; do :; done' &
        load_pids+=($!)
    done
    load="$workers busy loops"
fi

echo "Load: $load. Command: ${command[*]}. Logs: $logs"
for run in $(seq "$runs"); do
    log="$logs/run-$run.log"
    started=$(date +%s)
    if "${command[@]}" >"$log" 2>&1; then
        echo "run $run of $runs passed ($(( $(date +%s) - started )) s)"
    else
        code=$?
        echo "run $run of $runs FAILED (exit $code, $(( $(date +%s) - started )) s); log: $log"
        grep -E '^\s+Failed |\[FAIL\]' "$log" | sort -u || true
        echo "--- end of the log ---"
        tail -n 40 "$log"
        exit 1
    fi
done
echo "All $runs runs passed under load ($load)."
