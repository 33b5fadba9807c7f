#!/usr/bin/env bash
# The open ORUK API under load, in one run on this machine (release build, SQLite):
#   - requests per second and p99 latency at 64 connections (wrk, 10 s) of
#     /openreferral/services?search=… and /openreferral/service_at_locations?postcode=…&proximity=…
#   - with 10,000 and with 100,000 generated services (scripts/generate_services.py, imported
#     through `onramp import oruk`, so through the same code as any feed)
#   - each against the plain "hello" ceiling (`hello-ceiling`) measured in the same run, as a ratio,
#     and the server's CPU time a request (user and system, from /proc): steadier than requests a
#     second on a machine whose speed changes from minute to minute.
#
#   scripts/directory-load.sh            # SIZES="10000 100000" by default
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${ONRAMP_DATA_DIR:-../shared/data}"
SIZES="${SIZES:-10000 100000}"
DURATION="${DURATION:-10s}"
PORT=18093
HELLO_PORT=18094
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

swift build -c release --product onramp
swift build -c release --product hello-ceiling
BIN=.build/release
WORK="$(mktemp -d)"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
wait_for() { for _ in $(seq 1 400); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.05; done; echo "no answer from $1" >&2; return 1; }

# wrk's requests per second and 99th percentile latency (in ms), as "rps p99"; wrk's whole
# output is kept in $WORK/wrk.
measure() {
    wrk -t1 -c64 -d"$DURATION" --latency "$1" | tee "$WORK/wrk" | awk '
        /Requests\/sec/ { rps = $2 }
        $1 == "99%" { v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+/, "", v)
                      p99 = (unit == "us" ? v / 1000 : unit == "s" ? v * 1000 : v) }
        END { printf "%s %.1f\n", rps, p99 }'
}

. scripts/cpu-time.sh

"$BIN/hello-ceiling" serve --hostname 127.0.0.1 --port "$HELLO_PORT" >/dev/null 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$HELLO_PORT/hello"

for size in $SIZES; do
    DB="$WORK/directory-$size.sqlite"
    python3 scripts/generate_services.py "$size" >"$WORK/services.ndjson"
    echo "benchmark password 1" | "$BIN/onramp" users create-admin --email bench@council.test --organisation "Bench Council" --database "$DB" >/dev/null
    "$BIN/onramp" import postcodes "$DATA/postcodes/codepoint_open_2025-10_se.csv" --database "$DB" >/dev/null
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN/onramp" import oruk "$WORK/services.ndjson" --council "Bench Council" --database "$DB" >/dev/null
    read -r seconds kilobytes <"$WORK/time"
    echo "$size services: imported in $seconds s, peak memory $((kilobytes / 1024)) MB"
    ONRAMP_PUBLIC_URL="http://127.0.0.1:$PORT" "$BIN/onramp" serve --port "$PORT" --database "$DB" >/dev/null 2>&1 &
    PID=$!; PIDS+=($PID)
    wait_for "http://127.0.0.1:$PORT/healthz"
    for url in "services?search=laptop%20classes" "service_at_locations?postcode=SE1%207PB&proximity=1000"; do
        curl -fsS "http://127.0.0.1:$PORT/openreferral/$url" -o "$WORK/answer.json"
        found=$(python3 -c "import json; print(json.load(open('$WORK/answer.json'))['total_items'])")
        read -r hello_rps hello_p99 < <(measure "http://127.0.0.1:$HELLO_PORT/hello")
        ticks=$(cpu_ticks "$PID")
        read -r rps p99 < <(measure "http://127.0.0.1:$PORT/openreferral/$url")
        cpu=$(cpu_ms_per_request $(($(cpu_ticks "$PID") - ticks)) "$WORK/wrk")
        printf '%7s services  %-58s %5s found  %8s req/s  p99 %7s ms  | hello %8s req/s p99 %5s ms | ratio %s | cpu %s ms/req\n' \
            "$size" "/openreferral/$url" "$found" "$rps" "$p99" "$hello_rps" "$hello_p99" "$(awk -v a="$rps" -v b="$hello_rps" 'BEGIN {printf "%.3f", a/b}')" "$cpu"
    done
    kill "$PID"; wait "$PID" 2>/dev/null || true
done
