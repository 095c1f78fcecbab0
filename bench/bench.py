#!/usr/bin/env python3
"""dunetrace benchmark: every workload under every tool, side by side, in one run.

Tools: native, `strace -f -o /dev/null`, `perf trace -o /dev/null`, `dunetrace --silent`,
`dunetrace -o bench/out/live.txt` (and `dunetrace --silent --no-pf` where that option exists).
Each (workload, tool) is timed --reps times (wall clock, fork to reap) and the MEDIAN is
reported. A tool run whose exit status differs from native's is recorded as failed, with the
tail of its stderr, and is not timed again. Writes a table to stdout, bench/out/results.json
and bench/out/chart.png. Normally started by bench/run, which builds the binary first.
"""
import argparse
import datetime
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import textwrap
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out")
LIVE = os.path.join(OUT, "live.txt")
FLOOR = os.path.join(OUT, "floor")

DT_TOOLS = ("dunetrace", "dunetrace-live", "dunetrace-nopf", "dunetrace-ws", "dunetrace-nowrite")
# Which events of a workload each dunetrace mode turns into exits (the floor it is held to).
FLOOR_PARTS = {"dunetrace": ("syscalls", "pagefaults", "processes"),
               "dunetrace-live": ("syscalls", "pagefaults", "processes"),
               "dunetrace-nopf": ("syscalls", "processes"), "dunetrace-ws": ("syscalls", "processes"),
               "dunetrace-nowrite": ("syscalls", "pagefaults", "processes")}
# Rows where the cost of writing the trace is measured: `--silent` (records trace.gz) against
# `--silent -w none` (records nothing); DESIGN.md wants it within 5%.
RECORDING_ROWS = ("getppid", "find", "tar")
# -f with -o FILE prefixes "PID " (strace does the same); on a terminal "[pid PID] ".
LINE_PREFIX = r"(\[pid \d+\] |\d+ +)?"
SYSCALL_LINE = re.compile(r"^" + LINE_PREFIX + r"[a-z_][a-z0-9_]*\(")


def sh(argv, **kw):
    """Run a helper command, return (status, stdout+stderr text). Never raises."""
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, timeout=kw.get("timeout", 60), cwd=kw.get("cwd"))
        return p.returncode, p.stdout.decode(errors="replace")
    except Exception as e:  # noqa: BLE001 - a probe must not kill the benchmark
        return None, f"{type(e).__name__}: {e}"


def tail(text, n=600):
    text = text.strip()
    return text if len(text) <= n else "..." + text[-n:]


# --------------------------------------------------------------------------------------
# Running one command and timing it

def run_once(argv, stdout_to=None, pipe_to=None, timeout=300.0):
    """Run argv (stdin /dev/null, stdout to /dev/null or into a native `pipe_to` consumer).

    Returns dict: wall seconds, exit status (negative = signal), stderr tail, rusage of the
    tool process tree (minor faults, user/sys time), timed_out. (No max RSS: Linux carries the
    forking Python's high-water mark across exec, so ru_maxrss would be this script's.)
    """
    err_path = os.path.join(OUT, ".stderr.tmp")
    with open(err_path, "wb") as err:
        consumer = None
        t0 = time.perf_counter()
        try:
            if pipe_to:
                proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=err, cwd=OUT, start_new_session=True)
                consumer = subprocess.Popen(pipe_to, stdin=proc.stdout, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL, cwd=OUT)
                proc.stdout.close()
            else:
                proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=err, cwd=OUT, start_new_session=True)
        except OSError as e:
            return {"wall": None, "status": 127, "stderr": f"cannot start: {e}", "timed_out": False}
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # the session this run started, nothing else
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, wstatus, ru = os.wait4(proc.pid, 0)
        cpu = ru.ru_utime + ru.ru_stime  # the process and every descendant it reaped
        if consumer:
            _, _, cru = os.wait4(consumer.pid, 0)
            consumer.returncode = 0
            cpu += cru.ru_utime + cru.ru_stime
        t1 = time.perf_counter()
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(wstatus)  # keep Popen from reaping again
    with open(err_path, "rb") as f:
        err_text = f.read()[-4000:].decode(errors="replace")
    return {
        "wall": t1 - t0,
        "status": proc.returncode,
        "stderr": tail(err_text),
        "timed_out": timed_out.is_set(),
        "minflt": ru.ru_minflt,
        "utime": round(ru.ru_utime, 4),
        "stime": round(ru.ru_stime, 4),
        "cpu": round(cpu, 4),
    }


# --------------------------------------------------------------------------------------
# Machine, tools, probes

