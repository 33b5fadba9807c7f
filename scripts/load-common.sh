# Shared by the load scripts (queue-load.sh, kit-load.sh): builds a release `onramp`, then for
# SQLite and, when a PostgreSQL URL is given, PostgreSQL: loads the demo (with the open data
# in LOAD_DATA_DIR, else none) into an empty
# database, fills it with a generator (then runs `onramp $AFTER_GENERATOR` if set), serves it,
# signs in a demo account and measures pages with wrk beside /healthz, with the CPU time a
# request of Onramp and, on PostgreSQL, of the database server. Sourced, not run; set PORT
# first and define `pages SESSION`.

BASE="http://127.0.0.1:$PORT"
. "$(dirname "${BASH_SOURCE[0]}")/cpu-time.sh"
swift build -c release --product onramp >/dev/null
BIN=$PWD/.build/release/onramp
WORK=$(mktemp -d)
trap '[ -f "$WORK/pid" ] && kill "$(cat "$WORK/pid")" 2>/dev/null; rm -rf "$WORK"' EXIT

start() {
  ("$@" >"$WORK/server.log" 2>&1 & echo $! >"$WORK/pid")
  for _ in $(seq 1 180); do curl -sf "$BASE/healthz" >/dev/null && return 0; sleep 1; done
  echo "Onramp did not start:"; tail -20 "$WORK/server.log"; exit 1
}

stop() {
  kill "$(cat "$WORK/pid")"
  while kill -0 "$(cat "$WORK/pid")" 2>/dev/null; do sleep 0.2; done
  rm -f "$WORK/pid"
}

sign_in() {  # email; prints the session cookie's value
  rm -f "$WORK/jar"
  curl -s -c "$WORK/jar" -b "$WORK/jar" "$BASE/sign-in" -o /dev/null
  local token; token=$(awk '$6 == "onramp_csrf" { print $7 }' "$WORK/jar")
  curl -s -c "$WORK/jar" -b "$WORK/jar" -o /dev/null \
    --data-urlencode "email=$1" --data-urlencode "password=demo-password-not-for-real-use" \
    --data-urlencode "_csrf=$token" "$BASE/sign-in"
  awk '$6 == "onramp_session" { print $7 }' "$WORK/jar"
}

measure() {  # label path session: the first request's time, then wrk's rate, latencies and CPU
  local first; first=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Cookie: onramp_session=$3" "$BASE$2")
  [ "${first%% *}" = 200 ] || { echo "$2 answered ${first%% *}"; exit 1; }
  # 3 s not counted first: the first seconds after the generator read its pages from the disk
  # (a p99 of 0.7 to 1.6 s on the first page measured, against 0.1 s once warm).
  wrk -t1 -c8 -d3s -H "Cookie: onramp_session=$3" "$BASE$2" >/dev/null
  local before; before=$(cpu_ticks "$(cat "$WORK/pid")")
  local db_before="" db_after=""
  [ -z "$DB_PORT" ] || db_before=$(postgres_cpu_ticks "$DB_PORT")
  wrk -t1 -c8 -d10s --latency -H "Cookie: onramp_session=$3" "$BASE$2" >"$WORK/wrk"
  local after; after=$(cpu_ticks "$(cat "$WORK/pid")")
  [ -z "$DB_PORT" ] || db_after=$(postgres_cpu_ticks "$DB_PORT")
  local db=""; [ -n "$db_before" ] && [ -n "$db_after" ] && db="  database cpu $(cpu_ms_per_request $((db_after - db_before)) "$WORK/wrk") ms/req"
  printf '  %-44s first %7ss %9s req/s  p50 %8s  p99 %8s  cpu %s ms/req%s\n' "$1" "${first#* }" "$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk")" \
    "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk")" "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk")" \
    "$(cpu_ms_per_request $((after - before)) "$WORK/wrk")" "$db"
}

run_one() {  # label dialect target generator count email env...
  local label=$1 dialect=$2 target=$3 generator=$4 count=$5 email=$6; shift 6
  # PostgreSQL's port, to measure its server's CPU beside Onramp's: on two cores, the two share them.
  DB_PORT=""
  if [ "$dialect" = postgres ]; then DB_PORT=$(echo "$target" | sed -n 's|.*:\([0-9][0-9]*\)/.*|\1|p'); DB_PORT=${DB_PORT:-5432}; fi
  echo "$label: loading the demo"
  start env ONRAMP_DATA_DIR="${LOAD_DATA_DIR:-/nonexistent}" "$@" "$BIN" demo --port "$PORT"
  stop
  python3 "$generator" "$dialect" "$target" "$count"
  if [ -n "${AFTER_GENERATOR:-}" ]; then env "$@" "$BIN" "$AFTER_GENERATOR" >/dev/null; fi
  # The generator's writes reach the disk now, not while a commit is waiting for its own sync.
  sync
  start env ONRAMP_PUBLIC_URL="http://127.0.0.1:$PORT" "$@" "$BIN" serve --port "$PORT"
  local session; session=$(sign_in "$email")
  measure "/healthz (baseline)" /healthz "$session"
  pages "$session"
  echo "  peak memory of the server: $(awk '/VmHWM/ { printf "%d MB", $2 / 1024 }' "/proc/$(cat "$WORK/pid")/status")"
  stop
}

load_and_measure() {  # name generator count email postgres-url
  run_one "SQLite" sqlite "$WORK/$1.sqlite" "$2" "$3" "$4" DATABASE_PATH="$WORK/$1.sqlite"
  if [ -n "$5" ]; then run_one "PostgreSQL" postgres "$5" "$2" "$3" "$4" DATABASE_URL="$5"; fi
}
