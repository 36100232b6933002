#!/usr/bin/env python3
"""Hostile archive corpus (TESTPLAN 4.3, "Attacks a bundle reader must resist").

Generates tar and zip archives that a bag reader must refuse -- traversal, absolute paths,
links, devices, setuid, duplicate names (exact, case, NFC/NFD), control characters,
over-long and over-deep names, a zip bomb (1 GB of zeros, about 1 MB deflated), a gzip
bomb, an entry claiming 100 GB, trailing data, format confusion (RAR, 7z) -- with the
error code each must give, then runs `casefile verify` on each in a sandbox: exit 65 with
that code, nothing created outside the sandbox or inside it, no symbolic link left, each
within the time and memory caps.

Usage: scripts/reliability/hostile_archives.py [--generate DIR] [--seconds 2] [--rss-mb 256]
With --generate the corpus and expected.json are written to DIR and nothing is run.
"""
import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
import zipfile
import zlib
from pathlib import Path

GOOD_BAGIT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"


def tar_with(path, members, fmt=tarfile.PAX_FORMAT, mode="w"):
    """Writes a tar of (TarInfo fields, bytes or None) pairs."""
    with tarfile.open(path, mode, format=fmt) as tar:
        for fields, data in members:
            info = tarfile.TarInfo(fields.pop("name"))
            for key, value in fields.items():
                setattr(info, key, value)
            if data is not None:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            else:
                tar.addfile(info)


def regular(name, data=b"x"):
    return ({"name": name, "mode": 0o644}, data)


