/* alloc.h - the allocator every part of libhme goes through.
 * hme_alloc_default() is mimalloc; callers of the public API may pass their own hooks. */
#ifndef HME_CORE_ALLOC_H
#define HME_CORE_ALLOC_H
#include "hme.h"

const hme_allocator *hme_alloc_default(void);
/* Returns al, or the default when al is NULL. */
const hme_allocator *hme_alloc_or_default(const hme_allocator *al);

static inline void *hme_malloc(const hme_allocator *al, size_t n) { return al->malloc(al->ctx, n); }
static inline void *hme_realloc(const hme_allocator *al, void *p, size_t n) { return al->realloc(al->ctx, p, n); }
static inline void hme_free(const hme_allocator *al, void *p) { if (p) al->free(al->ctx, p); }
void *hme_calloc(const hme_allocator *al, size_t count, size_t size); /* NULL on overflow/OOM */
char *hme_strndup(const hme_allocator *al, const char *s, size_t n);   /* NUL-terminated copy */

#endif
