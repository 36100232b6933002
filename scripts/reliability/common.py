"""Shared helpers for the reliability tests (TESTPLAN 4.1, 4.2): cases, stores, checks."""
import json
import os
import sqlite3
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = dict(os.environ, SWIFT_BACKTRACE="enable=no")


def binary():
    """The casefile binary under test: $CASEFILE_BIN, else the debug build."""
    return os.environ.get("CASEFILE_BIN", str(ROOT / ".build/debug/casefile"))


def small_case(serial, statements=3):
    """A valid case with a unique URN; returns (case, number of child records)."""
    urn = f"{10 + serial // 100000 % 89:02d}KL{serial % 100000:05d}26"
    people = [
        {"id": "P1", "roles": ["defendant"], "name": {"given": ["Sam"], "family": "Test"}},
        {"id": "P2", "roles": ["civilian-witness"], "name": {"given": ["Ann"], "family": "Witness"}},
    ]
    witnesses = [{"id": "W1", "person": "P2", "kind": "civilian", "key": True}]
    stmts = [{"id": f"S{i}", "witness": "W1", "date": "2026-03-01", "text": f"Statement {i}."}
             for i in range(1, statements + 1)]
    offences = [{"id": "O1", "defendant": "P1", "cjsCode": "TH68010", "title": "Theft", "wording": "Stole",
                 "from": "2026-03-01", "modeOfTrial": "either-way", "anticipatedPlea": "guilty"}]
    case = {"urn": urn, "title": "R v Test", "summary": "Reliability test case.", "people": people,
            "offences": offences, "witnesses": witnesses, "statements": stmts}
    return case, {"people": 2, "offences": 1, "witnesses": 1, "statements": statements}


def write_records(path, cases):
    Path(path).write_text(json.dumps({"format": "casefile-records", "version": 1, "cases": cases}))


def init_store(store):
    subprocess.run([binary(), "init", "--store", str(store)], check=True, capture_output=True, env=ENV)


def check_store(store, expected):
    """Checks integrity and that every expected case is whole; returns a list of failures.

    `expected` maps URN to child counts per table.
    """
    failures = []
    db = sqlite3.connect(str(store))
    result = db.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        failures.append(f"integrity_check: {result}")
    if db.execute("PRAGMA foreign_key_check").fetchall():
        failures.append("foreign_key_check found orphans")
    for urn, counts in expected.items():
        row = db.execute("SELECT id FROM cases WHERE urn = ?", (urn,)).fetchone()
        if row is None:
            failures.append(f"acknowledged case {urn} is missing")
            continue
        for table, count in counts.items():
            found = db.execute(f"SELECT count(*) FROM {table} WHERE case_id = ?", (row[0],)).fetchone()[0]
            if found != count:
                failures.append(f"case {urn}: {table} has {found} rows, expected {count}")
    # Every stored case must be whole, acknowledged or not (no partial cases).
    for case_id, urn in db.execute("SELECT id, urn FROM cases").fetchall():
        statements = db.execute("SELECT count(*) FROM statements WHERE case_id = ?", (case_id,)).fetchone()[0]
        if statements == 0:
            failures.append(f"case {urn} is partial (no statements)")
    db.close()
    # The audit chain must verify (TESTPLAN 4.1, 4.2: intact and linear).
    verify = subprocess.run([binary(), "audit", "verify", "--store", str(store)],
                            capture_output=True, text=True, env=ENV)
    if verify.returncode != 0:
        failures.append(f"audit verify: {verify.stdout.strip()} {verify.stderr.strip()}")
    return failures
