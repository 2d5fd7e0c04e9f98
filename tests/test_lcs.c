/* test_lcs.c - the bit-parallel LCS (length and rouge-score's backtracked indices) against
 * the plain DP oracle, for every word count 1..13 at the word edges and in between, on
 * random and adversarial sequences. */
#include "harness.h"
#include "metric/lcs.h"

#include <stdlib.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(uint32_t k) {
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    return (uint32_t)(rng % k);
}

enum { MAXN = 64 * 13 + 8 };
static uint32_t A[MAXN], B[MAXN], I1[MAXN], I2[MAXN], work[MAXN + 1];
static uint32_t table[(MAXN + 1) * (MAXN + 1)];
static uint64_t rows[(MAXN + 1) * 14], v[14];
static const uint64_t *rowp[MAXN + 1];
static uint64_t pm[(MAXN + 8) * 14];

/* kind: 0 random small alphabet, 1 random large alphabet, 2 one symbol, 3 periodic,
 *       4 b reversed a, 5 disjoint alphabets, 6 b = a with edits */
static void fill(int kind, uint32_t *a, size_t n, uint32_t *b, size_t m, uint32_t *alpha) {
    uint32_t k = kind == 0 ? 4 : (kind == 1 ? 300 : 8);
    for (size_t i = 0; i < n; i++) a[i] = kind == 2 ? 0 : (kind == 3 ? (uint32_t)(i % 3) : rnd(k));
    for (size_t j = 0; j < m; j++) {
        switch (kind) {
        case 2: b[j] = 0; break;
        case 3: b[j] = (uint32_t)(j % 5 == 0 ? 1 : j % 2); break;
        case 4: b[j] = a[(n - 1 - (j % n))]; break;
        case 5: b[j] = 8 + rnd(8); break;
        case 6: b[j] = rnd(10) ? a[j % n] : rnd(k); break;
        default: b[j] = rnd(k);
        }
    }
    uint32_t mx = 0;
    for (size_t j = 0; j < m; j++) if (b[j] + 1 > mx) mx = b[j] + 1;
    *alpha = mx; /* a's ids >= alpha must be treated as absent */
}

static void one(int kind, size_t n, size_t m) {
    uint32_t alpha;
    fill(kind, A, n, B, m, &alpha);
    size_t words = hme_lcs_words(m);
    memset(pm, 0, sizeof pm);
    hme_lcs_pm_set(pm, words, B, m);
    size_t ld = hme_lcs_length_dp(A, n, B, m, work);
    size_t lb = hme_lcs_length_bp(A, n, pm, alpha, m, v);
    CHECK_MSG(ld == lb, "kind %d n %zu m %zu: dp %zu bp %zu", kind, n, m, ld, lb);
    size_t k1 = hme_lcs_indices_dp(A, n, B, m, table, I1);
    size_t k2 = hme_lcs_indices_bp(A, n, B, m, pm, alpha, rows, rowp, I2);
    CHECK_MSG(k1 == ld && k2 == k1 && memcmp(I1, I2, k1 * sizeof(uint32_t)) == 0,
              "indices differ: kind %d n %zu m %zu (%zu vs %zu)", kind, n, m, k1, k2);
    hme_lcs_pm_clear(pm, words, B, m);
    int clean = 1;
    for (size_t i = 0; i < alpha * words; i++) clean &= pm[i] == 0;
    CHECK(clean);
}

static void every_word_count(void) {
    for (size_t w = 1; w <= 13; w++) {
        size_t lens[] = { 64 * w - 63, 64 * w - 1, 64 * w, 64 * w - 32 };
        for (int kind = 0; kind <= 6; kind++)
            for (size_t li = 0; li < 4; li++) {
                size_t m = lens[li];
                size_t n = 1 + rnd((uint32_t)(w * 64));
                one(kind, n, m);
            }
    }
}

static void small_exhaustive_shapes(void) {
    for (size_t n = 1; n <= 9; n++)
        for (size_t m = 1; m <= 9; m++)
            for (int rep = 0; rep < 30; rep++) one(rep % 7, n, m);
}

static void known_values(void) {
    /* rouge-score's backtrack on a = [x y], b = [y x] keeps index 0 (it steps up on ties). */
    uint32_t a[] = { 0, 1 }, b[] = { 1, 0 }, idx[2];
    CHECK_EQ_INT(hme_lcs_indices_dp(a, 2, b, 2, table, idx), 1);
    CHECK_EQ_INT(idx[0], 0);
    /* a = [x y x], b = [x]: the last x. */
    uint32_t a2[] = { 0, 1, 0 }, b2[] = { 0 };
    CHECK_EQ_INT(hme_lcs_indices_dp(a2, 3, b2, 1, table, idx), 1);
    CHECK_EQ_INT(idx[0], 2);
    CHECK_EQ_INT(hme_lcs_length_dp(a, 0, b, 2, work), 0);
}

int main(void) {
    RUN(known_values);
    /* every implementation of the one-word backtrack: SWAR popcount, then popcnt if present */
    for (int hw = 0; hw <= 1; hw++) {
        if (hme_lcs_popcnt(hw) != hw) { fprintf(stderr, "popcnt not available, skipped\n"); continue; }
        RUN(small_exhaustive_shapes);
        RUN(every_word_count);
    }
    return hme_t_summary();
}
