#!/usr/bin/env bash
# Every speed figure of issue 17 in one table: runs each speed script once (release builds),
# keeps its own output, and prints each figure beside the baseline it was measured against in
# the same run, with peak memory where the script measures it.
#
#   bash scripts/bench.sh            # the sizes the figures are quoted at: 10,000 and 100,000
#                                    # services, 200,000 devices, 1,000,000 residents (31 minutes
#                                    # on this 2-core machine, with the release build already made)
#   bash scripts/bench.sh --quick    # a tenth of each size, shorter wrk runs
#   BENCH_LOGS=dir bash scripts/bench.sh   # keeps every script's output in dir
#
# Runs its own PostgreSQL (port 55447) for the PostgreSQL rows. Needs what the scripts need:
# PostgreSQL 15's server binaries, psql, wrk, python3 with pandas, /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --quick ]; then
  MODE=quick SERVICES="1000 10000" DEVICES=20000 RESIDENTS=100000 ROUNDS=1 DURATION=5s
else
  MODE=full SERVICES="10000 100000" DEVICES=200000 RESIDENTS=1000000 ROUNDS=3 DURATION=10s
fi
LOGS=${BENCH_LOGS:-$(mktemp -d)}; mkdir -p "$LOGS"
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin} PGPORT=55447
PGDIR=$(mktemp -d); chmod 777 "$PGDIR"
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
cleanup() { as_postgres "$PGBIN/pg_ctl -D $PGDIR/pg -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$PGDIR"; }
trap cleanup EXIT
as_postgres "$PGBIN/initdb -D $PGDIR/pg -A trust -U postgres --no-sync" >/dev/null
as_postgres "$PGBIN/pg_ctl -D $PGDIR/pg -l $PGDIR/pg.log -w -o '-h 127.0.0.1 -p $PGPORT -k $PGDIR' start" >/dev/null
for db in kit queue; do psql -h 127.0.0.1 -p $PGPORT -U postgres -qc "CREATE DATABASE $db"; done
PG="postgres://postgres@127.0.0.1:$PGPORT"

run() {  # name command...: its output kept in $LOGS/name.log
  local name=$1; shift
  echo "==> $name ($(date +%H:%M:%S))"
  "$@" >"$LOGS/$name.log" 2>&1 || { echo "$name failed: the end of $LOGS/$name.log"; tail -20 "$LOGS/$name.log"; exit 1; }
}
run healthz env ROUNDS=$ROUNDS DURATION=$DURATION bash scripts/load-test.sh
run places bash scripts/places-benchmark.sh
run directory env SIZES="$SERVICES" DURATION=$DURATION bash scripts/directory-load.sh
run kit env KIT_PG_URL="$PG/kit" bash scripts/kit-load.sh $DEVICES
run queue env QUEUE_PG_URL="$PG/queue" bash scripts/queue-load.sh $RESIDENTS
run triage bash -c 'cd Benchmarks && swift package --allow-writing-to-package-directory benchmark --target HelpBenchmarks --no-progress'
echo
python3 scripts/bench_table.py "$LOGS" "$MODE"
echo "(each script's own output: $LOGS)"
