#!/usr/bin/env python3
# io_table.py — turns the hyperfine JSON of `bench/run.sh io` into the Markdown table of bench/results/io.md.
# Usage: io_table.py --manifest M.tsv --fastq-bytes N JSON...  (standard library only)
from bench_tables import fmt_ms, parse_args_and_rows


def main():
    a, rows = parse_args_and_rows("io_table")

    cat = [r for r in rows if r["tool"] == "cat"]
    t_cat = cat[0]["med"] if cat else None

    print("| input | command | threads | runs | median ms | min ms | max ms | CPU ms | "
          "speed vs seqkit | MB/s | of `cat` speed | of floor speed |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        g = [x for x in rows if x["group"] == r["group"]]
        sk = [x for x in g if x["tool"] == "seqkit" and x["threads"] == r["threads"]]
        floors = [x for x in g if x["role"] == "floor" and x["threads"] <= r["threads"]]
        vs_sk = f"{sk[0]['med'] / r['med']:.2f}×" if sk else "–"
        mbs = a.fastq_bytes / r["med"] / 1e6
        of_cat = f"{t_cat / r['med']:.2f}" if t_cat else "–"
        if floors:
            best = min(floors, key=lambda x: x["med"])
            of_floor = f"{best['med'] / r['med']:.2f}" if best is not r else "1 (floor)"
        else:
            of_floor = "–"
        label = r["name"].split("/", 1)[-1]
        if r["role"] == "floor":
            label = f"*floor:* {label}"
        elif r["tool"] == "biometal":
            label = f"**{label}**"
        print(f"| {r['group']} | {label} | {r['threads']} | {r['n']} | {fmt_ms(r['med'])} | "
              f"{fmt_ms(r['min'])} | {fmt_ms(r['max'])} | {fmt_ms(r['cpu'])} | {vs_sk} | "
              f"{mbs:.0f} | {of_cat} | {of_floor} |")


if __name__ == "__main__":
    main()
