/* keyword.h - multi-pattern substring search for the refusal-keyword metrics.
 *
 * A compiled set of up to HME_KW_MAX_PATTERNS byte strings (each >= 2 bytes), each tagged
 * with a group bitmask; a search returns the OR of the groups of every pattern that occurs
 * in the text (exact, case-sensitive byte substrings), stopping early once every group is
 * found. The filter looks at byte pairs: a position is a candidate when its two bytes
 * start some pattern; candidates are verified with memcmp.
 *   _scalar: a 64 Ki-entry pair table per position (the oracle);
 *   _sse2 / _avx2: compare 16/32 positions against every distinct first pair at once.
 * hme_kwset_active() picks once per process (HME_SIMD=scalar|sse2|avx2 overrides).
 */
#ifndef HME_SIMD_KEYWORD_H
#define HME_SIMD_KEYWORD_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HME_KW_MAX_PATTERNS 128
#define HME_KW_MAX_PAIRS 128

typedef struct hme_kwset {
    size_t n;
    const char *pat[HME_KW_MAX_PATTERNS];
    size_t len[HME_KW_MAX_PATTERNS];
    uint32_t group[HME_KW_MAX_PATTERNS];
    uint32_t head[HME_KW_MAX_PATTERNS];   /* first min(len, 4) bytes, zero-padded: a cheap reject */
    uint32_t all_groups;
    /* distinct first pairs; the patterns starting with pair j are order[start[j] .. start[j+1]) */
    size_t npairs;
    uint8_t first[HME_KW_MAX_PAIRS], second[HME_KW_MAX_PAIRS];
    uint16_t start[HME_KW_MAX_PAIRS + 1];
    uint8_t order[HME_KW_MAX_PATTERNS];
    uint8_t pair_of[65536]; /* (b0 << 8 | b1) -> pair index + 1, 0 when no pattern starts so */
} hme_kwset;

/* Compiles the set (the strings are borrowed, not copied). False when a pattern is shorter
 * than 2 bytes or there are too many patterns. */
bool hme_kwset_init(hme_kwset *k, const char *const *pats, const uint32_t *groups, size_t n);

typedef uint32_t (*hme_kwset_fn)(const hme_kwset *k, const char *text, size_t n);
uint32_t hme_kwset_match_scalar(const hme_kwset *k, const char *text, size_t n);
uint32_t hme_kwset_match_sse2(const hme_kwset *k, const char *text, size_t n);
uint32_t hme_kwset_match_avx2(const hme_kwset *k, const char *text, size_t n);

/* Verifies the candidates at text[pos] (pair index + 1 in p1); shared by every version. */
static inline uint32_t hme_kwset_verify(const hme_kwset *k, const char *text, size_t n, size_t pos, unsigned p1) {
    /* Common English pairs ("an", "is", "ne") pass the filter often: compare four bytes
     * in one load before calling memcmp for the rest. */
    uint32_t found = 0, t4 = 0;
    size_t left = n - pos;
    __builtin_memcpy(&t4, text + pos, left < 4 ? left : 4);
    for (unsigned j = k->start[p1 - 1]; j < k->start[p1]; j++) {
        unsigned i = k->order[j];
        size_t len = k->len[i];
        if (len > left) continue;
        if (len >= 4 ? t4 != k->head[i] : __builtin_memcmp(text + pos, k->pat[i], len) != 0) continue;
        if (len <= 4 || __builtin_memcmp(text + pos + 4, k->pat[i] + 4, len - 4) == 0) found |= k->group[i];
    }
    return found;
}

/* The implementation in use, and one by name (NULL when unknown or the CPU lacks it). */
hme_kwset_fn hme_kwset_active(void);
hme_kwset_fn hme_kwset_named(const char *name);

#ifdef __cplusplus
}
#endif
#endif
