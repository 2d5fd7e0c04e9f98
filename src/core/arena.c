#include "core/arena.h"
#include "core/alloc.h"

#include <string.h>
#include <stdint.h>

#if defined(__SANITIZE_ADDRESS__)
#define HME_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HME_ASAN 1
#endif
#endif
#ifdef HME_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define ARENA_ALIGN 16u
/* The most hme_arena_reset keeps in one block after a cycle that needed several. */
#define HME_ARENA_KEEP_MAX ((size_t)8 << 20)

struct hme_arena_block {
    hme_arena_block *next; /* older block */
    size_t cap;            /* bytes of data[] */
    size_t used;
    size_t pad_;
    _Alignas(16) unsigned char data[];
};

static size_t align_up(size_t n) { return (n + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1); }

void hme_arena_init(hme_arena *a, const hme_allocator *al, size_t block_size) {
    a->al = hme_alloc_or_default(al);
    a->head = NULL;
    a->block_size = block_size ? block_size : (size_t)64 * 1024;
    a->total = 0;
}

static hme_arena_block *new_block(hme_arena *a, size_t need) {
    size_t cap = a->block_size;
    if (need > cap) cap = need;
    if (cap > SIZE_MAX - sizeof(hme_arena_block)) return NULL;
    hme_arena_block *b = hme_malloc(a->al, sizeof(hme_arena_block) + cap);
    if (!b) return NULL;
    b->cap = cap;
    b->used = 0;
    b->next = a->head;
    a->head = b;
    a->total += cap;
    POISON(b->data, cap);
    return b;
}

void *hme_arena_alloc(hme_arena *a, size_t n) {
    if (n > SIZE_MAX - ARENA_ALIGN) return NULL;
    size_t need = align_up(n ? n : 1);
    hme_arena_block *b = a->head;
    if (!b || b->cap - b->used < need) {
        b = new_block(a, need);
        if (!b) return NULL;
    }
    void *p = b->data + b->used;
    b->used += need;
    UNPOISON(p, n ? n : 1);
    return p;
}

void *hme_arena_calloc(hme_arena *a, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) return NULL;
    void *p = hme_arena_alloc(a, count * size);
    if (p) memset(p, 0, count * size);
    return p;
}

void *hme_arena_grow(hme_arena *a, void *p, size_t old_n, size_t new_n) {
    if (!p) return hme_arena_alloc(a, new_n);
    if (new_n <= old_n) return p;
    hme_arena_block *b = a->head;
    if (b) {
        unsigned char *start = (unsigned char *)p;
        size_t off = (size_t)(start - b->data);
        if (start >= b->data && off + align_up(old_n ? old_n : 1) == b->used &&
            new_n <= SIZE_MAX - ARENA_ALIGN && off + align_up(new_n) <= b->cap) {
            b->used = off + align_up(new_n);
            UNPOISON(start, new_n);
            return p;
        }
    }
    void *q = hme_arena_alloc(a, new_n);
    if (q) memcpy(q, p, old_n);
    return q;
}

char *hme_arena_strndup(hme_arena *a, const char *s, size_t n) {
    if (n == SIZE_MAX) return NULL;
    char *p = hme_arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void hme_arena_reset(hme_arena *a) {
    hme_arena_block *b = a->head;
    if (!b) return;
    if (b->next) {
        /* The cycle outgrew one block. Keep one block as big as all of them (up to
         * HME_ARENA_KEEP_MAX), so that the next cycle like it allocates nothing: a scratch
         * arena that outgrows its first block on every record would otherwise malloc and
         * free (and the OS fault in fresh pages) on every record. */
        size_t want = a->total;
        hme_arena_block *oldest = NULL;
        while (b) {
            hme_arena_block *next = b->next;
            if (!next && want > HME_ARENA_KEEP_MAX) { oldest = b; break; }   /* keep it as is */
            a->total -= b->cap;
            UNPOISON(b->data, b->cap); /* the allocator may reuse this memory */
            hme_free(a->al, b);
            b = next;
        }
        a->head = oldest;
        if (!oldest && !new_block(a, want)) return;   /* no memory now: the next alloc retries */
        b = a->head;
    }
    b->used = 0;
    POISON(b->data, b->cap);
    a->head = b;
}

void hme_arena_free(hme_arena *a) {
    hme_arena_block *b = a->head;
    while (b) {
        hme_arena_block *next = b->next;
        UNPOISON(b->data, b->cap);
        hme_free(a->al, b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}
