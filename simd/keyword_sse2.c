/* keyword_sse2.c - the pair filter over 16 positions at a time. */
#include "keyword.h"

#include <simde/x86/sse2.h>

uint32_t hme_kwset_match_sse2(const hme_kwset *k, const char *text, size_t n) {
    simde__m128i f[HME_KW_MAX_PAIRS], s[HME_KW_MAX_PAIRS];
    for (size_t j = 0; j < k->npairs; j++) {
        f[j] = simde_mm_set1_epi8((char)k->first[j]);
        s[j] = simde_mm_set1_epi8((char)k->second[j]);
    }
    const unsigned char *u = (const unsigned char *)text;
    uint32_t found = 0;
    size_t i = 0;
    for (; i + 17 <= n; i += 16) {
        simde__m128i v0 = simde_mm_loadu_si128((const simde__m128i *)(text + i));
        simde__m128i v1 = simde_mm_loadu_si128((const simde__m128i *)(text + i + 1));
        simde__m128i m = simde_mm_setzero_si128();
        for (size_t j = 0; j < k->npairs; j++)
            m = simde_mm_or_si128(m, simde_mm_and_si128(simde_mm_cmpeq_epi8(v0, f[j]), simde_mm_cmpeq_epi8(v1, s[j])));
        unsigned bits = (unsigned)simde_mm_movemask_epi8(m);
        while (bits) {
            size_t pos = i + (size_t)__builtin_ctz(bits);
            bits &= bits - 1;
            found |= hme_kwset_verify(k, text, n, pos, k->pair_of[(unsigned)u[pos] << 8 | u[pos + 1]]);
        }
        if (found == k->all_groups) return found;
    }
    for (; i + 1 < n; i++) {
        unsigned p1 = k->pair_of[(unsigned)u[i] << 8 | u[i + 1]];
        if (p1) found |= hme_kwset_verify(k, text, n, i, p1);
    }
    return found;
}
