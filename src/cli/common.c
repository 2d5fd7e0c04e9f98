/* common.c - helpers both subcommands use: sinks, error printing, opening inputs, the options
 * they share. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "read/json.h"

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

int hme_cli_common_option(const char *cmd, int argc, char **argv, int *i, const hme_cli_common_opts *t) {
    const char *a = argv[*i];
    const char **str = !strcmp(a, "--metrics") ? t->metrics
                     : !strcmp(a, "--nltk-data") ? t->nltk_data_dir
                     : !strcmp(a, "--wordnet") ? t->wordnet_dir
                     : !strcmp(a, "--errors-out") ? t->errors_path : NULL;
    size_t *size = !strcmp(a, "--max-record-bytes") ? t->max_record_bytes
                 : !strcmp(a, "--chunk-size") ? t->chunk_size : NULL;
    bool on_error = !strcmp(a, "--on-error");
    if (!str && !size && !on_error) return 0;
    if (*i + 1 >= argc) { fprintf(stderr, "hme %s: %s needs a value\n", cmd, a); return -1; }
    const char *v = argv[++*i];
    if (str) *str = v;
    else if (size) {
        if (!hme_cli_parse_size(v, size)) { fprintf(stderr, "hme %s: %s wants bytes > 0\n", cmd, a); return -1; }
    } else if (!strcmp(v, "skip")) *t->stop_on_error = false;
    else if (!strcmp(v, "fail")) *t->stop_on_error = true;
    else { fprintf(stderr, "hme %s: --on-error wants skip or fail\n", cmd); return -1; }
    return 1;
}

bool hme_cli_read_inputs(char **files, size_t n_files, hme_cli_read_fn read, void *ctx) {
    static char *dash[] = { "-" };
    char **list = n_files ? files : dash;
    for (size_t f = 0; f < (n_files ? n_files : 1); f++) {
        int fd = hme_cli_open(list[f]);
        if (fd < 0) return false;
        hme_error err = { HME_OK, 0, "" };
        hme_code c = read(ctx, list[f], fd, &err);
        if (fd != STDIN_FILENO) close(fd);
        if (c != HME_OK) {
            if (!err.line) fprintf(stderr, "hme: %s: %s\n", list[f], err.msg);
            return false;
        }
    }
    return true;
}

FILE *hme_cli_errors_out_open(const char *path) {
    FILE *f = fopen(path, "w");
    if (!f) { fprintf(stderr, "hme: --errors-out %s: %s\n", path, strerror(errno)); return NULL; }
    hme_cli_set_errors_out(f);
    return f;
}

/* ---- --errors-out: every rejected record as one NDJSON line, so nothing is lost ---- */
static FILE *errors_out;

void hme_cli_set_errors_out(FILE *f) { errors_out = f; }

static void put_json_string(FILE *f, const char *s, size_t n) {
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') { fputc('\\', f); fputc(c, f); }
        else if (c < 0x20) fprintf(f, "\\u%04x", c);
        else fputc(c, f);
    }
    fputc('"', f);
}

static void put_base64(FILE *f, const unsigned char *s, size_t n) {
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    fputc('"', f);
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)s[i] << 16 | (i + 1 < n ? (uint32_t)s[i + 1] << 8 : 0) | (i + 2 < n ? s[i + 2] : 0);
        fputc(tab[v >> 18 & 63], f);
        fputc(tab[v >> 12 & 63], f);
        fputc(i + 1 < n ? tab[v >> 6 & 63] : '=', f);
        fputc(i + 2 < n ? tab[v & 63] : '=', f);
    }
    fputc('"', f);
}

/* {"input":"FILE","line":N,"reason":"json","message":"...","raw":"<the line>"}; a line that
 * is not valid UTF-8 is kept byte for byte as "raw_base64" instead. */
void hme_cli_on_reject(void *ctx, const char *input, const hme_error *err, const char *raw, size_t raw_len) {
    (void)ctx;
    if (!errors_out) return;
    FILE *f = errors_out;
    fputs("{\"input\":", f);
    put_json_string(f, input, strlen(input));
    fprintf(f, ",\"line\":%" PRIu64 ",\"reason\":\"%s\",\"message\":", err->line, hme_code_name(err->code));
    put_json_string(f, err->msg, strlen(err->msg));
    if (hme_utf8_valid(raw, raw_len)) { fputs(",\"raw\":", f); put_json_string(f, raw, raw_len); }
    else { fputs(",\"raw_base64\":", f); put_base64(f, (const unsigned char *)raw, raw_len); }
    fputs("}\n", f);
}
