/* Shared pieces of the biometal CLI: the command table entry, exit codes and messages.
 * Each subcommand lives in its own cmd_*.c and only parses options, calls the library, prints. */
#ifndef BIOMETAL_CLI_H
#define BIOMETAL_CLI_H

enum { EXIT_OK = 0, EXIT_BAD_INPUT = 1, EXIT_BAD_USAGE = 2 };

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} cli_command_t;

/* Prints "biometal CMD: error: MESSAGE" to stderr. */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parses a non-negative thread count ("0" = all cores); returns -1 when invalid. */
int cli_parse_threads(const char *s);

/* Number of online cores (at least 1). */
int cli_cores(void);

int cmd_stats(int argc, char **argv);
int cmd_seq(int argc, char **argv);
int cmd_filter(int argc, char **argv);
int cmd_trim(int argc, char **argv);
int cmd_align(int argc, char **argv);

#endif
