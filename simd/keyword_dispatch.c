/* keyword_dispatch.c - picks the keyword-search implementation once per process. */
#include "keyword.h"

#include <stdlib.h>
#include <string.h>

static const struct { const char *name; hme_kwset_fn fn; } impls[] = {
    { "scalar", hme_kwset_match_scalar }, { "sse2", hme_kwset_match_sse2 }, { "avx2", hme_kwset_match_avx2 },
};

static int cpu_has(int level) { return level <= 1 || __builtin_cpu_supports("avx2"); }

hme_kwset_fn hme_kwset_named(const char *name) {
    for (int i = 0; i < 3; i++)
        if (strcmp(impls[i].name, name) == 0) return cpu_has(i) ? impls[i].fn : NULL;
    return NULL;
}

hme_kwset_fn hme_kwset_active(void) {
    static hme_kwset_fn active;
    hme_kwset_fn a = __atomic_load_n(&active, __ATOMIC_ACQUIRE);
    if (a) return a;
    int level = 2;
    const char *env = getenv("HME_SIMD");
    for (int i = 0; env && i < 3; i++)
        if (strcmp(impls[i].name, env) == 0) level = i;
    while (level > 0 && !cpu_has(level)) level--;
    a = impls[level].fn;
    __atomic_store_n(&active, a, __ATOMIC_RELEASE); /* a race only repeats the same choice */
    return a;
}
