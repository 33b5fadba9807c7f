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
PORT=${QUEUE_PORT:-8097}
. scripts/load-common.sh

pages() {
  measure "partner queue, first page (open, most urgent)" /referrals "$1"
  measure "partner queue, page 200" "/referrals?page=200" "$1"
  measure "partner queue, overdue only" "/referrals?overdue=yes" "$1"
  measure "partner queue, declined" "/referrals?status=declined" "$1"
}

load_and_measure queue scripts/generate_cases.py "${1:-1000000}" partner@demo.onramp.test "${QUEUE_PG_URL:-}"
