#!/usr/bin/env python3
"""XSD validation benchmark: casefile's validator beside xmllint on the same case documents.

Generates N synthetic cases, imports them and exports their case documents (cached under
bench-out/xsd-N), then, for each of RUNS rounds, validates all of them against
Schemas/case-document-v1.xsd in one process with (a) `casefile schema validate` and
(b) `xmllint --noout --schema` (Debian's libxml2-utils). Prints medians, documents per second,
peak memory and the ratio, and casefile's peak memory on a tenth of the documents to show it
stays flat as the count grows. Usage: scripts/bench_xsd.py [--cases 1000] [--runs 3].
"""
import argparse
import glob
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from benchlib import timed

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "Schemas/case-document-v1.xsd"


def documents(binary, cases, out):
    """The case documents of `cases` generated cases, made once and cached."""
    docs = out / "documents"
    found = sorted(glob.glob(str(docs / "*.xml")))
    if len(found) == cases:
        return found
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    subprocess.run([binary, "samples", "generate", "--cases", str(cases), "--out", str(out / "records")],
                   check=True, capture_output=True)
    store = str(out / "store.sqlite")
    subprocess.run([binary, "init", "--store", store], check=True, capture_output=True)
    subprocess.run([binary, "import", "--store", store] + sorted(glob.glob(str(out / "records/*.json"))),
                   check=True, capture_output=True)
    subprocess.run([binary, "export", "--all", "--out", str(docs), "--as-of", "2026-11-26", "--store", store,
                    "--reason", "XSD benchmark on generated data"],
                   check=True, capture_output=True)
    return sorted(glob.glob(str(docs / "*.xml")))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--binary", default=str(ROOT / ".build/release/casefile"))
    parser.add_argument("--out", default=str(ROOT / "bench-out"))
    args = parser.parse_args()
    if not shutil.which("xmllint"):
        sys.exit("bench: xmllint is missing; `make setup` installs libxml2-utils")

    files = documents(args.binary, args.cases, Path(args.out) / f"xsd-{args.cases}")
    size = sum(Path(f).stat().st_size for f in files) / (1 << 20)
    ours_command = [args.binary, "schema", "validate", "--schema", str(SCHEMA)]
    theirs_command = ["xmllint", "--noout", "--schema", str(SCHEMA)]
    ours, theirs, ours_rss, theirs_rss = [], [], [], []
    for run in range(args.runs):
        seconds, rss = timed(ours_command + files)
        ours.append(seconds)
        ours_rss.append(rss)
        seconds, rss = timed(theirs_command + files)
        theirs.append(seconds)
        theirs_rss.append(rss)
        print(f"run {run + 1}: casefile {ours[-1]:.2f} s ({ours_rss[-1]:.0f} MiB peak), "
              f"xmllint {theirs[-1]:.2f} s ({theirs_rss[-1]:.0f} MiB peak)")
    _, tenth_rss = timed(ours_command + files[: max(1, len(files) // 10)])

    ours_median = statistics.median(ours)
    theirs_median = statistics.median(theirs)
    count = len(files)
    print(f"\nXSD validation benchmark: {count} case documents ({size:.1f} MiB), median of {args.runs} runs")
    print(f"  casefile schema validate  {ours_median:6.2f} s  {count / ours_median:8.0f} documents/s  peak {max(ours_rss):.0f} MiB")
    print(f"  xmllint --schema          {theirs_median:6.2f} s  {count / theirs_median:8.0f} documents/s  peak {max(theirs_rss):.0f} MiB")
    print(f"  ratio (casefile / xmllint): {ours_median / theirs_median:.2f}x   (aim: <= 1.2x)")
    print(f"  casefile peak memory: {tenth_rss:.0f} MiB for {max(1, count // 10)} documents, "
          f"{max(ours_rss):.0f} MiB for {count} (flat when these match)")


if __name__ == "__main__":
    main()
