#!/usr/bin/env python3
"""Audit benchmark: `casefile audit verify` over a million entries beside `openssl dgst -sha256`.

Makes a store with `casefile init`, then appends N audit entries with Python's sqlite3,
computing the same hash chain as casefile (AuditChain.swift: hash = SHA-256(prev ||
seq as 8 bytes big-endian || each of at, user, action, urn, detail, reason as 0x00 for
NULL or 0x01, a 4-byte big-endian UTF-8 length and the bytes)), so the bench also checks
that an independent implementation agrees. Writes the exact bytes verify hashes (every
entry's prev || encoding) to a file and times, median of --runs after a warm-up:

1. `casefile audit verify` (reads every row from SQLite, re-encodes, hashes, compares);
2. `openssl dgst -sha256` over the same bytes;
3. `openssl dgst -sha256` over `casefile audit export` (the JSON lines an auditor gets);
4. `openssl dgst -sha256` over the store file itself (the pages verify reads);

and, once each, `casefile audit log --format json` and `casefile audit export` over the
whole log with their peak memory (both stream: memory must stay flat).

Prints the times and the ratios (openssl time / casefile time: 1.0 means casefile is as
fast as openssl). Usage: scripts/bench_audit.py [--entries 1000000] [--runs 3]
"""
import argparse
import hashlib
import os
import sqlite3
import statistics
import struct
import subprocess
import sys
from pathlib import Path

from benchlib import timed

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-out/audit"


def field(value):
    if value is None:
        return b"\x00"
    data = value.encode("utf-8")
    return b"\x01" + struct.pack(">I", len(data)) + data


def encode(seq, at, user, action, urn, detail, reason):
    return struct.pack(">q", seq) + b"".join(field(v) for v in (at, user, action, urn, detail, reason))


def make_store(binary, store, raw, entries):
    for path in (store, Path(str(store) + "-wal"), Path(str(store) + "-shm"), raw):
        if path.exists():
            path.unlink()
    subprocess.run([binary, "init", "--store", str(store)], check=True, capture_output=True)
    db = sqlite3.connect(str(store))
    last = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = last if last else (0, "0" * 64)
    # The entries already there (init's) are part of what verify hashes.
    with open(raw, "wb") as out:
        for row in db.execute("SELECT seq, at, user, action, urn, detail, reason, prev_hash "
                              "FROM audit_log ORDER BY seq"):
            out.write(bytes.fromhex(row[7]) + encode(*row[:7]))
        batch = []
        for index in range(entries):
            seq += 1
            row = (seq, f"2026-{1 + index % 12:02d}-{1 + index % 28:02d}T{index % 24:02d}:00:00Z",
                   f"officer{index % 50}", ("import", "export", "build", "check")[index % 4],
                   f"{10 + index % 89:02d}KL{index % 100000:05d}26",
                   f"records={index % 300} mode=insert replaced=false source=batch{index // 1000}.json",
                   None if index % 3 else "routine review")
            data = bytes.fromhex(prev) + encode(*row)
            out.write(data)
            digest = hashlib.sha256(data).hexdigest()
            batch.append(row + (prev, digest))
            prev = digest
            if len(batch) == 50_000:
                db.executemany("INSERT INTO audit_log (seq, at, user, action, urn, detail, reason, "
                               "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
                batch = []
        if batch:
            db.executemany("INSERT INTO audit_log (seq, at, user, action, urn, detail, reason, "
                           "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return seq


def median(command, runs):
    timed(command)  # warm the page cache
    return statistics.median(timed(command)[0] for _ in range(runs))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--binary", default=str(ROOT / ".build/release/casefile"))
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    store, raw, export = OUT / "audit.sqlite", OUT / "chain.bin", OUT / "export.jsonl"
    total = make_store(args.binary, store, raw, args.entries)
    check = subprocess.run([args.binary, "audit", "verify", "--store", str(store)],
                           capture_output=True, text=True)
    if check.returncode != 0 or f"{total} entries" not in check.stdout:
        sys.exit(f"bench: casefile does not verify the Python-made chain: {check.stdout}{check.stderr}")
    with open(export, "wb") as out:
        subprocess.run([args.binary, "audit", "export", "--store", str(store)], stdout=out, check=True)
    verify = median([args.binary, "audit", "verify", "--store", str(store)], args.runs)
    openssl_raw = median(["openssl", "dgst", "-sha256", str(raw)], args.runs)
    openssl_export = median(["openssl", "dgst", "-sha256", str(export)], args.runs)
    openssl_store = median(["openssl", "dgst", "-sha256", str(store)], args.runs)
    log_seconds, log_rss = timed([args.binary, "audit", "log", "--format", "json", "--store", str(store)])
    export_seconds, export_rss = timed([args.binary, "audit", "export", "--store", str(store)])
    raw_mb, export_mb = raw.stat().st_size / 1e6, export.stat().st_size / 1e6
    store_mb = store.stat().st_size / 1e6
    print(f"entries                                   {total:>12,}")
    print(f"casefile audit verify                     {verify:8.3f} s  ({raw_mb / verify:7.1f} MB/s of chain bytes)")
    print(f"openssl dgst -sha256, chain bytes {raw_mb:6.1f} MB {openssl_raw:8.3f} s")
    print(f"openssl dgst -sha256, export {export_mb:6.1f} MB      {openssl_export:8.3f} s")
    print(f"openssl dgst -sha256, store file {store_mb:6.1f} MB  {openssl_store:8.3f} s")
    print(f"ratio vs openssl on the chain bytes        {openssl_raw / verify:8.2f} (target >= 0.50)")
    print(f"ratio vs openssl on the export             {openssl_export / verify:8.2f}")
    print(f"ratio vs openssl on the store file         {openssl_store / verify:8.2f}")
    print(f"casefile audit log --format json (all)     {log_seconds:8.3f} s, peak {log_rss:.0f} MiB")
    print(f"casefile audit export                      {export_seconds:8.3f} s, peak {export_rss:.0f} MiB")


if __name__ == "__main__":
    main()
