/* fuzz_engine.c - the engine/aggregator and the pair scorer on fuzzed NDJSON.
 *
 * Engine: the input is a dataset. It is evaluated one-shot (1 thread, one buffer), then
 * with its lines in reverse order, fed one line per read call with 2 scoring threads and
 * a tiny reader chunk. Both must not crash and must reject the same number of records;
 * when the input has no rejected record (duplicates would make the kept row depend on the
 * order) the two JSON reports must be identical: any arrival order gives the one-shot result.
 * Scorer: the same bytes as pair records, one-shot and with a 7-byte reader chunk: the
 * output lines must be identical and each must parse as JSON.
 * Cheap metrics only (the nltk family has its own target). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hme.h"
#include "read/json.h"
#include "../tests/text_buf.h"

static const char METRICS[] = "gcg,autodan,f1,cosine,rouge1,rougeL-recall,rougeLsum";

static uint64_t eval(const char *const *lines, const size_t *lens, size_t n, int reversed, text_buf *out) {
    hme_engine_options o;
    hme_engine_options_init(&o);
    o.metrics = METRICS;
    o.by = HME_BY_SOURCE | HME_BY_ATTACK_METHOD;
    o.threads = reversed ? 2 : 1;
    o.chunk_size = reversed ? 5 : 0;
    hme_engine *e = NULL;
    hme_error err;
    if (hme_engine_new(&o, &e, &err) != HME_OK) abort();
    if (!reversed) {
        text_buf all = { 0 };
        for (size_t i = 0; i < n; i++) { text_buf_write(&all, lines[i], lens[i]); text_buf_write(&all, "\n", 1); }
        (void)hme_engine_read_buffer(e, "fuzz", all.p ? all.p : "", all.len, &err);
        free(all.p);
    } else {
        for (size_t i = n; i-- > 0;) (void)hme_engine_read_buffer(e, "fuzz", lines[i], lens[i], &err);
    }
    const hme_result *r = NULL;
    uint64_t errors = UINT64_MAX;
    if (hme_engine_finish(e, &r, &err) == HME_OK && r) {
        hme_sink sink = { text_buf_write, out };
        hme_report_json(r, sink);
        errors = r->errors;
    }
    hme_engine_free(e);
    return errors;
}

static void score(const uint8_t *data, size_t size, size_t chunk, text_buf *out) {
    hme_scorer_options o;
    hme_scorer_options_init(&o);
    o.metrics = METRICS;
    o.chunk_size = chunk;
    hme_scorer *s = NULL;
    hme_error err;
    if (hme_scorer_new(&o, &s, &err) != HME_OK) abort();
    hme_sink sink = { text_buf_write, out };
    (void)hme_scorer_read_buffer(s, "fuzz", (const char *)data, size, sink, &err);
    hme_scorer_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    /* the lines, as the reader splits them (blank ones do not matter to the result) */
    size_t cap = 16, n = 0;
    const char **lines = malloc(cap * sizeof *lines);
    size_t *lens = malloc(cap * sizeof *lens);
    if (!lines || !lens) abort();
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e) e = end;
        if (n == cap) {
            cap *= 2;
            lines = realloc(lines, cap * sizeof *lines);
            lens = realloc(lens, cap * sizeof *lens);
            if (!lines || !lens) abort();
        }
        lines[n] = p;
        lens[n] = (size_t)(e - p);
        n++;
        p = e + 1;
    }
    text_buf a = { 0 }, b = { 0 };
    uint64_t ea = eval(lines, lens, n, 0, &a), eb = eval(lines, lens, n, 1, &b);
    if (ea != eb) { fprintf(stderr, "rejected records: one-shot %llu, reversed %llu\n",
                            (unsigned long long)ea, (unsigned long long)eb); abort(); }
    if (ea == 0 && (a.len != b.len || memcmp(a.p, b.p, a.len) != 0)) {
        fprintf(stderr, "reversed arrival changed the report:\n%s\n%s\n", a.p, b.p);
        abort();
    }
    free(a.p); free(b.p);
    a = (text_buf){ 0 }; b = (text_buf){ 0 };
    score(data, size, 0, &a);
    score(data, size, 7, &b);
    if (a.len != b.len || (a.len && memcmp(a.p, b.p, a.len) != 0)) { fprintf(stderr, "scorer output depends on the chunk size\n"); abort(); }
    hme_arena arena;
    hme_arena_init(&arena, NULL, 0);
    for (char *q = a.p, *qe; q && *q; q = qe + 1) {
        qe = strchr(q, '\n');
        if (!qe) abort(); /* every output line ends in '\n' */
        hme_jval v;
        hme_error err;
        if (hme_json_parse(q, (size_t)(qe - q), &arena, &v, &err) != HME_OK) { fprintf(stderr, "bad output line: %s\n", q); abort(); }
        hme_arena_reset(&arena);
    }
    hme_arena_free(&arena);
    free(a.p); free(b.p);
    free(lines); free(lens);
    return 0;
}
