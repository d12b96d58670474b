#!/usr/bin/env bash
# make_cases.sh: regenerates tests/malformed/cases/ (malformed inputs) and valid/ (edge cases that
# must be accepted). Deterministic: fixed text, gzip -n, python3 with fixed seeds; re-runnable.
#
# The generated files are committed; this script documents how each was made. The expected
# messages live in cases.tsv and valid.tsv next to it (edit them when adding a case here).
# Needs: bash, gzip, bgzip (tabix/htslib), python3. Usage: tests/malformed/make_cases.sh
# Byte-identical output needs the same gzip/zlib/bgzip versions (made with gzip 1.12, zlib 1.2.13,
# htslib 1.16); other versions may shift the byte offsets that some cases.tsv fragments quote.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
C=$here/cases
V=$here/valid
rm -rf "$C" "$V"
mkdir -p "$C" "$V"

# fq FIRST LAST: well-formed FASTQ records rFIRST..rLAST (8 bases, all 'I').
fq() { awk -v a="$1" -v b="$2" 'BEGIN { for (i = a; i <= b; i++) printf "@r%d\nACGTACGT\n+\nIIIIIIII\n", i }'; }
# crlf: LF -> CRLF line ends.
crlf() { sed 's/$/\r/'; }

# ---- FASTQ structure ---------------------------------------------------------------------------
{ fq 1 2; printf '@r3\nACGTACGT\n+\nIIIII\n'; fq 4 5; } >"$C/qual_shorter.fq"
{ fq 1 1; printf '@r2\nACGTACGT\n+\nIIIIIIIII\n'; fq 3 4; } >"$C/qual_longer.fq"
{ fq 1 1; printf '@r2\nACGTACGT\n+\n\n'; fq 3 4; } >"$C/qual_empty.fq"
{ fq 1 1; printf 'r2\nACGTACGT\n+\nIIIIIIII\n'; fq 3 3; } >"$C/missing_at.fq"
{ printf 'r1\nACGTACGT\n+\nIIIIIIII\n'; fq 2 3; } >"$C/missing_at_first.fq"
{ fq 1 1; printf '@r2\nACGTACGT\nIIIIIIII\n'; fq 3 3; } >"$C/missing_plus.fq"
{ fq 1 1; printf '@r2\nACGTACGT\n+r3\nIIIIIIII\n'; fq 3 3; } >"$C/plus_other_name.fq"
# A sequence wrapped over two lines (multi-line FASTQ is not supported).
{ printf '@r1\nACGTACGT\nACGT\n+\nIIIIIIIIIIII\n'; fq 2 2; } >"$C/wrapped_sequence.fq"
{ fq 1 1; printf '@r2\nACGTACGT\n\n+\nIIIIIIII\n'; } >"$C/blank_line_in_record.fq"
# FASTQ and FASTA concatenated.
{ fq 1 2; printf '>s3\nACGTACGT\n'; } >"$C/fastq_then_fasta.fq"
# A SAM file given as FASTQ (its header lines start with '@').
printf '@HD\tVN:1.6\tSO:unsorted\n@SQ\tSN:chr1\tLN:100\nr1\t4\t*\t0\t0\t*\t*\t0\t0\tACGT\tIIII\n' >"$C/sam_file.sam"

# ---- bytes outside the allowed ranges ----------------------------------------------------------
{ fq 1 1; printf '@r2\nACGTACGT\n+\nII IIIII\n'; } >"$C/qual_space.fq"
{ printf '@r1\nACGTACGT\n+\nI\177IIIIII\n'; fq 2 2; } >"$C/qual_del.fq"
{ fq 1 2; printf '@r3\nACGTACGT\n+\nIIII\303\251II\n'; } >"$C/qual_utf8.fq"  # "é": 7 chars, 8 bytes
{ fq 1 1; printf '@r2\nACGTACGT\n+\nIIIIII\tI\n'; } >"$C/qual_tab.fq"
{ fq 1 1; printf '@r2\nAC\000GTACG\n+\nIIIIIIII\n'; } >"$C/seq_nul.fq"
{ fq 1 1; printf '@r2\nACGT ACG\n+\nIIIIIIII\n'; } >"$C/seq_space.fq"
printf '@r1\000x\nACGTACGT\n+\nIIIIIIII\n' >"$C/header_nul.fq"

# ---- truncated plain FASTQ: the input ends at each line of record 3 -------------------------
{ fq 1 2; printf '@r3\n'; } >"$C/trunc_after_header.fq"
{ fq 1 2; printf '@r'; } >"$C/trunc_mid_header.fq"
{ fq 1 2; printf '@r3\nACGTACGT\n'; } >"$C/trunc_after_seq.fq"
{ fq 1 2; printf '@r3\nACGTACGT\n+\n'; } >"$C/trunc_after_plus.fq"
{ fq 1 2; printf '@r3\nACGTACGT\n+\nIII'; } >"$C/trunc_mid_qual.fq"

