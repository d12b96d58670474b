#!/bin/sh
# Writes FASTQ reads whose qualities have designed patterns (random, bad head, bad tail, bad
# middle, all bad, all good) for the trimming peer tests; with "polyg", sequences end in poly-G
# tails of 0-40 bases with some other bases mixed in; with "polyx", in tails of a random base
# (A, C, G or T, with some N and other bases mixed in). Usage: gen_quality_reads.sh SEED N [polyg|polyx]
awk -v seed="$1" -v n="$2" -v poly="${3:-}" 'BEGIN {
  srand(seed)
  for (r = 0; r < n; r++) {
    len = 1 + int(rand() * 200); kind = r % 6; s = ""; q = ""; tail = int(rand() * 41)
    base = poly == "polyx" ? substr("ACGT", 1 + int(rand() * 4), 1) : "G"
    other = poly == "polyx" ? (rand() < 0.5 ? 0.04 : 0.12) : 0.08
    mixed = poly == "polyx" ? "ACGT" : "ACT"
    for (i = 0; i < len; i++) {
      if (poly == "polyx" && i >= len - tail && rand() < 0.02) s = s "N"
      else if (poly != "" && i >= len - tail) s = s (rand() < other ? substr(mixed, 1 + int(rand() * length(mixed)), 1) : base)
      else s = s substr("ACGT", 1 + int(rand() * 4), 1)
      if (kind == 0) p = int(rand() * 42)
      else if (kind == 1) p = (i < len / 4) ? int(rand() * 10) : 30 + int(rand() * 12)
      else if (kind == 2) p = (i > len * 3 / 4) ? int(rand() * 10) : 30 + int(rand() * 12)
      else if (kind == 3) p = (i > len / 3 && i < len * 2 / 3) ? int(rand() * 5) : 35
      else if (kind == 4) p = int(rand() * 8)
      else p = 38 + int(rand() * 4)
      q = q sprintf("%c", 33 + p)
    }
    printf "@g%d\n%s\n+\n%s\n", r, s, q
  }
}'
