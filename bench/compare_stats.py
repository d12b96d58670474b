#!/usr/bin/env python3
# compare_stats.py — compares two `stats -a -T` tables (biometal vs seqkit) column by column.
# Usage: compare_stats.py A.tsv B.tsv [LABEL_A LABEL_B]; prints differing columns, exit 1 if any.
import csv
import sys

# Every column is compared (as numbers where both parse), except the file name.
IGNORE = {"file"}


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    if len(rows) != 1:
        sys.exit(f"compare_stats: {path}: expected one data row, got {len(rows)}")
    return rows[0]


def num(v):
    try:
        return float(v.replace(",", ""))
    except ValueError:
        return None


def main():
    if len(sys.argv) not in (3, 5):
        sys.exit("usage: compare_stats.py A.tsv B.tsv [LABEL_A LABEL_B]")
    a, b = read(sys.argv[1]), read(sys.argv[2])
    la, lb = (sys.argv[3], sys.argv[4]) if len(sys.argv) == 5 else ("A", "B")
    ignore = set(IGNORE)
    # Documented difference: seqkit 2.3 reports half the length for Q1 and Q3 when all
    # reads have one length; biometal reports the length.
    if num(a.get("min_len", "")) is not None and a.get("min_len") == a.get("max_len"):
        ignore |= {"Q1", "Q3"}
    diffs = []
    for col in list(a) + [c for c in b if c not in a]:
        if col in ignore:
            continue
        va, vb = a.get(col), b.get(col)
        if va is None or vb is None:
            diffs.append(f"{col}: {la}={va!r} {lb}={vb!r} (column missing)")
            continue
        na, nb = num(va), num(vb)
        same = (na == nb) if (na is not None and nb is not None) else (va == vb)
        if not same:
            diffs.append(f"{col}: {la}={va} {lb}={vb}")
    for d in diffs:
        print(d)
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