def machine_info():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    _, commit = sh(["git", "-C", ROOT, "rev-parse", "HEAD"])
    _, dirty = sh(["git", "-C", ROOT, "status", "--porcelain", "--", ".", ":(exclude)bench"])
    _, strace_v = sh(["strace", "-V"])
    _, perf_v = sh(["perf", "version"])
    mem_kib = None
    try:
        with open("/proc/meminfo") as f:
            mem_kib = int(f.readline().split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return {
        "uname_r": platform.release(),
        "cpu_model": cpu,
        "cpus": os.cpu_count(),
        "mem_gib": round(mem_kib / 2**20, 1) if mem_kib else None,
        "kvm_pvm": os.path.exists("/sys/module/kvm_pvm"),
        "kvm_modules": sorted(m for m in os.listdir("/sys/module") if m.startswith("kvm")),
        "dunetrace_git_commit": os.environ.get("DUNETRACE_BENCH_COMMIT") or commit.strip(),
        "repo_head": commit.strip(),
        "working_tree_dirty_outside_bench": bool(dirty.strip()),
        "dunetrace_built_from": os.environ.get("DUNETRACE_BENCH_SOURCE", "given binary"),
        "strace_version": strace_v.splitlines()[0] if strace_v else None,
        "perf_version": perf_v.strip() or None,
        "python": platform.python_version(),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }


def probe_tools(dt):
    tools = {}
    tools["native"] = {"available": True, "prefix": []}
    if shutil.which("strace"):
        st, text = sh(["strace", "-f", "-o", "/dev/null", "/bin/true"])
        tools["strace"] = {"available": st == 0, "prefix": ["strace", "-f", "-o", "/dev/null"],
                           "reason": None if st == 0 else f"strace probe failed ({st}): {tail(text, 300)}"}
    else:
        tools["strace"] = {"available": False, "prefix": [], "reason": "strace not installed"}
    if shutil.which("perf"):
        st, text = sh(["perf", "trace", "-o", "/dev/null", "true"])
        tools["perf"] = {"available": st == 0, "prefix": ["perf", "trace", "-o", "/dev/null"],
                         "reason": None if st == 0 else f"`perf trace -o /dev/null true` failed ({st}): {tail(text, 300)}"}
    else:
        tools["perf"] = {"available": False, "prefix": [], "reason": "perf not installed"}
    # `dunetrace --help` lists the run's options (a dunetrace of late 2026 kept them behind
    # `dunetrace trace --help`, which is tried when --help does not list them).
    st, help_text = sh([dt, "--help"])
    if st != 0 or "--no-pf" not in help_text:
        st_t, trace_help = sh([dt, "trace", "--help"])
        if st_t == 0 and "--no-pf" in trace_help:
            st, help_text = st_t, trace_help
    has_nopf = "--no-pf" in help_text
    st_v, version = sh([dt, "--version"])
    tools["dunetrace"] = {"available": True, "prefix": [dt, "--silent", "--"]}
    tools["dunetrace-live"] = {"available": True, "prefix": [dt, "-f", "-o", LIVE, "--"]}
    tools["dunetrace-nowrite"] = {"available": True, "prefix": [dt, "--silent", "-w", "none", "--"]}
    tools["dunetrace-nopf"] = {"available": has_nopf, "prefix": [dt, "--silent", "--no-pf", "--"],
                               "reason": None if has_nopf else "`dunetrace --help` does not list --no-pf"}
    has_ws = "--pf=" in help_text
    tools["dunetrace-ws"] = {"available": has_ws, "prefix": [dt, "--silent", "--pf=ws", "--"],
                             "reason": None if has_ws else "`dunetrace --help` does not list --pf=MODE"}
    tools["floor"] = {"available": os.access(FLOOR, os.X_OK), "prefix": [],
                      "reason": None if os.access(FLOOR, os.X_OK) else f"{FLOOR} was not built"}
    dtinfo = {"path": dt, "version": version.strip() if st_v == 0 else None,
              "help_status": st, "help_head": help_text[:300], "help_lists_no_pf": has_nopf}
    return tools, dtinfo


def make_data(size_mib):
    """size_mib MiB of pseudo-random bytes (seed 20261124), generated once."""
    path = os.path.join(OUT, f"random-{size_mib}M.bin")
    if os.path.exists(path) and os.path.getsize(path) == size_mib << 20:
        return path
    rng = random.Random(20261124)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        for _ in range(size_mib):
            f.write(rng.randbytes(1 << 20))
    os.replace(tmp, path)
    return path


# --------------------------------------------------------------------------------------
# Workloads

def workloads(args):
    q = args.quick
    n_ppid = 2000 if q else 20000
    n_pages = 20000 if q else 100000
    n_fork = 10 if q else 30
    data = make_data(20 if q else 200)
    find_root = "/usr/include" if q else "/usr"
    tar_root = "/usr/include/linux" if q else "/usr/include"
    small_o = os.path.join(OUT, "small.o")
    w = [
        {"id": "getppid", "group": "a", "title": f"getppid loop x{n_ppid}",
         "argv": [os.path.join(OUT, "getppid_loop"), str(n_ppid)],
         "events": n_ppid, "event_name": "syscall",
         "target": "added cost per syscall <= 1/5 of strace -f's and below perf trace's"},
        {"id": "sha256sum", "group": "b", "title": f"sha256sum {os.path.getsize(data) >> 20} MiB",
         "argv": ["/usr/bin/sha256sum", data],
         "target": "<= 1.05x native wall time"},
        {"id": "gzip", "group": "b", "title": f"gzip -9 -c {os.path.getsize(data) >> 20} MiB",
         "argv": ["/usr/bin/gzip", "-9", "-c", data],
         "target": "<= 1.05x native wall time"},
        {"id": "find", "group": "c", "title": f"find {find_root} -type f",
         "argv": ["/usr/bin/find", find_root, "-type", "f"],
         "target": "added time <= 1/3 of strace's"},
        # GNU tar does not read the files at all when its archive is /dev/null, so its output
        # goes through a pipe into a native `cat > /dev/null` (the same for every tool).
        {"id": "tar", "group": "c", "title": f"tar cf - {tar_root} | cat",
         "argv": ["/usr/bin/tar", "cf", "-", tar_root], "pipe_to": ["/bin/cat"],
         "target": "added time <= 1/3 of strace's"},
        {"id": "cc", "group": "c", "title": "cc -O2 -c small.c",
         "argv": ["/usr/bin/cc", "-O2", "-c", os.path.join(HERE, "small.c"), "-o", small_o],
         "target": "added time <= 1/3 of strace's"},
        # Process creation: a shell forks and execs /bin/true n times (each child's VM,
        # vCPU, memslots and exec cost); events are iterations, so us/event is per fork+exec.
        {"id": "forkexec", "group": "e", "title": f"sh: fork+exec /bin/true x{n_fork}",
         "argv": ["/bin/sh", "-c", 'i=0; while [ $i -lt "$1" ]; do /bin/true; i=$((i+1)); done', "sh", str(n_fork)],
         "events": n_fork, "event_name": "fork+exec",
         "limits": {"dunetrace": 3.0, "dunetrace-nopf": 1.5, "dunetrace-ws": 2.0},
         "target": "added time <= 3x strace -f's (exact page faults), <= 1.5x with --no-pf, <= 2x with --pf=ws"},
        {"id": "make", "group": "e", "title": "make -j2 (3 objects + link)",
         "argv": ["/usr/bin/make", "-s", "-B", "-j2", "-C", os.path.join(OUT, "make-project"), "prog"],
         "limits": {"dunetrace-nopf": 1.0},
         "target": "added time <= strace -f's with --no-pf"},
        {"id": "cc-c", "group": "e", "title": "cc -c main.c",
         "argv": ["/usr/bin/cc", "-c", os.path.join(ROOT, "fixtures", "make-project", "main.c"),
                  "-o", os.path.join(OUT, "main.o")],
         "limits": {"dunetrace-nopf": 1.0},
         "target": "added time <= strace -f's with --no-pf"},
        {"id": "python", "group": "e", "title": "python3 -c 'import json, sqlite3'",
         "argv": ["/usr/bin/python3", "-c", "import json, sqlite3"],
         "target": "ratios to strace and to the floor (no fixed target)"},
        {"id": "configure", "group": "e", "title": "configure-style sh script",
         "argv": ["/bin/sh", os.path.join(HERE, "configure.sh"), os.path.join(OUT, "configure-work")],
         "target": "ratios to strace and to the floor (no fixed target)"},
        {"id": "touch_pages", "group": "d", "title": f"touch {n_pages} fresh pages",
         "argv": [os.path.join(OUT, "touch_pages"), str(n_pages)],
         "events": n_pages, "event_name": "page",
         "target": "first-touch page fault recorded <= 30 us (added per page)"},
    ]
    if args.only:
        keep = set(args.only.split(","))
        w = [x for x in w if x["group"] in keep or x["id"] in keep]
    return w


def tools_for(wl):
    # --no-pf everywhere: it separates the cost of tracing system calls from that of recording
    # every first touch of a page (an exit each), which strace and perf trace do not do.
    return ["native", "strace", "perf", "dunetrace", "dunetrace-live", "dunetrace-nopf", "dunetrace-ws"] + \
        (["dunetrace-nowrite"] if wl["id"] in RECORDING_ROWS else []) + ["floor"]


def measure_floor(quick):
    """The floor's cost of one round trip of each kind, in microseconds (median of 3 runs of
    bench/floor.c, measured next to the workload it is compared with)."""
    n = 2000 if quick else 5000
    kinds = {"syscall_us": ("syscalls", n), "pagefault_us": ("pagefaults", n),
             "pagefault_iret_us": ("pagefaults-iret", n), "process_us": ("vms", 20 if quick else 50)}
    out = {}
    for key, (mode, count) in kinds.items():
        vals = []
        for _ in range(3):
            st, text = sh([FLOOR, mode, str(count)])
            try:
                vals.append(json.loads(text.strip().splitlines()[-1])["ns_per_op"] / 1000)
            except (ValueError, IndexError, KeyError):
                return {"error": f"floor {mode}: exit {st}: {tail(text, 200)}"}
        out[key] = statistics.median(vals)
    return out


def floor_added(floor, counts, parts):
    """Seconds the floor takes for the events of `parts` (syscalls, pagefaults, processes)."""
    unit = {"syscalls": "syscall_us", "pagefaults": "pagefault_us", "processes": "process_us"}
    if "error" in floor or any(counts.get(p) is None for p in parts):
        return None
    return sum(counts[p] * floor[unit[p]] for p in parts) / 1e6


# --------------------------------------------------------------------------------------
# Live-text checks (is dunetrace's output plausible?)

def inspect_live(wl):
    info = {}
    try:
        with open(LIVE, "rb") as f:
            data = f.read()
    except OSError as e:
        return {"error": str(e)}
    lines = data.decode(errors="replace").splitlines()
    info["lines"] = len(lines)
    info["bytes"] = len(data)
    info["head"] = lines[:3]
    info["tail"] = lines[-3:]
    info["pf_lines"] = sum(1 for l in lines if "--- #PF" in l)
    info["syscall_lines"] = sum(1 for l in lines if SYSCALL_LINE.match(l))
    info["processes"] = sum(1 for l in lines if re.match(r"^" + LINE_PREFIX + r"\+\+\+ (exited with|killed by)", l))
    if wl["id"] == "getppid":
        info["getppid_lines"] = sum(1 for l in lines if re.match(r"^" + LINE_PREFIX + r"getppid\(\)", l))
    return info


# --------------------------------------------------------------------------------------
# Verdicts against DESIGN.md's targets

def verdicts(wl, res, live_info):
    def added(t):
        r = res.get(t)
        return r["added_s"] if r and r["status"] == "ok" else None

    out = {}
    for t in ("native", "strace", "perf", "floor"):
        if t in res:
            out[t] = ("N/A", "estimated: event counts x the floor's cost of each" if t == "floor" else "")
    for t in DT_TOOLS:
        if t not in res:
            continue
        r = res[t]
        if r["status"] == "unavailable":
            out[t] = ("N/A", r.get("reason") or "unavailable")
            continue
        if r["status"] != "ok":
            out[t] = ("FAIL", f"run {r['status']}")
            continue
        if t == "dunetrace-nowrite":
            rec = res.get("dunetrace")
            if not rec or rec["status"] != "ok":
                out[t] = ("N/A", "no --silent timing")
            else:
                extra = rec["median_s"] / r["median_s"] - 1
                out[t] = ("PASS" if extra <= 0.05 else "FAIL", f"writing the trace adds {extra * 100:+.1f}% (<= 5%)")
            continue
        g = wl["group"]
        if g == "a":
            n = wl["events"]
            dt, st, pf = added(t), added("strace"), added("perf")
            if st is None:
                out[t] = ("N/A", "no strace timing")
                continue
            ok = dt <= st / 5
            why = f"{dt / n * 1e6:.2f} us vs strace/5 {st / n / 5 * 1e6:.2f} us"
            if r.get("added_vs_floor") is not None:
                ok = ok and r["added_vs_floor"] <= 1.2
                why += f", {r['added_vs_floor']:.2f}x floor (<= 1.2)"
            if pf is not None:
                ok = ok and dt < pf
                why += f", perf {pf / n * 1e6:.2f} us"
            else:
                why += ", perf unavailable"
            out[t] = ("PASS" if ok else "FAIL", why)
        elif g == "b":
            ratio = r["ratio"]
            out[t] = ("PASS" if ratio <= 1.05 else "FAIL", f"{ratio:.3f}x native")
        elif g == "c":
            dt, st = added(t), added("strace")
            if st is None or st <= 0:
                out[t] = ("N/A", "no strace timing")
            else:
                out[t] = ("PASS" if dt <= st / 3 else "FAIL", f"{dt / st:.3f} of strace's added")
        elif g == "e":
            dt, st = added(t), added("strace")
            limit = wl.get("limits", {}).get(t)
            if limit is None:
                out[t] = ("N/A", f"{dt / st:.2f}x strace's added" if st and st > 0 else "no strace timing")
            elif st is None or st <= 0:
                out[t] = ("N/A", "no strace timing")
            else:
                out[t] = ("PASS" if dt <= limit * st else "FAIL", f"{dt / st:.2f}x strace's added (<= {limit}x)")
        elif g == "d":
            if t == "dunetrace-nopf":
                out[t] = ("N/A", "--no-pf records no faults")
                continue
            if live_info and "pf_lines" in live_info and live_info["pf_lines"] == 0:
                out[t] = ("N/A", "no #PF events in the live text: page faults are not recorded yet")
                continue
            per = added(t) / wl["events"] * 1e6
            if t == "dunetrace-ws":
                out[t] = ("N/A", f"{per:.2f} us added per page (approximate first touches)")
                continue
            ok, why = per <= 30, f"{per:.2f} us added per page"
            if r.get("added_vs_floor") is not None:
                ok = ok and r["added_vs_floor"] <= 1.2
                why += f", {r['added_vs_floor']:.2f}x floor (<= 1.2)"
            out[t] = ("PASS" if ok else "FAIL", why)
    return out


# --------------------------------------------------------------------------------------

def bench_workload(wl, tools, reps, quick):
    names = tools_for(wl)
    pipe_to = wl.get("pipe_to")
    print(f"== {wl['group']}. {wl['title']}", file=sys.stderr, flush=True)

    # Untimed native warm-up: fills the page cache and fixes the expected exit status.
    warm = run_once(wl["argv"], pipe_to=pipe_to, timeout=600)
    native_status = warm["status"]
    timeout = max(120.0, 40 * (warm["wall"] or 1))
    floor = measure_floor(quick) if tools["floor"]["available"] else {"error": tools["floor"]["reason"]}
    res = {}
    for t in names:
        if t == "floor":
            res[t] = {"status": "estimated", "times": []}
        elif not tools[t]["available"]:
            res[t] = {"status": "unavailable", "reason": tools[t].get("reason"), "times": []}
        else:
            res[t] = {"status": "ok", "times": [], "runs": []}
    live_info = None
    trace_gz = os.path.join(OUT, "trace.gz")
    for rep in range(reps):
        order = names[rep % len(names):] + names[:rep % len(names)]  # rotate to spread drift
        for t in order:
            r = res[t]
            if r["status"] != "ok":
                continue
            if t.startswith("dunetrace"):
                for stale in (trace_gz, LIVE):
                    if os.path.exists(stale):
                        os.unlink(stale)
            one = run_once(tools[t]["prefix"] + wl["argv"], pipe_to=pipe_to, timeout=timeout)
            r["runs"].append({k: one[k] for k in ("wall", "status", "minflt", "utime", "stime", "cpu")
                              if k in one})
            if one["status"] != native_status or one["timed_out"]:
                why = "timed out after %.0f s" % timeout if one["timed_out"] else \
                    f"exit status {one['status']} (native {native_status})"
                r.update(status="failed", reason=why, stderr_tail=one["stderr"], times=[])
                print(f"   {t:15s} FAILED: {why}: {tail(one['stderr'], 200)!r}", file=sys.stderr, flush=True)
                continue
            r["times"].append(one["wall"])
            r.setdefault("cpu_times", []).append(one["cpu"])
            if one["stderr"] and t != "native":
                r["stderr_tail"] = one["stderr"]
            if t == "dunetrace-live":
                live_info = inspect_live(wl)
            if t == "dunetrace" and os.path.exists(trace_gz):
                r["trace_gz_bytes"] = os.path.getsize(trace_gz)
            print(f"   {t:15s} rep {rep + 1}/{reps}: {one['wall']:.3f} s", file=sys.stderr, flush=True)

    if "events" not in wl and live_info and live_info.get("syscall_lines"):
        # per-syscall column: the system calls in dunetrace's live text (for these workloads it
        # matched `strace -f -c` to within the one line strace does not count)
        wl["syscalls"] = live_info["syscall_lines"]
    nat = res["native"]
    native_med = statistics.median(nat["times"]) if nat["times"] else None
    counts = {"syscalls": (live_info or {}).get("syscall_lines"),
              "pagefaults": (live_info or {}).get("pf_lines"),
              "processes": (live_info or {}).get("processes")}
    if wl["id"] == "getppid":  # the loop's own calls; its few startup calls are in native too
        counts.update(syscalls=wl["events"], pagefaults=0, processes=0)
    if wl["id"] == "touch_pages":
        counts.update(syscalls=0, pagefaults=wl["events"], processes=0)
    for t, r in res.items():
        if t == "floor":
            est = floor_added(floor, counts, ("syscalls", "pagefaults", "processes"))
            if est is None or native_med is None:
                r.update(status="unavailable", reason=floor.get("error") or "no event counts (live text)")
            else:
                r.update(status="ok", estimated=True, added_s=est, median_s=native_med + est,
                         ratio=(native_med + est) / native_med, spread_pct=None, units=floor, counts=counts)
                if wl.get("events"):
                    r["added_us_per_event"] = est / wl["events"] * 1e6
            continue
        if r["status"] == "ok" and r["times"]:
            r["median_s"] = statistics.median(r["times"])
            r["min_s"] = min(r["times"])
            r["cpu_s"] = statistics.median(r["cpu_times"])
            r["ratio"] = r["median_s"] / native_med if native_med else None
            r["added_s"] = r["median_s"] - native_med if native_med is not None else None
            if wl.get("events") and r["added_s"] is not None:
                r["added_us_per_event"] = r["added_s"] / wl["events"] * 1e6
            if wl.get("syscalls") and r["added_s"] is not None:
                r["added_us_per_syscall"] = r["added_s"] / wl["syscalls"] * 1e6
            if "trace_gz_bytes" in r and wl.get("events"):
                r["trace_bytes_per_event"] = r["trace_gz_bytes"] / wl["events"]
            elif "trace_gz_bytes" in r and wl.get("syscalls"):
                r["trace_bytes_per_event"] = r["trace_gz_bytes"] / wl["syscalls"]  # per system call of the live text
            r["spread_pct"] = (max(r["times"]) - min(r["times"])) / r["median_s"] * 100 if r["median_s"] else None
        elif r["status"] == "ok":
            r["status"] = "failed"
    # dunetrace's added cost relative to the other tracers' and to the floor of its own events
    for t in DT_TOOLS:
        r = res.get(t)
        if not r or r["status"] != "ok":
            continue
        fa = floor_added(floor, counts, FLOOR_PARTS[t])
        if fa:
            r["floor_added_s"] = fa
            r["added_vs_floor"] = r["added_s"] / fa
        for other in ("strace", "perf"):
            o = res.get(other)
            if o and o["status"] == "ok" and o["added_s"] and o["added_s"] > 0:
                r[f"added_vs_{other}"] = r["added_s"] / o["added_s"]
    wl_out = dict(wl)
    wl_out["syscalls_source"] = "dunetrace live text" if wl.get("syscalls") else None
    wl_out["native_status"] = native_status
    wl_out["results"] = res
    wl_out["live_text"] = live_info
    wl_out["floor"] = floor
    wl_out["event_counts"] = counts
    v = verdicts(wl, res, live_info)
    for t, (verdict, why) in v.items():
        res[t]["verdict"] = verdict
        res[t]["verdict_detail"] = why
    return wl_out


def fmt(x, spec):
    return "-" if x is None else format(x, spec)


def print_table(results, machine, tools, dtinfo, reps):
    print()
    print(f"dunetrace benchmark: {machine['cpu_model']} x{machine['cpus']}, kernel {machine['uname_r']}, "
          f"kvm_pvm={'yes' if machine['kvm_pvm'] else 'no'}, commit {machine['dunetrace_git_commit'][:12]} "
          f"({machine['dunetrace_built_from']}{', uncommitted changes' if machine['working_tree_dirty_outside_bench'] and machine['dunetrace_built_from'] == 'working tree' else ''}), "
          f"median of {reps}")
    hdr = ("workload", "tool", "median s", "cpu s", "spread", "x native", "added s", "us/event", "vs strace", "vs perf",
           "vs floor", "target", "detail")
    rows = []
    for wl in results:
        for t, r in wl["results"].items():
            ev = r.get("added_us_per_event")
            if ev is None:
                ev = r.get("added_us_per_syscall")
            if r["status"] != "ok":
                rows.append((wl["id"], t, r["status"].upper(), "", "", "", "", "", "", "", "",
                             r.get("verdict", "N/A"), (r.get("reason") or "")[:60]))
                continue
            rows.append((wl["id"], t, fmt(r.get("median_s"), ".3f"), fmt(r.get("cpu_s"), ".3f"), fmt(r.get("spread_pct"), ".0f") + "%",
                         fmt(r.get("ratio"), ".2f"),
                         fmt(r.get("added_s"), ".3f"), fmt(ev, ".2f") if t != "native" else "",
                         fmt(r.get("added_vs_strace"), ".3f") if "added_vs_strace" in r else "",
                         fmt(r.get("added_vs_perf"), ".3f") if "added_vs_perf" in r else "",
                         fmt(r.get("added_vs_floor"), ".2f") if "added_vs_floor" in r else "",
                         r.get("verdict", "N/A"), r.get("verdict_detail", "")))
    widths = [max(len(str(x)) for x in col) for col in zip(hdr, *rows)]
    line = "  ".join(h.ljust(w) for h, w in zip(hdr, widths)).rstrip()
    print(line)
    print("-" * len(line))
    last = None
    for row in rows:
        if last is not None and row[0] != last:
            print()
        last = row[0]
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())
    print()
    print("cpu s: median user+sys seconds of the whole tree (the tool, the workload and every process they reaped); "
          "wall minus cpu is time spent waiting.\n"
          "spread: (max - min) / median of the repetitions. us/event: added microseconds per getppid call "
          "(getppid), per page (touch_pages),\nper fork+exec (forkexec), per system call in dunetrace's live text (others). "
          "vs strace / vs perf: dunetrace's added time divided by that tool's.\n"
          "floor: bench/floor.c's cost of the same events (each syscall, recorded page fault and process of the "
          "live text) with no tracer work, measured before each workload; vs floor: dunetrace's added time divided "
          "by the floor's for the events that mode turns into exits (--no-pf and --pf=ws: no page faults).")
    for wl in results:
        f = wl.get("floor") or {}
        if "error" in f:
            print(f"  floor for {wl['id']}: {f['error']}")
        elif f:
            print(f"  floor for {wl['id']}: {f['syscall_us']:.1f} us/syscall, {f['pagefault_us']:.1f} us/page fault "
                  f"({f['pagefault_iret_us']:.1f} with iretq), {f['process_us']:.0f} us/process; counts {wl['event_counts']}")
    for wl in results:
        for t, r in wl["results"].items():
            if r["status"] == "failed":
                print(f"  {wl['id']}/{t} failed: {r.get('reason')}; stderr: {tail(r.get('stderr_tail') or '', 200)!r}")
            elif r["status"] == "unavailable":
                print(f"  {wl['id']}/{t} unavailable: {r.get('reason')}")
    if not dtinfo["help_lists_no_pf"] and any(wl["group"] == "d" for wl in results):
        print("  --no-pf: not offered by this dunetrace (not in --help); touch_pages ran under plain dunetrace only.")
    for wl in results:
        res = wl["results"]
        rec, nowrite = res.get("dunetrace", {}), res.get("dunetrace-nowrite", {})
        if rec.get("median_s") and nowrite.get("median_s"):
            extra = (rec["median_s"] / nowrite["median_s"] - 1) * 100
            print(f"  recording cost of {wl['id']}: --silent (writes trace.gz) {rec['median_s']:.3f} s vs --silent -w none "
                  f"{nowrite['median_s']:.3f} s: {extra:+.1f}% (target <= 5%)")
        if rec.get("trace_gz_bytes"):
            per = rec.get("trace_bytes_per_event")
            print(f"  trace size of {wl['id']}: {rec['trace_gz_bytes']} bytes"
                  + (f", {per:.2f} bytes per {'event' if wl.get('events') else 'system call'}" if per else ""))
        li = wl.get("live_text")
        if li and "error" in li:
            print(f"  live text of {wl['id']}: unreadable: {li['error']}")
        if li and "getppid_lines" in li:
            print(f"  live text of getppid: {li['getppid_lines']} getppid lines for {wl['events']} calls "
                  f"({li['lines']} lines in all)")
        if li and "pf_lines" in li and wl["group"] == "d":
            print(f"  live text of touch_pages: {li['pf_lines']} #PF lines for {wl['events']} pages")


