/* fuzz_lcs.c - bit-parallel LCS against the DP oracle (rouge-score's _lcs_table).
 *
 * Input: byte 0 is the alphabet size (1..64, small alphabets make long common
 * subsequences), byte 1 splits the rest into a and b; every other byte is a token id
 * (byte % alphabet). a may hold ids that never occur in b (ids >= alpha for the pattern
 * table), which the bit-parallel code must skip. Length and rougeLsum's backtrack
 * indices must equal the DP's, the indices ascending and inside a, and clearing the
 * pattern table must leave it all zero (the next pair reuses it). Sequences are capped
 * so the DP table stays small. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "metric/lcs.h"

#define MAX_SEQ 700

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2) return 0;
    uint32_t alphabet = data[0] % 64 + 1;
    size_t rest = size - 2, cut = rest * data[1] / 255;
    size_t n = cut, m = rest - cut;
    if (n > MAX_SEQ || m > MAX_SEQ) return 0;
    uint32_t *a = malloc((n + 1) * sizeof *a), *b = malloc((m + 1) * sizeof *b);
    if (!a || !b) abort();
    uint32_t alpha = 0; /* ids present in b: the pattern table's rows */
    for (size_t i = 0; i < n; i++) a[i] = data[2 + i] % alphabet;
    for (size_t j = 0; j < m; j++) { b[j] = data[2 + n + j] % alphabet; if (b[j] + 1 > alpha) alpha = b[j] + 1; }
    size_t words = hme_lcs_words(m), k = n < m ? n : m;
    uint32_t *work = malloc((m + 1) * sizeof *work), *table = malloc((n + 1) * (m + 1) * sizeof *table);
    uint32_t *idx_dp = malloc((k + 1) * sizeof *idx_dp), *idx_bp = malloc((k + 1) * sizeof *idx_bp);
    uint64_t *pm = calloc((size_t)alpha * words + 1, sizeof *pm), *v = malloc((words + 1) * sizeof *v);
    uint64_t *rows = malloc(((n + 1) * words + 1) * sizeof *rows);
    const uint64_t **rowp = malloc((n + 1) * sizeof *rowp);
    if (!work || !table || !idx_dp || !idx_bp || !pm || !v || !rows || !rowp) abort();
    size_t len_dp = hme_lcs_length_dp(a, n, b, m, work);
    size_t ni_dp = hme_lcs_indices_dp(a, n, b, m, table, idx_dp);
    hme_lcs_pm_set(pm, words, b, m);
    size_t len_bp = hme_lcs_length_bp(a, n, pm, alpha, m, v);
    size_t ni_bp = hme_lcs_indices_bp(a, n, b, m, pm, alpha, rows, rowp, idx_bp);
    if (len_dp != len_bp || ni_dp != len_dp || ni_bp != ni_dp) {
        fprintf(stderr, "lengths: dp %zu bp %zu, indices dp %zu bp %zu\n", len_dp, len_bp, ni_dp, ni_bp);
        abort();
    }
    for (size_t i = 0; i < ni_dp; i++) {
        if (idx_dp[i] != idx_bp[i]) { fprintf(stderr, "index %zu: dp %u bp %u\n", i, idx_dp[i], idx_bp[i]); abort(); }
        if (idx_dp[i] >= n || (i && idx_dp[i] <= idx_dp[i - 1])) abort();
    }
    hme_lcs_pm_clear(pm, words, b, m);
    for (size_t i = 0; i < (size_t)alpha * words; i++) if (pm[i]) abort();
    free(a); free(b); free(work); free(table); free(idx_dp); free(idx_bp); free(pm); free(v); free(rows); free(rowp);
    return 0;
}
