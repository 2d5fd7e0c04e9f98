/* test_engine_bounded.c - memory stays bounded on endless streams without changing results:
 * with --max-open-prompts the prompts that never complete are scored early, with the rows
 * they have, exactly as they would be at end of input. Uses the built-in sample. */
#include "harness.h"
#include "text_buf.h"
#include "hme.h"

#include <stdlib.h>

typedef struct row { long long rid; const char *s; size_t n; } row;
static int by_rid(const void *a, const void *b) {
    long long x = ((const row *)a)->rid, y = ((const row *)b)->rid;
    return (x > y) - (x < y);
}

static int warnings;
static void on_warning(void *ctx, const char *msg) { (void)ctx; (void)msg; warnings++; }

/* The sample grouped by prompt, without slot 12, so no prompt ever completes. */
static char *incomplete_stream(size_t *len) {
    const char *d = (const char *)hme_sample_data;
    row rows[400];
    size_t n = 0;
    for (size_t off = 0; off < hme_sample_data_len && n < 400;) {
        const char *nl = memchr(d + off, '\n', hme_sample_data_len - off);
        size_t end = nl ? (size_t)(nl - d) : hme_sample_data_len;
        const char *k = strstr(d + off, "\"response_id\":");
        if (k && k < d + end) rows[n++] = (row){ strtoll(k + 14, NULL, 10), d + off, end - off };
        off = end + 1;
    }
    qsort(rows, n, sizeof *rows, by_rid);
    char *out = malloc(hme_sample_data_len + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].rid % 100 == 12) continue;
        memcpy(out + o, rows[i].s, rows[i].n);
        o += rows[i].n;
        out[o++] = '\n';
    }
    *len = o;
    return out;
}

static char *run(const char *data, size_t len, size_t max_open, unsigned threads) {
    hme_engine_options o;
    hme_engine_options_init(&o);
    o.metrics = "gcg,autodan,f1,rouge1,rougeL-recall";
    o.max_open_prompts = max_open;
    o.threads = threads;
    o.on_warning = on_warning;
    hme_engine *e = NULL;
    hme_error err;
    if (hme_engine_new(&o, &e, &err) != HME_OK) { CHECK_MSG(0, "%s", err.msg); return NULL; }
    CHECK(hme_engine_read_buffer(e, "sample", data, len, &err) == HME_OK);
    const hme_result *r = NULL;
    CHECK(hme_engine_finish(e, &r, &err) == HME_OK);
    text_buf out = { 0 };
    if (r) {
        CHECK_EQ_INT(r->errors, 0);
        CHECK_EQ_INT(r->prompts, 12);
        hme_report_json(r, (hme_sink){ text_buf_write, &out });
    }
    hme_engine_free(e);
    return out.p;
}

static void eviction_gives_end_of_input_result(void) {
    size_t len;
    char *data = incomplete_stream(&len);
    warnings = 0;
    char *unbounded = run(data, len, 0, 1);
    CHECK_EQ_INT(warnings, 0);
    for (size_t max_open = 1; max_open <= 3; max_open++) {
        for (unsigned threads = 1; threads <= 2; threads++) {
            warnings = 0;
            char *bounded = run(data, len, max_open, threads);
            CHECK_EQ_INT(warnings, 1); /* said once, not per prompt */
            CHECK_MSG(unbounded && bounded && strcmp(unbounded, bounded) == 0, "max_open=%zu threads=%u", max_open, threads);
            free(bounded);
        }
    }
    /* the incomplete prompts really were scored: slot 12 missing still leaves a result */
    CHECK(unbounded && strstr(unbounded, "\"prompts\":12") != NULL);
    free(unbounded);
    free(data);
}

int main(void) {
    RUN(eviction_gives_end_of_input_result);
    return hme_t_summary();
}
