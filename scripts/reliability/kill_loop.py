#!/usr/bin/env python3
"""DB kill-9 loop (TESTPLAN 4.1): SIGKILL imports at random moments, then check the store.

Each iteration writes a file of cases with fresh URNs and runs `casefile import` on it,
killing the process after a random 50-350 ms. A case counts as acknowledged only when
the importer printed its "imported" line (printed after COMMIT returns). Afterwards:
integrity_check ok, no partial case, every acknowledged case present and whole.
"""
import argparse
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ENV, binary, check_store, init_store, small_case, write_records


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        store = work / "kill.sqlite"
        init_store(store)
        expected = {}
        serial = 0
        killed = completed = 0
        started = time.monotonic()
        for iteration in range(args.iterations):
            files = []
            cases_by_file = {}
            for index in range(rng.randint(2, 6)):
                cases = []
                for _ in range(rng.randint(50, 250)):
                    case, counts = small_case(serial, statements=rng.randint(1, 6))
                    serial += 1
                    cases.append((case, counts))
                path = work / f"batch-{iteration}-{index}.json"
                write_records(path, [c for c, _ in cases])
                files.append(str(path))
                cases_by_file[str(path)] = cases
            process = subprocess.Popen([binary(), "import", "--store", str(store)] + files,
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=ENV, text=True)
            time.sleep(rng.uniform(0.05, 0.35))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                killed += 1
            else:
                completed += 1
            output, _ = process.communicate()
            for line in output.splitlines():
                if line.startswith("imported "):
                    path = line[len("imported "):].split(" (")[0]
                    for case, counts in cases_by_file.get(path, []):
                        expected[case["urn"]] = counts
            for path in files:
                Path(path).unlink()
        failures = check_store(store, expected)
        if killed < args.iterations // 4:
            failures.append(f"only {killed} of {args.iterations} runs were killed mid-import; "
                            "the batches are too small to test anything")
        # The checker itself must be able to fail: drop one acknowledged case from a copy.
        if expected:
            import shutil
            import sqlite3
            copy = work / "control.sqlite"
            shutil.copy(store, copy)
            db = sqlite3.connect(str(copy))
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("DELETE FROM cases WHERE urn = ?", (next(iter(expected)),))
            db.commit()
            db.close()
            if not check_store(copy, expected):
                failures.append("negative control: the checker missed a deleted acknowledged case")
        # The store still accepts writes after all the kills.
        case, counts = small_case(serial)
        write_records(work / "after.json", [case])
        after = subprocess.run([binary(), "import", "--store", str(store), str(work / "after.json")],
                               capture_output=True, env=ENV)
        if after.returncode != 0:
            failures.append("the store refused a write after the kill loop")
        elapsed = time.monotonic() - started
        print(f"kill loop: {args.iterations} iterations ({killed} killed mid-run, {completed} completed), "
              f"{len(expected)} acknowledged cases checked, {elapsed:.0f} s")
        for failure in failures[:20]:
            print(f"  FAIL {failure}")
        print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
        sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
