/* cli.h - subcommands of the hme binary and what they share. */
#ifndef HME_CLI_H
#define HME_CLI_H
#include <stdbool.h>
#include <stdio.h>
#include "hme.h"

/* Exit codes (documented in --help and README). */
#define HME_EXIT_OK 0
#define HME_EXIT_FAIL 1   /* input rejected with --on-error fail, I/O error, metric data missing */
#define HME_EXIT_USAGE 2  /* bad command line */

int hme_cli_eval(int argc, char **argv);
int hme_cli_score(int argc, char **argv);

/* An hme_sink writing to a FILE. */
hme_sink hme_cli_file_sink(FILE *f);
/* Reports a rejected record: "hme: LABEL:LINE: CODE: message". */
void hme_cli_on_error(void *ctx, const char *input, const hme_error *err);
void hme_cli_on_warning(void *ctx, const char *msg);
/* --errors-out: where hme_cli_on_reject writes each rejected record (NULL = nowhere). */
void hme_cli_set_errors_out(FILE *f);
void hme_cli_on_reject(void *ctx, const char *input, const hme_error *err, const char *raw, size_t raw_len);
/* Parses a positive size ("4096"); false if not a number. */
bool hme_cli_parse_size(const char *s, size_t *out);
/* Opens FILE for reading ("-" = stdin); -1 after printing why. */
int hme_cli_open(const char *path);

#endif
