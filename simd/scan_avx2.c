/* scan_avx2.c - the structural scans 32/64 bytes at a time; compiled with -mavx2 and only
 * called after the dispatcher has checked the CPU. */
#include "scan.h"

#include <simde/x86/avx2.h>

size_t hme_scan_newline_avx2(const char *p, size_t n) {
    const simde__m256i nl = simde_mm256_set1_epi8('\n');
    size_t i = 0;
    for (; i + 64 <= n; i += 64) {
        simde__m256i a = simde_mm256_cmpeq_epi8(simde_mm256_loadu_si256((const simde__m256i *)(p + i)), nl);
        simde__m256i b = simde_mm256_cmpeq_epi8(simde_mm256_loadu_si256((const simde__m256i *)(p + i + 32)), nl);
        if (!simde_mm256_testz_si256(simde_mm256_or_si256(a, b), simde_mm256_or_si256(a, b))) {
            uint64_t m = (uint32_t)simde_mm256_movemask_epi8(a) | ((uint64_t)(uint32_t)simde_mm256_movemask_epi8(b) << 32);
            return i + (size_t)__builtin_ctzll(m);
        }
    }
    for (; i + 32 <= n; i += 32) {
        simde__m256i a = simde_mm256_cmpeq_epi8(simde_mm256_loadu_si256((const simde__m256i *)(p + i)), nl);
        uint32_t m = (uint32_t)simde_mm256_movemask_epi8(a);
        if (m) return i + (size_t)__builtin_ctz(m);
    }
    return i + hme_scan_newline_sse2(p + i, n - i);
}

size_t hme_scan_strspecial_avx2(const char *p, size_t n) {
    const simde__m256i quote = simde_mm256_set1_epi8('"'), bslash = simde_mm256_set1_epi8('\\');
    const simde__m256i c1f = simde_mm256_set1_epi8(0x1F);
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        simde__m256i x = simde_mm256_loadu_si256((const simde__m256i *)(p + i));
        simde__m256i ctl = simde_mm256_cmpeq_epi8(simde_mm256_min_epu8(x, c1f), x);
        simde__m256i any = simde_mm256_or_si256(ctl, simde_mm256_or_si256(simde_mm256_cmpeq_epi8(x, quote),
                                                                           simde_mm256_cmpeq_epi8(x, bslash)));
        uint32_t m = (uint32_t)simde_mm256_movemask_epi8(any);
        if (m) return i + (size_t)__builtin_ctz(m);
    }
    return i + hme_scan_strspecial_sse2(p + i, n - i);
}
