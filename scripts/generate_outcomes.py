#!/usr/bin/env python3
"""Fills a demo database for the insight load test: the residents, cases and referrals of
generate_cases.py, then a follow-up on every sixth referral (500,000 for a million residents),
due over the last two years, two in five answered (most of those online), the rest unanswered.

    python3 scripts/generate_outcomes.py sqlite onramp.sqlite 1000000
    python3 scripts/generate_outcomes.py postgres postgres://… 1000000
"""
import generate_cases
import generated_rows
import sys
import time

FOLLOW_UP = "CASE WHEN j % 5 < 2 THEN 'answered' ELSE 'unanswered' END"
ONLINE = "CASE WHEN j % 5 = 0 THEN 1 WHEN j % 5 = 1 AND j % 3 > 0 THEN 1 WHEN j % 5 < 2 THEN 0 END"


def sqlite_sql(residents, now):
    uid = lambda kind, expr: generated_rows.uid("sqlite", kind, expr)
    return f"""
PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM n WHERE j < {residents * 3 // 6})
INSERT INTO follow_ups (id, council_id, organisation_id, case_id, referral_id, status, due_on, channel, asked_on, online, confidence, consent, recorded_by, answered_at, created_at)
SELECT {uid(5, 'j')}, r.council_id, r.organisation_id, r.case_id, r.id, {FOLLOW_UP},
       date({now} - j * 120, 'unixepoch'), 'sms', date({now} - j * 120, 'unixepoch'),
       {ONLINE}, CASE WHEN j % 5 < 2 THEN 3 END, CASE WHEN j % 5 < 2 THEN 1 END,
       CASE WHEN j % 5 < 2 THEN 'The resident' END, CASE WHEN j % 5 < 2 THEN {now} - j * 120 END, {now} - j * 120
FROM n JOIN referrals r ON r.id = {uid(4, 'j * 6')};
COMMIT;
ANALYZE;
"""


def postgres_sql(residents, now):
    uid = lambda kind, expr: generated_rows.uid("postgres", kind, expr)
    online = "CASE WHEN j % 5 = 0 THEN true WHEN j % 5 = 1 AND j % 3 > 0 THEN true WHEN j % 5 < 2 THEN false END"
    return f"""
-- Committed waiting for the disk, as generate_cases.py explains, so that VACUUM marks the pages all visible.
BEGIN;
INSERT INTO follow_ups (id, council_id, organisation_id, case_id, referral_id, status, due_on, channel, asked_on, online, confidence, consent, recorded_by, answered_at, created_at)
SELECT {uid(5, 'j')}, r.council_id, r.organisation_id, r.case_id, r.id, {FOLLOW_UP},
       to_char(to_timestamp({now} - j * 120), 'YYYY-MM-DD'), 'sms', to_char(to_timestamp({now} - j * 120), 'YYYY-MM-DD'),
       {online}, CASE WHEN j % 5 < 2 THEN 3 END, CASE WHEN j % 5 < 2 THEN true END,
       CASE WHEN j % 5 < 2 THEN 'The resident' END, CASE WHEN j % 5 < 2 THEN to_timestamp({now} - j * 120) END, to_timestamp({now} - j * 120)
FROM generate_series(1, {residents * 3 // 6}) AS j JOIN referrals r ON r.id = {uid(4, 'j * 6')};
COMMIT;
VACUUM ANALYZE;
"""


def main():
    dialect, target, residents = sys.argv[1], sys.argv[2], int(sys.argv[3])
    generate_cases.main()
    now = int(time.time())
    started = time.time()
    generated_rows.run_sql(dialect, target, (sqlite_sql if dialect == "sqlite" else postgres_sql)(residents, now))
    print(f"generated {residents * 3 // 6:,} follow-ups in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()
