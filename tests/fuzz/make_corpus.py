#!/usr/bin/env python3
# Regenerates the seed corpora in tests/fuzz/corpus/<harness>/ from data/sample and hand-made edge
# cases (needs gzip and bgzip). Files found by fuzzing (crash-*, found-*) are kept. Run from anywhere.
import gzip
import os
import struct
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SAMPLE = os.path.join(ROOT, "data", "sample")
MAX_FILE = 4096


def fastq_records(path, n, skip=0):
    with gzip.open(path, "rb") as f:
        lines = f.read().split(b"\n")
    recs = []
    for i in range(skip, skip + n):
        recs.append(lines[4 * i : 4 * i + 4])
    return recs


def fq(recs):
    return b"".join(b"\n".join(r) + b"\n" for r in recs)


def lambda_genome():
    with gzip.open(os.path.join(SAMPLE, "lambda_virus.fa.gz"), "rb") as f:
        lines = f.read().split(b"\n")
    return lines[0][1:], b"".join(lines[1:])


def wrap(seq, width):
    return b"\n".join(seq[i : i + width] for i in range(0, len(seq), width)) + b"\n"


def gz(data, level=6, mtime=0):
    return gzip.compress(data, compresslevel=level, mtime=mtime)


def bgzip(data):
    return subprocess.run(["bgzip", "-c"], input=data, stdout=subprocess.PIPE, check=True).stdout


BGZF_EOF = bytes.fromhex("1f8b08040000000000ff0600424302001b0003000000000000000000")


def bgzf_blocks(data, block, eof=True, level=6):
    """BGZF with blocks of `block` uncompressed bytes (bgzip always uses 64 KiB)."""
    out = b""
    for at in range(0, len(data), block):
        chunk = data[at : at + block]
        c = zlib.compressobj(level, zlib.DEFLATED, -15)
        cdata = c.compress(chunk) + c.flush()
        bsize = 18 + len(cdata) + 8 - 1
        out += b"\x1f\x8b\x08\x04\x00\x00\x00\x00\x00\xff\x06\x00BC\x02\x00" + struct.pack("<H", bsize)
        out += cdata + struct.pack("<II", zlib.crc32(chunk), len(chunk))
    return out + (BGZF_EOF if eof else b"")


def gzip_with_header(data, fname=None, comment=None, hcrc=False, extra=None):
    """A gzip member with optional FNAME, FCOMMENT, FEXTRA and FHCRC header fields."""
    flg = 0
    rest = b""
    if extra is not None:
        flg |= 4
        rest += struct.pack("<H", len(extra)) + extra
    if fname is not None:
        flg |= 8
        rest += fname + b"\0"
    if comment is not None:
        flg |= 16
        rest += comment + b"\0"
    hdr = b"\x1f\x8b\x08" + bytes([flg | (2 if hcrc else 0)]) + b"\0\0\0\0\0\x03" + rest
    if hcrc:
        hdr += struct.pack("<H", zlib.crc32(hdr) & 0xFFFF)
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return hdr + c.compress(data) + c.flush() + struct.pack("<II", zlib.crc32(data), len(data))


def stored_gzip(data):
    c = zlib.compressobj(0, zlib.DEFLATED, -15)
    body = c.compress(data) + c.flush()
    return b"\x1f\x8b\x08\0\0\0\0\0\0\x03" + body + struct.pack("<II", zlib.crc32(data), len(data))


def write_corpus(name, files):
    d = os.path.join(HERE, "corpus", name)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if not (f.startswith("crash-") or f.startswith("found-")):
            os.remove(os.path.join(d, f))
    for fname, data in files.items():
        if len(data) > MAX_FILE:
            sys.exit(f"{name}/{fname}: {len(data)} bytes > {MAX_FILE}")
        with open(os.path.join(d, fname), "wb") as f:
            f.write(data)


