#!/usr/bin/env python3
# bench_tables.py — what the table writers of bench/run.sh share: the manifest of timed commands
# and the hyperfine JSON runs merged per command (standard library only).
import json

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
