#!/usr/bin/env bash
# The p99 latency of a partner's referral queue with 1,000,000 residents and 3,000,000
# referrals, on SQLite and, when QUEUE_PG_URL names an empty PostgreSQL database, on PostgreSQL.
# Each page is measured beside /healthz on the same server in the same run (wrk -t1 -c8, 10 s),
# so the figures can be read as ratios on a noisy machine.
#
#   bash scripts/queue-load.sh [residents]
#   QUEUE_PG_URL=postgres://postgres@127.0.0.1:55433/queue bash scripts/queue-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RESIDENTS=${1:-1000000}
PORT=${QUEUE_PORT:-8097}
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
  python3 scripts/generate_cases.py "$dialect" "$target" "$RESIDENTS"
  start env "$@" "$BIN" serve --port "$PORT"
  local session; session=$(sign_in partner@demo.onramp.test)
  measure "/healthz (baseline)" /healthz "$session"
  measure "partner queue, first page (open, most urgent)" /referrals "$session"
  measure "partner queue, page 200" "/referrals?page=200" "$session"
  measure "partner queue, overdue only" "/referrals?overdue=yes" "$session"
  measure "partner queue, declined" "/referrals?status=declined" "$session"
  stop
}

run "SQLite" sqlite "$WORK/queue.sqlite" DATABASE_PATH="$WORK/queue.sqlite"
if [ -n "${QUEUE_PG_URL:-}" ]; then
  run "PostgreSQL" postgres "$QUEUE_PG_URL" DATABASE_URL="$QUEUE_PG_URL"
fi
