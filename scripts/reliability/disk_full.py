#!/usr/bin/env python3
"""Disk full: DB (TESTPLAN 4.1). The store lives on a 2 MiB tmpfs; import until it fills.

Pass: the failing import exits 74 with "storage full"; every case acknowledged before is
still there and whole; integrity_check ok; after the tmpfs is grown, the next import works.
Needs root (mount); without it the test says so and is skipped, not passed.
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ENV, binary, check_store, init_store, small_case, write_records


def main():
    if os.geteuid() != 0:
        print("disk full: skipped (needs root to mount a tmpfs)")
        print("0 passed, 0 failed, 1 skipped")
        return
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        mount = work / "small"
        mount.mkdir()
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)]).returncode != 0:
            print("disk full: skipped (mount failed)")
            print("0 passed, 0 failed, 1 skipped")
            return
        failures = []
        try:
            store = mount / "full.sqlite"
            init_store(store)
            expected = {}
            serial = 0
            full_status = None
            for batch in range(500):
                cases = []
                for _ in range(20):
                    case, counts = small_case(serial, statements=6)
                    for statement in case["statements"]:
                        statement["text"] = "Padding text for the disk-full test. " * 40
                    serial += 1
                    cases.append((case, counts))
                path = work / f"batch-{batch}.json"
                write_records(path, [c for c, _ in cases])
                run = subprocess.run([binary(), "import", "--store", str(store), str(path)],
                                     capture_output=True, text=True, env=ENV)
                if run.returncode == 0:
                    for case, counts in cases:
                        expected[case["urn"]] = counts
                    continue
                full_status = run.returncode
                if run.returncode != 74:
                    failures.append(f"the import that filled the disk exited {run.returncode}, not 74")
                if "storage full" not in run.stderr:
                    failures.append(f"no 'storage full' message: {run.stderr.strip()[:200]}")
                if "Fatal error" in run.stderr or "Backtrace" in run.stderr:
                    failures.append("the CLI crashed")
                break
            if full_status is None:
                failures.append("the disk never filled")
            failures += check_store(store, expected)
            subprocess.run(["mount", "-o", "remount,size=64m", str(mount)], check=True)
            case, counts = small_case(serial)
            write_records(work / "after.json", [case])
            after = subprocess.run([binary(), "import", "--store", str(store), str(work / "after.json")],
                                   capture_output=True, text=True, env=ENV)
            if after.returncode != 0:
                failures.append(f"import after freeing space failed: {after.stderr.strip()[:200]}")
            print(f"disk full: {len(expected)} cases stored before the 2 MiB store filled, "
                  f"exit {full_status} when full, import works again after growing")
        finally:
            subprocess.run(["umount", str(mount)])
        for failure in failures[:20]:
            print(f"  FAIL {failure}")
        print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
        sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
