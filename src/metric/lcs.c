/* lcs.c - DP oracle and bit-parallel LCS (see lcs.h). */
#include "metric/lcs.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

size_t hme_lcs_length_dp(const uint32_t *a, size_t n, const uint32_t *b, size_t m, uint32_t *work) {
    /* One row of rouge-score's table, updated in place; `diag` carries t[i-1][j-1]. */
    for (size_t j = 0; j <= m; j++) work[j] = 0;
    for (size_t i = 1; i <= n; i++) {
        uint32_t diag = 0;
        for (size_t j = 1; j <= m; j++) {
            uint32_t up = work[j];
            uint32_t v;
            if (a[i - 1] == b[j - 1]) v = diag + 1;
            else v = up > work[j - 1] ? up : work[j - 1];
            diag = up;
            work[j] = v;
        }
    }
    return work[m];
}

size_t hme_lcs_indices_dp(const uint32_t *a, size_t n, const uint32_t *b, size_t m, uint32_t *t,
                          uint32_t *idx_out) {
    size_t w = m + 1;
    for (size_t j = 0; j <= m; j++) t[j] = 0;
    for (size_t i = 1; i <= n; i++) {
        uint32_t *row = t + i * w, *prev = row - w;
        row[0] = 0;
        for (size_t j = 1; j <= m; j++) {
            if (a[i - 1] == b[j - 1]) row[j] = prev[j - 1] + 1;
            else row[j] = prev[j] > row[j - 1] ? prev[j] : row[j - 1];
        }
    }
    /* _backtrack_norec: indices are found from the end, written back to front. */
    size_t len = t[n * w + m], k = len;
    size_t i = n, j = m;
    while (i > 0 && j > 0) {
        if (a[i - 1] == b[j - 1]) { idx_out[--k] = (uint32_t)(i - 1); i--; j--; }
        else if (t[i * w + j - 1] > t[(i - 1) * w + j]) j--;
        else i--;
    }
    return len;
}

void hme_lcs_pm_set(uint64_t *pm, size_t words, const uint32_t *b, size_t m) {
    for (size_t j = 0; j < m; j++) pm[(size_t)b[j] * words + j / 64] |= (uint64_t)1 << (j % 64);
}

void hme_lcs_pm_clear(uint64_t *pm, size_t words, const uint32_t *b, size_t m) {
    for (size_t j = 0; j < m; j++) memset(pm + (size_t)b[j] * words, 0, words * sizeof(uint64_t));
}

/* V = (V + u) | (V - u) with u = V & M; V - u never borrows (u is a subset of V). */
static inline void step(uint64_t *v, const uint64_t *pmrow, size_t words) {
    if (words == 1) {
        uint64_t u = v[0] & pmrow[0];
        v[0] = (v[0] + u) | (v[0] - u);
        return;
    }
    unsigned char carry = 0;
    for (size_t w = 0; w < words; w++) {
        uint64_t x = v[w], u = x & pmrow[w];
        unsigned long long s;
        unsigned char c1 = __builtin_add_overflow(x, u, &s);
        unsigned char c2 = __builtin_add_overflow(s, (unsigned long long)carry, &s);
        carry = c1 | c2;
        v[w] = s | (x - u);
    }
}

/* Population count without the popcnt instruction (the library targets baseline x86-64,
 * where __builtin_popcountll becomes a libgcc call). */
static inline unsigned popcount64(uint64_t x) {
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (unsigned)((x * 0x0101010101010101ull) >> 56);
}

/* Zero bits of v below bit j = t[i][j] for the row vector v = V_i. */
static inline size_t zeros_below(const uint64_t *v, size_t j) {
    size_t full = j / 64, z = 0;
    for (size_t w = 0; w < full; w++) z += 64 - popcount64(v[w]);
    size_t rem = j % 64;
    if (rem) z += rem - popcount64(v[full] & (((uint64_t)1 << rem) - 1));
    return z;
}

