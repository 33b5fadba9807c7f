#!/usr/bin/env bash
# kill -9 in the middle of work, in a real `onramp serve` on PostgreSQL with a fake Notify:
#
# 1. Sending: MESSAGES emails are queued; the process is killed KILLS times at random moments
#    while its worker sends them, each time once Notify has had a random few more (Notify takes
#    NOTIFY_DELAY seconds to answer each, so kills land between claiming a message, Notify
#    having it and Onramp recording it), and started again. Shows every message sent, and Notify given each exactly once.
# 2. A scheduled job: RESIDENTS residents whose cases closed three years ago are due for the
#    daily retention run; the process is killed once the run has anonymised two batches. Shows
#    the run is not started again while it might still be running, is taken up once it is taken
#    for dead (15 minutes, moved back here rather than waited for), finishes, and does nothing
#    twice: each resident anonymised once, at the first run's time if the first run did it, and
#    the audit log's batches adding up to the residents anonymised.
#
#   bash scripts/kill-work.sh             # a debug build; ONRAMP_BIN=path to use another
#
# Needs PostgreSQL 15's server binaries, psql, python3 and curl. Ports: PostgreSQL 55444,
# Onramp 8098, the fake Notify 8099.
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=55444 NOTIFY_PORT=8099 PORT=8098
MESSAGES=${MESSAGES:-400} KILLS=${KILLS:-8} RESIDENTS=${RESIDENTS:-1500} NOTIFY_DELAY=${NOTIFY_DELAY:-0.03}
. scripts/servers-common.sh
BASE="http://127.0.0.1:$PORT"
serve() { start onramp "$BASE" env DATABASE_URL="$DB" ONRAMP_PUBLIC_URL="$BASE" "${NOTIFY_ENV[@]}" "$ONRAMP_BIN" serve --port $PORT; }
failed=0

echo "Loading the demo into PostgreSQL"
load_demo $PORT

echo "1. Killed while sending: $MESSAGES emails, $KILLS kills"
COUNCIL=$(sql "SELECT id FROM organisations WHERE type = 'council' LIMIT 1")
sql "INSERT INTO outbox_messages (id, council_id, case_id, channel, recipient, subject, body, large_print, status, attempts, created_at)
  SELECT gen_random_uuid(), '$COUNCIL', NULL, 'email', 'resident-' || i || '@example.com', 'Your help', 'Message ' || i, false, 'queued', 0, now()
  FROM generate_series(1, $MESSAGES) AS i" >/dev/null
caught=0
for kill in $(seq 1 "$KILLS"); do
  STARTED=$(sql "SELECT now()")
  serve
  # Killed once Notify has had a few more of them: in the middle of a pass, at a random point.
  target=$(( $(wc -l <"$WORK/received") + RANDOM % 40 + 1 ))
  for _ in $(seq 1 400); do [ "$(wc -l <"$WORK/received")" -ge "$target" ] && break; sleep 0.02; done
  stop onramp KILL
  # Claimed by this process (a lease of 60 s from when it started or later), not recorded as sent.
  claimed=$(sql "SELECT count(*) FROM outbox_messages WHERE subject = 'Your help' AND status = 'sending' AND lease_until >= timestamptz '$STARTED' + interval '60 seconds'")
  [ "$claimed" -gt 0 ] && caught=$((caught + 1))
  echo "  kill $kill: $(sql "SELECT count(*) FROM outbox_messages WHERE subject = 'Your help' AND status = 'sent'") sent, $claimed claimed and not yet recorded, Notify has had $(wc -l <"$WORK/received") sends"
done
serve
# A message claimed when its process died waits for its lease (60 s) to run out.
for _ in $(seq 1 120); do
  [ "$(sql "SELECT count(*) FROM outbox_messages WHERE subject = 'Your help' AND status <> 'sent'")" = 0 ] && break; sleep 1
done
SENT=$(sql "SELECT count(*) FROM outbox_messages WHERE subject = 'Your help' AND status = 'sent'")
RECEIVED=$(wc -l <"$WORK/received") DISTINCT=$(sort -u "$WORK/received" | wc -l)
MISSING=$(sql "SELECT id FROM outbox_messages WHERE subject = 'Your help'" | sort | comm -23 - <(sort -u "$WORK/received") | wc -l)
RECOVERED=$(awk -F'recovered: ' 'NF > 1 { split($2, n, ","); total += n[1] } END { print total + 0 }' "$WORK/onramp.log")
echo "  $KILLS kills, $caught of them with messages claimed and not recorded; $RECOVERED found at Notify after a kill and recorded without sending again"
echo "  $SENT of $MESSAGES sent; Notify received $RECEIVED sends of $DISTINCT messages: $((RECEIVED - DISTINCT)) sent twice, $MISSING never sent"
[ "$SENT" = "$MESSAGES" ] && [ "$RECEIVED" = "$DISTINCT" ] && [ "$MISSING" = 0 ] || { echo "  FAILED"; failed=1; }
stop onramp