# ---- CRLF files ------------------------------------------------------------------------------
{ fq 1 1; printf '@r2\nACGTACGT\n+\nIIIIIII\n'; fq 3 3; } | crlf >"$C/crlf_qual_shorter.fq"
{ fq 1 1; printf '@r2\nACGTACGT\n+r3\nIIIIIIII\n'; fq 3 3; } | crlf >"$C/crlf_plus_other_name.fq"
{ fq 1 2; printf 'r3\nACGTACGT\n+\nIIIIIIII\n'; } | crlf >"$C/crlf_missing_at.fq"
{ fq 1 2; printf '@r3\nACGTACGT\n'; } | crlf >"$C/crlf_trunc_after_seq.fq"
{ fq 1 1; printf '@r2\nACGTACGT\n+\nIII\001IIII\n'; } | crlf >"$C/crlf_qual_ctrl.fq"
# Old Mac line ends (CR only): the whole file is one line.
fq 1 2 | tr '\n' '\r' >"$C/cr_only_line_ends.fq"

# ---- FASTA -----------------------------------------------------------------------------------
printf '>s1\nACGTACGT\n>s2 desc\nACGT\001ACGT\nACGT\n' >"$C/fasta_ctrl.fa"
printf '>s1\nACGTACGT\nAC\033[31mGT\n' >"$C/fasta_escape.fa"
printf '>s1\nACGTACGT\n>s2\nACGTACGT\n>s3\nAC\000GT\n' >"$C/fasta_nul.fa"
printf '>s1\nACGTACGT\n>s2\nACG\007T\n' | crlf >"$C/fasta_crlf_ctrl.fa"
printf 'ACGTACGT\n>s2\nACGTACGT\n' >"$C/fasta_no_header.fa"

# ---- errors deep in a file (checks the record number) ----------------------------------------
{ fq 1 1233; printf '@r1234\nACGTACGT\n+\nIIIIIII\n'; fq 1235 1300; } >"$C/deep_error.fq"

# ---- bad input in the second file given to stats (_good.fq comes first; see cases.tsv) -------
fq 1 3 >"$C/_good.fq"
{ fq 1 1; printf '@r2\nACGTACGT\n+\nIIIII\n'; } >"$C/second_file_bad.fq"

# ---- gzip --------------------------------------------------------------------------------------
fq 1 40 | gzip -n -9 >"$C/_base.fq.gz" # helper for the cuts below, not a case
base_len=$(stat -c %s "$C/_base.fq.gz")
head -c $((base_len / 2)) "$C/_base.fq.gz" >"$C/gz_trunc_middle.fq.gz"
head -c $((base_len - 3)) "$C/_base.fq.gz" >"$C/gz_trunc_trailer.fq.gz" # 5 of 8 trailer bytes
head -c 6 "$C/_base.fq.gz" >"$C/gz_trunc_header.fq.gz"
{ cat "$C/_base.fq.gz"; printf 'garbage after the gzip member\n'; } >"$C/gz_trailing_garbage.fq.gz"
{ cat "$C/_base.fq.gz"; head -c 512 /dev/zero; } >"$C/gz_trailing_zeros.fq.gz"
{ cat "$C/_base.fq.gz"; head -c $((base_len / 2)) "$C/_base.fq.gz"; } >"$C/gz_second_member_trunc.fq.gz"
{ fq 1 1; printf '@r2\nACGTACGT\n+\nIIIIII\n'; fq 3 9; } | gzip -n >"$C/gz_record_error.fq.gz"
# Big plain inputs, committed gzipped; run.sh's "gunzip" option also runs them decompressed (10.4 MB:
# memory-mapped, and split into ranges by `stats -@ 2`). 400,000 records of 26 bytes.
big() { # big BAD_RECORD BAD_TEXT [END_TEXT]: record BAD_RECORD replaced, END_TEXT appended
    awk -v bad="$1" -v text="$2" -v end="${3:-}" 'BEGIN { r = "@r\nACGTACGTAC\n+\nIIIIIIIIII\n"
        for (i = 1; i <= 400000; i++) printf "%s", (i == bad ? text : r)
        printf "%s", end }' | gzip -n -9
}
big 350001 '@r\nACGTACGTAC\n+\nIIIIIIIII\n' >"$C/big_deep_error.fq.gz"
big 200001 '@r\nACGTA\001GTAC\n+\nIIIIIIIIII\n' >"$C/big_ctrl_middle.fq.gz"
big 0 '' '@r\nACGTACGTAC\n+\nIIII' >"$C/big_trunc_mid_qual.fq.gz"
# A 10 MB header line without a line end.
{ printf '@'; head -c 10000000 /dev/zero | tr '\0' 'A'; } | gzip -n -9 >"$C/gz_huge_header.fq.gz"

