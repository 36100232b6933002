#!/usr/bin/env python3
"""Concurrent writers (TESTPLAN 4.2): several CLI processes import into one store at once.

Each of W processes imports C single-case files (C transactions) into the same store. Pass:
every process exits 0 (no "database is locked"), exactly W x C cases, integrity ok.
"""
import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ENV, binary, check_store, init_store, small_case, write_records


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--cases", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        store = work / "concurrent.sqlite"
        init_store(store)
        expected = {}
        commands = []
        for writer in range(args.writers):
            files = []
            for index in range(args.cases):
                case, counts = small_case(writer * args.cases + index)
                path = work / f"w{writer}-{index}.json"
                write_records(path, [case])
                files.append(str(path))
                expected[case["urn"]] = counts
            commands.append([binary(), "import", "--store", str(store)] + files)
        started = time.monotonic()
        processes = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, text=True)
                     for c in commands]
        failures = []
        for process in processes:
            _, err = process.communicate()
            if process.returncode != 0:
                failures.append(f"a writer exited {process.returncode}: {err.strip()[:300]}")
            if "locked" in err or "busy" in err:
                failures.append("a writer saw the database locked or busy")
        elapsed = time.monotonic() - started
        failures += check_store(store, expected)
        import sqlite3
        count = sqlite3.connect(str(store)).execute("SELECT count(*) FROM cases").fetchone()[0]
        if count != len(expected):
            failures.append(f"{count} cases stored, expected {len(expected)}")
        print(f"concurrent writers: {args.writers} x {args.cases} imports in {elapsed:.1f} s, {count} cases stored")
        for failure in failures[:20]:
            print(f"  FAIL {failure}")
        print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
        sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
