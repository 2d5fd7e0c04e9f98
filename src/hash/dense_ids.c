/* dense_ids.c - sizing of the dense-id map (see dense_ids.h). */
#include "hash/dense_ids.h"

#include "core/alloc.h"

void hme_dense_init(hme_dense *m, const hme_allocator *al) {
    m->al = hme_alloc_or_default(al);
    m->slots = NULL;
    m->cap = 0;
    m->gen = 0;
    m->count = 0;
}

void hme_dense_free(hme_dense *m) {
    hme_free(m->al, m->slots);
    m->slots = NULL;
    m->cap = 0;
}

bool hme_dense_reset(hme_dense *m, size_t n) {
    /* Load factor <= 1/2 keeps probes short. */
    size_t want = 16;
    while (want < 2 * n + 2) want *= 2;
    if (want > m->cap) {
        hme_dense_slot *s = hme_calloc(m->al, want, sizeof *s);
        if (!s) return false;
        hme_free(m->al, m->slots);
        m->slots = s;
        m->cap = want;
        m->gen = 0;
    }
    m->count = 0;
    if (++m->gen == 0) { /* wrapped: stamps are ambiguous, clear for real */
        for (size_t i = 0; i < m->cap; i++) m->slots[i].gen = 0;
        m->gen = 1;
    }
    return true;
}
