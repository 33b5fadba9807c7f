#!/usr/bin/env bash
# PostgreSQL restarted under load: Onramp serves a read page (the referral queue) and a write
# form (a note on a referral) to wrk while `pg_ctl restart` runs. Prints what wrk saw, what
# /healthz answered during the gap (polled every 0.1 s), the seconds until Onramp answered
# again, and whether every write Onramp acknowledged (303) is in the database.
#
#   bash scripts/pg-restart.sh            # a debug build; ONRAMP_BIN=path to use another
#   DOWN_SECONDS=5 bash scripts/pg-restart.sh   # stopped for 5 s, then started, not restarted
#   KEEP_LOG=/tmp/onramp.log bash scripts/pg-restart.sh   # keeps the server's log
#   CONNECTIONS=64 RESTART_AT=never bash scripts/pg-restart.sh   # load alone, far past what the
#       pool holds: shows whether the pool watch ever takes busy for stuck
#
# Needs PostgreSQL 15's server binaries (initdb, pg_ctl), psql, wrk and curl. Runs its own
# PostgreSQL in a temporary directory on port 55441, and Onramp on 127.0.0.1:8094.
set -euo pipefail
cd "$(dirname "$0")/.."
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=55441 PORT=8094 SECONDS_OF_LOAD=${SECONDS_OF_LOAD:-30} RESTART_AT=${RESTART_AT:-10} CONNECTIONS=${CONNECTIONS:-4}
BASE="http://127.0.0.1:$PORT"
if [ -z "${ONRAMP_BIN:-}" ]; then swift build --product onramp >/dev/null; ONRAMP_BIN=$PWD/.build/debug/onramp; fi
WORK=$(mktemp -d); chmod 777 "$WORK"
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
cleanup() {
  [ -f "$WORK/pid" ] && kill "$(cat "$WORK/pid")" 2>/dev/null || true
  as_postgres "$PGBIN/pg_ctl -D $WORK/pg -m immediate stop" >/dev/null 2>&1 || true
  [ -n "${KEEP_LOG:-}" ] && cp "$WORK/server.log" "$KEEP_LOG" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

as_postgres "$PGBIN/initdb -D $WORK/pg -A trust -U postgres --no-sync" >/dev/null
as_postgres "$PGBIN/pg_ctl -D $WORK/pg -l $WORK/pg.log -w -o '-h 127.0.0.1 -p $PGPORT -k $WORK' start" >/dev/null
psql -h 127.0.0.1 -p $PGPORT -U postgres -qc "CREATE DATABASE onramp"
DB="postgres://postgres@127.0.0.1:$PGPORT/onramp"

start() {
  ("$@" >"$WORK/server.log" 2>&1 & echo $! >"$WORK/pid")
  for _ in $(seq 1 300); do curl -sf "$BASE/healthz" >/dev/null && return 0; sleep 1; done
  echo "Onramp did not start:"; tail -20 "$WORK/server.log"; exit 1
}
stop() { kill "$(cat "$WORK/pid")"; while kill -0 "$(cat "$WORK/pid")" 2>/dev/null; do sleep 0.2; done; rm -f "$WORK/pid"; }

echo "Loading the demo into PostgreSQL"
start env DATABASE_URL="$DB" ONRAMP_DATA_DIR=/nonexistent "$ONRAMP_BIN" demo --port $PORT
stop
start env DATABASE_URL="$DB" ONRAMP_PUBLIC_URL="$BASE" "$ONRAMP_BIN" serve --port $PORT
SERVER_PID=$(cat "$WORK/pid")

# An officer's session and form token, and a referral to write notes on.
curl -s -c "$WORK/jar" -b "$WORK/jar" "$BASE/sign-in" -o /dev/null
TOKEN=$(awk '$6 == "onramp_csrf" { print $7 }' "$WORK/jar")
curl -s -c "$WORK/jar" -b "$WORK/jar" -o /dev/null --data-urlencode "email=officer@demo.onramp.test" \
  --data-urlencode "password=demo-password-not-for-real-use" --data-urlencode "_csrf=$TOKEN" "$BASE/sign-in"
SESSION=$(awk '$6 == "onramp_session" { print $7 }' "$WORK/jar")
REFERRAL=$(psql -h 127.0.0.1 -p $PGPORT -U postgres -d onramp -Atc "SELECT id FROM referrals ORDER BY created_at LIMIT 1")
# Signed in, the form token comes from the session: read it from the referral's note form.
TOKEN=$(curl -s -b "$WORK/jar" "$BASE/referrals/$REFERRAL" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
COOKIE="onramp_session=$SESSION; onramp_csrf=$TOKEN"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/referrals")" = 200 ] || { echo "the officer could not read the queue"; exit 1; }
NOTE=$(curl -s -o "$WORK/note.html" -w '%{http_code}' -H "Cookie: $COOKIE" --data "_csrf=$TOKEN&note=load-note-first" "$BASE/referrals/$REFERRAL/notes")
[ "$NOTE" = 303 ] || { echo "a note was answered $NOTE, not 303"; grep -o '<title>[^<]*' "$WORK/note.html"; exit 1; }

# wrk's counts by answer: the one that means done (200 for the read, 303 for the write), 503,
# other 5xx, anything else; the write also sends a numbered note each time.
counter() {  # done-status [request function]
  cat <<LUA
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) acked, unavailable, failed, other, n = 0, 0, 0, 0, 0 end
${2:-}
function response(status)
  if status == $1 then acked = acked + 1 elseif status == 503 then unavailable = unavailable + 1 elseif status >= 500 then failed = failed + 1 else other = other + 1 end
end
function done(summary)
  local a, u, f, o = 0, 0, 0, 0
  for _, t in ipairs(threads) do a, u, f, o = a + t:get("acked"), u + t:get("unavailable"), f + t:get("failed"), o + t:get("other") end
  io.write(string.format("acked %d unavailable %d failed %d other %d errors %d\n", a, u, f, o,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
}
counter 200 >"$WORK/read.lua"
counter 303 "function request()
  n = n + 1
  return wrk.format(\"POST\", \"/referrals/$REFERRAL/notes\", {[\"Content-Type\"] = \"application/x-www-form-urlencoded\", [\"Cookie\"] = \"$COOKIE\"},
    \"_csrf=$TOKEN&note=load-note-\" .. n)
end" >"$WORK/write.lua"

echo "Load for ${SECONDS_OF_LOAD}s at $CONNECTIONS connections a page; PostgreSQL restarted at ${RESTART_AT}$([ "$RESTART_AT" = never ] || echo s)"
wrk -t1 -c"$CONNECTIONS" -d${SECONDS_OF_LOAD}s -s "$WORK/read.lua" -H "Cookie: $COOKIE" "$BASE/referrals" >"$WORK/read.out" 2>&1 &
READ=$!
wrk -t1 -c"$CONNECTIONS" -d${SECONDS_OF_LOAD}s -s "$WORK/write.lua" "$BASE/referrals/$REFERRAL/notes" >"$WORK/write.out" 2>&1 &
WRITE=$!
python3 - "$BASE/healthz" "$SECONDS_OF_LOAD" >"$WORK/health.out" <<'PY' &
import sys, time, urllib.request, urllib.error
url, seconds = sys.argv[1], float(sys.argv[2])
start = time.time()
while time.time() - start < seconds:
    t = time.time()
    try:
        code = urllib.request.urlopen(url, timeout=2).status
    except urllib.error.HTTPError as error:
        code = error.code
    except Exception:
        code = 0
    print(f"{t:.3f} {code}", flush=True)
    time.sleep(0.1)
PY
HEALTH=$!
if [ "$RESTART_AT" = never ]; then
  RESTART_BEGAN=$(date +%s.%N)
else
  sleep "$RESTART_AT"
  RESTART_BEGAN=$(date +%s.%N)
  if [ "${DOWN_SECONDS:-0}" -gt 0 ]; then
    # Held down for a while, as a failover or a slow restart would.
    as_postgres "$PGBIN/pg_ctl -D $WORK/pg -w -m fast stop" >/dev/null
    sleep "$DOWN_SECONDS"
    as_postgres "$PGBIN/pg_ctl -D $WORK/pg -l $WORK/pg.log -w -o '-h 127.0.0.1 -p $PGPORT -k $WORK' start" >/dev/null
  else
    as_postgres "$PGBIN/pg_ctl -D $WORK/pg -l $WORK/pg.log -w -m fast restart -o '-h 127.0.0.1 -p $PGPORT -k $WORK'" >/dev/null
  fi
fi
RESTART_ENDED=$(date +%s.%N)
wait $READ $WRITE $HEALTH

NOTES=$(psql -h 127.0.0.1 -p $PGPORT -U postgres -d onramp -Atc "SELECT count(*) FROM case_events WHERE text LIKE 'Note: load-note-%'")
read -r _ ACKED _ WGAP _ WFAILED _ WOTHER _ WERRORS < <(tail -1 "$WORK/write.out")
read -r _ ROK _ RGAP _ RFAILED _ ROTHER _ RERRORS < <(tail -1 "$WORK/read.out")
python3 - "$WORK/health.out" "$RESTART_BEGAN" "$RESTART_ENDED" "$RESTART_AT" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
began, ended = float(sys.argv[2]), float(sys.argv[3])
during = [(float(t), int(c)) for t, c in rows if float(t) >= began - 0.05]
bad = [(t, c) for t, c in during if c != 200]
codes = sorted({c for _, c in bad})
back = next((t for t, c in during if c == 200 and t > (bad[-1][0] if bad else began)), None)
if sys.argv[4] == "never":
    print(f"  PostgreSQL was not restarted; /healthz under the load: {len(bad)} answers not 200 (codes {codes or 'none'}) of {len(during)}")
    sys.exit(0)
print(f"  PostgreSQL was down and started again within {ended - began:.2f} s")
print(f"  /healthz during the gap: {len(bad)} answers not 200 (codes {codes or 'none'}), first 200 after the restart began at +{(back - began) if back else float('nan'):.2f} s")
PY
echo "  read page (/referrals): $ROK answered 200, $RGAP answered 503 (database unavailable), $RFAILED other 5xx, $ROTHER other, $RERRORS socket errors"
echo "  write form (a note): $ACKED acknowledged (303), $WGAP answered 503, $WFAILED other 5xx, $WOTHER other, $WERRORS socket errors"
echo "  notes in the database: $NOTES (the first, before the load, and any in flight when wrk stopped, besides those acknowledged); acknowledged and missing: $(( ACKED + 1 > NOTES ? ACKED + 1 - NOTES : 0 ))"
kill -0 "$SERVER_PID" && echo "  the same Onramp process (pid $SERVER_PID) is still serving: /healthz $(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz")"
echo "  error lines in Onramp's log: $(grep -c " error " "$WORK/server.log" || true)"
echo "  times the pool watch made the connection pool afresh: $(grep -c "made afresh" "$WORK/server.log" || true)"
[ $((ACKED + 1)) -le "$NOTES" ] && [ "$RFAILED" = 0 ] && [ "$WFAILED" = 0 ] || { echo "FAILED: a write acknowledged and lost, or an answer of 500"; exit 1; }
