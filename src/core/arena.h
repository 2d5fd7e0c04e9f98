/* arena.h - bump allocator for records and token arrays.
 *
 * Layout: a singly linked list of blocks, newest first. Each block is
 *   [hme_arena_block header | used bytes ... | free bytes]
 * Allocations are 16-byte aligned and never freed individually: a batch of
 * records allocates freely, then hme_arena_reset() keeps one block (its memory
 * is reused) and releases the rest, so an endless stream runs in bounded memory.
 * A cycle that needed several blocks leaves one as big as all of them (up to 8 MiB),
 * so the next such cycle allocates nothing. Under ASan the free tail of each block is poisoned, so a
 * read past an allocation is reported. Not thread-safe: one arena per thread.
 */
#ifndef HME_CORE_ARENA_H
#define HME_CORE_ARENA_H
#include <stddef.h>
#include "hme.h"

typedef struct hme_arena_block hme_arena_block;

typedef struct hme_arena {
    const hme_allocator *al;
    hme_arena_block *head;
    size_t block_size;  /* default size of a new block */
    size_t total;       /* bytes currently held in blocks */
} hme_arena;

/* block_size 0 = 64 KiB. al NULL = default allocator. */
void hme_arena_init(hme_arena *a, const hme_allocator *al, size_t block_size);
/* Returns 16-byte aligned memory of n bytes, or NULL on OOM. n == 0 returns a valid pointer. */
void *hme_arena_alloc(hme_arena *a, size_t n);
/* Like hme_arena_alloc, zero-filled; count*size overflow returns NULL. */
void *hme_arena_calloc(hme_arena *a, size_t count, size_t size);
/* Grows the most recent allocation p (of old_n bytes) to new_n in place when possible,
 * else copies. p NULL behaves as alloc. */
void *hme_arena_grow(hme_arena *a, void *p, size_t old_n, size_t new_n);
char *hme_arena_strndup(hme_arena *a, const char *s, size_t n);
/* Forgets every allocation and keeps one block for reuse: the only one, or after a cycle
 * that needed several, one block as big as they were together (beyond 8 MiB: the oldest). */
void hme_arena_reset(hme_arena *a);
void hme_arena_free(hme_arena *a);

#endif
