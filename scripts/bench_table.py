#!/usr/bin/env python3
"""Reads the outputs scripts/bench.sh kept and prints issue 17's table: each figure beside its
baseline from the same run, and peak memory where the script measured it.

    python3 scripts/bench_table.py LOGS_DIR [quick|full]
"""
import os
import re
import sys

logs, mode = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "full")


def read(name):
    path = os.path.join(logs, name + ".log")
    return open(path, errors="replace").read() if os.path.exists(path) else ""


def find(pattern, text, default="?"):
    match = re.search(pattern, text, re.M)
    return match.groups() if match else None


rows = []  # (what, measured, baseline, peak memory)

places = read("places")
swift = find(r"swift: (\d+) areas, median of \d+ runs ([\d.]+) ms", places)
pandas = find(r"pandas: .*?runs ([\d.]+) ms", places)
ratio = find(r"OnrampCore / pandas time for the England index: ([\d.]+)", places)
if swift and pandas and ratio:
    england = find(r"index: all of England.*?peak\s+(\d+) MB", places)
    rows.append((f"England risk index ({int(swift[0]):,} areas)", f"OnrampCore {swift[1]} ms", f"pandas {pandas[0]} ms: {ratio[0]}× pandas' time",
                 f"{england[0]} MB (onramp index, all of England)" if england else "-"))
for label, page in (("whole-London map page", "whole-London map page"), ("Southwark map page", "Southwark map page")):
    times = re.findall(page + r": ([\d.]+) s, (\d+) bytes", places)
    svgs = re.findall(r"of which the SVG: (\d+) bytes", places)
    svg = svgs[1 if page.startswith("whole") else 0] if len(svgs) == 2 else "?"
    if times:
        server = find(r"peak memory of the server: (\d+ MB)", places)
        sent = find(r"compressed\): [\d.]+ s, (\d+) bytes sent", places) if page.startswith("whole") else None
        rows.append((label, f"SVG {int(svg) // 1024 if svg != '?' else '?'} KB in {int(times[0][1]) // 1024} KB" + (f" ({int(sent[0]) // 1024} KB compressed)" if sent else "")
                     + f"; first {float(times[0][0]) * 1000:.0f} ms, cached {float(times[-1][0]) * 1000:.0f} ms",
                     "-", f"{server[0]} (the server, both maps)" if server else "-"))

directory = read("directory")
for size, path, found, rps, p99, hello_rps, hello_p99, r in re.findall(
        r"^\s*(\d+) services\s+(\S+)\s+(\d+) found\s+([\d.]+) req/s\s+p99\s+([\d.]+) ms\s+\| hello\s+([\d.]+) req/s p99\s+([\d.]+) ms \| ratio ([\d.]+)", directory, re.M):
    what = "search" if "search=" in path else "proximity"
    rows.append((f"ORUK {what}, {int(size):,} services", f"{float(rps):,.0f} req/s, p99 {p99} ms",
                 f"hello {float(hello_rps):,.0f} req/s: {float(r) * 100:.1f}% of the ceiling", "-"))
for size, seconds, peak in re.findall(r"^(\d+) services: imported in ([\d.]+) s(?:, peak memory (\d+) MB)?", directory, re.M):
    rows.append((f"ORUK import, {int(size):,} services", f"{seconds} s", "-", f"{peak} MB" if peak else "not measured"))


def served(name, label, pages_named):
    text = read(name)
    for database, body in re.findall(r"^(SQLite|PostgreSQL): loading the demo\n(.*?)(?=^(?:SQLite|PostgreSQL): loading|\Z)", text, re.M | re.S):
        health = find(r"/healthz \(baseline\)\s+first\s+\S+\s+([\d.]+) req/s\s+p50\s+(\S+)\s+p99\s+(\S+)", body)
        peak = find(r"peak memory of the server: (\d+ MB)", body)
        for page, first, rps, p50, p99, cpu, db_cpu in re.findall(
                r"^\s+(\S.*?)\s+first\s+(\S+)s\s+([\d.]+) req/s\s+p50\s+(\S+)\s+p99\s+(\S+)(?:\s+cpu (\S+) ms/req)?(?:\s+database cpu (\S+) ms/req)?", body, re.M):
            if page.startswith("/healthz"):
                continue
            # On two cores the database server's CPU is as much a part of the latency as Onramp's.
            spent = (f"; CPU a request: Onramp {cpu} ms" if cpu else "") + (f", PostgreSQL {db_cpu} ms" if db_cpu else "")
            rows.append((f"{label}, {database}" + (f": {page.replace('partner queue, ', '')}" if pages_named else ""), f"p99 {p99}, {float(rps):,.0f} req/s{spent}",
                         f"/healthz p99 {health[2]}, {float(health[0]):,.0f} req/s" if health else "?", peak[0] if peak else "?"))


served("kit", f"stock page, {'20,000' if mode == 'quick' else '200,000'} devices", False)
served("queue", f"referral queue, {'100,000' if mode == 'quick' else '1,000,000'} residents", True)

triage = read("triage")


def percentile50(block, metric):
    """The p50 column of a metric's row in package-benchmark's table, with its unit."""
    for line in block.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("│").split("│")]
        if len(cells) > 3 and cells[0].startswith(metric):
            unit = re.search(r"\((\w+)\)\s*\*?$", cells[0])
            return cells[3], unit.group(1) if unit else ""
    return None


blocks = {name: triage.split(name, 1)[1].split("╛", 1)[0] for name in ("Baseline:", "Triage engine:") if name in triage}
engine = percentile50(blocks.get("Triage engine:", ""), "Time (wall clock)")
base = percentile50(blocks.get("Baseline:", ""), "Time (wall clock)")
peak = percentile50(blocks.get("Triage engine:", ""), "Memory (resident peak)")
if engine:
    rows.append(("triage engine, 100,000 answer sets", f"{engine[0]} {engine[1]} (p50)",
                 f"reading one answer per offer: {base[0]} {base[1]}" if base else "?", f"{peak[0]} MB (with the answer sets)" if peak else "?"))

health = read("healthz")
median = find(r"median at 64 connections: hello ([\d.]+) req/s, /healthz ([\d.]+) req/s, ratio ([\d.]+)", health)
idle = find(r"idle resident memory of onramp demo: (\d+) kB", health)
if median:
    rows.append(("/healthz at 64 connections", f"{float(median[1]):,.0f} req/s", f"hello {float(median[0]):,.0f} req/s: {median[2]} of the ceiling",
                 f"idle {int(idle[0]) // 1024} MB" if idle else "?"))

widths = [max(len(str(row[i])) for row in rows + [("what", "measured", "against, in the same run", "peak memory")]) for i in range(4)]
# The second line marks the first as the header, so that the table renders as Markdown.
for row in [("what", "measured", "against, in the same run", "peak memory"), tuple("-" * width for width in widths)] + rows:
    print("| " + " | ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row)) + " |")
