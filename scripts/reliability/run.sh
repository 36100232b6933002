#!/usr/bin/env bash
# Reliability tests from TESTPLAN.md for what has landed so far.
# TIER=ci (default, in `make test`) or TIER=deep (before a release).
set -euo pipefail
cd "$(dirname "$0")"
export SWIFT_BACKTRACE=enable=no
tier=${TIER:-ci}
if [ "$tier" = deep ]; then
  python3 kill_loop.py --iterations 2000
  python3 concurrent_writers.py --writers 4 --cases 2000
else
  python3 kill_loop.py --iterations 200
  python3 concurrent_writers.py --writers 4 --cases 500
fi
python3 disk_full.py
python3 hostile_xml.py
python3 hostile_archives.py
