# What the scripts that run real Onramp processes share: a PostgreSQL of their own in a
# temporary directory, the fake Notify, starting `onramp` and waiting for it. Sourced after
# PGPORT and NOTIFY_PORT are set.
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ -z "${ONRAMP_BIN:-}" ]; then swift build --product onramp >/dev/null; ONRAMP_BIN=$PWD/.build/debug/onramp; fi
WORK=$(mktemp -d); chmod 777 "$WORK"
# A copy, so that a build while the script runs does not change the program it restarts.
cp "$ONRAMP_BIN" "$WORK/onramp"; ONRAMP_BIN=$WORK/onramp
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
cleanup() {
  for pid in "$WORK"/*.pid; do [ -f "$pid" ] && kill -9 "$(cat "$pid")" 2>/dev/null || true; done
  as_postgres "$PGBIN/pg_ctl -D $WORK/pg -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
sql() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d onramp -Atc "$1"; }

as_postgres "$PGBIN/initdb -D $WORK/pg -A trust -U postgres --no-sync" >/dev/null
as_postgres "$PGBIN/pg_ctl -D $WORK/pg -l $WORK/pg.log -w -o '-h 127.0.0.1 -p $PGPORT -k $WORK' start" >/dev/null
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE onramp"
DB="postgres://postgres@127.0.0.1:$PGPORT/onramp"
NOTIFY="http://127.0.0.1:$NOTIFY_PORT"
python3 scripts/fake_notify.py "$NOTIFY_PORT" "$WORK/received" "${NOTIFY_DELAY:-0}" >"$WORK/notify.log" 2>&1 &
echo $! >"$WORK/notify.pid"
NOTIFY_ENV=(ONRAMP_NOTIFY_URL="$NOTIFY" ONRAMP_NOTIFY_API_KEY="onramp_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0"
  ONRAMP_NOTIFY_EMAIL_TEMPLATE=00000000-0000-4000-8000-000000000001 ONRAMP_NOTIFY_SMS_TEMPLATE=00000000-0000-4000-8000-000000000002
  ONRAMP_NOTIFY_LETTER_TEMPLATE=00000000-0000-4000-8000-000000000003)

start() {  # name base command...: starts it in the background and waits for /healthz
  local name=$1 base=$2; shift 2
  ("$@" >>"$WORK/$name.log" 2>&1 & echo $! >"$WORK/$name.pid")
  for _ in $(seq 1 300); do curl -sf "$base/healthz" >/dev/null && return 0; sleep 0.2; done
  echo "Onramp $name did not start:"; tail -20 "$WORK/$name.log"; exit 1
}

stop() {  # name [signal]
  local pid; pid=$(cat "$WORK/$1.pid"); kill "-${2:-TERM}" "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; rm "$WORK/$1.pid"
}

# The demo's data in the database, without the messages it queued: only what a run makes is counted.
load_demo() {  # port
  start demo "http://127.0.0.1:$1" env DATABASE_URL="$DB" ONRAMP_DATA_DIR=/nonexistent "$ONRAMP_BIN" demo --port "$1"
  stop demo
  sql "UPDATE outbox_messages SET status = 'done' WHERE status IN ('queued', 'retrying')" >/dev/null
}
