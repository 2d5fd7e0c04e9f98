/* keyword_avx2.c - the pair filter over 32 positions at a time (compiled with -mavx2,
 * called only after the dispatcher checked the CPU). */
#include "keyword.h"

#include <simde/x86/avx2.h>

uint32_t hme_kwset_match_avx2(const hme_kwset *k, const char *text, size_t n) {
    simde__m256i f[HME_KW_MAX_PAIRS], s[HME_KW_MAX_PAIRS];
    for (size_t j = 0; j < k->npairs; j++) {
        f[j] = simde_mm256_set1_epi8((char)k->first[j]);
        s[j] = simde_mm256_set1_epi8((char)k->second[j]);
    }
    const unsigned char *u = (const unsigned char *)text;
    uint32_t found = 0;
    size_t i = 0;
    for (; i + 33 <= n; i += 32) {
        simde__m256i v0 = simde_mm256_loadu_si256((const simde__m256i *)(text + i));
        simde__m256i v1 = simde_mm256_loadu_si256((const simde__m256i *)(text + i + 1));
        simde__m256i m = simde_mm256_setzero_si256();
        for (size_t j = 0; j < k->npairs; j++)
            m = simde_mm256_or_si256(m, simde_mm256_and_si256(simde_mm256_cmpeq_epi8(v0, f[j]), simde_mm256_cmpeq_epi8(v1, s[j])));
        uint32_t bits = (uint32_t)simde_mm256_movemask_epi8(m);
        while (bits) {
            size_t pos = i + (size_t)__builtin_ctz(bits);
            bits &= bits - 1;
            found |= hme_kwset_verify(k, text, n, pos, k->pair_of[(unsigned)u[pos] << 8 | u[pos + 1]]);
        }
        if (found == k->all_groups) return found;
    }
    /* fewer than 33 bytes left: finish 16 at a time, then byte by byte */
    return found | hme_kwset_match_sse2(k, text + i, n - i);
}
