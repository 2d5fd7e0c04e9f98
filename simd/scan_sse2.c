/* scan_sse2.c - the structural scans 16 bytes at a time (SSE2 is the x86-64 baseline). */
#include "scan.h"

#include <simde/x86/sse2.h>

size_t hme_scan_newline_sse2(const char *p, size_t n) {
    const simde__m128i nl = simde_mm_set1_epi8('\n');
    size_t i = 0;
    /* Two vectors per step: one branch per 32 bytes on long lines. */
    for (; i + 32 <= n; i += 32) {
        simde__m128i a = simde_mm_cmpeq_epi8(simde_mm_loadu_si128((const simde__m128i *)(p + i)), nl);
        simde__m128i b = simde_mm_cmpeq_epi8(simde_mm_loadu_si128((const simde__m128i *)(p + i + 16)), nl);
        unsigned m = (unsigned)simde_mm_movemask_epi8(a) | ((unsigned)simde_mm_movemask_epi8(b) << 16);
        if (m) return i + (size_t)__builtin_ctz(m);
    }
    for (; i + 16 <= n; i += 16) {
        simde__m128i a = simde_mm_cmpeq_epi8(simde_mm_loadu_si128((const simde__m128i *)(p + i)), nl);
        unsigned m = (unsigned)simde_mm_movemask_epi8(a);
        if (m) return i + (size_t)__builtin_ctz(m);
    }
    return i + hme_scan_newline_scalar(p + i, n - i);
}

/* Bytes that end a run of verbatim string content: '"', '\\' or a control byte. */
static inline unsigned strspecial_mask16(const char *p) {
    const simde__m128i quote = simde_mm_set1_epi8('"'), bslash = simde_mm_set1_epi8('\\');
    const simde__m128i c1f = simde_mm_set1_epi8(0x1F);
    simde__m128i x = simde_mm_loadu_si128((const simde__m128i *)p);
    /* unsigned x <= 0x1F  <=>  min(x, 0x1F) == x */
    simde__m128i ctl = simde_mm_cmpeq_epi8(simde_mm_min_epu8(x, c1f), x);
    simde__m128i any = simde_mm_or_si128(ctl, simde_mm_or_si128(simde_mm_cmpeq_epi8(x, quote),
                                                                  simde_mm_cmpeq_epi8(x, bslash)));
    return (unsigned)simde_mm_movemask_epi8(any);
}

size_t hme_scan_strspecial_sse2(const char *p, size_t n) {
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        unsigned m = strspecial_mask16(p + i);
        if (m) return i + (size_t)__builtin_ctz(m);
    }
    return i + hme_scan_strspecial_scalar(p + i, n - i);
}