echo "2. Killed during the daily retention run: $RESIDENTS residents due"
python3 scripts/generate_cases.py postgres "$DB" "$RESIDENTS" | sed 's/^/  /'
GENERATED="SELECT resident_id FROM help_cases WHERE reference ~ '^G[0-9]{8}$'"
sql "UPDATE residents SET created_at = created_at - interval '3 years' WHERE id IN ($GENERATED);
  UPDATE help_cases SET created_at = created_at - interval '3 years' WHERE reference ~ '^G[0-9]{8}$';
  UPDATE referrals SET status = 'closed', updated_at = updated_at - interval '3 years', created_at = created_at - interval '3 years'
    WHERE case_id IN (SELECT id FROM help_cases WHERE reference ~ '^G[0-9]{8}$');
  DELETE FROM scheduled_jobs WHERE job = 'retention'" >/dev/null
DUE=$(sql "SELECT count(*) FROM residents WHERE id IN ($GENERATED) AND anonymised_at IS NULL")
BEFORE=$(sql "SELECT now()")
batches() { sql "SELECT count(*) FROM audit_events WHERE action = 'privacy.retention-residents' AND occurred_at >= '$BEFORE'"; }
serve
for _ in $(seq 1 600); do [ "$(batches)" -ge 2 ] && break; sleep 0.1; done
stop onramp KILL
FIRST=$(sql "SELECT count(*) FROM residents WHERE anonymised_at >= '$BEFORE'")
sql "CREATE TABLE first_run AS SELECT id, anonymised_at FROM residents WHERE anonymised_at >= '$BEFORE'" >/dev/null
echo "  killed after $(batches) batches: $FIRST of $DUE anonymised; the run's end is not recorded: $(sql "SELECT coalesce(finished_at::text, 'none') FROM scheduled_jobs WHERE job = 'retention'")"
serve
sleep 3
EARLY=$(sql "SELECT count(*) FROM residents WHERE anonymised_at >= '$BEFORE'")
echo "  started again at once: not taken up while the run might still be going ($EARLY anonymised)"
stop onramp
sql "UPDATE scheduled_jobs SET started_at = started_at - interval '16 minutes' WHERE job = 'retention'" >/dev/null
serve
for _ in $(seq 1 600); do [ "$(sql "SELECT count(*) FROM scheduled_jobs WHERE job = 'retention' AND finished_at IS NOT NULL")" = 1 ] && break; sleep 0.2; done
stop onramp
DONE=$(sql "SELECT count(*) FROM residents WHERE id IN ($GENERATED) AND anonymised_at IS NULL")
# Demo residents whose cases closed long ago are due too: everything this part anonymised is counted.
ANONYMISED=$(sql "SELECT count(*) FROM residents WHERE anonymised_at >= '$BEFORE'")
KEPT=$(sql "SELECT count(*) FROM residents r JOIN first_run f ON f.id = r.id WHERE r.anonymised_at = f.anonymised_at")
LOGGED=$(sql "SELECT coalesce(sum(split_part(summary, ' ', 1)::int), 0) FROM audit_events WHERE action = 'privacy.retention-residents' AND occurred_at >= '$BEFORE'")
RUNS=$(sql "SELECT count(*) FROM audit_events WHERE action = 'privacy.retention-applied' AND occurred_at >= '$BEFORE'")
echo "  15 minutes on (moved back), started again: the run was taken up and ended; of the $DUE made due, $DONE left with their names; $ANONYMISED anonymised in all (with demo residents whose cases closed long ago)"
echo "  the first run's $FIRST kept their first anonymising time: $KEPT; the audit log's batches add up to $LOGGED; runs recorded as ended: $RUNS"
[ "$EARLY" = "$FIRST" ] && [ "$DONE" = 0 ] && [ "$KEPT" = "$FIRST" ] && [ "$LOGGED" = "$ANONYMISED" ] && [ "$RUNS" = 1 ] || { echo "  FAILED"; failed=1; }
[ "$failed" = 0 ] || { mkdir -p /tmp/kill-work-logs; cp "$WORK"/*.log /tmp/kill-work-logs/; echo "logs kept in /tmp/kill-work-logs"; }
exit $failed
