#!/usr/bin/env bash
# How long recording a batch of SIM codes through the data bank's form takes (each code checked,
# sealed and hashed, all or nothing), and refusing the same file again, on SQLite and, when
# DATA_PG_URL names an empty PostgreSQL database, on PostgreSQL. Release build.
#
#   bash scripts/data-import.sh [codes]
#   DATA_PG_URL=postgres://postgres@127.0.0.1:55433/data bash scripts/data-import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${DATA_PORT:-8099}
. scripts/load-common.sh
ROWS=${1:-10000}

python3 - "$ROWS" >"$WORK/sims.csv" <<'PY'
import datetime, sys
expires = (datetime.date.today() + datetime.timedelta(days=200)).isoformat()
print("kind,network,allowance_gb,months,expires_on,code")
for i in range(int(sys.argv[1])):
    print(f"sim,{('Vodafone', 'Three', 'O2')[i % 3]},20,6,{expires},8944{i:012d}")
PY

upload() {  # session label
  local token
  token=$(curl -s -H "Cookie: onramp_session=$1" "$BASE/kit/data" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -w "  $2: HTTP %{http_code} in %{time_total} s\n" -H "Cookie: onramp_session=$1" \
    -F "_csrf=$token" -F "batch=Load test" -F "file=@$WORK/sims.csv;type=text/csv" "$BASE/kit/data"
}

run() {  # label env...
  echo "$1"; shift
  start env ONRAMP_DATA_DIR=/nonexistent "$@" "$BIN" demo --port "$PORT"
  local session; session=$(sign_in officer@demo.onramp.test)
  upload "$session" "$ROWS codes recorded"
  upload "$session" "the same file again, refused"
  stop
}

run SQLite DATABASE_PATH="$WORK/data.sqlite"
if [ -n "${DATA_PG_URL:-}" ]; then run PostgreSQL DATABASE_URL="$DATA_PG_URL"; fi
