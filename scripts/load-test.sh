#!/usr/bin/env bash
# Measures, in one run on this machine:
#   - cold start of `onramp demo` on an existing SQLite database (exec to first 200 from /healthz)
#   - its resident memory when idle
#   - requests per second of /healthz at 64 connections (wrk), against the plain "hello"
#     ceiling of `hello-ceiling` (Vapor, no middleware, no database) built the same way,
#     alternating the two so that machine noise hits both alike; the ratio is the figure.
#
#   scripts/load-test.sh            # release build (about 11 minutes the first time)
#   CONFIG=debug scripts/load-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

CONFIG="${CONFIG:-release}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10s}"
ONRAMP_PORT=18090
HELLO_PORT=18091
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

swift build -c "$CONFIG" --product onramp
swift build -c "$CONFIG" --product hello-ceiling
BIN=".build/$CONFIG"
WORK="$(mktemp -d)"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

now_ms() { date +%s%3N; }
wait_for() { for _ in $(seq 1 400); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.025; done; echo "no answer from $1" >&2; return 1; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for port in "$ONRAMP_PORT" "$HELLO_PORT"; do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is already in use: stop what is there" >&2; exit 1; fi
done

# First start creates, migrates and seeds the database; the timed starts find it existing.
"$BIN/onramp" demo --database "$WORK/bench.sqlite" --port "$ONRAMP_PORT" >/dev/null 2>&1 &
PID=$!; wait_for "http://127.0.0.1:$ONRAMP_PORT/healthz"; kill "$PID"; wait "$PID" 2>/dev/null || true

starts=()
for _ in $(seq 1 5); do
    start=$(now_ms)
    "$BIN/onramp" demo --database "$WORK/bench.sqlite" --port "$ONRAMP_PORT" >/dev/null 2>&1 &
    PID=$!
    wait_for "http://127.0.0.1:$ONRAMP_PORT/healthz"
    starts+=($(( $(now_ms) - start )))
    kill "$PID"; wait "$PID" 2>/dev/null || true
done
echo "cold start on an existing database (ms, 5 runs): ${starts[*]}; median $(printf '%s\n' "${starts[@]}" | median)"

"$BIN/onramp" demo --database "$WORK/bench.sqlite" --port "$ONRAMP_PORT" >/dev/null 2>&1 &
PIDS+=($!); ONRAMP_PID=$!
"$BIN/hello-ceiling" serve --hostname 127.0.0.1 --port "$HELLO_PORT" >/dev/null 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$ONRAMP_PORT/healthz"; wait_for "http://127.0.0.1:$HELLO_PORT/hello"
sleep 5
echo "idle resident memory of onramp demo: $(awk '/VmRSS/ {print $2, $3}' /proc/$ONRAMP_PID/status)"

rps() { wrk -t1 -c64 -d"$DURATION" "$1" | awk '/Requests\/sec/ {print $2}'; }
hello=(); health=()
for round in $(seq 1 "$ROUNDS"); do
    hello+=($(rps "http://127.0.0.1:$HELLO_PORT/hello"))
    health+=($(rps "http://127.0.0.1:$ONRAMP_PORT/healthz"))
    echo "round $round: hello ${hello[-1]} req/s, /healthz ${health[-1]} req/s"
done
h=$(printf '%s\n' "${hello[@]}" | median); z=$(printf '%s\n' "${health[@]}" | median)
echo "median at 64 connections: hello $h req/s, /healthz $z req/s, ratio $(awk -v a="$z" -v b="$h" 'BEGIN {printf "%.2f", a/b}') ($CONFIG build)"