def draw_chart(results, machine, reps, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as e:
        return f"no chart: {e}"
    tool_names = ["strace", "perf", "dunetrace", "dunetrace-live", "dunetrace-nopf", "dunetrace-ws", "floor"]
    colors = {"strace": "#d62728", "perf": "#ff7f0e", "dunetrace": "#1f77b4",
              "dunetrace-live": "#17becf", "dunetrace-nopf": "#2ca02c", "dunetrace-ws": "#9467bd",
              "floor": "#7f7f7f"}
    present = [t for t in tool_names if any(t in wl["results"] for wl in results)]
    fig, ax = plt.subplots(figsize=(min(14, max(9, 1.6 * len(results) + 3)), 7))
    width = 0.8 / len(present)
    labels = [textwrap.fill(wl["title"], 18) for wl in results]
    ymax, ymin = 1.0, 0.8
    for i, t in enumerate(present):
        for j, wl in enumerate(results):
            r = wl["results"].get(t)
            x = j - 0.4 + width * (i + 0.5)
            if r is None:
                continue
            if r["status"] == "ok" and r.get("ratio"):
                ratio = max(r["ratio"], 0.5)
                ymax, ymin = max(ymax, ratio), min(ymin, ratio * 0.9)
                ax.bar(x, ratio, width, color=colors[t])
                label = f"{r['ratio']:.3g}"
                if r.get("added_vs_floor") is not None:
                    label += f" ({r['added_vs_floor']:.2g}f)"
                ax.text(x, ratio * 1.06, label, ha="center", va="bottom", fontsize=7, rotation=90)
            else:
                mark = "failed" if r["status"] == "failed" else "n/a"
                ax.text(x, 1.05, mark, ha="center", va="bottom", fontsize=7, rotation=90, color=colors[t],
                        fontweight="bold")
    for t in present:  # one legend entry per tool
        ax.bar(0, 0, 0, color=colors[t], label=t)
    ax.set_yscale("log")
    ax.set_ylim(ymin, ymax * 4)
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.axhline(1.05, color="gray", linewidth=0.6, linestyle="--")
    ax.set_xticks(range(len(results)))
    ax.set_xticklabels(labels, fontsize=8)
    ax.set_ylabel("median wall time / native (log scale)")
    ax.set_title(f"dunetrace vs strace vs perf trace: wall time relative to native (median of {reps})\n"
                 f"{machine['cpu_model']} x{machine['cpus']}, kernel {machine['uname_r']}, "
                 f"kvm_pvm={'yes' if machine['kvm_pvm'] else 'no'}, commit {machine['dunetrace_git_commit'][:10]}",
                 fontsize=10)
    ax.legend(loc="upper right", fontsize=8)
    ax.grid(axis="y", which="both", alpha=0.25)
    fig.text(0.01, 0.01, "dashed line: 1.05x (compute-bound target). 'failed': the tool's run exited differently "
             "from native; 'n/a': tool unavailable. floor: the same events' round trips with no tracer work "
             "(estimated); '(Nf)': dunetrace's added time as N x the floor's.", fontsize=7)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return None


def bench_report(dt):
    """The report of `python3 -c 'import json'` (thousands of faults): seconds to write it and
    seconds for headless Chromium to load it and build its page (target: under 5 s)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-headless-shell")
    if not chromium:
        return {"status": "n/a", "reason": "no chromium (scripts/setup.sh installs it)"}
    trace, html = os.path.join(OUT, "report-trace.gz"), os.path.join(OUT, "report.html")
    rec = subprocess.run([dt, "--silent", "-w", trace, "python3", "-c", "import json"],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=OUT)
    if rec.returncode != 0:
        return {"status": "failed", "reason": tail(rec.stderr.decode(errors="replace"), 300)}
    t0 = time.perf_counter()
    made = subprocess.run([dt, "report", trace, "-o", html], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    t1 = time.perf_counter()
    if made.returncode != 0:
        return {"status": "failed", "reason": tail(made.stderr.decode(errors="replace"), 300)}
    opened = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://" + html],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=120)
    t2 = time.perf_counter()
    faults = opened.stdout.count(b"data-") if opened.returncode == 0 else 0
    return {"status": "ok" if opened.returncode == 0 else "failed", "write_s": round(t1 - t0, 3),
            "open_s": round(t2 - t1, 3), "html_bytes": os.path.getsize(html), "dom_data_attributes": faults,
            "target": "opens in headless Chromium in under 5 s"}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dunetrace", required=True, help="path of the dunetrace binary")
    ap.add_argument("--reps", type=int, default=None, help="repetitions per (workload, tool); default 5 (2 with --quick)")
    ap.add_argument("--quick", action="store_true", help="small sizes: a smoke run of a minute or two")
    ap.add_argument("--only", help="comma-separated workload groups (a,b,c,d) or ids (getppid,gzip,...)")
    args = ap.parse_args()
    reps = args.reps or (2 if args.quick else 5)
    if reps < 1:
        ap.error("--reps must be >= 1")
    os.makedirs(OUT, exist_ok=True)
    dt = os.path.abspath(args.dunetrace)
    t_start = time.time()

    machine = machine_info()
    tools, dtinfo = probe_tools(dt)
    wls = workloads(args)
    if any(wl["id"] == "make" for wl in wls):
        shutil.rmtree(os.path.join(OUT, "make-project"), ignore_errors=True)
        shutil.copytree(os.path.join(ROOT, "fixtures", "make-project"), os.path.join(OUT, "make-project"))
    results = [bench_workload(wl, tools, reps, args.quick) for wl in wls]
    report = bench_report(dt) if not args.only or "report" in args.only.split(",") else None

    notes = []
    if not dtinfo["help_lists_no_pf"] and any(wl["group"] == "d" for wl in results):
        notes.append("`dunetrace --help` does not list --no-pf: touch_pages ran under plain dunetrace only")
    if dtinfo["help_status"] != 0 or "usage" not in dtinfo["help_head"].lower():
        first = (dtinfo["help_head"].strip().splitlines() or [""])[0]
        notes.append(f"`dunetrace --help` did not print help (exit {dtinfo['help_status']}): {first!r}")
    if not tools["perf"]["available"]:
        notes.append(f"perf trace unavailable: {tools['perf']['reason']}")
    if any(wl["id"] == "tar" for wl in results):
        notes.append("tar's output is piped into a native /bin/cat > /dev/null: GNU tar skips reading the files "
                     "when its archive is /dev/null")
    chart = os.path.join(OUT, "chart.png")
    chart_err = draw_chart(results, machine, reps, chart)
    if chart_err:
        notes.append(chart_err)
    doc = {
        "machine": machine,
        "dunetrace": dtinfo,
        "config": {"reps": reps, "quick": args.quick, "only": args.only, "statistic": "median wall seconds",
                   "elapsed_s": round(time.time() - t_start, 1)},
        "tools": {k: {kk: vv for kk, vv in v.items()} for k, v in tools.items()},
        "workloads": results,
        "report": report,
        "notes": notes,
    }
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(doc, f, indent=1)
    print_table(results, machine, tools, dtinfo, reps)
    if report:
        if report["status"] == "ok":
            print(f"report of python3 -c 'import json': written in {report['write_s']:.2f} s, {report['html_bytes'] >> 10} KiB, "
                  f"loaded by headless Chromium in {report['open_s']:.2f} s ({'PASS' if report['open_s'] < 5 else 'FAIL'}: under 5 s)")
        else:
            print(f"report: {report['status']}: {report.get('reason', '')}")
    for n in notes:
        print("note:", n)
    print(f"\nwrote {os.path.relpath(os.path.join(OUT, 'results.json'), ROOT)}"
          f"{'' if chart_err else ', ' + os.path.relpath(chart, ROOT)} in {time.time() - t_start:.0f} s")


if __name__ == "__main__":
    main()
