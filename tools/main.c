/* The `biometal` command: finds the subcommand in the table and runs it.
 * Also --version, --help and `help CMD`. */
#include "biometal/biometal.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const cli_command_t commands[] = {
    {"stats", cmd_stats, "summary statistics of FASTQ/FASTA files (as seqkit stats)"},
    {"seq", cmd_seq, "copy/convert FASTQ/FASTA records (compression by output name)"},
    {"filter", cmd_filter, "keep reads/pairs by length, N, mean quality, errors, complexity"},
    {"trim", cmd_trim, "trim reads/pairs: fixed, quality (Mott, BWA, window), poly-G/X"},
    {"align", cmd_align, "pairwise alignment: local, global, semi-global, extension (tsv/sam/paf)"},
};
static const size_t ncommands = sizeof commands / sizeof commands[0];

static void usage(FILE *out)
{
    fprintf(out,
            "biometal %s - fast sequencing-data tools (SIMD CPUs, NVIDIA GPUs)\n\n"
            "Usage: biometal <command> [options] [FILE...]\n\nCommands:\n",
            bm_version());
    for (size_t i = 0; i < ncommands; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "  %-10s %s\n\n", "help", "help on a command: biometal help <command>");
    fprintf(out, "Inputs may be plain, gzip or BGZF (detected from content); '-' or no file is "
                 "stdin.\nExit status: 0 ok, 1 bad input, 2 bad usage.\n");
}

static const cli_command_t *find(const char *name)
{
    for (size_t i = 0; i < ncommands; i++)
        if (strcmp(commands[i].name, name) == 0) return &commands[i];
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_BAD_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "version") || !strcmp(cmd, "-V")) {
        printf("biometal %s (kernels: %s)\n", bm_version(), bm_isa_name(bm_isa_active()));
        char gpu[256];
        if (bm_gpu_count() > 0 && bm_gpu_describe(0, gpu, sizeof gpu) == 0)
            printf("gpu: %s\n", gpu);
        else
            printf("gpu: none (%s)\n", bm_gpu_why_not());
        return EXIT_OK;
    }
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        if (!strcmp(cmd, "help") && argc > 2) {
            const cli_command_t *c = find(argv[2]);
            if (!c) {
                fprintf(stderr, "biometal: unknown command '%s'\n", argv[2]);
                return EXIT_BAD_USAGE;
            }
            char *args[] = {argv[2], "--help", NULL};
            return c->run(2, args);
        }
        usage(stdout);
        return EXIT_OK;
    }
    const cli_command_t *c = find(cmd);
    if (!c) {
        fprintf(stderr, "biometal: unknown command '%s' (try 'biometal help')\n", cmd);
        return EXIT_BAD_USAGE;
    }
    return c->run(argc - 1, argv + 1);
}
