/* hash_sse2.c - hme_hash64 with SSE2: a stripe is two 128-bit halves. */
#include "hash.h"

#include <string.h>
#include <simde/x86/sse2.h>

static inline void stripe(simde__m128i acc[2], const unsigned char *p) {
    const simde__m128i k0 = simde_mm_set_epi64x((long long)HME_HASH_K1, (long long)HME_HASH_K0);
    const simde__m128i k1 = simde_mm_set_epi64x((long long)HME_HASH_K3, (long long)HME_HASH_K2);
    simde__m128i d0 = simde_mm_loadu_si128((const void *)p), d1 = simde_mm_loadu_si128((const void *)(p + 16));
    simde__m128i x0 = simde_mm_xor_si128(d0, k0), x1 = simde_mm_xor_si128(d1, k1);
    simde__m128i m0 = simde_mm_mul_epu32(x0, simde_mm_srli_epi64(x0, 32));
    simde__m128i m1 = simde_mm_mul_epu32(x1, simde_mm_srli_epi64(x1, 32));
    simde__m128i s0 = simde_mm_shuffle_epi32(d0, SIMDE_MM_SHUFFLE(1, 0, 3, 2));
    simde__m128i s1 = simde_mm_shuffle_epi32(d1, SIMDE_MM_SHUFFLE(1, 0, 3, 2));
    acc[0] = simde_mm_add_epi64(acc[0], simde_mm_add_epi64(s0, m0));
    acc[1] = simde_mm_add_epi64(acc[1], simde_mm_add_epi64(s1, m1));
}

uint64_t hme_hash64_sse2(const void *data, size_t n) {
    const unsigned char *p = data;
    simde__m128i acc[2] = { simde_mm_set_epi64x((long long)HME_HASH_A1, (long long)HME_HASH_A0),
                            simde_mm_set_epi64x((long long)HME_HASH_A3, (long long)HME_HASH_A2) };
    size_t i = 0;
    for (; i + 32 < n; i += 32) stripe(acc, p + i);
    unsigned char last[32] = { 0 };
    memcpy(last, p + i, n - i);
    stripe(acc, last);
    uint64_t a[4];
    simde_mm_storeu_si128((void *)a, acc[0]);
    simde_mm_storeu_si128((void *)(a + 2), acc[1]);
    return hme_hash_finish(a, n);
}
