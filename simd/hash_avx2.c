/* hash_avx2.c - hme_hash64 with AVX2: one stripe per 256-bit register (compiled -mavx2,
 * called only when the CPU has AVX2). */
#include "hash.h"

#include <string.h>
#include <simde/x86/avx2.h>

uint64_t hme_hash64_avx2(const void *data, size_t n) {
    const unsigned char *p = data;
    const simde__m256i k = simde_mm256_set_epi64x((long long)HME_HASH_K3, (long long)HME_HASH_K2,
                                                  (long long)HME_HASH_K1, (long long)HME_HASH_K0);
    simde__m256i acc = simde_mm256_set_epi64x((long long)HME_HASH_A3, (long long)HME_HASH_A2,
                                              (long long)HME_HASH_A1, (long long)HME_HASH_A0);
    unsigned char last[32] = { 0 };
    size_t i = 0;
    for (;;) {
        const unsigned char *s;
        int final = i + 32 >= n;
        if (final) { memcpy(last, p + i, n - i); s = last; }
        else s = p + i;
        simde__m256i d = simde_mm256_loadu_si256((const void *)s);
        simde__m256i x = simde_mm256_xor_si256(d, k);
        simde__m256i m = simde_mm256_mul_epu32(x, simde_mm256_srli_epi64(x, 32));
        simde__m256i sw = simde_mm256_shuffle_epi32(d, SIMDE_MM_SHUFFLE(1, 0, 3, 2));
        acc = simde_mm256_add_epi64(acc, simde_mm256_add_epi64(sw, m));
        if (final) break;
        i += 32;
    }
    uint64_t a[4];
    simde_mm256_storeu_si256((void *)a, acc);
    return hme_hash_finish(a, n);
}
