/* counters.c - atomic quarter-unit counters and their exact means. */
#include "aggregate/counters.h"

#include <math.h>

void hme_counters_init(hme_counters *c) {
    for (int i = 0; i < HME_N_COLUMNS; i++) atomic_init(&c->quarters[i], 0);
    atomic_init(&c->prompts, 0);
    atomic_init(&c->fallbacks, 0);
}

void hme_counters_fold(hme_counters *c, bool counted, const uint8_t quarters[HME_N_COLUMNS]) {
    if (!counted) return;
    for (int i = 0; i < HME_N_COLUMNS; i++)
        if (quarters[i]) atomic_fetch_add_explicit(&c->quarters[i], quarters[i], memory_order_relaxed);
    atomic_fetch_add_explicit(&c->prompts, 1, memory_order_relaxed);
}

void hme_counters_add_fallbacks(hme_counters *c, uint64_t n) {
    if (n) atomic_fetch_add_explicit(&c->fallbacks, n, memory_order_relaxed);
}

void hme_counters_read(const hme_counters *c, hme_metric_result *out) {
    uint64_t n = atomic_load_explicit(&c->prompts, memory_order_relaxed);
    out->prompts = n;
    out->fallbacks = atomic_load_explicit(&c->fallbacks, memory_order_relaxed);
    for (int i = 0; i < HME_N_COLUMNS; i++) {
        uint64_t q = atomic_load_explicit(&c->quarters[i], memory_order_relaxed);
        /* Python's mean of an empty list raises; report NaN (printed as null). */
        out->columns[i] = n ? ((double)q / 4.0) / (double)n : NAN;
    }
}
