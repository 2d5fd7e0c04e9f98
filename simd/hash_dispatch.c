/* hash_dispatch.c - picks the hme_hash64 implementation once per process. */
#include "hash.h"

#include <stdlib.h>
#include <string.h>

static const hme_hash_impl impls[] = {
    { "scalar", hme_hash64_scalar },
    { "sse2", hme_hash64_sse2 },
    { "avx2", hme_hash64_avx2 },
};

static int cpu_has(int level) {
    if (level <= 1) return 1; /* SSE2 is part of x86-64 */
    return __builtin_cpu_supports("avx2");
}

const hme_hash_impl *hme_hash_impl_named(const char *name) {
    for (int i = 0; i < 3; i++)
        if (strcmp(impls[i].name, name) == 0) return cpu_has(i) ? &impls[i] : NULL;
    return NULL;
}

static const hme_hash_impl *choose(void) {
    int level = 2;
    const char *env = getenv("HME_SIMD");
    if (env && *env)
        for (int i = 0; i < 3; i++)
            if (strcmp(impls[i].name, env) == 0) level = i;
    while (level > 0 && !cpu_has(level)) level--;
    return &impls[level];
}

static const hme_hash_impl *active;

void hme_hash_set_active(const hme_hash_impl *impl) { __atomic_store_n(&active, impl, __ATOMIC_RELEASE); }

const hme_hash_impl *hme_hash_active(void) {
    const hme_hash_impl *a = __atomic_load_n(&active, __ATOMIC_ACQUIRE);
    if (!a) {
        a = choose();
        __atomic_store_n(&active, a, __ATOMIC_RELEASE);
    }
    return a;
}
