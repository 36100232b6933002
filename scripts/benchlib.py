"""Helpers shared by the benchmarks: timing a command and its peak memory."""
import subprocess
import sys
import time


def timed(command, allowed=(0,), **kwargs):
    """Runs a command; returns (seconds, peak RSS of the process tree in MiB)."""
    seconds, peak, _ = timed_with_stderr(command, allowed, **kwargs)
    return seconds, peak


def timed_with_stderr(command, allowed=(0,), **kwargs):
    """Runs a command; returns (seconds, peak RSS in MiB, what it wrote to stderr).

    Exits the benchmark when the command's status is not in `allowed`.
    """
    start = time.monotonic()
    # A fresh Python child isolates max RSS: ru_maxrss of RUSAGE_CHILDREN is the largest
    # single descendant, so run each measured command through its own waiter.
    waiter = [sys.executable, "-c",
              "import resource,subprocess,sys;"
              "r=subprocess.run(sys.argv[1:]);"
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
              "sys.exit(r.returncode)"] + command
    result = subprocess.run(waiter, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kwargs)
    seconds = time.monotonic() - start
    if result.returncode not in allowed:
        sys.exit(f"bench: {' '.join(command[:3])}… failed:\n{result.stderr}")
    lines = result.stderr.strip().splitlines()
    peak_kib = int(lines[-1])
    return seconds, peak_kib / 1024, "\n".join(lines[:-1])
