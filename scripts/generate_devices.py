#!/usr/bin/env python3
"""Fills a demo database's device bank for load tests: made-up devices spread over every stage,
ten stage moves each, the latest in the last two years. Runs inside the database. The tallies
Onramp keeps as devices move are then counted by `onramp kit-recount` (kit-load.sh runs it).

    python3 scripts/generate_devices.py sqlite onramp.sqlite 200000
    python3 scripts/generate_devices.py postgres postgres://… 200000

Or writes a donated batch's CSV, for timing `onramp import-devices`:

    python3 scripts/generate_devices.py csv batch.csv 10000
"""
import generated_rows
import sys
import time

STAGE = ("CASE i % 20 WHEN 0 THEN 'received' WHEN 1 THEN 'wiped' WHEN 2 THEN 'refurbished-tested' WHEN 3 THEN 'ready' "
         "WHEN 14 THEN 'returned' WHEN 15 THEN 'recycled' WHEN 16 THEN 'recycled' WHEN 19 THEN 'lost' "
         "WHEN 10 THEN 'loaned' WHEN 11 THEN 'loaned' WHEN 12 THEN 'loaned' WHEN 13 THEN 'loaned' ELSE 'gifted' END")
TYPE = "CASE i % 6 WHEN 0 THEN 'tablet' WHEN 1 THEN 'phone' ELSE 'laptop' END"
PATH = "CASE i % 10 WHEN 0 THEN 'received' WHEN 1 THEN 'wiped' WHEN 2 THEN 'refurbished-tested' WHEN 3 THEN 'ready' WHEN 4 THEN 'loaned' " \
       "WHEN 5 THEN 'returned' WHEN 6 THEN 'wiped' WHEN 7 THEN 'refurbished-tested' WHEN 8 THEN 'ready' ELSE 'gifted' END"


def sql(dialect, devices, now):
    uid = lambda kind, expr: generated_rows.uid(dialect, kind, expr)
    if dialect == "sqlite":
        series = lambda n: f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n}) "
        stamp = lambda expr: f"({now} - {expr})"
        head, tail, source = "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;", "ANALYZE;", " FROM n"
    else:
        series = lambda n: ""
        stamp = lambda expr: f"to_timestamp({now} - {expr})"
        head, tail = "", "VACUUM ANALYZE; CHECKPOINT;"  # as generate_cases.py, commit and all
        source = None
    frm = lambda n: source if source else f" FROM generate_series(1, {n}) AS i"
    return f"""
{head}
BEGIN;
{series(devices)}INSERT INTO kit_devices (id, council_id, batch_id, asset_tag, type, make, model, serial, serial_key, cpu, ram_gb, storage_gb, os, accessories, condition, stage, stage_since, wiped_since_arrival, created_at)
SELECT {uid(5, 'i')}, (SELECT council_id FROM kit_batches LIMIT 1), (SELECT id FROM kit_batches LIMIT 1), 'LD-' || i, {TYPE}, 'Lenovo', 'T480', 'LD' || i, 'lenovo|LD' || i,
       NULL, 8, 256, 'Windows 11', NULL, 'B', {STAGE}, {stamp('i * 60')}, {"1" if dialect == "sqlite" else "true"}, {stamp('i * 300')}{frm(devices)};
{series(devices * 10)}INSERT INTO kit_device_moves (id, council_id, device_id, device_type, from_stage, to_stage, at, actor, reason)
SELECT {uid(6, 'i')}, (SELECT council_id FROM kit_batches LIMIT 1), {uid(5, '(i + 9) / 10')}, {TYPE.replace('i % 6', '((i + 9) / 10) % 6')}, NULL, {PATH}, {stamp('i * 30')}, 'load test', ''{frm(devices * 10)};
COMMIT;
{tail}
"""


def write_csv(path, devices):
    with open(path, "w") as out:
        out.write("type,make,model,serial,ram_gb,storage_gb,os,condition\n")
        for i in range(devices):
            out.write(f"laptop,Lenovo,ThinkPad T480,LOAD{i:07d},8,256,Windows 11,{'ABC'[i % 3]}\n")
    print(f"wrote {devices:,} devices to {path}")


def main():
    dialect, target, devices = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if dialect == "csv":
        return write_csv(target, devices)
    started = time.time()
    generated_rows.run_sql(dialect, target, sql(dialect, devices, int(time.time())))
    print(f"generated {devices:,} devices and {devices * 10:,} moves in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()
