#!/usr/bin/env python3
"""bench/storm.py: is dunetrace's memory bounded under a long system-call storm?

Runs `dunetrace --silent -w FILE getppid_loop N` (and optionally a second run with --ring) for
--seconds, samples the tracer's VmRSS from /proc every --every seconds, then stops it with
SIGTERM. Memory is bounded when the RSS of the last quarter of the run is no higher than the
highest of the middle half plus a small allowance (--slack-mib): a ring fills up first, then
must stay put. Writes bench/out/storm.json and prints
one line per run. Uses the dunetrace binary given with --dunetrace (bench/run builds one).
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")


def rss_kib(pid):
    """VmRSS of pid in KiB, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def storm(cmd, seconds, every):
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    samples = []
    start = time.monotonic()
    while time.monotonic() - start < seconds and proc.poll() is None:
        r = rss_kib(proc.pid)
        if r is not None:
            samples.append((round(time.monotonic() - start, 1), r))
        time.sleep(every)
    proc.send_signal(signal.SIGTERM)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    return samples, proc.returncode, err.decode(errors="replace")[-500:]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dunetrace", required=True)
    ap.add_argument("--workload", required=True, help="the getppid_loop binary")
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--every", type=float, default=5)
    ap.add_argument("--slack-mib", type=float, default=4)
    ap.add_argument("--ring", default="16M", help="also run with --ring SIZE ('' to skip)")
    a = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    trace = os.path.join(OUT, "storm.trace.gz")
    runs = [("trace file", [a.dunetrace, "--silent", "-w", trace, a.workload, str(10**12)])]
    if a.ring:
        runs.append((f"--ring {a.ring}", [a.dunetrace, "--silent", "-w", trace, "--ring", a.ring, a.workload, str(10**12)]))
    results = []
    for name, cmd in runs:
        samples, status, err = storm(cmd, a.seconds, a.every)
        q = max(1, len(samples) // 4)
        middle = max((r for _, r in samples[q:len(samples) - q]), default=0)
        last = max((r for _, r in samples[-q:]), default=0)
        peak = max((r for _, r in samples), default=0)
        bounded = bool(samples) and last <= middle + a.slack_mib * 1024
        size = os.path.getsize(trace) if os.path.exists(trace) else 0
        results.append({"run": name, "command": cmd, "seconds": a.seconds, "samples": samples,
                        "rss_middle_half_max_kib": middle, "rss_last_quarter_max_kib": last, "rss_max_kib": peak,
                        "bounded": bounded, "trace_bytes": size, "exit_status": status, "stderr_tail": err})
        print(f"storm [{name}] {a.seconds:.0f} s: RSS max of the middle half {middle/1024:.1f} MiB, of the "
              f"last quarter {last/1024:.1f} MiB, max {peak/1024:.1f} MiB, trace {size/1e6:.1f} MB -> "
              f"{'bounded' if bounded else 'GROWING'}")
        if os.path.exists(trace):
            os.unlink(trace)
    with open(os.path.join(OUT, "storm.json"), "w") as f:
        json.dump(results, f, indent=1)
    return 0 if all(r["bounded"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
