#!/usr/bin/env bash
# The p99 latency of the device stock page with 200,000 devices and 2,000,000 stage moves, on
# SQLite and, when KIT_PG_URL names an empty PostgreSQL database, on PostgreSQL; beside
# /healthz on the same server in the same run (wrk -t1 -c8, 10 s).
#
#   bash scripts/kit-load.sh [devices]
#   KIT_PG_URL=postgres://postgres@127.0.0.1:55433/kit bash scripts/kit-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${KIT_PORT:-8098}
AFTER_GENERATOR=kit-recount  # the generator writes devices and moves, not the tallies kept of them
. scripts/load-common.sh

pages() {
  measure "device stock" /kit "$1"
}

load_and_measure kit scripts/generate_devices.py "${1:-200000}" officer@demo.onramp.test "${KIT_PG_URL:-}"
