/* scan_dispatch.c - picks the structural-scan implementation once per process. */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

static const hme_scan_impl impls[] = {
    { "scalar", hme_scan_newline_scalar, hme_scan_strspecial_scalar },
    { "sse2", hme_scan_newline_sse2, hme_scan_strspecial_sse2 },
    { "avx2", hme_scan_newline_avx2, hme_scan_strspecial_avx2 },
};

static int cpu_has(int level) {
    if (level <= 1) return 1; /* scalar, and SSE2 is part of x86-64 */
    return __builtin_cpu_supports("avx2");
}

const hme_scan_impl *hme_scan_impl_named(const char *name) {
    for (int i = 0; i < 3; i++)
        if (strcmp(impls[i].name, name) == 0) return cpu_has(i) ? &impls[i] : NULL;
    return NULL;
}

static const hme_scan_impl *choose(void) {
    int level = 2;
    const char *env = getenv("HME_SIMD");
    if (env && *env) {
        for (int i = 0; i < 3; i++)
            if (strcmp(impls[i].name, env) == 0) level = i;
    }
    while (level > 0 && !cpu_has(level)) level--;
    return &impls[level];
}

static const hme_scan_impl *active;

void hme_scan_set_active(const hme_scan_impl *impl) { __atomic_store_n(&active, impl, __ATOMIC_RELEASE); }

const hme_scan_impl *hme_scan_active(void) {
    /* Every thread computes the same answer, so a race only repeats the work. */
    const hme_scan_impl *a = __atomic_load_n(&active, __ATOMIC_ACQUIRE);
    if (!a) {
        a = choose();
        __atomic_store_n(&active, a, __ATOMIC_RELEASE);
    }
    return a;
}
