#!/usr/bin/env python3
"""Import benchmark: casefile's import beside sqlite3's .import of the same rows as CSV.

Generates N synthetic cases (about 100 records each) with `casefile samples generate
--csv`, then, for each of RUNS rounds, times (a) `casefile init` + `casefile import` of
every records file into a fresh store and (b) `sqlite3` `.import --csv` of the same rows
into a fresh database. Prints records per second, peak memory (max RSS) and the median
ratio, and, from `casefile import --timings` in the same runs, the audit log's and the
search index's shares of the import. Usage: scripts/bench_import.py [--cases 10000] [--runs 3] [--binary PATH].
"""
import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import re

from benchlib import timed, timed_with_stderr

ROOT = Path(__file__).resolve().parent.parent


def parse_timings(stderr):
    """The audit log's and search index's shares of the import, from `import --timings`."""
    match = re.search(r"audit log [0-9.]+ s \(([0-9.]+)%\) for ([0-9]+) entries; "
                      r"search index [0-9.]+ s \(([0-9.]+)%\)", stderr)
    if not match:
        sys.exit(f"bench: no timings line from casefile import:\n{stderr}")
    return {"audit": float(match[1]), "entries": int(match[2]), "search": float(match[3])}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--binary", default=str(ROOT / ".build/release/casefile"))
    parser.add_argument("--out", default=str(ROOT / "bench-out"))
    args = parser.parse_args()

    out = Path(args.out)
    data = out / f"data-{args.cases}"
    if not (data / "cases.csv").exists():
        shutil.rmtree(data, ignore_errors=True)
        line = subprocess.run([args.binary, "samples", "generate", "--cases", str(args.cases), "--out", str(data), "--csv"],
                              check=True, capture_output=True, text=True).stdout.strip()
        print(line)
    files = sorted(glob.glob(str(data / "cases-*.json")))
    csvs = sorted(glob.glob(str(data / "*.csv")))
    records = 0
    for csv in csvs:
        with open(csv, "rb") as handle:
            records += sum(1 for _ in handle)
    rows_note = f"{args.cases} cases, {records} rows ({len(files)} records files, {len(csvs)} CSV files)"

    ours, theirs, ours_rss, theirs_rss, shares = [], [], [], [], []
    for run in range(args.runs):
        store = out / "bench.sqlite"
        for leftover in glob.glob(str(store) + "*"):
            shutil.rmtree(leftover, ignore_errors=True) if os.path.isdir(leftover) else os.remove(leftover)
        subprocess.run([args.binary, "init", "--store", str(store)], check=True, capture_output=True)
        seconds, rss, stderr = timed_with_stderr(
            [args.binary, "import", "--timings", "--store", str(store)] + files)
        shares.append(parse_timings(stderr))
        ours.append(seconds)
        ours_rss.append(rss)

        reference = out / "reference.sqlite"
        if reference.exists():
            reference.unlink()
        seconds, rss = timed(["sqlite3", str(reference), "-cmd", ".mode csv"]
                             + [f".import {csv} {Path(csv).stem}" for csv in csvs])
        theirs.append(seconds)
        theirs_rss.append(rss)
        print(f"run {run + 1}: casefile import {ours[-1]:.2f} s ({ours_rss[-1]:.0f} MiB peak), "
              f"sqlite3 .import {theirs[-1]:.2f} s ({theirs_rss[-1]:.0f} MiB peak)")

    ours_median = statistics.median(ours)
    theirs_median = statistics.median(theirs)
    print(f"\nimport benchmark: {rows_note}, median of {args.runs} runs")
    print(f"  casefile import   {ours_median:7.2f} s  {records / ours_median:10.0f} records/s  peak {max(ours_rss):.0f} MiB")
    print(f"  sqlite3 .import   {theirs_median:7.2f} s  {records / theirs_median:10.0f} rows/s     peak {max(theirs_rss):.0f} MiB")
    print(f"  ratio (casefile / sqlite3): {ours_median / theirs_median:.2f}x   (aim: <= 3x; peak memory aim: < 200 MiB)")
    audit = statistics.median(share["audit"] for share in shares)
    index = statistics.median(share["search"] for share in shares)
    entries = shares[0]["entries"]
    print(f"  within casefile import (its --timings, median): audit log {audit:.1f}% for {entries} entries "
          f"(aim: < 10%), search index {index:.1f}%")


if __name__ == "__main__":
    main()
