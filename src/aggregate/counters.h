/* counters.h - lock-free accumulation of per-prompt outcomes.
 *
 * One hme_counters block per metric (per group, with a breakdown). Worker threads fold a
 * prompt's outcome with relaxed atomic adds of integer quarter units, so totals are exact
 * and the same for every thread count and arrival order; no mutex on the hot path.
 * Reading a block while workers fold gives a consistent-enough running snapshot; after
 * the workers are joined it is final. */
#ifndef HME_AGGREGATE_COUNTERS_H
#define HME_AGGREGATE_COUNTERS_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include "hme.h"

typedef struct hme_counters {
    _Atomic uint64_t quarters[HME_N_COLUMNS];
    _Atomic uint64_t prompts;
    _Atomic uint64_t fallbacks;
} hme_counters;

void hme_counters_init(hme_counters *c);
/* Adds one prompt's outcome (quarters from hme_rank_outcome) if it counts. */
void hme_counters_fold(hme_counters *c, bool counted, const uint8_t quarters[HME_N_COLUMNS]);
void hme_counters_add_fallbacks(hme_counters *c, uint64_t n);
/* Means as Python computes them: sum(values) / len(values). The sum of multiples of 0.25
 * is exact in a double, so it equals quarters / 4.0; one rounding in the division. */
void hme_counters_read(const hme_counters *c, hme_metric_result *out);

#endif
