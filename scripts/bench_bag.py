#!/usr/bin/env python3
"""Bag benchmarks: writing and verifying BagIt bags beside the tools that set the bar.

1. Build: a signed tar bag around one generated 2 GB media file with `casefile bag create`
   (hashes while it writes: one pass), beside `openssl dgst -sha256` followed by
   `bsdtar -cf` on the same file (two passes). casefile's peak memory must stay under
   64 MB.
2. Verify: a bag of 1,000 files and 500 MB (made by bagit.py, sha256) checked by
   `casefile verify`, beside `bagit.py --validate --processes 2` and the two-core
   SHA-256 limit: two `openssl dgst -sha256` processes, each hashing half the payload,
   at once.

Inputs are generated once under bench-out/bag and kept warm in the page cache (each
command runs once untimed first). Prints medians side by side.
Usage: scripts/bench_bag.py [--runs 3] [--media-gb 2] [--files 1000] [--payload-mb 500]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from benchlib import timed

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-out/bag"


def binary():
    return os.environ.get("CASEFILE_BIN", str(ROOT / ".build/release/casefile"))


def generated(path, size, seed):
    """A file of `size` bytes: a 1 MiB pseudo-random block repeated (not compressible by
    block, not sparse), made once."""
    if path.exists() and path.stat().st_size == size:
        return path
    block = bytearray(os.urandom(1 << 20))
    with open(path, "wb") as f:
        written = 0
        while written < size:
            block[0:8] = (written + seed).to_bytes(8, "little")
            n = min(len(block), size - written)
            f.write(block[:n])
            written += n
    return path


def median(command, runs, before=None, **kwargs):
    """Median seconds and max peak MiB of `runs` timed runs (after one warm-up)."""
    if before:
        before()
    timed(command, **kwargs)
    times, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        seconds, peak = timed(command, **kwargs)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def build_benchmark(args):
    media_dir = OUT / "media"
    media_dir.mkdir(parents=True, exist_ok=True)
    media = generated(media_dir / "EX-1.bin", int(args.media_gb * (1 << 30)), 1)
    keys = OUT / "keys"
    if not (keys / "casefile-signing.key").exists():
        keys.mkdir(parents=True, exist_ok=True)
        subprocess.run([binary(), "keys", "generate", "--out", str(keys)], check=True,
                       capture_output=True)
    size_gb = media.stat().st_size / (1 << 30)
    digest, _ = median(["openssl", "dgst", "-sha256", str(media)], args.runs)
    print(f"\nBuild a signed bag around one {size_gb:.1f} GB media file (median of {args.runs}; "
          f"openssl dgst -sha256 alone {digest:.2f} s):")
    ok = True
    targets = [("tmpfs", Path("/dev/shm/casefile-bench-bag"))] if Path("/dev/shm").is_dir() else []
    targets.append(("disk", OUT / "built"))
    for label, target in targets:
        def clean():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)

        ours, ours_peak = median(
            [binary(), "bag", "create", "--out", str(target), "--name", "bundle", "--date",
             "2026-11-26", "--sign", str(keys / "casefile-signing.key"), str(media)], args.runs, clean)
        plain = str(target / "plain.tar")
        tar, tar_peak = median(["bsdtar", "-cf", plain, "-C", str(media_dir), "EX-1.bin"],
                               args.runs, clean)
        durable_tar, _ = median(
            [sys.executable, "-c",
             "import os,subprocess,sys;subprocess.run(sys.argv[1:],check=True);"
             f"fd=os.open({plain!r},os.O_RDONLY);os.fsync(fd)",
             "bsdtar", "-cf", plain, "-C", str(media_dir), "EX-1.bin"], args.runs, clean)
        shutil.rmtree(target, ignore_errors=True)
        baseline, durable = digest + tar, digest + durable_tar
        print(f"  output on {label}:")
        print(f"    {'casefile bag create (one pass, fsync, rename)':50} {ours:7.2f} s  {ours_peak:6.1f} MB peak")
        print(f"    {'openssl dgst, then bsdtar -cf':50} {baseline:7.2f} s  {tar_peak:6.1f} MB peak (bsdtar)")
        print(f"    {'openssl dgst, then bsdtar -cf and fsync':50} {durable:7.2f} s")
        print(f"    casefile / (openssl + bsdtar) = {ours / baseline:.2f}, with the same fsync "
              f"{ours / durable:.2f} (goal <= 1.00); peak {ours_peak:.1f} MB (goal < 64 MB)")
        ok = ok and ours <= durable and ours_peak < 64
    return ok


def verify_benchmark(args):
    bag = OUT / f"verify-{args.files}x{args.payload_mb}"
    marker = bag / "bagit.txt"
    if not marker.exists():
        shutil.rmtree(bag, ignore_errors=True)
        bag.mkdir(parents=True)
        each = args.payload_mb * (1 << 20) // args.files
        for i in range(args.files):
            generated(bag / f"file-{i:04d}.bin", each, i)
        subprocess.run([sys.executable, "-m", "bagit", "--sha256", "--processes", "2",
                        "--contact-name", "bench", str(bag)], check=True, capture_output=True)
    files = sorted(str(p) for p in (bag / "data").iterdir())
    half = len(files) // 2
    limit_script = (
        "import subprocess,sys;"
        f"a=subprocess.Popen(['openssl','dgst','-sha256']+sys.argv[1:{1 + half}],stdout=subprocess.DEVNULL);"
        f"b=subprocess.Popen(['openssl','dgst','-sha256']+sys.argv[{1 + half}:],stdout=subprocess.DEVNULL);"
        "sys.exit(a.wait() or b.wait())")
    ours, ours_peak = median([binary(), "verify", str(bag)], args.runs)
    bagit_py, bagit_peak = median([sys.executable, "-m", "bagit", "--validate", "--processes", "2",
                                   "--quiet", str(bag)], args.runs)
    limit, _ = median([sys.executable, "-c", limit_script] + files, args.runs)
    payload_mb = sum(os.path.getsize(f) for f in files) / (1 << 20)
    print(f"\nVerify a bag of {len(files)} files, {payload_mb:.0f} MB (median of {args.runs}):")
    print(f"  {'casefile verify':52} {ours:7.2f} s  {ours_peak:7.1f} MB peak")
    print(f"  {'bagit.py --validate --processes 2':52} {bagit_py:7.2f} s  {bagit_peak:7.1f} MB peak")
    print(f"  {'two openssl dgst -sha256, half the payload each':52} {limit:7.2f} s")
    print(f"  casefile / bagit.py = {ours / bagit_py:.2f} (goal < 1); "
          f"casefile / two-core limit = {ours / limit:.2f} (goal <= 1.3)")
    return ours < bagit_py and ours <= 1.3 * limit


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--media-gb", type=float, default=2.0)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--payload-mb", type=int, default=500)
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    if not Path(binary()).exists():
        sys.exit(f"bench: no casefile binary at {binary()} (swift build -c release)")
    ok = True
    if not args.skip_build:
        ok = build_benchmark(args) and ok
    ok = verify_benchmark(args) and ok
    print("\nbag benchmarks: " + ("all goals met" if ok else "SOME GOALS MISSED"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
