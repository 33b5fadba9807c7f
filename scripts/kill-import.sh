#!/usr/bin/env bash
# kill -9 during an England-sized import: `onramp import boundaries-lsoa21` with the whole of
# England's 2021 LSOAs (33,755 areas) is killed part way through, on SQLite and on PostgreSQL,
# and every table's row count is compared with before. An import is one transaction, so the
# database must be as it was; it must then open and migrate as usual.
#
#   bash scripts/kill-import.sh           # a debug build; ONRAMP_BIN=path to use another
#   KILL_AFTER=10 bash scripts/kill-import.sh   # seconds before the kill (12 by default: mid-transaction)
#
# Needs PostgreSQL 15's server binaries and psql (its own server on port 55443), and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=55443 KILL_AFTER=${KILL_AFTER:-12}
FILE=${ONRAMP_DATA_DIR:-../shared/data}/boundaries/lsoa21_england_bgc.geojson.gz
if [ -z "${ONRAMP_BIN:-}" ]; then swift build --product onramp >/dev/null; ONRAMP_BIN=$PWD/.build/debug/onramp; fi
WORK=$(mktemp -d); chmod 777 "$WORK"
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
cleanup() { as_postgres "$PGBIN/pg_ctl -D $WORK/pg -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

counts() {  # dialect target: "table rows" for every table, sorted
  if [ "$1" = sqlite ]; then
    python3 - "$2" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
    print(name, db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
print("integrity", db.execute("PRAGMA integrity_check").fetchone()[0])
PY
  else
    for table in $(psql "$2" -Atc "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"); do
      echo "$table $(psql "$2" -Atc "SELECT count(*) FROM \"$table\"")"
    done
  fi
}

one() {  # label dialect target env...
  local label=$1 dialect=$2 target=$3; shift 3
  env "$@" "$ONRAMP_BIN" migrate --yes >/dev/null 2>&1
  # Something there already: Southwark's areas from the same file.
  env "$@" "$ONRAMP_BIN" import boundaries-lsoa21 "$FILE" --lad E09000028 >/dev/null 2>&1
  counts "$dialect" "$target" >"$WORK/before"
  (env "$@" "$ONRAMP_BIN" import boundaries-lsoa21 "$FILE" >"$WORK/import.log" 2>&1 & echo $! >"$WORK/import.pid")
  sleep "$KILL_AFTER"
  local pid; pid=$(cat "$WORK/import.pid")
  if kill -0 "$pid" 2>/dev/null; then
    # What it was doing: writing inside its transaction, not still reading the file.
    local doing
    if [ "$dialect" = sqlite ]; then doing="uncommitted writes in the journal: $( (cat "$target-wal" "$target-journal" 2>/dev/null || true) | wc -c) bytes"
    else doing="its transaction: $(psql "$target" -Atc "SELECT state || ', ' || left(query, 30) FROM pg_stat_activity WHERE datname = 'onramp' AND pid <> pg_backend_pid() AND state <> 'idle'" | head -1)"; fi
    kill -9 "$pid"; echo "$label: the import of England was killed (kill -9) after ${KILL_AFTER} s ($doing)"
  else
    echo "$label: the import finished within ${KILL_AFTER} s: set KILL_AFTER lower"; exit 1
  fi
  sleep 1
  counts "$dialect" "$target" >"$WORK/after"
  if diff -q "$WORK/before" "$WORK/after" >/dev/null; then
    echo "  every table's rows as before ($(grep -c . "$WORK/before") tables; area_shapes $(awk '$1 == "area_shapes" { print $2 }' "$WORK/before"))"
  else
    echo "  CHANGED:"; diff "$WORK/before" "$WORK/after"; exit 1
  fi
  env "$@" "$ONRAMP_BIN" migrate --yes >/dev/null 2>&1 && echo "  the database opens and migrates as usual afterwards"
}

one SQLite sqlite "$WORK/onramp.sqlite" DATABASE_PATH="$WORK/onramp.sqlite"
as_postgres "$PGBIN/initdb -D $WORK/pg -A trust -U postgres --no-sync" >/dev/null
as_postgres "$PGBIN/pg_ctl -D $WORK/pg -l $WORK/pg.log -w -o '-h 127.0.0.1 -p $PGPORT -k $WORK' start" >/dev/null
psql -h 127.0.0.1 -p $PGPORT -U postgres -qc "CREATE DATABASE onramp"
one PostgreSQL postgres "postgres://postgres@127.0.0.1:$PGPORT/onramp" DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/onramp"