def main():
    r1 = fastq_records(os.path.join(SAMPLE, "reads_1.fq.gz"), 6)
    r2 = fastq_records(os.path.join(SAMPLE, "reads_2.fq.gz"), 6)
    short = [r for r in fastq_records(os.path.join(SAMPLE, "reads_1.fq.gz"), 400) if len(r[1]) < 60][:6]
    four = fq(r1[:4])
    small = fq(short)
    inter = fq([x for pair in zip(r1[:3], r2[:3]) for x in pair])
    lam_name, lam = lambda_genome()

    fastq = {
        "real_4reads.fq": four,
        "real_short_reads.fq": small,
        "real_pairs_interleaved.fq": inter,
        "pairs_slash12_desc.fq": b"@p1/1 desc one\nACGT\n+\nIIII\n@p1/2\tdesc two\nTTGA\n+\n####\n"
        b"@p2/1\nNNNN\n+\n!!!!\n@p3/2\nA\n+\n~\n",
        "crlf.fq": small.replace(b"\n", b"\r\n"),
        "empty_sequence.fq": b"@empty\n\n+\n\n@next\nACGT\n+\nIIII\n",
        "empty_at_end.fq": b"@a\nAC\n+\nII\n@empty\n\n+\n",
        "plus_repeats_header.fq": b"@r1 x\nACGTN\n+r1 x\nIIII#\n",
        "plus_mismatch.fq": b"@r1\nACGT\n+r2\nIIII\n",
        "no_final_newline.fq": b"@r1\nACGTACGT\n+\nIIIIIIII",
        "blank_lines.fq": b"\n\r\n@r1\nACGT\n+\nIIII\n\n\n@r2\nGG\n+\n55\n\n",
        "lowercase.fq": b"@lc\nacgtnACGTN\n+\nabcdefghij\n",
        "all_quals.fq": b"@q\n" + b"A" * 94 + b"\n+\n" + bytes(range(33, 127)) + b"\n",
        "long_read.fq": b"@long\n" + lam[:1900] + b"\n+\n" + (b"I5#" * 700)[:1900] + b"\n",
        "seq_at_plus.fq": b"@r\n@+@+\n+\n++@@\n@r2\n+\n+\n!\n",
        "empty.fq": b"",
        "truncated_after_header.fq": b"@r1\n",
        "truncated_after_seq.fq": b"@r1\nACGT\n",
        "truncated_qual.fq": b"@r1\nACGTACGT\n+\nIIII",
        "qual_too_long.fq": b"@r1\nACGT\n+\nIIIIII\n",
        "qual_space.fq": b"@r1\nACGT\n+\nII I\n",
        "qual_tab.fq": b"@r1\nACGT\n+\nII\tI\n",
        "missing_plus.fq": b"@r1\nACGT\nIIII\n@r2\nACGT\n+\nIIII\n",
        "missing_at.fq": b"@r1\nACGT\n+\nIIII\nr2\nACGT\n+\nIIII\n",
        "binary.fq": b"@r1\nAC\x00\xffGT\n+\nIIIIII\n",
        "high_bytes_qual.fq": b"@r1\nACGT\n+\nII\x80\xfe\n",
        "not_fastq.txt": b"ACGT\nhello\n",
        "fasta_as_fastq.fq": b">chr\nACGT\n",
        "cr_only.fq": b"@r1\rACGT\r+\rIIII\r",
        "name_cr.fq": b"@r1\r\r\nACGT\r\n+\r\nIIII\r\n",
        "mate_mismatch.fq": b"@a/1\nAC\n+\nII\n@b/2\nAC\n+\nII\n",
        "odd_records.fq": b"@a/1\nAC\n+\nII\n@a/2\nAC\n+\nII\n@c/1\nA\n+\nI\n",
    }

    lam_multi = b">" + lam_name + b"\n" + wrap(lam[:2000], 70)
    fasta = {
        "lambda_multiline.fa": lam_multi,
        "lambda_60col_records.fa": b"".join(
            b">frag%d pos=%d\n" % (i, i * 300) + wrap(lam[i * 300 : i * 300 + 250], 60) for i in range(8)
        ),
        "single_line.fa": b">one\n" + lam[:500] + b"\n>two desc\n" + lam[500:700] + b"\n",
        "long_line_4080.fa": b">L\n" + lam[:4085] + b"\n",
        "crlf.fa": lam_multi[:1200].replace(b"\n", b"\r\n") + b"\r\n",
        "empty_sequence.fa": b">empty\n>next\nACGT\n>empty2\n",
        "header_only.fa": b">",
        "no_final_newline.fa": b">a\nACGT\nGG",
        "blank_lines_inside.fa": b"\n\n>a\nAC\n\nGT\n\n>b\n\nTT\n",
        "lowercase_soft_masked.fa": b">m\nacgtNNNNacgtACGT\nnnnn\n",
        "protein.fa": b">sp|P12345| protein\nMKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQAPILSRVGDGTQDNLSGAEKAVQVKVKALPDAQ*\n",
        "rna.fa": b">rna\nACGUACGUNNUU\n",
        "gaps.fa": b">aln1\nAC-GT..GT\n>aln2\nA C G T\n",
        "iupac.fa": b">iupac\nRYMKSWHBVDN\n",
        "many_small.fa": b"".join(b">s%d\n%s\n" % (i, b"ACGT"[: i % 5]) for i in range(60)),
        "empty.fa": b"",
        "fastq_as_fasta.fa": b"@r1\nACGT\n+\nIIII\n",
        "binary.fa": b">b\nAC\x00GT\x01\n",
        "tab_in_sequence.fa": b">t\nAC\tGT\n",
        "high_byte.fa": b">h\nACGT\xc3\xa9\n",
        "semicolon_comment.fa": b";comment\n>a\nACGT\n",
        "gt_in_sequence.fa": b">a\nAC>GT\n>b\n>\n",
        "cr_only.fa": b">a\rACGT\rACGT\r",
    }

    long_fasta = b">long\n" + wrap((b"ACGTTGCA" * 9000)[:70000], 80)
    src_fq = four
    source = {
        "plain.fq": small,
        "gzip.fq.gz": gz(small),
        "gzip_level1.fa.gz": gz(lam_multi[:1500], 1),
        "gzip_multi_member.fq.gz": gz(fq(short[:2])) + gz(fq(short[2:4])) + gz(b""),
        "gzip_empty.gz": gz(b""),
        "gzip_stored.fq.gz": stored_gzip(small[:500]),
        "gzip_fname_comment.fq.gz": gzip_with_header(small, fname=b"reads.fq", comment=b"hello"),
        "gzip_fhcrc.fq.gz": gzip_with_header(small, hcrc=True),
        "gzip_fextra.fq.gz": gzip_with_header(small, extra=b"XY\x03\x00abc"),
        "gzip_long_fasta.fa.gz": gz(long_fasta, 9),
        "gzip_in_gzip.gz": gz(gz(small)),
        "gzip_truncated.fq.gz": gz(src_fq)[:-30],
        "gzip_truncated_trailer.fq.gz": gz(small)[:-3],
        "gzip_bad_crc.fq.gz": gz(small)[:-8] + b"\0\0\0\0" + gz(small)[-4:],
        "gzip_trailing_garbage.fq.gz": gz(small) + b"garbage",
        "gzip_trailing_zeros.fq.gz": gz(small) + b"\0" * 8,
        "bgzip.fq.gz": bgzip(src_fq),
        "bgzip.fa.gz": bgzip(lam_multi[:3000]),
        "bgzip_empty.gz": bgzip(b""),
        "bgzf_tiny_blocks.fq.gz": bgzf_blocks(small[:400], 7),
        "bgzf_block_per_line.fa.gz": bgzf_blocks(lam_multi[:900], 71),
        "bgzf_no_eof.fq.gz": bgzf_blocks(small[:600], 100, eof=False),
        "bgzf_truncated.fq.gz": bgzf_blocks(small[:600], 100)[:-40],
        "bgzf_long_fasta.fa.gz": bgzf_blocks(long_fasta, 65280),
        "bgzf_full_block.fa.gz": bgzf_blocks(b">A\n" + b"A" * 65533, 65536),
        "bgzf_then_gzip.gz": bgzf_blocks(small[:300], 300, eof=False) + gz(small[300:600]),
        "gzip_then_bgzf.gz": gz(small[:300]) + bgzf_blocks(small[300:600], 300),
        "bgzf_crlf.fq.gz": bgzf_blocks(small.replace(b"\n", b"\r\n")[:800], 13),
        "bgzf_bad_bsize.gz": bytearray(bgzf_blocks(small[:200], 200)),
    }
    bad = source["bgzf_bad_bsize.gz"]
    bad[16] = 5  # BSIZE smaller than the header
    source["bgzf_bad_bsize.gz"] = bytes(bad)

    write_corpus("fastq", fastq)
    write_corpus("fasta", fasta)
    write_corpus("source", source)
    total = 0
    for name in ("fastq", "fasta", "source"):
        d = os.path.join(HERE, "corpus", name)
        files = os.listdir(d)
        size = sum(os.path.getsize(os.path.join(d, f)) for f in files)
        total += size
        print(f"corpus/{name}: {len(files)} files, {size} bytes")
    print(f"total {total} bytes")


if __name__ == "__main__":
    main()