/* 1 when bit k of v is zero, i.e. t[i][k+1] - t[i][k] for v = V_i. */
static inline size_t zbit(const uint64_t *v, size_t k) { return (size_t)(((v[k / 64] >> (k % 64)) & 1) ^ 1); }

size_t hme_lcs_length_bp(const uint32_t *a, size_t n, const uint64_t *pm, uint32_t alpha, size_t m, uint64_t *v) {
    size_t words = hme_lcs_words(m);
    if (m == 0) return 0;
    for (size_t w = 0; w < words; w++) v[w] = ~(uint64_t)0;
    for (size_t i = 0; i < n; i++) {
        if (a[i] >= alpha) continue;
        step(v, pm + (size_t)a[i] * words, words);
    }
    return zeros_below(v, m);
}

/* b of at most 64 tokens (most sentence pairs): every row is one word, kept by value. */
static inline __attribute__((always_inline)) unsigned pc(uint64_t x, bool hw) {
    return hw ? (unsigned)__builtin_popcountll(x) : popcount64(x);
}

static inline __attribute__((always_inline)) size_t
one_word(const uint32_t *a, size_t n, const uint32_t *b, size_t m, const uint64_t *pm, uint32_t alpha, uint64_t *row,
         uint32_t *idx_out, bool hw) {
    uint64_t v = ~(uint64_t)0;
    row[0] = v;
    for (size_t i = 1; i <= n; i++) {
        uint32_t t = a[i - 1];
        if (t < alpha) {
            uint64_t u = v & pm[t];
            v = (v + u) | (v - u);
        }
        row[i] = v;
    }
    uint64_t mask = m == 64 ? ~(uint64_t)0 : (((uint64_t)1 << m) - 1);
    size_t len = m - pc(v & mask, hw), k = len;
    if (len == 0) return 0;
    /* The general case's walk (A = t[i][j-1], B = t[i-1][j] kept by single bits), with
     * t[i][j] = j - popcount(row[i] & low j bits) for the one fresh value per new row. */
#define LOW(j) ((j) == 64 ? ~(uint64_t)0 : (((uint64_t)1 << (j)) - 1))
#define ZB(r, k) ((size_t)((((r) >> (k)) & 1) ^ 1))
    size_t i = n, j = m;
    size_t A = (j - 1) - pc(row[i] & LOW(j - 1), hw), B = j - pc(row[i - 1] & LOW(j), hw);
    while (i > 0 && j > 0) {
        if (a[i - 1] == b[j - 1]) {
            idx_out[--k] = (uint32_t)(i - 1);
            if (k == 0) break;
            if (i > 1 && j > 1) {
                A = B - ZB(row[i - 1], j - 1) - ZB(row[i - 1], j - 2);
                B = (j - 1) - pc(row[i - 2] & LOW(j - 1), hw);
            }
            i--; j--;
        } else if (A > B) {
            if (j > 1) {
                A -= ZB(row[i], j - 2);
                B -= ZB(row[i - 1], j - 1);
            }
            j--;
        } else {
            if (i > 1) {
                A = B - ZB(row[i - 1], j - 1);
                B = j - pc(row[i - 2] & LOW(j), hw);
            }
            i--;
        }
    }
#undef LOW
#undef ZB
    return len;
}

static size_t one_word_swar(const uint32_t *a, size_t n, const uint32_t *b, size_t m, const uint64_t *pm,
                            uint32_t alpha, uint64_t *row, uint32_t *idx_out) {
    return one_word(a, n, b, m, pm, alpha, row, idx_out, false);
}

/* The same with the popcnt instruction (every x86-64 CPU since about 2008, but not in the
 * baseline the library is built for): chosen at run time, HME_SIMD=scalar turns it off. */
