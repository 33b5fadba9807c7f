#!/usr/bin/env bash
# Two Onramp processes on one PostgreSQL, each with its notification worker and scheduler, and
# a fake GOV.UK Notify on 127.0.0.1 that records what it is sent. An officer signs in on one and
# uses the session on the other; referrals are moved through both in turn, each move queueing a
# message to the resident. Shows every message sent exactly once, every scheduled job run once,
# and the session valid on both.
#
#   bash scripts/two-servers.sh           # a debug build; ONRAMP_BIN=path to use another
#
# Needs PostgreSQL 15's server binaries, psql and curl. Ports: PostgreSQL 55442, Onramp 8095
# and 8096, the fake Notify 8097.
set -euo pipefail
cd "$(dirname "$0")/.."
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=55442 MOVES=${MOVES:-100}
A="http://127.0.0.1:8095" B="http://127.0.0.1:8096" NOTIFY="http://127.0.0.1:8097"
if [ -z "${ONRAMP_BIN:-}" ]; then swift build --product onramp >/dev/null; ONRAMP_BIN=$PWD/.build/debug/onramp; fi
WORK=$(mktemp -d); chmod 777 "$WORK"
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
cleanup() {
  for pid in "$WORK"/*.pid; do [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null; done
  as_postgres "$PGBIN/pg_ctl -D $WORK/pg -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
sql() { psql -h 127.0.0.1 -p $PGPORT -U postgres -d onramp -Atc "$1"; }

as_postgres "$PGBIN/initdb -D $WORK/pg -A trust -U postgres --no-sync" >/dev/null
as_postgres "$PGBIN/pg_ctl -D $WORK/pg -l $WORK/pg.log -w -o '-h 127.0.0.1 -p $PGPORT -k $WORK' start" >/dev/null
psql -h 127.0.0.1 -p $PGPORT -U postgres -qc "CREATE DATABASE onramp"
DB="postgres://postgres@127.0.0.1:$PGPORT/onramp"

# The fake Notify: every template exists and is right; each send is recorded by reference.
python3 - "$WORK/received" >"$WORK/notify.log" 2>&1 <<'PY' &
import json, sys, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
record = open(sys.argv[1], "a", buffering=1)
class Notify(BaseHTTPRequestHandler):
    def answer(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(data))); self.end_headers()
        self.wfile.write(data)
    def do_POST(self):
        sent = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        record.write(sent["reference"] + "\n")
        self.answer(201, {"id": str(uuid.uuid4())})
    def do_GET(self):
        if self.path.startswith("/v2/template/"):
            kind = {"1": "email", "2": "sms", "3": "letter"}[self.path[-1]]
            self.answer(200, {"id": self.path.split("/")[-1], "type": kind, "subject": "((subject))", "body": "((body))"})
        elif self.path.startswith("/v2/notifications?"):
            self.answer(200, {"notifications": []})
        else:
            self.answer(200, {"id": self.path.split("/")[-1], "status": "received"})
    def log_message(self, *args): pass
ThreadingHTTPServer(("127.0.0.1", 8097), Notify).serve_forever()
PY
echo $! >"$WORK/notify.pid"

start() {  # name base command...
  local name=$1 base=$2; shift 2
  ("$@" >"$WORK/$name.log" 2>&1 & echo $! >"$WORK/$name.pid")
  for _ in $(seq 1 300); do curl -sf "$base/healthz" >/dev/null && return 0; sleep 1; done
  echo "Onramp $name did not start:"; tail -20 "$WORK/$name.log"; exit 1
}

echo "Loading the demo into PostgreSQL"
start demo "$A" env DATABASE_URL="$DB" ONRAMP_DATA_DIR=/nonexistent "$ONRAMP_BIN" demo --port 8095
kill "$(cat "$WORK/demo.pid")"; while kill -0 "$(cat "$WORK/demo.pid")" 2>/dev/null; do sleep 0.2; done; rm "$WORK/demo.pid"
# Messages the demo queued are left out: only what this run makes is counted.
sql "UPDATE outbox_messages SET status = 'done' WHERE status IN ('queued', 'retrying')" >/dev/null
BEFORE=$(sql "SELECT now()")

KEY="onramp_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0"
for server in a b; do
  port=$([ $server = a ] && echo 8095 || echo 8096)
  start $server "http://127.0.0.1:$port" env DATABASE_URL="$DB" ONRAMP_PUBLIC_URL="$A" ONRAMP_NOTIFY_URL="$NOTIFY" ONRAMP_NOTIFY_API_KEY="$KEY" \
    ONRAMP_NOTIFY_EMAIL_TEMPLATE=00000000-0000-4000-8000-000000000001 ONRAMP_NOTIFY_SMS_TEMPLATE=00000000-0000-4000-8000-000000000002 \
    ONRAMP_NOTIFY_LETTER_TEMPLATE=00000000-0000-4000-8000-000000000003 "$ONRAMP_BIN" serve --port $port
done

# Signed in on A; the same cookies on B.
curl -s -c "$WORK/jar" -b "$WORK/jar" "$A/sign-in" -o /dev/null
TOKEN=$(awk '$6 == "onramp_csrf" { print $7 }' "$WORK/jar")
curl -s -c "$WORK/jar" -b "$WORK/jar" -o /dev/null --data-urlencode "email=officer@demo.onramp.test" \
  --data-urlencode "password=demo-password-not-for-real-use" --data-urlencode "_csrf=$TOKEN" "$A/sign-in"
ON_B=$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK/jar" "$B/referrals")
# Signed in, the form token comes from the session: read from a form on B.
TOKEN=$(curl -s -b "$WORK/jar" "$B/referrals/$(sql "SELECT id FROM referrals LIMIT 1")" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
echo "  a session signed in on A, used on B: /referrals answered $ON_B"

# Referrals moved through A and B in turn, each move queueing a message to its resident.
moved=0
# Their residents asked for emails, so that every move's message goes through Notify.
REFERRALS=$(sql "SELECT id FROM referrals WHERE status = 'received' ORDER BY created_at LIMIT $MOVES")
sql "UPDATE residents SET contact_by = 'email', email = 'resident-' || left(id::text, 8) || '@example.com' WHERE id IN
  (SELECT c.resident_id FROM help_cases c JOIN referrals f ON f.case_id = c.id WHERE f.id IN ($(echo "$REFERRALS" | sed "s/.*/'&'/" | paste -sd, -)))" >/dev/null
for referral in $REFERRALS; do
  server=$([ $((moved % 2)) = 0 ] && echo "$A" || echo "$B")
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK/jar" --data-urlencode "_csrf=$TOKEN" --data-urlencode "status=contacted" \
    --data-urlencode "reason=" "$server/referrals/$referral/status")
  [ "$code" = 303 ] && moved=$((moved + 1))
done
echo "  referrals moved, through A and B in turn: $moved"
# Both workers run every 5 seconds; letters wait for the day's post and are not counted.
for _ in $(seq 1 30); do
  waiting=$(sql "SELECT count(*) FROM outbox_messages WHERE created_at >= '$BEFORE' AND status IN ('queued', 'sending', 'retrying') AND channel <> 'letter'")
  [ "$waiting" = 0 ] && break; sleep 1
done
SENT=$(sql "SELECT count(*) FROM outbox_messages WHERE created_at >= '$BEFORE' AND status IN ('sent', 'delivered')")
STAFF=$(sql "SELECT count(*) FROM outbox_messages WHERE created_at >= '$BEFORE' AND status = 'for-staff'")
RECEIVED=$(sort "$WORK/received" | wc -l)
DISTINCT=$(sort -u "$WORK/received" | wc -l)
MISSING=$(sql "SELECT id FROM outbox_messages WHERE created_at >= '$BEFORE' AND status IN ('sent', 'delivered')" | sort >"$WORK/sent"; sort -u "$WORK/received" | comm -23 "$WORK/sent" - | wc -l)
echo "  messages queued since the servers started (the moves' and the scheduled jobs'): $(sql "SELECT count(*) FROM outbox_messages WHERE created_at >= '$BEFORE'") ($SENT sent through Notify, $STAFF for staff to pass on, the rest letters waiting for the day's post)"
echo "  by channel and where they are: $(sql "SELECT channel || ' ' || status || ' ' || count(*) FROM outbox_messages WHERE created_at >= '$BEFORE' GROUP BY channel, status ORDER BY 1" | paste -sd ';' -)"
echo "  Notify received $RECEIVED sends of $DISTINCT messages: $((RECEIVED - DISTINCT)) sent twice; $MISSING recorded as sent that Notify never had"
for job in follow-ups kit-reminders champion-checks directory-reminders retention; do
  runs=$(cat "$WORK/a.log" "$WORK/b.log" | grep "scheduled job" | grep -cE "job: $job[],]" || true)
  echo "  scheduled job $job: run $runs time(s) between the two processes"
done
[ "$ON_B" = 200 ] && [ "$RECEIVED" = "$DISTINCT" ] && [ "$MISSING" = 0 ] || { echo "FAILED"; exit 1; }
