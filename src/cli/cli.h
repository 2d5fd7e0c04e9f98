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

/* The options hme eval and hme score both take, pointing into each one's own options
 * struct, so both parse them (and word their errors) the same way: --metrics, --on-error,
 * --nltk-data, --wordnet, --errors-out, --max-record-bytes and the hidden --chunk-size. */
typedef struct hme_cli_common_opts {
    const char **metrics, **nltk_data_dir, **wordnet_dir, **errors_path;
    bool *stop_on_error;
    size_t *max_record_bytes, *chunk_size;
} hme_cli_common_opts;
/* If argv[*i] is one of those options, takes it and its value (advancing *i) and returns 1;
 * 0 if it is not one; -1 after printing "hme CMD: ..." for a missing or bad value. */
int hme_cli_common_option(const char *cmd, int argc, char **argv, int *i, const hme_cli_common_opts *t);
/* Reads each input in turn ("-" or none = stdin) with read(ctx, label, fd, err); false as
 * soon as one cannot be opened or read, after printing why (a failure tied to a record line
 * was already reported by the on_error callback). */
typedef hme_code (*hme_cli_read_fn)(void *ctx, const char *label, int fd, hme_error *err);
bool hme_cli_read_inputs(char **files, size_t n_files, hme_cli_read_fn read, void *ctx);
/* Opens the --errors-out file and routes rejected records to it; NULL after printing why. */
FILE *hme_cli_errors_out_open(const char *path);

#endif
