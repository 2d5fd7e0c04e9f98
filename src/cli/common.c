/* common.c - helpers both subcommands use: sinks, error printing, opening inputs. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"

static void file_write(void *ctx, const char *data, size_t len) { fwrite(data, 1, len, (FILE *)ctx); }

hme_sink hme_cli_file_sink(FILE *f) { hme_sink s = { file_write, f }; return s; }

void hme_cli_on_error(void *ctx, const char *input, const hme_error *err) {
    (void)ctx;
    fprintf(stderr, "hme: %s:%" PRIu64 ": %s: %s\n", input, err->line, hme_code_name(err->code), err->msg);
}

void hme_cli_on_warning(void *ctx, const char *msg) { (void)ctx; fprintf(stderr, "hme: warning: %s\n", msg); }

bool hme_cli_parse_size(const char *s, size_t *out) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || v == 0 || s[0] == '-') return false;
    *out = (size_t)v;
    return true;
}

int hme_cli_open(const char *path) {
    if (!strcmp(path, "-")) return STDIN_FILENO;
    int fd = open(path, O_RDONLY);
    if (fd < 0) fprintf(stderr, "hme: %s: %s\n", path, strerror(errno));
    return fd;
}
