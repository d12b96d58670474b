#!/usr/bin/env python3
# bench_tables.py — what the table writers of bench/run.sh share: the manifest of timed commands
# and the hyperfine JSON runs merged per command (standard library only).
import argparse
import json
import statistics
import sys

def load_manifest(path):
    rows = []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            group, name, tool, threads, role, cmd = line.split("\t", 5)
            rows.append(dict(group=group, name=name, tool=tool, threads=int(threads), role=role, cmd=cmd))
    return rows


def load_times(paths):
    """Merges the runs of every command over all JSON files (one file per hyperfine call)."""
    res = {}
    for p in paths:
        with open(p) as f:
            for r in json.load(f)["results"]:
                d = res.setdefault(r["command"], dict(times=[], cpu=[]))
                d["times"] += r["times"]
                # hyperfine gives mean user/system seconds per call; weight by runs
                d["cpu"] += [r["user"] + r["system"]] * len(r["times"])
    return res


def fmt_ms(s):
    ms = s * 1e3
    return f"{ms:.0f}" if ms >= 100 else f"{ms:.1f}"


def parse_args_and_rows(prog):
    """The table writers' command line (--manifest, --fastq-bytes, hyperfine JSON files) and the
    manifest's rows, each with its runs' count, median, min, max and mean CPU seconds."""
    ap = argparse.ArgumentParser(prog=prog)
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--fastq-bytes", type=int, required=True, help="size of the uncompressed FASTQ")
    ap.add_argument("json", nargs="+")
    a = ap.parse_args()
    rows = load_manifest(a.manifest)
    times = load_times(a.json)
    for r in rows:
        t = times.get(r["name"])
        if not t or not t["times"]:
            sys.exit(f"{prog}: no timings for {r['name']!r}")
        r["n"] = len(t["times"])
        r["med"] = statistics.median(t["times"])
        r["min"] = min(t["times"])
        r["max"] = max(t["times"])
        r["cpu"] = statistics.fmean(t["cpu"])
    return a, rows
