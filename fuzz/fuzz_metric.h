/* fuzz_metric.h - the body shared by the per-family metric fuzz targets (fuzz_metric_*.c).
 *
 * Input: (reference, prediction) = the bytes before and after the first 0x00, or the two
 * halves when there is none. The engine only hands metrics valid UTF-8 (the JSON decoder
 * rejects the rest), so other inputs are ignored. For every input:
 *   - prepare + score every metric of the family: no crash, no sanitizer report;
 *   - every score lies in [0, 1] (the documented range; NaN is a failure too), except that
 *     cosine may exceed 1 by float rounding as scikit-learn's does (identical texts give
 *     1.0000000000000002 in the golden files too), so it gets 4 ulps of slack;
 *   - determinism: the same pair prepared again by a second worker (empty caches) and
 *     scored again by the first (warm caches) gives the very same bits.
 * The family is opened once, lazily (replay.c calls no initializer); families that need
 * data files find NLTK's data through $NLTK_DATA, HME_SHARED_DIR/nltk_data or
 * ../shared/nltk_data and WordNet in /usr/share/wordnet; if open fails the target does
 * nothing (a data-less machine skips rather than crashes). */
#ifndef HME_FUZZ_METRIC_H
#define HME_FUZZ_METRIC_H
#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "metric/metric.h"
#include "read/json.h"
#include "fuzz_data.h"

#define HME_FUZZ_MAX_METRICS 64

typedef struct fuzz_metric_state {
    const hme_family *fam;
    void *shared;
    void *w1, *w2;
    hme_arena prep, scratch;
    int ready; /* 1 ok, -1 open failed (skip) */
} fuzz_metric_state;

static fuzz_metric_state *fuzz_metric_open(const char *family) {
    static fuzz_metric_state st;
    if (st.ready) return st.ready > 0 ? &st : NULL;
    st.ready = -1;
    for (size_t i = 0; i < hme_family_count(); i++)
        if (strcmp(hme_family_at(i)->name, family) == 0) st.fam = hme_family_at(i);
    if (!st.fam || st.fam->n_metrics > HME_FUZZ_MAX_METRICS) abort(); /* a renamed family: fix the target */
    hme_metric_config cfg = { .nltk_data_dir = fuzz_nltk_dir() };
    hme_error err;
    if (st.fam->open(&cfg, &st.shared, &err) != HME_OK) {
        fprintf(stderr, "fuzz_metric_%s: open failed (%s), skipping every input\n", family, err.msg);
        return NULL;
    }
    st.w1 = st.fam->worker_new(st.shared);
    st.w2 = st.fam->worker_new(st.shared);
    if (!st.w1 || !st.w2) abort();
    hme_arena_init(&st.prep, NULL, 0);
    hme_arena_init(&st.scratch, NULL, 0);
    st.ready = 1;
    return &st;
}

static void fuzz_metric_split(const uint8_t *data, size_t size, hme_str *ref, hme_str *pred) {
    const uint8_t *z = memchr(data, 0, size);
    size_t cut = z ? (size_t)(z - data) : size / 2;
    ref->ptr = (const char *)data;
    ref->len = cut;
    pred->ptr = (const char *)data + cut + (z ? 1 : 0);
    pred->len = size - cut - (z ? 1 : 0);
}

static void fuzz_metric_score(fuzz_metric_state *st, void *worker, hme_str ref, hme_str pred, double *out,
                              uint64_t *fallbacks) {
    const hme_family *f = st->fam;
    bool want[HME_FUZZ_MAX_METRICS];
    for (size_t i = 0; i < f->n_metrics; i++) { want[i] = true; out[i] = -1.0; }
    const void *r = NULL;
    if (f->needs_reference) {
        r = f->prepare(worker, ref, &st->prep);
        if (!r) abort(); /* NULL means OOM, impossible at these sizes */
    }
    const void *p = f->prepare(worker, pred, &st->prep);
    if (!p) abort();
    *fallbacks = f->score(worker, r, p, want, out, &st->scratch);
    hme_arena_reset(&st->scratch);
}

static int fuzz_metric_one(const char *family, const uint8_t *data, size_t size) {
    fuzz_metric_state *st = fuzz_metric_open(family);
    if (!st) return 0;
    hme_str ref, pred;
    fuzz_metric_split(data, size, &ref, &pred);
    if (!hme_utf8_valid(ref.ptr, ref.len) || !hme_utf8_valid(pred.ptr, pred.len)) return 0;
    const hme_family *f = st->fam;
    double a[HME_FUZZ_MAX_METRICS], b[HME_FUZZ_MAX_METRICS], c[HME_FUZZ_MAX_METRICS];
    uint64_t fa, fb, fc;
    fuzz_metric_score(st, st->w1, ref, pred, a, &fa);
    fuzz_metric_score(st, st->w2, ref, pred, b, &fb);
    fuzz_metric_score(st, st->w1, ref, pred, c, &fc);
    for (size_t i = 0; i < f->n_metrics; i++) {
        double hi = strcmp(f->metric_names[i], "cosine") == 0 ? 1.0 + 4 * DBL_EPSILON : 1.0;
        if (!(a[i] >= 0.0 && a[i] <= hi)) {
            fprintf(stderr, "%s = %.17g out of [0, 1]\n", f->metric_names[i], a[i]);
            abort();
        }
        if (memcmp(&a[i], &b[i], sizeof a[i]) != 0 || memcmp(&a[i], &c[i], sizeof a[i]) != 0) {
            fprintf(stderr, "%s not deterministic: %.17g %.17g %.17g\n", f->metric_names[i], a[i], b[i], c[i]);
            abort();
        }
    }
    if (fa != fb || fa != fc) { fprintf(stderr, "fallback mask not deterministic\n"); abort(); }
    hme_arena_reset(&st->prep);
    return 0;
}

#define HME_FUZZ_METRIC_TARGET(family) \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_metric_one(family, data, size); }

#endif
