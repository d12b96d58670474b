#!/bin/sh
# Writes FASTQ reads whose qualities have designed patterns (random, bad head, bad tail, bad
# middle, all bad, all good) for the trimming peer tests. Usage: gen_quality_reads.sh SEED N
awk -v seed="$1" -v n="$2" 'BEGIN {
  srand(seed)
  for (r = 0; r < n; r++) {
    len = 1 + int(rand() * 200); kind = r % 6; s = ""; q = ""
    for (i = 0; i < len; i++) {
      s = s substr("ACGT", 1 + int(rand() * 4), 1)
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
