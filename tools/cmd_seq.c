/* `biometal seq`: copy FASTQ/FASTA records to a new file, converting compression (by output name)
 * and optionally FASTQ to FASTA. A failed run leaves no output file. */
#include "biometal/biometal.h"
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void seq_usage(FILE *out)
{
    fprintf(out,
            "Usage: biometal seq [options] [FILE]\n\n"
            "Copy FASTQ/FASTA records, checking every record on the way. The output compression\n"
            "follows the output name (.gz gzip, .bgz BGZF, otherwise plain).\n\n"
            "Options:\n"
            "  -o, --out FILE       output file ('-' = stdout) [-]\n"
            "  -A, --fasta          write FASTA (drop qualities)\n"
            "  -z, --compress KIND  none, gzip or bgzf, whatever the name says\n"
            "  -L, --level N        compression level 1..12 [6]\n"
            "  -@, --threads N      read-ahead decompression thread when N > 1 [1]\n"
            "  -h, --help           this help\n");
}

int cmd_seq(int argc, char **argv)
{
    static const struct option longopts[] = {{"out", required_argument, NULL, 'o'},
                                             {"fasta", no_argument, NULL, 'A'},
                                             {"compress", required_argument, NULL, 'z'},
                                             {"level", required_argument, NULL, 'L'},
                                             {"threads", required_argument, NULL, '@'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    const char *out = "-";
    int fasta = 0, threads = 1, c;
    bm_sink_opts_t sink = {.compression = -1, .level = 0};
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:Az:L:@:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            out = optarg;
            break;
        case 'A':
            fasta = 1;
            break;
        case 'z':
            if (!strcmp(optarg, "none"))
                sink.compression = BM_COMPRESSION_NONE;
            else if (!strcmp(optarg, "gzip") || !strcmp(optarg, "gz"))
                sink.compression = BM_COMPRESSION_GZIP;
            else if (!strcmp(optarg, "bgzf") || !strcmp(optarg, "bgz"))
                sink.compression = BM_COMPRESSION_BGZF;
            else {
                cli_error("seq", "unknown compression '%s' (none, gzip, bgzf)", optarg);
                return EXIT_BAD_USAGE;
            }
            break;
        case 'L':
            sink.level = atoi(optarg);
            if (sink.level < 1 || sink.level > 12) {
                cli_error("seq", "compression level '%s' not in 1..12", optarg);
                return EXIT_BAD_USAGE;
            }
            break;
        case '@':
            threads = cli_parse_threads(optarg);
            if (threads < 0) {
                cli_error("seq", "invalid thread count '%s'", optarg);
                return EXIT_BAD_USAGE;
            }
            break;
        case 'h':
            seq_usage(stdout);
            return EXIT_OK;
        default:
            seq_usage(stderr);
            return EXIT_BAD_USAGE;
        }
    }
    if (argc - optind > 1) {
        cli_error("seq", "one input at a time");
        return EXIT_BAD_USAGE;
    }
    const char *in = optind < argc ? argv[optind] : "-";
    bm_reader_opts_t ropts = {.source = {.threads = threads > 1}};
    bm_fastx_reader_t *r = NULL;
    bm_fastx_writer_t *w = NULL;
    bm_record_t rec;
    int rc = bm_fastx_open(&r, in, &ropts);
    int got = rc < 0 ? rc : bm_fastx_next(r, &rec);
    if (got >= 0) {
        bm_format_t fmt =
            fasta || bm_fastx_format(r) == BM_FORMAT_FASTA ? BM_FORMAT_FASTA : BM_FORMAT_FASTQ;
        rc = bm_fastx_writer_open(&w, out, fmt, &sink);
        while (rc == 0 && got == 1) {
            rc = bm_fastx_write(w, &rec);
            if (rc == 0) got = bm_fastx_next(r, &rec);
        }
        if (rc == 0 && got < 0) rc = got;
    } else {
        rc = got;
    }
    if (rc == 0)
        rc = bm_fastx_writer_close(w);
    else
        bm_fastx_writer_abort(w);
    bm_fastx_close(r);
    if (rc < 0) {
        cli_error("seq", "%s", bm_last_error());
        return rc == BM_EINVAL ? EXIT_BAD_USAGE : EXIT_BAD_INPUT;
    }
    return EXIT_OK;
}