python3 - "$C" <<'PY'
# Byte surgery on gzip members, BGZF files built block by block, binary garbage.
import random, struct, sys, zlib

C = sys.argv[1]

def read(name):
    with open(f"{C}/{name}", "rb") as f:
        return bytearray(f.read())

def write(name, data):
    with open(f"{C}/{name}", "wb") as f:
        f.write(bytes(data))

def fq(first, last, seq=b"ACGTACGT"):
    return b"".join(b"@r%d\n%s\n+\n%s\n" % (i, seq, b"I" * len(seq)) for i in range(first, last + 1))

# -- gzip: flipped deflate bytes, bad CRC, bad ISIZE, reserved header flags
base = read("_base.fq.gz")
d = bytearray(base)
d[10] ^= 0xFF  # first byte of the deflate data: block header and code-length bits
write("gz_flipped_deflate.fq.gz", d)
d = bytearray(base)
d[-8] ^= 0x01  # CRC32 in the trailer
write("gz_bad_crc.fq.gz", d)
d = bytearray(base)
d[-4] ^= 0x01  # ISIZE in the trailer
write("gz_bad_isize.fq.gz", d)
d = bytearray(base)
d[3] |= 0xE0  # FLG reserved bits (RFC 1952: a decoder must reject them)
write("gz_reserved_flags.fq.gz", d)

# -- BGZF, written as bgzip does (BC extra field, CRC32, ISIZE, EOF block) but with a few records
#    per block so that small files have several blocks.
EOF_BLOCK = bytes.fromhex("1f8b08040000000000ff0600424302001b0003000000000000000000")

def bgzf_block(data):
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    cdata = c.compress(data) + c.flush()
    bsize = 18 + len(cdata) + 8 - 1
    head = b"\x1f\x8b\x08\x04\x00\x00\x00\x00\x00\xff\x06\x00BC\x02\x00" + struct.pack("<H", bsize)
    return head + cdata + struct.pack("<II", zlib.crc32(data), len(data))

def bgzf(chunks, eof=True):
    blocks = [bgzf_block(c) for c in chunks]
    return blocks, b"".join(blocks) + (EOF_BLOCK if eof else b"")

