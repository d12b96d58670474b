#!/usr/bin/python3
# Writes reads with known adapters for the adapter peer tests: inserts cut from the lambda phage
# genome (either strand), followed by the adapter and what a sequencer reads after it (index,
# flow-cell primer, then A), with 1% substitutions and some N. Each read's name holds "_ins<L>",
# its insert length: the truth the trimmed lengths are compared with; single-end names end in
# "_skip<K>", the adapter bases missing at the start of an adapter dimer (0 for other reads).
#   adapter_gen.py se SEED N GENOME.fa.gz OUT.fq                  single-end, TruSeq read 1
#   adapter_gen.py pe SEED N GENOME.fa.gz OUT1.fq OUT2.fq         pairs, TruSeq read 1 and 2
#   adapter_gen.py detect KIND SEED N GENOME.fa.gz OUT.fq
#       KIND: truseq, nextera (25% of the reads with the adapter), smallrna (all, 50-base reads),
#       none, amplicon (one 150-base fragment in every read)
# Python standard library only; the output depends only on the arguments.
import gzip
import random
import sys

TRUSEQ_R1 = "AGATCGGAAGAGCACACGTCTGAACTCCAGTCAC" + "ATCACG" + "ATCTCGTATGCCGTCTTCTGCTTG"
TRUSEQ_R2 = "AGATCGGAAGAGCGTCGTGTAGGGAAAGAGTGT" + "AGATCTCGGTGGTCGCCGTATCATT"
NEXTERA = "CTGTCTCTTATACACATCTCCGAGCCCACGAGAC" + "TAAGGCGA" + "ATCTCGTATGCCGTCTTCTGCTTG"
SMALL_RNA = "TGGAATTCTCGGGTGCCAAGG" + "AACTCCAGTCAC" + "ATCACG" + "ATCTCGTATGCCGTCTTCTGCTTG"
COMPLEMENT = str.maketrans("ACGTN", "TGCAN")
KINDS = ("truseq", "nextera", "smallrna", "none", "amplicon")


def revcomp(s):
    return s.translate(COMPLEMENT)[::-1]


def genome(path):
    with gzip.open(path, "rt") as f:
        return "".join(line.strip().upper() for line in f if not line.startswith(">"))


def fragment(rng, g, length):
    at = rng.randrange(0, len(g) - length)
    s = g[at:at + length]
    return s if rng.random() < 0.5 else revcomp(s)


def sequenced(rng, s, length, error=0.01):
    """The first `length` bases of s (padded with A), with substitutions and N."""
    s = (s + "A" * length)[:length]
    out = []
    for b in s:
        r = rng.random()
        if r < error:
            b = rng.choice([x for x in "ACGT" if x != b])
        elif r < error + 0.002:
            b = "N"
        out.append(b)
    return "".join(out)


def record(name, seq):
    return "@%s\n%s\n+\n%s\n" % (name, seq, "I" * len(seq))


def single_end(rng, g, n, out):
    for i in range(n):
        length = 150 if rng.random() < 0.9 else rng.randrange(20, 152)
        kind, skip = rng.random(), 0
        if kind < 0.3:  # no adapter
            ins = length + rng.randrange(0, 100)
            seq = fragment(rng, g, ins)
        elif kind < 0.35:  # adapter dimer missing its first 1-3 bases
            ins, skip = 0, rng.randrange(1, 4)
            seq = TRUSEQ_R1[skip:]
        else:
            ins = rng.randrange(0, length)
            seq = fragment(rng, g, ins) + TRUSEQ_R1
        out.write(record("s%d_ins%d_skip%d" % (i, ins, skip), sequenced(rng, seq, length)))


def paired_end(rng, g, n, out1, out2):
    for i in range(n):
        len1 = 150 if rng.random() < 0.9 else rng.randrange(60, 152)
        len2 = len1 if rng.random() < 0.8 else rng.randrange(60, 152)
        ins = rng.randrange(0, 150) if rng.random() < 0.5 else rng.randrange(150, 400)
        frag = fragment(rng, g, ins)
        name = "p%d_ins%d" % (i, ins)
        out1.write(record(name, sequenced(rng, frag + TRUSEQ_R1, len1)))
        out2.write(record(name, sequenced(rng, revcomp(frag) + TRUSEQ_R2, len2)))


def for_detection(rng, g, kind, n, out):
    adapter = {"truseq": TRUSEQ_R1, "nextera": NEXTERA, "smallrna": SMALL_RNA}.get(kind, "")
    length = 50 if kind == "smallrna" else 150
    amplicon = fragment(rng, g, length)
    for i in range(n):
        if kind == "amplicon":
            out.write(record("d%d_ins%d" % (i, length), sequenced(rng, amplicon, length, 0.002)))
            continue
        if kind == "smallrna":
            ins = rng.randrange(15, 31)
        elif adapter and rng.random() < 0.25:
            ins = rng.randrange(20, length)
        else:
            ins = length
        seq = fragment(rng, g, ins) + adapter
        out.write(record("d%d_ins%d" % (i, ins), sequenced(rng, seq, length)))


def main(argv):
    mode = argv[1] if len(argv) > 1 else ""
    if mode == "se" and len(argv) == 6:
        rng = random.Random(int(argv[2]))
        with open(argv[5], "w") as out:
            single_end(rng, genome(argv[4]), int(argv[3]), out)
    elif mode == "pe" and len(argv) == 7:
        rng = random.Random(int(argv[2]))
        with open(argv[5], "w") as out1, open(argv[6], "w") as out2:
            paired_end(rng, genome(argv[4]), int(argv[3]), out1, out2)
    elif mode == "detect" and len(argv) == 7 and argv[2] in KINDS:
        rng = random.Random(int(argv[3]))
        with open(argv[6], "w") as out:
            for_detection(rng, genome(argv[5]), argv[2], int(argv[4]), out)
    else:
        sys.stderr.write(__doc__ or "usage: see the comment at the top of adapter_gen.py\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
