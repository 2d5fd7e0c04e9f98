/* id_ranges.h - a set of int64 ids stored as sorted, disjoint, non-adjacent ranges.
 * The engine remembers every prompt it has already scored (to reject late duplicates);
 * streams number prompts mostly in order, so the set stays a handful of ranges however
 * long the stream runs: memory grows with the gaps between ids, not with their count.
 * Not thread-safe (the reading thread owns it). */
#ifndef HME_ENGINE_ID_RANGES_H
#define HME_ENGINE_ID_RANGES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "hme.h"

typedef struct hme_id_range { int64_t lo, hi; } hme_id_range; /* inclusive */

typedef struct hme_id_ranges {
    const hme_allocator *al;
    hme_id_range *r;
    size_t n, cap;
} hme_id_ranges;

void hme_id_ranges_init(hme_id_ranges *s, const hme_allocator *al);
void hme_id_ranges_free(hme_id_ranges *s);
bool hme_id_ranges_contains(const hme_id_ranges *s, int64_t id);
/* Adds id (a no-op if present), merging with neighbouring ranges. False on OOM. */
bool hme_id_ranges_add(hme_id_ranges *s, int64_t id);

#endif