chunks = [fq(1, 4), fq(5, 8), fq(9, 12), fq(13, 16)]
blocks, whole = bgzf(chunks)
b0 = len(blocks[0])
b1 = b0 + len(blocks[1])  # offset of block 2 (0-based)
write("bgzf_trunc_mid_block.fq.bgz", whole[: b0 + len(blocks[1]) // 2])
write("bgzf_trunc_mid_header.fq.bgz", whole[: b0 + 9])
write("bgzf_trunc_first_header.fq.bgz", whole[:17])
d = bytearray(whole)
d[b1 - 8] ^= 0x01  # CRC32 of block 1
write("bgzf_bad_crc.fq.bgz", d)
d = bytearray(whole)
d[b1 - 4] ^= 0x01  # ISIZE of block 1 (off by one)
write("bgzf_bad_isize.fq.bgz", d)
d = bytearray(whole)
d[b1 - 2] = 0x01  # ISIZE of block 1 = 65536 * 2 + ...: more than a BGZF block can hold
write("bgzf_isize_huge.fq.bgz", d)
d = bytearray(whole)
d[b0 + 18] ^= 0xFF  # first deflate byte of block 1
d[b0 + 19] ^= 0xFF
write("bgzf_bad_deflate.fq.bgz", d)
d = bytearray(whole)
d[b0 + 16 : b0 + 18] = struct.pack("<H", 10)  # BSIZE of block 1 smaller than its own header
write("bgzf_bsize_too_small.fq.bgz", d)
write("bgzf_trailing_garbage.fq.bgz", whole + b"this is not a BGZF block, just text\n")
# Complete blocks, no EOF block, and the last block ends inside a record.
_, cut = bgzf([fq(1, 4), fq(5, 8) + b"@r9\nACGT"], eof=False)
write("bgzf_cut_mid_record.fq.bgz", cut)
# 3000 records in 60 blocks, record 2500 bad.
recs = [b"@r%d\nACGTACGT\n+\nIIIIIIII\n" % i for i in range(1, 3001)]
recs[2499] = b"@r2500\nACGTACGT\n+\nIIIIIII\n"
_, deep = bgzf([b"".join(recs[i : i + 50]) for i in range(0, 3000, 50)])
write("bgzf_deep_error.fq.bgz", deep)

# -- binary files
# Start of an x86-64 ELF executable: ELF header, then zeros (as `file` sees /bin/true).
elf = bytearray(b"\x7fELF\x02\x01\x01" + b"\x00" * 9)
elf += struct.pack("<HHIQQQIHHHHHH", 3, 0x3E, 1, 0x1040, 64, 0, 0, 64, 56, 1, 64, 0, 0)
elf += bytes(range(256)) * 4
write("elf_binary.bin", elf)
rnd = random.Random(20240501)
write("random_bytes.bin", bytes([0x9C]) + bytes(rnd.randrange(256) for _ in range(4095)))
write("at_then_random.fq", b"@" + bytes(rnd.randrange(256) for _ in range(4095)))
write("gt_then_random.fa", b">" + bytes(rnd.randrange(256) for _ in range(4095)))
png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
png += struct.pack(">I", zlib.crc32(png[12:]))
write("png_image.png", png)
write("nul_bytes.bin", b"\x00" * 1024)
write("utf16_bom.fq", b"\xff\xfe" + fq(1, 2).decode().encode("utf-16-le"))
write("utf8_bom.fq", b"\xef\xbb\xbf" + fq(1, 2))
# A BAM file: BGZF whose text starts "BAM\1" (header text, one reference).
bam = b"BAM\x01" + struct.pack("<I", 0) + struct.pack("<I", 1) + struct.pack("<I", 5) + b"chr1\x00"
bam += struct.pack("<I", 1000)
_, bamfile = bgzf([bam])
write("bam_file.bam", bamfile)
PY
rm -f "$C/_base.fq.gz"

# Real bgzip output (one block + EOF block), cut inside the block.
fq 1 200 | bgzip -c >"$C/_bgzip.fq.bgz"
head -c $(($(stat -c %s "$C/_bgzip.fq.bgz") / 2)) "$C/_bgzip.fq.bgz" >"$C/bgzip_trunc.fq.bgz"
rm -f "$C/_bgzip.fq.bgz"

# ---- valid edge cases (valid.tsv lists format, num_seqs, sum_len) ---------------------------
fq 1 3 | crlf >"$V/crlf.fq"
fq 1 3 | crlf | head -c -2 >"$V/crlf_no_final_newline.fq"
fq 1 3 | head -c -1 >"$V/no_final_newline.fq"
printf '@r1 desc\nACGTACGT\n+r1 desc\nIIIIIIII\n@r2\nACGT\n+r2\nIIII\n' >"$V/plus_repeats_name.fq"
printf '@r1\nacgtnACGTN\n+\nIIIIIIIIII\n@r2\nacgt\n+\n!!!!\n' >"$V/lowercase.fq"
printf '@r1\n\n+\n\n@r2\nACGT\n+\nIIII\n@r3\n\n+\n\n' >"$V/empty_seq.fq"
printf '@r1\nACGT\n+\nIIII\n@r2\n\n+' >"$V/empty_seq_last_no_newline.fq"
printf '>s1\nACGTACGTAC\nGTACGTACGT\nACG\n>s2\nAC\nGT\n' >"$V/multiline.fa"
printf '>s1 Homo sapiens chromosome 1, description with spaces\nACGTACGT\n>s2\tdesc\nACG\n' \
    >"$V/description.fa"
printf '>s1\nACGTACGT\n' | crlf >"$V/crlf.fa"
printf '>s1\nACGT\nACGT\n>s2\nAC' >"$V/fasta_no_final_newline.fa"
printf '>s1\n>s2\nACGT\n>s3\n' >"$V/fasta_empty_seq.fa"
{ fq 1 3; printf '\n'; } >"$V/blank_line_at_end.fq"
{ fq 1 2; printf '\n\n'; fq 3 3; printf '\n\n\n'; } >"$V/blank_lines_between.fq"
# Quality lines that start with '@' and '+' (a line-oriented parser must not take them as headers).
printf '@r1\nACGT\n+\n@III\n@r2\nACGT\n+\n+III\n@r3\nACGT\n+\n@@@@\n' >"$V/qual_starts_with_at.fq"
printf '@r1\nACGT\n+\n!~!~\n' >"$V/qual_extremes.fq"
: >"$V/empty.fq"
: | gzip -n >"$V/empty.fq.gz"
{ fq 1 2 | gzip -n; fq 3 5 | gzip -n; } >"$V/multi_member.fq.gz"
fq 1 5 | bgzip -c >"$V/bgzip.fq.bgz"
fq 1 3 | crlf | gzip -n >"$V/crlf.fq.gz"

echo "wrote $(find "$C" -type f | wc -l) files in $C and $(find "$V" -type f | wc -l) in $V"