__attribute__((target("popcnt"))) static size_t one_word_popcnt(const uint32_t *a, size_t n, const uint32_t *b,
                                                                 size_t m, const uint64_t *pm, uint32_t alpha,
                                                                 uint64_t *row, uint32_t *idx_out) {
    return one_word(a, n, b, m, pm, alpha, row, idx_out, true);
}

static int popcnt_state = -1; /* -1 undecided, 0 SWAR, 1 popcnt */

int hme_lcs_popcnt(int mode) {
    int have = __builtin_cpu_supports("popcnt") ? 1 : 0;
    if (mode == 0 || mode == 1) {
        __atomic_store_n(&popcnt_state, mode && have, __ATOMIC_RELAXED);
    } else if (__atomic_load_n(&popcnt_state, __ATOMIC_RELAXED) < 0) {
        const char *env = getenv("HME_SIMD");
        __atomic_store_n(&popcnt_state, (env && strcmp(env, "scalar") == 0) ? 0 : have, __ATOMIC_RELAXED);
    }
    return __atomic_load_n(&popcnt_state, __ATOMIC_RELAXED);
}

size_t hme_lcs_indices_bp(const uint32_t *a, size_t n, const uint32_t *b, size_t m, const uint64_t *pm,
                          uint32_t alpha, uint64_t *rows, const uint64_t **rowp, uint32_t *idx_out) {
    size_t words = hme_lcs_words(m);
    if (m == 0 || n == 0) return 0;
    if (words == 1) {
        int hw = __atomic_load_n(&popcnt_state, __ATOMIC_RELAXED);
        if (hw < 0) hw = hme_lcs_popcnt(-1);
        return (hw ? one_word_popcnt : one_word_swar)(a, n, b, m, pm, alpha, rows, idx_out);
    }
    /* Row vectors V_0..V_n; a token absent from b leaves the row as it was, so it shares
     * the previous row's storage instead of copying it. */
    uint64_t *cur = rows;
    for (size_t w = 0; w < words; w++) cur[w] = ~(uint64_t)0;
    rowp[0] = cur;
    for (size_t i = 1; i <= n; i++) {
        if (a[i - 1] >= alpha) { rowp[i] = rowp[i - 1]; continue; }
        const uint64_t *pmrow = pm + (size_t)a[i - 1] * words;
        uint64_t any = 0;
        for (size_t w = 0; w < words; w++) any |= pmrow[w];
        if (!any) { rowp[i] = rowp[i - 1]; continue; }
        uint64_t *next = cur + words;
        memcpy(next, cur, words * sizeof(uint64_t));
        step(next, pmrow, words);
        rowp[i] = cur = next;
    }
    size_t len = zeros_below(rowp[n], m), k = len;
    if (len == 0) return 0;
    /* _backtrack_norec, with A = t[i][j-1] and B = t[i-1][j] kept up to date by single
     * bits as i and j shrink; only a step to a new row needs a fresh prefix count. */
    size_t i = n, j = m;
    size_t A = zeros_below(rowp[i], j - 1), B = zeros_below(rowp[i - 1], j);
    while (i > 0 && j > 0) {
        if (a[i - 1] == b[j - 1]) {
            idx_out[--k] = (uint32_t)(i - 1);
            if (k == 0) break; /* every index found; the rest of the walk takes none */
            /* to (i-1, j-1) */
            if (i > 1 && j > 1) {
                A = B - zbit(rowp[i - 1], j - 1) - zbit(rowp[i - 1], j - 2);
                B = zeros_below(rowp[i - 2], j - 1);
            }
            i--; j--;
        } else if (A > B) {
            /* to (i, j-1) */
            if (j > 1) {
                A -= zbit(rowp[i], j - 2);
                B -= zbit(rowp[i - 1], j - 1);
            }
            j--;
        } else {
            /* to (i-1, j) */
            if (i > 1) {
                A = B - zbit(rowp[i - 1], j - 1);
                B = zeros_below(rowp[i - 2], j);
            }
            i--;
        }
    }
    return len;
}
