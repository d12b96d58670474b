#!/usr/bin/env python3
# cmds_table.py — turns the hyperfine JSON of `bench/run.sh cmds` into the Markdown table of bench/results/cmds.md.
# Usage: cmds_table.py --manifest M.tsv --fastq-bytes N JSON...  (standard library only)
from bench_tables import fmt_ms, parse_args_and_rows


def peer_ratios(r, group):
    """For a biometal row: each peer's median over this one, at the same thread count (a peer that
    runs on one thread only is compared at every count)."""
    out = []
    for p in group:
        if p["tool"] in ("biometal", "cat") or p["role"] == "floor":
            continue
        single = all(x["threads"] == 1 for x in group if x["tool"] == p["tool"])
        if p["threads"] == r["threads"] or (single and p["threads"] == 1):
            out.append(f"{p['med'] / r['med']:.2f}× {p['tool']}")
    return ", ".join(out) if out else "–"


def main():
    a, rows = parse_args_and_rows("cmds_table")

    print("| work | command | threads | runs | median ms | min ms | max ms | CPU ms | MB/s | "
          "biometal speed-up (peer median / biometal median) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        group = [x for x in rows if x["group"] == r["group"]]
        label = r["name"].split("/", 1)[-1]
        if r["role"] == "floor":
            label = f"*floor:* {label}"
        elif r["tool"] == "biometal":
            label = f"**{label}**"
        ratios = peer_ratios(r, group) if r["tool"] == "biometal" else ""
        mbs = a.fastq_bytes / r["med"] / 1e6
        print(f"| {r['group']} | {label} | {r['threads']} | {r['n']} | {fmt_ms(r['med'])} | "
              f"{fmt_ms(r['min'])} | {fmt_ms(r['max'])} | {fmt_ms(r['cpu'])} | {mbs:.0f} | {ratios} |")


if __name__ == "__main__":
    main()
