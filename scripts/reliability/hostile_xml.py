#!/usr/bin/env python3
"""Hostile XML corpus (TESTPLAN 4.3) through `casefile schema validate`.

Each document must be rejected (exit 1 or 65, never a crash), read no file it should not
(no openat of the canary secret), open no socket (no connect), and finish within the time
and memory caps. System calls are watched with strace when it can run here.
Usage: scripts/reliability/hostile_xml.py [--seconds 1.0] [--rss-mb 64]
"""
import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ENV, binary

SCHEMA = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="a"><xs:complexType><xs:sequence>
    <xs:element name="b" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>
"""


def corpus(directory, secret):
    """Writes the hostile documents; returns their names."""
    lol = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    blow = "x" * 100_000
    docs = {
        "xxe-file.xml": f'<!DOCTYPE a [<!ENTITY x SYSTEM "file://{secret}">]><a><b>&x;</b></a>',
        "xxe-parameter.xml": f'<!DOCTYPE a [<!ENTITY % p SYSTEM "file://{secret}"> %p;]><a/>',
        "xxe-http.xml": '<!DOCTYPE a [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]><a><b>&x;</b></a>',
        "dtd-network.xml": '<!DOCTYPE a SYSTEM "http://127.0.0.1:9/a.dtd"><a/>',
        "billion-laughs.xml": f'<!DOCTYPE a [<!ENTITY l0 "lol">{lol}]><a><b>&l9;</b></a>',
        "quadratic.xml": f'<!DOCTYPE a [<!ENTITY q "{blow}">]><a><b>{"&q;" * 2000}</b></a>',
        "doctype-only.xml": "<!DOCTYPE a>",
        "depth.xml": "<a>" + "<b>" * 10_000 + "</b>" * 10_000 + "</a>",
        "xinclude.xml": ('<a xmlns:xi="http://www.w3.org/2001/XInclude">'
                         f'<xi:include href="file://{secret}" parse="text"/></a>'),
        "schema-location-file.xml": ('<a xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                                     f'xsi:noNamespaceSchemaLocation="file://{secret}"><c/></a>'),
        "schema-location-http.xml": ('<a xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                                     'xsi:noNamespaceSchemaLocation="http://127.0.0.1:9/s.xsd"><c/></a>'),
        "malformed.xml": "<a><b>unclosed</a>",
    }
    for name, text in docs.items():
        (directory / name).write_text(text, encoding="utf-8")
    (directory / "text-11mb.xml").write_text("<a><b>" + "y" * (11 << 20) + "</b></a>")
    (directory / "not-utf8.xml").write_bytes(b'<?xml version="1.0" encoding="UTF-8"?><a><b>caf\xe9</b></a>')
    with open(directory / "huge-200mb.xml", "wb") as handle:
        handle.write(b"<a>")
        handle.truncate(200 << 20)
    return sorted(list(docs) + ["text-11mb.xml", "not-utf8.xml", "huge-200mb.xml"])


def measured(command):
    """Runs command through a fresh waiter; returns (exit status, seconds, peak RSS MiB, output)."""
    waiter = [sys.executable, "-c",
              "import resource,subprocess,sys;"
              "r=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
              "sys.stdout.write(r.stdout+r.stderr);"
              "print('\\nRSS', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
              "sys.exit(r.returncode)"] + command
    start = time.monotonic()
    result = subprocess.run(waiter, capture_output=True, text=True, env=ENV)
    seconds = time.monotonic() - start
    lines = result.stdout.rstrip().splitlines()
    rss = int(lines[-1].split()[1]) / 1024 if lines and lines[-1].startswith("RSS") else 0
    return result.returncode, seconds, rss, "\n".join(lines[:-1])


def strace_usable():
    if not shutil.which("strace"):
        return False
    probe = subprocess.run(["strace", "-f", "-o", "/dev/null", "true"], capture_output=True)
    return probe.returncode == 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--rss-mb", type=float, default=64)
    args = parser.parse_args()
    failures = []
    traced = strace_usable()
    with tempfile.TemporaryDirectory(prefix="casefile-hostile-") as temp:
        directory = Path(temp)
        secret = directory / "canary-secret.txt"
        secret.write_text("CANARY-7f3a\n")
        (directory / "s.xsd").write_text(SCHEMA)
        names = corpus(directory, secret)
        for name in names:
            command = [binary(), "schema", "validate", "--schema", str(directory / "s.xsd"),
                       str(directory / name)]
            status, seconds, rss, output = measured(command)
            verdict = []
            if status not in (1, 65):
                verdict.append(f"exit {status} (expected 1 or 65)")
            if "CANARY" in output:
                verdict.append("printed the canary secret")
            if seconds > args.seconds:
                verdict.append(f"took {seconds:.2f} s")
            if rss > args.rss_mb:
                verdict.append(f"peak RSS {rss:.0f} MiB")
            if traced:
                trace = directory / f"{name}.strace"
                subprocess.run(["strace", "-f", "-qq", "-e", "trace=open,openat,socket,connect",
                                "-o", str(trace)] + command, capture_output=True, env=ENV)
                calls = trace.read_text()
                if str(secret) in calls:
                    verdict.append("opened the canary secret")
                # Local name-service lookups (AF_UNIX, nscd) are not network access.
                if "AF_INET" in calls or "AF_INET6" in calls:
                    verdict.append("opened a network socket")
            line = f"{name:28} exit {status:3}  {seconds:5.2f} s  {rss:5.1f} MiB"
            print(line + ("  FAIL: " + "; ".join(verdict) if verdict else "  ok"))
            if verdict:
                failures.append(name)
    if not traced:
        print("hostile-xml: strace cannot run here; file and socket checks skipped")
    if failures:
        sys.exit(f"hostile-xml: {len(failures)} of {len(names)} documents failed: {', '.join(failures)}")
    print(f"hostile-xml: all {len(names)} hostile documents rejected"
          + (", no canary read, no socket opened" if traced else ""))


if __name__ == "__main__":
    main()
