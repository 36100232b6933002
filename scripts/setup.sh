#!/usr/bin/env bash
# Installs the system packages casefile builds against, when they are missing.
# Debian/Ubuntu only (apt-get); runs apt-get as root, or through sudo when available.
set -euo pipefail

packages=(libxml2-dev libxml2-utils libsqlite3-dev libarchive-dev libarchive-tools pkg-config sqlite3 python3 strace)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v swift >/dev/null || {
  echo "setup: swift is not on PATH; install the Swift 6 toolchain first" >&2
  exit 1
}

# Independent checkers used by the test suite (never by casefile itself).
if ! python3 -c 'import jsonschema' 2>/dev/null; then
  echo "setup: installing the Python jsonschema checker" >&2
  python3 -m pip install -q jsonschema || echo "setup: jsonschema unavailable; cross-checks will be skipped" >&2
fi
if ! python3 -c 'import lxml.isoschematron' 2>/dev/null; then
  echo "setup: installing the Python lxml checker (isoschematron)" >&2
  python3 -m pip install -q lxml || echo "setup: lxml unavailable; Schematron cross-checks will be skipped" >&2
fi
if ! python3 -c 'import xmlschema' 2>/dev/null; then
  echo "setup: installing the Python xmlschema checker" >&2
  python3 -m pip install -q xmlschema || echo "setup: xmlschema unavailable; cross-checks will be skipped" >&2
fi
if ! python3 -c 'import bagit, bagit_profile' 2>/dev/null; then
  echo "setup: installing the Python bagit and bagit-profile checkers" >&2
  python3 -m pip install -q bagit bagit-profile || echo "setup: bagit unavailable; BagIt cross-checks will be skipped" >&2
fi
