/* fuzz_reader.c - the NDJSON reader: streaming must equal one-shot.
 *
 * Input: byte 0 picks the feed chunk size (1..256), byte 1 the record limit (1..64, or the
 * default when 0), the rest is the stream. The stream is read three ways - one feed call,
 * fed in chunks of the fuzzed size, and one byte at a time - and every way must deliver
 * the same records (line number, bytes, code) and count the same lines. Each record must
 * also respect the contract: no '\n' inside, never longer than the limit. Every record
 * then goes through the JSON parser (the reader's only consumer), which must not crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "read/json.h"
#include "read/reader.h"

typedef struct rec_log {
    size_t max;
    char *buf;
    size_t len, cap;
    hme_arena arena;
} rec_log;

static void log_put(rec_log *g, const void *p, size_t n) {
    if (g->len + n > g->cap) {
        size_t cap = g->cap ? g->cap : 256;
        while (cap < g->len + n) cap *= 2;
        char *nb = realloc(g->buf, cap);
        if (!nb) abort();
        g->buf = nb;
        g->cap = cap;
    }
    memcpy(g->buf + g->len, p, n);
    g->len += n;
}

static int on_record(void *ctx, uint64_t line_no, const char *line, size_t len, hme_code code) {
    rec_log *g = ctx;
    if (len > g->max || memchr(line, '\n', len)) abort();
    if (code != HME_OK && code != HME_ERR_TOO_LONG) abort();
    uint32_t c = (uint32_t)code;
    log_put(g, &line_no, sizeof line_no);
    log_put(g, &c, sizeof c);
    log_put(g, &len, sizeof len);
    log_put(g, line, len);
    if (code == HME_OK) {
        hme_jval v;
        hme_error err;
        (void)hme_json_parse(line, len, &g->arena, &v, &err);
        hme_arena_reset(&g->arena);
    }
    return 0;
}

/* Reads data in pieces of step bytes (0 = all at once); returns the line count. */
static uint64_t read_stream(const uint8_t *data, size_t size, size_t step, size_t max, rec_log *g) {
    hme_reader *r = hme_reader_new(NULL, 0, max);
    if (!r) abort();
    g->max = max ? max : HME_READER_DEFAULT_MAX_RECORD;
    size_t off = 0;
    do {
        size_t n = step && size - off > step ? step : size - off;
        if (hme_reader_feed(r, (const char *)data + off, n, on_record, g) != HME_OK) abort();
        off += n;
    } while (off < size);
    if (hme_reader_finish(r, on_record, g) != HME_OK) abort();
    uint64_t lines = hme_reader_lines(r);
    hme_reader_free(r);
    return lines;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2) return 0;
    size_t step = (size_t)data[0] + 1, max = data[1] % 65;
    data += 2;
    size -= 2;
    rec_log whole = { 0 }, chunked = { 0 }, bytes = { 0 };
    hme_arena_init(&whole.arena, NULL, 0);
    hme_arena_init(&chunked.arena, NULL, 0);
    hme_arena_init(&bytes.arena, NULL, 0);
    uint64_t l1 = read_stream(data, size, 0, max, &whole);
    uint64_t l2 = read_stream(data, size, step, max, &chunked);
    uint64_t l3 = read_stream(data, size, 1, max, &bytes);
    if (l1 != l2 || l1 != l3) { fprintf(stderr, "line counts differ: %llu %llu %llu\n",
                                        (unsigned long long)l1, (unsigned long long)l2, (unsigned long long)l3); abort(); }
    if (whole.len != chunked.len || (whole.len && memcmp(whole.buf, chunked.buf, whole.len) != 0)) {
        fprintf(stderr, "chunk size %zu delivers other records than one feed\n", step);
        abort();
    }
    if (whole.len != bytes.len || (whole.len && memcmp(whole.buf, bytes.buf, whole.len) != 0)) {
        fprintf(stderr, "byte-at-a-time feed delivers other records than one feed\n");
        abort();
    }
    free(whole.buf); free(chunked.buf); free(bytes.buf);
    hme_arena_free(&whole.arena); hme_arena_free(&chunked.arena); hme_arena_free(&bytes.arena);
    return 0;
}
