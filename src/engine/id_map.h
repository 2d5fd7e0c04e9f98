/* id_map.h - an open-addressing hash map from int64 ids (prompt_id, response_id) to a
 * 64-bit value (a pointer or a double's bits). Linear probing with backward-shift
 * deletion, so a long stream that inserts and removes prompts never fills up with
 * tombstones. Not thread-safe (the engine's reading thread owns it). */
#ifndef HME_ENGINE_ID_MAP_H
#define HME_ENGINE_ID_MAP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "hme.h"

typedef struct hme_id_map {
    const hme_allocator *al;
    int64_t *keys;
    uint64_t *vals;
    uint8_t *used;
    size_t cap;   /* power of two, or 0 */
    size_t n;
} hme_id_map;

void hme_id_map_init(hme_id_map *m, const hme_allocator *al);
void hme_id_map_free(hme_id_map *m);
/* Returns a pointer to the value of key, or NULL if absent. Valid until the next put/del. */
uint64_t *hme_id_map_get(const hme_id_map *m, int64_t key);
/* Inserts or overwrites. Returns false on OOM. */
bool hme_id_map_put(hme_id_map *m, int64_t key, uint64_t val);
/* Removes key if present; returns whether it was. */
bool hme_id_map_del(hme_id_map *m, int64_t key);
/* Iteration: for (size_t i = 0; i < m->cap; i++) if (m->used[i]) ... */

#endif
