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
PGPORT=55442 NOTIFY_PORT=8097 MOVES=${MOVES:-100}
A="http://127.0.0.1:8095" B="http://127.0.0.1:8096"
. scripts/servers-common.sh

echo "Loading the demo into PostgreSQL"
load_demo 8095
BEFORE=$(sql "SELECT now()")

for server in a b; do
  port=$([ $server = a ] && echo 8095 || echo 8096)
  start $server "http://127.0.0.1:$port" env DATABASE_URL="$DB" ONRAMP_PUBLIC_URL="$A" "${NOTIFY_ENV[@]}" "$ONRAMP_BIN" serve --port $port
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
