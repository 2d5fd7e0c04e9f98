#include "harness.h"
#include "core/arena.h"

#include <stdint.h>

static void arena_alignment_and_reuse(void) {
    hme_arena a;
    hme_arena_init(&a, NULL, 256);
    for (size_t n = 0; n < 1000; n++) {
        unsigned char *p = hme_arena_alloc(&a, n % 37);
        CHECK(p != NULL && ((uintptr_t)p % 16) == 0);
        if (p && n % 37) memset(p, 0xAB, n % 37);
    }
    size_t before = a.total;
    CHECK(before > 256);
    hme_arena_reset(&a);
    CHECK(a.total <= before && a.total >= 256);
    void *big = hme_arena_alloc(&a, 1 << 20); /* larger than a block */
    CHECK(big != NULL);
    hme_arena_free(&a);
    CHECK(a.total == 0);
}

static void arena_grow_in_place(void) {
    hme_arena a;
    hme_arena_init(&a, NULL, 4096);
    char *p = hme_arena_alloc(&a, 10);
    memcpy(p, "0123456789", 10);
    char *q = hme_arena_grow(&a, p, 10, 100);
    CHECK(q == p);
    char *r = hme_arena_grow(&a, q, 100, 100000); /* must move, content kept */
    CHECK(r != NULL && memcmp(r, "0123456789", 10) == 0);
    CHECK(hme_arena_calloc(&a, SIZE_MAX / 2, 4) == NULL);
    hme_arena_free(&a);
}

/* A cycle that outgrows the first block leaves one block big enough for it: the same cycle
 * again allocates no block (total unchanged, everything in the head block). A cycle over
 * the retention cap keeps only the oldest block. */
static void arena_reset_keeps_the_cycle_size(void) {
    hme_arena a;
    hme_arena_init(&a, NULL, 4096);
    for (int cycle = 0; cycle < 3; cycle++) {
        for (int i = 0; i < 10; i++) CHECK(hme_arena_alloc(&a, 3000) != NULL);
        if (cycle > 0) CHECK(a.total >= 10 * 3008 && a.total < 2 * 10 * 3008);
        hme_arena_reset(&a);
    }
    size_t kept = a.total;
    CHECK(kept >= 10 * 3008);
    for (int i = 0; i < 10; i++) CHECK(hme_arena_alloc(&a, 3000) != NULL);
    CHECK(a.total == kept);   /* no new block */
    /* 20 MiB in one cycle: more than the 8 MiB kept */
    for (int i = 0; i < 20; i++) CHECK(hme_arena_alloc(&a, 1 << 20) != NULL);
    hme_arena_reset(&a);
    CHECK(a.total <= ((size_t)8 << 20));
    CHECK(hme_arena_alloc(&a, 100) != NULL);
    hme_arena_free(&a);
    CHECK(a.total == 0);
}

int main(void) {
    RUN(arena_alignment_and_reuse);
    RUN(arena_grow_in_place);
    RUN(arena_reset_keeps_the_cycle_size);
    return hme_t_summary();
}
