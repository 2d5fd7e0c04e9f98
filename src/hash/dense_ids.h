/* dense_ids.h - open-addressing map from 64-bit token ids to small dense ids (0, 1, 2, ...
 * in order of first insertion), reused per (reference, response) pair: clearing is O(1)
 * (a generation stamp per slot), so a worker keeps one map for its whole life.
 * Not thread-safe: one per worker.
 */
#ifndef HME_HASH_DENSE_IDS_H
#define HME_HASH_DENSE_IDS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "hme.h"

typedef struct hme_dense_slot {
    uint64_t key;
    uint32_t val;
    uint32_t gen;
} hme_dense_slot;

typedef struct hme_dense {
    const hme_allocator *al;
    hme_dense_slot *slots;
    size_t cap;      /* power of two */
    uint32_t gen;    /* slots with another gen are empty */
    uint32_t count;  /* dense ids handed out since the last clear */
} hme_dense;

void hme_dense_init(hme_dense *m, const hme_allocator *al);
void hme_dense_free(hme_dense *m);
/* Empties the map and makes room for at least n keys without growing. false on OOM. */
bool hme_dense_reset(hme_dense *m, size_t n);

static inline uint64_t hme_dense_mix(uint64_t k) {
    k ^= k >> 31; k *= 0x7fb5d329728ea185ull; k ^= k >> 27; k *= 0x81dadef4bc2dd44dull; k ^= k >> 33;
    return k;
}

/* Dense id of key, inserting it when new. The map must have room (see reset). */
static inline uint32_t hme_dense_intern(hme_dense *m, uint64_t key) {
    size_t mask = m->cap - 1, i = (size_t)hme_dense_mix(key) & mask;
    for (;;) {
        hme_dense_slot *s = &m->slots[i];
        if (s->gen != m->gen) { s->gen = m->gen; s->key = key; s->val = m->count++; return s->val; }
        if (s->key == key) return s->val;
        i = (i + 1) & mask;
    }
}

/* Dense id of key, or UINT32_MAX when absent. */
static inline uint32_t hme_dense_find(const hme_dense *m, uint64_t key) {
    size_t mask = m->cap - 1, i = (size_t)hme_dense_mix(key) & mask;
    for (;;) {
        const hme_dense_slot *s = &m->slots[i];
        if (s->gen != m->gen) return UINT32_MAX;
        if (s->key == key) return s->val;
        i = (i + 1) & mask;
    }
}

#endif
