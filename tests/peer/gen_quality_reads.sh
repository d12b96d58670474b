#!/bin/sh
# Writes FASTQ reads whose qualities have designed patterns (random, bad head, bad tail, bad
# middle, all bad, all good) for the trimming peer tests; with "polyg", sequences end in poly-G
# tails of 0-40 bases with some other bases mixed in. Usage: gen_quality_reads.sh SEED N [polyg]
awk -v seed="$1" -v n="$2" -v polyg="${3:-}" 'BEGIN {
  srand(seed)
  for (r = 0; r < n; r++) {
    len = 1 + int(rand() * 200); kind = r % 6; s = ""; q = ""; tail = int(rand() * 41)
    for (i = 0; i < len; i++) {
      if (polyg != "" && i >= len - tail) s = s (rand() < 0.08 ? substr("ACT", 1 + int(rand() * 3), 1) : "G")
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