def zip_with(path, members):
    """Writes a zip of (name, bytes, unix mode or None) triples."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for name, data, mode in members:
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 26, 0, 0, 0))
            if mode is not None:
                info.external_attr = mode << 16
                info.create_system = 3
            zf.writestr(info, data)


def generate(directory):
    """Writes the corpus into `directory`; returns {file name: expected error code}."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    expected = {}
    base = [({"name": "bag", "type": tarfile.DIRTYPE, "mode": 0o755}, None),
            regular("bag/bagit.txt", GOOD_BAGIT)]

    def tar_case(name, code, members, **kw):
        tar_with(d / name, [(dict(f), b) for f, b in base] + members, **kw)
        expected[name] = code

    def zip_case(name, code, members):
        zip_with(d / name, [("bag/bagit.txt", GOOD_BAGIT, 0o100644)] + members)
        expected[name] = code

    tar_case("tar-dotdot.tar", "parent-traversal", [regular("bag/../../evil.txt")])
    zip_case("zip-dotdot.zip", "parent-traversal", [("bag/../../evil.txt", b"x", None)])
    tar_case("tar-absolute.tar", "absolute-path", [regular("/tmp/casefile-evil.txt")])
    zip_case("zip-absolute.zip", "absolute-path", [("/tmp/casefile-evil.txt", b"x", None)])
    tar_case("tar-symlink.tar", "symbolic-link",
             [({"name": "bag/data/x.pdf", "type": tarfile.SYMTYPE, "linkname": "/etc/shadow"}, None)])
    tar_case("tar-symlink-then-write.tar", "symbolic-link",
             [({"name": "bag/data", "type": tarfile.SYMTYPE, "linkname": "/tmp"}, None),
              regular("bag/data/casefile-evil.txt")])
    zip_case("zip-symlink.zip", "symbolic-link", [("bag/data/x.pdf", b"/etc/shadow", 0o120777)])
    tar_case("tar-hardlink.tar", "hard-link",
             [({"name": "bag/data/x.pdf", "type": tarfile.LNKTYPE, "linkname": "/etc/shadow"}, None)])
    tar_case("tar-device.tar", "special-entry",
             [({"name": "bag/data/dev", "type": tarfile.CHRTYPE, "devmajor": 1, "devminor": 3}, None)])
    tar_case("tar-fifo.tar", "special-entry", [({"name": "bag/data/fifo", "type": tarfile.FIFOTYPE}, None)])
    tar_case("tar-setuid.tar", "special-entry",
             [({"name": "bag/data/run", "mode": 0o4755}, b"#!/bin/sh\n")])
    tar_case("tar-duplicate.tar", "duplicate-entry", [regular("bag/data/a.txt"), regular("bag/data/a.txt", b"y")])
    tar_case("tar-case-duplicate.tar", "duplicate-entry", [regular("bag/data/A.txt"), regular("bag/data/a.txt")])
    nfc = unicodedata.normalize("NFC", "bag/data/caf\u00e9.txt")
    nfd = unicodedata.normalize("NFD", nfc)
    tar_case("tar-nfd-duplicate.tar", "duplicate-entry", [regular(nfc), regular(nfd)])
    with zipfile.ZipFile(d / "zip-duplicate.zip", "w") as zf:
        zf.writestr("bag/bagit.txt", GOOD_BAGIT)
        zf.writestr("bag/data/a.txt", b"x")
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            zf.writestr("bag/data/a.txt", b"y")
    expected["zip-duplicate.zip"] = "duplicate-entry"
    tar_case("tar-control-char.tar", "bad-name", [regular("bag/data/bell\x07.txt")])
    tar_case("tar-backslash.tar", "bad-name", [regular("bag/data\\..\\..\\evil.txt")])
    tar_case("tar-long-name.tar", "name-too-long", [regular("bag/data/" + "n" * 300)])
    tar_case("tar-deep.tar", "name-too-long", [regular("bag/data/" + "d/" * 20 + "f.txt")])
    tar_case("tar-two-roots.tar", "not-one-top-level-directory", [regular("other/data/a.txt")])
    # An entry whose header claims 100 GB (no data follows).
    tar_case("tar-huge-entry.tar", "entry-too-large", [({"name": "bag/data/huge.bin", "size": 100 << 30}, None)])

    # Zip bomb: 1 GB of zeros, about 1 MB deflated.
    with zipfile.ZipFile(d / "zip-bomb.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("bag/bagit.txt", GOOD_BAGIT)
        with zf.open("bag/data/zeros.bin", "w", force_zip64=True) as out:
            chunk = bytes(1 << 20)
            for _ in range(1024):
                out.write(chunk)
    expected["zip-bomb.zip"] = "decompression-bomb"

    # Gzip bomb: a tar holding 1 GB of zeros, gzip-compressed.
    with open(d / "tar-gz-bomb.tar.gz", "wb") as raw:
        compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
        header = tarfile.TarInfo("bag/data/zeros.bin")
        header.size = 1 << 30
        raw.write(compressor.compress(header.tobuf(format=tarfile.PAX_FORMAT)))
        chunk = bytes(1 << 20)
        for _ in range(1024):
            raw.write(compressor.compress(chunk))
        raw.write(compressor.compress(bytes(1024)))
        raw.write(compressor.flush())
    expected["tar-gz-bomb.tar.gz"] = "decompression-bomb"

    # Trailing data after a tar's end and after a zip's end of central directory.
    tar_with(d / "tar-trailing.tar", [(dict(f), b) for f, b in base] + [regular("bag/data/a.txt")])
    with open(d / "tar-trailing.tar", "ab") as f:
        f.write(b"TRAILING GARBAGE")
    expected["tar-trailing.tar"] = "trailing-data"
    zip_with(d / "zip-trailing.zip", [("bag/bagit.txt", GOOD_BAGIT, None), ("bag/data/a.txt", b"x", None)])
    with open(d / "zip-trailing.zip", "ab") as f:
        f.write(b"TRAILING GARBAGE")
    expected["zip-trailing.zip"] = "trailing-data"

    # Format confusion: RAR and 7z named .zip; a truncated tar.
    (d / "rar-as-zip.zip").write_bytes(b"Rar!\x1a\x07\x00" + bytes(200))
    expected["rar-as-zip.zip"] = "unsupported-format"
    (d / "7z-as-zip.zip").write_bytes(b"7z\xbc\xaf\x27\x1c" + bytes(200))
    expected["7z-as-zip.zip"] = "unsupported-format"
    tar_with(d / "full.tar", [(dict(f), b) for f, b in base] + [regular("bag/data/a.bin", bytes(50_000))])
    data = (d / "full.tar").read_bytes()
    (d / "full.tar").unlink()
    (d / "tar-truncated.tar").write_bytes(data[:20_000])
    expected["tar-truncated.tar"] = "corrupt-archive"

    (d / "expected.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")
    return expected


def listing(root):
    """Every path under root with its type, for before/after comparison."""
    out = set()
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            out.add((os.path.relpath(path, root), os.path.islink(path)))
    return out


def run(args):
    root = Path(__file__).resolve().parents[2]
    binary = os.environ.get("CASEFILE_BIN", str(root / ".build/debug/casefile"))
    env = dict(os.environ, SWIFT_BACKTRACE="enable=no")
    work = Path(tempfile.mkdtemp(prefix="casefile-hostile-archives-"))
    failures = []
    try:
        corpus = work / "corpus"
        sandbox = work / "sandbox"
        canary = work / "canary"
        sandbox.mkdir()
        canary.mkdir()
        (canary / "secret.txt").write_text("canary\n")
        expected = generate(corpus)
        before_corpus, before_sandbox, before_canary = listing(corpus), listing(sandbox), listing(canary)
        before_tmp = set(os.listdir("/tmp"))
        print(f"{'archive':30} {'exit':>4} {'code':28} {'seconds':>8} {'rss MB':>7}")
        for name, code in sorted(expected.items()):
            start = time.monotonic()
            proc = subprocess.Popen([binary, "verify", str(corpus / name)], cwd=sandbox, env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            out, err = proc.communicate(timeout=60)
            seconds = time.monotonic() - start
            rss_mb = child_rss_mb()
            text = err.decode(errors="replace")
            got = text.split("[")[-1].split("]")[0] if "[" in text else "?"
            print(f"{name:30} {proc.returncode:>4} {got:28} {seconds:8.2f} {rss_mb:7.1f}")
            if proc.returncode != 65:
                failures.append(f"{name}: exit {proc.returncode}, expected 65: {text.strip()}")
            if f"[{code}]" not in text:
                failures.append(f"{name}: expected [{code}], got: {text.strip()}")
            if seconds > args.seconds:
                failures.append(f"{name}: took {seconds:.2f}s (cap {args.seconds}s)")
            if rss_mb > args.rss_mb:
                failures.append(f"{name}: {rss_mb:.0f} MB RSS (cap {args.rss_mb} MB)")
        if listing(sandbox) != before_sandbox:
            failures.append(f"the sandbox changed: {sorted(listing(sandbox) - before_sandbox)}")
        if listing(canary) != before_canary:
            failures.append("the canary directory changed")
        if listing(corpus) != before_corpus:
            failures.append("the corpus directory changed")
        new_tmp = {n for n in set(os.listdir("/tmp")) - before_tmp if "casefile-evil" in n}
        if new_tmp or os.path.lexists("/tmp/casefile-evil.txt"):
            failures.append(f"files written outside the sandbox: {sorted(new_tmp)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("FAIL\n  " + "\n  ".join(failures))
        return 1
    print(f"hostile archives: {len(expected)} refused with their codes, nothing written")
    return 0


def child_rss_mb():
    """The largest child RSS so far (ru_maxrss of RUSAGE_CHILDREN), in MB: an upper bound
    for the archive just verified."""
    import resource
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generate", metavar="DIR")
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--rss-mb", type=float, default=256.0)
    args = parser.parse_args()
    if args.generate:
        expected = generate(args.generate)
        print(f"{len(expected)} hostile archives in {args.generate}")
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
