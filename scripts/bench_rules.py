#!/usr/bin/env python3
"""Rules benchmark: casefile's Schematron engine beside lxml.isoschematron on the same cases.

Generates N synthetic cases, imports them and exports their case documents (cached under
bench-out/rules-N), then, for each of RUNS rounds, checks every document with the National
File Standard pack (Templates/rules/national-file-standard.sch, phase first-hearing) in one
process with (a) `casefile rules run` and (b) lxml.isoschematron (the pack compiled once to
XSLT, every document parsed and validated). Prints medians, cases per second, peak memory,
the ratio, and casefile's peak memory on a tenth of the cases (flat when they match).
Usage: scripts/bench_rules.py [--cases 10000] [--runs 3] [--phase first-hearing].
"""
import argparse
import statistics
import sys
from pathlib import Path

from bench_xsd import documents
from benchlib import timed

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "Templates/rules/national-file-standard.sch"

LXML_RUNNER = """
import sys
from lxml import etree, isoschematron
pack, phase, files = sys.argv[1], sys.argv[2], sys.argv[3:]
schematron = isoschematron.Schematron(etree.parse(pack), phase=phase, store_report=True)
failed = 0
for name in files:
    if not schematron.validate(etree.parse(name)):
        failed += 1
print(failed, "of", len(files), "documents have failed asserts or reports", file=sys.stderr)
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--phase", default="first-hearing")
    parser.add_argument("--binary", default=str(ROOT / ".build/release/casefile"))
    parser.add_argument("--out", default=str(ROOT / "bench-out"))
    args = parser.parse_args()
    try:
        import lxml.isoschematron  # noqa: F401
    except ImportError:
        sys.exit("bench: lxml is missing; `make setup` installs it")

    files = documents(args.binary, args.cases, Path(args.out) / f"rules-{args.cases}")
    ours_command = [args.binary, "rules", "run", str(PACK), "--phase", args.phase, "--format", "json"]
    theirs_command = [sys.executable, "-c", LXML_RUNNER, str(PACK), args.phase]
    ours, theirs, ours_rss, theirs_rss = [], [], [], []
    for run in range(args.runs):
        seconds, rss = timed(ours_command + files, allowed=(0, 1))
        ours.append(seconds)
        ours_rss.append(rss)
        seconds, rss = timed(theirs_command + files)
        theirs.append(seconds)
        theirs_rss.append(rss)
        print(f"run {run + 1}: casefile {ours[-1]:.2f} s ({ours_rss[-1]:.0f} MiB peak), "
              f"lxml.isoschematron {theirs[-1]:.2f} s ({theirs_rss[-1]:.0f} MiB peak)")
    tenth = max(1, len(files) // 10)
    _, tenth_rss = timed(ours_command + files[:tenth], allowed=(0, 1))

    count = len(files)
    ours_median = statistics.median(ours)
    theirs_median = statistics.median(theirs)
    print(f"\nrules benchmark: {count} case documents, phase {args.phase}, median of {args.runs} runs")
    print(f"  casefile rules run     {ours_median:6.2f} s  {count / ours_median:8.0f} cases/s  peak {max(ours_rss):.0f} MiB")
    print(f"  lxml.isoschematron     {theirs_median:6.2f} s  {count / theirs_median:8.0f} cases/s  peak {max(theirs_rss):.0f} MiB")
    print(f"  throughput ratio (casefile / lxml): {theirs_median / ours_median:.2f}x   (aim: >= 2x)")
    print(f"  casefile peak memory: {tenth_rss:.0f} MiB for {tenth} cases, {max(ours_rss):.0f} MiB for {count}")


if __name__ == "__main__":
    main()
