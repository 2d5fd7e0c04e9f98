#include "core/alloc.h"

#include <mimalloc.h>
#include <string.h>

/* Sanitizer builds use libc's malloc instead: ASan/TSan only see (and redzone, poison,
 * leak-check) blocks that come from their own interposed malloc. Inside mimalloc's pages a
 * heap overflow is invisible to ASan, and a pointer held only in mimalloc memory makes
 * LeakSanitizer report the block it points to (pcre2's) as leaked. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define HME_ALLOC_LIBC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define HME_ALLOC_LIBC 1
#endif
#endif
#ifdef HME_ALLOC_LIBC
#include <stdlib.h>
static void *libc_malloc_hook(void *ctx, size_t n) { (void)ctx; return malloc(n); }
static void *libc_realloc_hook(void *ctx, void *p, size_t n) { (void)ctx; return realloc(p, n); }
static void libc_free_hook(void *ctx, void *p) { (void)ctx; free(p); }
static const hme_allocator mimalloc_allocator = { libc_malloc_hook, libc_realloc_hook, libc_free_hook, NULL };
#else
static void *mi_malloc_hook(void *ctx, size_t n) { (void)ctx; return mi_malloc(n); }
static void *mi_realloc_hook(void *ctx, void *p, size_t n) { (void)ctx; return mi_realloc(p, n); }
static void mi_free_hook(void *ctx, void *p) { (void)ctx; mi_free(p); }
static const hme_allocator mimalloc_allocator = { mi_malloc_hook, mi_realloc_hook, mi_free_hook, NULL };
#endif

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
