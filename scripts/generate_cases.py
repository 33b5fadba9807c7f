#!/usr/bin/env python3
"""Fills a demo database with made-up residents, cases and referrals for load tests: one case per
resident, three referrals per case spread over the demo council's six referable offers, most of
them closed long ago, a fifth still open, and the audit log's line for each case made. Runs inside the database (recursive CTE on SQLite,
generate_series on PostgreSQL), so a million residents take seconds, not an hour.

    python3 scripts/generate_cases.py sqlite onramp.sqlite 1000000
    python3 scripts/generate_cases.py postgres postgres://… 1000000
"""
import generated_rows
import sys
import time

STATUS = ("CASE i % 20 WHEN 0 THEN 'received' WHEN 1 THEN 'contacted' WHEN 2 THEN 'in-progress' "
          "WHEN 3 THEN 'could-not-contact' WHEN 4 THEN 'fulfilled' WHEN 5 THEN 'fulfilled' WHEN 6 THEN 'declined' ELSE 'closed' END")


def sqlite_sql(residents, now):
    uid = lambda kind, expr: generated_rows.uid("sqlite", kind, expr)
    rows = lambda n: f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n})"
    council = "(SELECT council_id FROM help_offers LIMIT 1)"
    return f"""
PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;
BEGIN;
CREATE TEMP TABLE offer_map AS SELECT (ROW_NUMBER() OVER (ORDER BY position)) - 1 AS k, id, partner_id FROM help_offers WHERE kind != 'wifi-place';
{rows(residents)}
INSERT INTO residents (id, council_id, name, date_of_birth, postcode, address, phone, email, contact_by, contact_when, language, access_needs, name_key, merged_into_id, created_at)
SELECT {uid(1, 'i')}, {council}, 'Resident ' || i, '1960-01-01', 'SE1 7PB', NULL, printf('+44770%07d', i), NULL, 'sms', 'any', 'english', 'none', 'resident ' || i || '|1960-01-01|SE17PB', NULL, {now} - i * 30 FROM n;
{rows(residents)}
INSERT INTO help_cases (id, council_id, reference, resident_id, draft_id, channel, answers, consent_version, created_by, created_at)
SELECT {uid(2, 'i')}, {council}, printf('G%08d', i), {uid(1, 'i')}, {uid(3, 'i')}, 'online', '{{}}', 'load-test', NULL, {now} - i * 30 FROM n;
{rows(residents * 3)}
INSERT INTO referrals (id, council_id, case_id, offer_id, organisation_id, status, contact_due, contacted_at, outcome, created_at, updated_at)
SELECT {uid(4, 'i')}, {council}, {uid(2, '(i + 2) / 3')}, offer_map.id, offer_map.partner_id, {STATUS},
       date({now} - i * 10, 'unixepoch', '+7 days'), NULL, NULL, {now} - i * 10, {now} - i * 10
FROM n JOIN offer_map ON offer_map.k = i % 6;
{rows(residents)}
INSERT INTO audit_events (id, occurred_at, council_id, organisation_id, actor_id, actor, action, record_type, record_id, summary, ip_address)
SELECT {uid(9, 'i')}, {now} - i * 30, {council}, NULL, NULL, 'Resident ' || i, 'case.created', 'case', {uid(2, 'i')}, printf('Case G%08d with 3 referrals', i), NULL FROM n;
COMMIT;
ANALYZE;
"""


def postgres_sql(residents, now):
    uid = lambda kind, expr: generated_rows.uid("postgres", kind, expr)
    council = "(SELECT council_id FROM help_offers LIMIT 1)"
    return f"""
-- One transaction, committed as any other, waiting for the disk: VACUUM marks a page all visible
-- only once its rows' commit is on the disk, and after an asynchronous commit (synchronous_commit
-- off) it had marked 49 of the 1,288 pages of 60,000 referrals, so the queue read the table, not
-- the partner's index alone (12 ms a page of 25 against 1.4 ms).
BEGIN;
CREATE TEMP TABLE offer_map AS SELECT (ROW_NUMBER() OVER (ORDER BY position)) - 1 AS k, id, partner_id FROM help_offers WHERE kind != 'wifi-place';
INSERT INTO residents (id, council_id, name, date_of_birth, postcode, address, phone, email, contact_by, contact_when, language, access_needs, name_key, merged_into_id, created_at)
SELECT {uid(1, 'i')}, {council}, 'Resident ' || i, '1960-01-01', 'SE1 7PB', NULL, '+44770' || lpad(i::text, 7, '0'), NULL, 'sms', 'any', 'english', 'none', 'resident ' || i || '|1960-01-01|SE17PB', NULL, to_timestamp({now} - i * 30)
FROM generate_series(1, {residents}) AS i;
INSERT INTO help_cases (id, council_id, reference, resident_id, draft_id, channel, answers, consent_version, created_by, created_at)
SELECT {uid(2, 'i')}, {council}, 'G' || lpad(i::text, 8, '0'), {uid(1, 'i')}, {uid(3, 'i')}, 'online', '{{}}', 'load-test', NULL, to_timestamp({now} - i * 30)
FROM generate_series(1, {residents}) AS i;
INSERT INTO referrals (id, council_id, case_id, offer_id, organisation_id, status, contact_due, contacted_at, outcome, created_at, updated_at)
SELECT {uid(4, 'i')}, {council}, {uid(2, '(i + 2) / 3')}, offer_map.id, offer_map.partner_id, {STATUS},
       to_char(to_timestamp({now} - i * 10) + interval '7 days', 'YYYY-MM-DD'), NULL, NULL, to_timestamp({now} - i * 10), to_timestamp({now} - i * 10)
FROM generate_series(1, {residents * 3}) AS i JOIN offer_map ON offer_map.k = i % 6;
-- The audit log's line for each case made. Left empty, the log made PostgreSQL check each look's
-- rows against it by reading it whole: each connection plans that check once, while the table
-- is empty, and keeps the plan until the table is next analysed. For the first minute of the
-- queue's measurement that was 2 to 10 ms of the database's CPU a request, 138,801 reads of
-- the whole table in all, until autovacuum analysed it.
INSERT INTO audit_events (id, occurred_at, council_id, organisation_id, actor_id, actor, action, record_type, record_id, summary, ip_address)
SELECT {uid(9, 'i')}, to_timestamp({now} - i * 30), {council}, NULL, NULL, 'Resident ' || i, 'case.created', 'case', upper({uid(2, 'i')}::text),
       'Case G' || lpad(i::text, 8, '0') || ' with 3 referrals', NULL
FROM generate_series(1, {residents}) AS i;
COMMIT;
-- What autovacuum would soon do: statistics, and the visibility map that lets counts read the index alone.
VACUUM ANALYZE;
-- The pages written reach the disk now, not in the checkpoint that follows a bulk load while the
-- pages are measured.
CHECKPOINT;
"""


def main():
    dialect, target, residents = sys.argv[1], sys.argv[2], int(sys.argv[3])
    now = int(time.time())
    started = time.time()
    generated_rows.run_sql(dialect, target, (sqlite_sql if dialect == "sqlite" else postgres_sql)(residents, now))
    print(f"generated {residents:,} residents, {residents:,} cases, {residents * 3:,} referrals and {residents:,} audit lines in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()
