#include "core/alloc.h"

#include <mimalloc.h>
#include <string.h>

static void *mi_malloc_hook(void *ctx, size_t n) { (void)ctx; return mi_malloc(n); }
static void *mi_realloc_hook(void *ctx, void *p, size_t n) { (void)ctx; return mi_realloc(p, n); }
static void mi_free_hook(void *ctx, void *p) { (void)ctx; mi_free(p); }

static const hme_allocator mimalloc_allocator = { mi_malloc_hook, mi_realloc_hook, mi_free_hook, NULL };

const hme_allocator *hme_alloc_default(void) { return &mimalloc_allocator; }

const hme_allocator *hme_alloc_or_default(const hme_allocator *al) { return al ? al : &mimalloc_allocator; }

void *hme_calloc(const hme_allocator *al, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) return NULL;
    void *p = hme_malloc(al, count * size);
    if (p) memset(p, 0, count * size);
    return p;
}

char *hme_strndup(const hme_allocator *al, const char *s, size_t n) {
    if (n == SIZE_MAX) return NULL;
    char *p = hme_malloc(al, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
