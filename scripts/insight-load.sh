#!/usr/bin/env bash
# The dashboard, what works and reach against risk with 1,000,000 residents, 3,000,000
# referrals and 500,000 follow-ups (scripts/generate_outcomes.py), on SQLite and, when
# INSIGHT_PG_URL names an empty PostgreSQL database, on PostgreSQL, as an analyst. Southwark's
# open data is loaded (LOAD_DATA_DIR, ../shared/data by default) so the area figures are real.
# Each page is measured beside /healthz on the same server in the same run (wrk -t1 -c8, 10 s),
# with the time of its first request, which works its figures out; wrk then reads them as kept
# (ONRAMP_INSIGHT_MAX_AGE, 300 s by default; set it to 0 to work them out for every request).
# The server's peak memory closes each database's lines.
#
#   bash scripts/insight-load.sh [residents]
#   INSIGHT_PG_URL=postgres://postgres@127.0.0.1:55433/insight bash scripts/insight-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${INSIGHT_PORT:-8098}
export LOAD_DATA_DIR=${LOAD_DATA_DIR:-$PWD/../shared/data}
. scripts/load-common.sh

pages() {
  measure "dashboard (this quarter, by ward)" / "$1"
  measure "what works (all time)" /insight/what-works "$1"
  measure "reach against risk (all time)" /insight/reach "$1"
  measure "equality (all time)" /insight/equality "$1"
}

load_and_measure insight scripts/generate_outcomes.py "${1:-1000000}" analyst@demo.onramp.test "${INSIGHT_PG_URL:-}"
