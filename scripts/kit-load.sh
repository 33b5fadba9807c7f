#!/usr/bin/env bash
# The p99 latency of the device stock page with 200,000 devices and 2,000,000 stage moves, on
# SQLite and, when KIT_PG_URL names an empty PostgreSQL database, on PostgreSQL; beside
# /healthz on the same server in the same run (wrk -t1 -c8, 10 s).
#
#   bash scripts/kit-load.sh [devices]
#   KIT_PG_URL=postgres://postgres@127.0.0.1:55433/kit bash scripts/kit-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DEVICES=${1:-200000}
PORT=${KIT_PORT:-8098}
BASE="http://127.0.0.1:$PORT"
swift build -c release --product onramp >/dev/null
BIN=$PWD/.build/release/onramp
WORK=$(mktemp -d)
trap '[ -f "$WORK/pid" ] && kill "$(cat "$WORK/pid")" 2>/dev/null; rm -rf "$WORK"' EXIT
. scripts/load-common.sh

run() {  # label dialect target env...
  local label=$1 dialect=$2 target=$3; shift 3
  echo "$label: loading the demo"
  start env ONRAMP_DATA_DIR=/nonexistent "$@" "$BIN" demo --port "$PORT"
  stop
  python3 scripts/generate_devices.py "$dialect" "$target" "$DEVICES"
  start env "$@" "$BIN" serve --port "$PORT"
  local session; session=$(sign_in officer@demo.onramp.test)
  measure "/healthz (baseline)" /healthz "$session"
  measure "device stock" /kit "$session"
  stop
}

run "SQLite" sqlite "$WORK/kit.sqlite" DATABASE_PATH="$WORK/kit.sqlite"
if [ -n "${KIT_PG_URL:-}" ]; then
  run "PostgreSQL" postgres "$KIT_PG_URL" DATABASE_URL="$KIT_PG_URL"
fi
