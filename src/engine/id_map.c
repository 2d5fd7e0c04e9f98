/* id_map.c - see id_map.h. */
#include "engine/id_map.h"

#include <string.h>
#include "core/alloc.h"

static size_t slot_of(int64_t key, size_t cap) {
    uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ull; /* Fibonacci hashing spreads sequential ids */
    return (size_t)(h ^ (h >> 29)) & (cap - 1);
}

void hme_id_map_init(hme_id_map *m, const hme_allocator *al) {
    memset(m, 0, sizeof *m);
    m->al = hme_alloc_or_default(al);
}

void hme_id_map_free(hme_id_map *m) {
    hme_free(m->al, m->keys);
    hme_free(m->al, m->vals);
    hme_free(m->al, m->used);
    m->keys = NULL; m->vals = NULL; m->used = NULL; m->cap = m->n = 0;
}

uint64_t *hme_id_map_get(const hme_id_map *m, int64_t key) {
    if (!m->cap) return NULL;
    for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (!m->used[i]) return NULL;
        if (m->keys[i] == key) return &m->vals[i];
    }
}

static bool grow(hme_id_map *m) {
    size_t cap = m->cap ? m->cap * 2 : 64;
    int64_t *keys = hme_calloc(m->al, cap, sizeof *keys);
    uint64_t *vals = hme_calloc(m->al, cap, sizeof *vals);
    uint8_t *used = hme_calloc(m->al, cap, 1);
    if (!keys || !vals || !used) {
        hme_free(m->al, keys); hme_free(m->al, vals); hme_free(m->al, used);
        return false;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->used[i]) continue;
        size_t j = slot_of(m->keys[i], cap);
        while (used[j]) j = (j + 1) & (cap - 1);
        used[j] = 1; keys[j] = m->keys[i]; vals[j] = m->vals[i];
    }
    size_t n = m->n;
    hme_id_map_free(m);
    m->n = n;
    m->keys = keys; m->vals = vals; m->used = used; m->cap = cap;
    return true;
}

bool hme_id_map_put(hme_id_map *m, int64_t key, uint64_t val) {
    uint64_t *v = hme_id_map_get(m, key);
    if (v) { *v = val; return true; }
    if ((m->n + 1) * 4 > m->cap * 3 && !grow(m)) return false; /* load factor <= 3/4 */
    size_t i = slot_of(key, m->cap);
    while (m->used[i]) i = (i + 1) & (m->cap - 1);
    m->used[i] = 1; m->keys[i] = key; m->vals[i] = val;
    m->n++;
    return true;
}

bool hme_id_map_del(hme_id_map *m, int64_t key) {
    if (!m->cap) return false;
    size_t mask = m->cap - 1, i = slot_of(key, m->cap);
    while (m->used[i] && m->keys[i] != key) i = (i + 1) & mask;
    if (!m->used[i]) return false;
    /* Backward shift: pull later entries of the probe run into the hole when their home
     * slot is not in the (cyclic) range (hole, j]. */
    size_t hole = i;
    for (size_t j = (i + 1) & mask; m->used[j]; j = (j + 1) & mask) {
        size_t home = slot_of(m->keys[j], m->cap);
        bool in_range = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
        if (in_range) continue;
        m->keys[hole] = m->keys[j]; m->vals[hole] = m->vals[j];
        hole = j;
    }
    m->used[hole] = 0;
    m->n--;
    return true;
}
