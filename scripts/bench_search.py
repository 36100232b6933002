#!/usr/bin/env python3
"""Search benchmark: latency of `casefile search` over N generated cases, and what keeping
the search index in step costs the import.

Generates N synthetic cases (about 100 records each) and imports them into a store, both
cached under bench-out/search-N. Picks QUERIES varied queries from the store (family names,
misspelt family names, given + family names, URNs, exhibit references, offence codes and
titles, statement words), runs them all RUNS times through one `casefile search --bench`
process and prints the median and 95th percentile latency. Then imports IMPORT_CASES
cases into a fresh store IMPORT_RUNS times with `casefile import --timings` and prints the
import time and the time spent adding the records to the search index (the index's
statements inside each file's transaction; FTS5's last flush at commit is not counted).
Usage: scripts/bench_search.py [--cases 10000] [--queries 50] [--runs 3]
[--import-cases 2000] [--binary PATH].
"""
import argparse
import glob
import json
import os
import random
import re
import shutil
import statistics
import sqlite3
import subprocess
import sys
from pathlib import Path

from benchlib import timed_with_stderr

ROOT = Path(__file__).resolve().parent.parent


def generated(binary, cases, out):
    """The records files of `cases` generated cases, made once and cached."""
    records = out / "records"
    found = sorted(glob.glob(str(records / "*.json")))
    if found:
        return found
    shutil.rmtree(records, ignore_errors=True)
    subprocess.run([binary, "samples", "generate", "--cases", str(cases), "--out", str(records)],
                   check=True, capture_output=True)
    return sorted(glob.glob(str(records / "*.json")))


def remove_store(store):
    for leftover in glob.glob(str(store) + "*"):
        shutil.rmtree(leftover, ignore_errors=True) if os.path.isdir(leftover) else os.remove(leftover)


def imported(binary, files, out):
    """A store holding every generated case, made once and cached."""
    store = out / "store.sqlite"
    ready = out / "store.ready"
    if ready.exists() and store.exists():
        return store
    remove_store(store)
    subprocess.run([binary, "init", "--store", str(store)], check=True, capture_output=True)
    subprocess.run([binary, "import", "--store", str(store)] + files, check=True, capture_output=True)
    ready.write_text("ok\n")
    return store


def misspell(word, rng):
    """A sound-alike spelling: a vowel swapped for another, or a doubled consonant."""
    vowels = "aeiou"
    places = [i for i, c in enumerate(word) if c.lower() in vowels and i > 0]
    if places:
        i = rng.choice(places)
        return word[:i] + rng.choice([v for v in vowels if v != word[i].lower()]) + word[i + 1:]
    return word + word[-1]


def queries(store, count, rng):
    """`count` varied queries picked from the store's own records."""
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    names = [json.loads(row[0]) for row in db.execute(
        "SELECT name FROM people WHERE is_organisation = 0 ORDER BY id LIMIT 5000")]
    urns = [row[0] for row in db.execute("SELECT urn FROM cases ORDER BY id LIMIT 5000")]
    refs = [row[0] for row in db.execute("SELECT reference FROM exhibits ORDER BY id LIMIT 5000")]
    codes = [row for row in db.execute("SELECT DISTINCT cjs_code, title FROM offences LIMIT 50")]
    texts = [row[0] for row in db.execute(
        "SELECT text FROM statements WHERE text IS NOT NULL ORDER BY id LIMIT 500")]
    db.close()
    words = sorted({w.strip(".,;:'\"").lower() for t in texts for w in t.split() if len(w) > 4})
    pickers = [
        lambda: names[rng.randrange(len(names))]["family"],
        lambda: misspell(names[rng.randrange(len(names))]["family"], rng),
        lambda: " ".join(names[rng.randrange(len(names))].get("given", [])[:1]
                         + [names[rng.randrange(len(names))]["family"]]),
        lambda: rng.choice(urns),
        lambda: rng.choice(refs),
        lambda: rng.choice(codes)[0],
        lambda: rng.choice(codes)[1],
        lambda: " ".join(rng.sample(words, 2)) if len(words) > 1 else "saw",
        lambda: rng.choice(words) if words else "saw",
        lambda: names[rng.randrange(len(names))]["family"][:4],
    ]
    return [pickers[i % len(pickers)]().strip() or "saw" for i in range(count)]


def import_timings(binary, files, store):
    """(import seconds, search index seconds) from `casefile import --timings`."""
    remove_store(store)
    subprocess.run([binary, "init", "--store", str(store)], check=True, capture_output=True)
    seconds, _, stderr = timed_with_stderr([binary, "import", "--timings", "--store", str(store)] + files)
    match = re.search(r"search index ([0-9.]+) s", stderr)
    if not match:
        sys.exit(f"bench: no timings line from casefile import:\n{stderr}")
    return seconds, float(match[1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--import-cases", type=int, default=2000)
    parser.add_argument("--import-runs", type=int, default=3)
    parser.add_argument("--binary", default=str(ROOT / ".build/release/casefile"))
    parser.add_argument("--out", default=str(ROOT / "bench-out"))
    args = parser.parse_args()
    out = Path(args.out)
    rng = random.Random(8)

    data = out / f"search-{args.cases}"
    data.mkdir(parents=True, exist_ok=True)
    files = generated(args.binary, args.cases, data)
    store = imported(args.binary, files, data)
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    rows = db.execute("SELECT (SELECT count(*) FROM search_index), "
                      "(SELECT count(*) FROM people) + (SELECT count(*) FROM offences) + "
                      "(SELECT count(*) FROM exhibits) + (SELECT count(*) FROM statements) + "
                      "(SELECT count(*) FROM cases) + (SELECT count(*) FROM custody) + "
                      "(SELECT count(*) FROM witnesses) + (SELECT count(*) FROM interviews) + "
                      "(SELECT count(*) FROM unused_items) + (SELECT count(*) FROM case_media) + "
                      "(SELECT count(*) FROM continuity_events) + (SELECT count(*) FROM person_roles)"
                      ).fetchone()
    db.close()
    picked = queries(store, args.queries, rng)
    query_file = data / "queries.txt"
    query_file.write_text("\n".join(picked) + "\n")
    result = subprocess.run([args.binary, "search", "--bench", str(query_file), "--repeat", str(args.runs),
                             "--format", "json", "--store", str(store)],
                            check=True, capture_output=True, text=True)
    figures = json.loads(result.stdout)
    print(f"search: {args.cases} cases ({rows[1]} rows in the record tables), {rows[0]} indexed rows, "
          f"{figures['queries']} queries x {args.runs}: median {figures['medianMilliseconds']:.2f} ms, "
          f"p95 {figures['p95Milliseconds']:.2f} ms, max {figures['maximumMilliseconds']:.2f} ms "
          f"({figures['hits']} hits)")

    import_data = out / f"search-import-{args.import_cases}"
    import_data.mkdir(parents=True, exist_ok=True)
    import_files = generated(args.binary, args.import_cases, import_data)
    scratch = import_data / "import.sqlite"
    runs = [import_timings(args.binary, import_files, scratch) for _ in range(args.import_runs)]
    remove_store(scratch)
    seconds = statistics.median(run[0] for run in runs)
    index = statistics.median(run[1] for run in runs)
    print(f"import of {args.import_cases} cases (median of {args.import_runs}): {seconds:.2f} s, "
          f"of which the search index {index:.2f} s ({index / seconds * 100:.1f}%)")

if __name__ == "__main__":
    sys.exit(main())
