/* lcs.h - longest common subsequence of two token-id sequences, as rouge-score needs it.
 *
 * Two implementations of each question, the plain O(n*m) DP (rouge-score's _lcs_table,
 * kept as the oracle the tests compare against) and a bit-parallel one (Allison-Dix /
 * Hyyro: u = V & PM[a_i]; V = (V + u) | (V - u), multi-word with carries):
 *   length:  LCS length (rougeL);
 *   indices: the indices into `a` of the one LCS that rouge-score's _backtrack_norec walks
 *            back to (rougeLsum's lcs_ind). The bit-parallel version keeps every row vector
 *            and reads the DP values t[i][j] off them (t[i][j] = zero bits of V_i below j),
 *            so it takes exactly the same branches as the DP backtrack.
 * Token ids are small dense integers (see rouge.c). The bit-parallel functions take a
 * pattern table pm[id * words + w] (bit j of row id set iff b[j] == id) for ids < alpha;
 * an id >= alpha in `a` occurs nowhere in b. No allocation: callers pass the work space.
 */
#ifndef HME_METRIC_LCS_H
#define HME_METRIC_LCS_H
#include <stddef.h>
#include <stdint.h>

static inline size_t hme_lcs_words(size_t m) { return (m + 63) / 64; }

/* DP. work: (m + 1) entries. */
size_t hme_lcs_length_dp(const uint32_t *a, size_t n, const uint32_t *b, size_t m, uint32_t *work);
/* DP + rouge-score's backtrack. table: (n + 1) * (m + 1) entries; idx_out: min(n, m) entries,
 * written ascending. Returns the number of indices (the LCS length). */
size_t hme_lcs_indices_dp(const uint32_t *a, size_t n, const uint32_t *b, size_t m, uint32_t *table,
                          uint32_t *idx_out);

/* Sets the bits of b into pm (rows of the ids in b must be zero before). */
void hme_lcs_pm_set(uint64_t *pm, size_t words, const uint32_t *b, size_t m);
/* Zeroes the rows of the ids in b again (cheaper than clearing the whole table). */
void hme_lcs_pm_clear(uint64_t *pm, size_t words, const uint32_t *b, size_t m);

/* Bit-parallel length. v: hme_lcs_words(m) words of work space. */
size_t hme_lcs_length_bp(const uint32_t *a, size_t n, const uint64_t *pm, uint32_t alpha, size_t m, uint64_t *v);
/* Bit-parallel lcs_ind. rows: (n + 1) * hme_lcs_words(m) words and rowp: n + 1 pointers of
 * work space; b is needed for the equality test of the backtrack. Same result as
 * hme_lcs_indices_dp. */
size_t hme_lcs_indices_bp(const uint32_t *a, size_t n, const uint32_t *b, size_t m, const uint64_t *pm,
                          uint32_t alpha, uint64_t *rows, const uint64_t **rowp, uint32_t *idx_out);

/* The one-word backtrack (response lines up to 64 tokens) counts bits with the popcnt
 * instruction when the CPU has it, else with a portable SWAR popcount (HME_SIMD=scalar
 * forces that). mode 0 / 1 forces SWAR / popcnt (1 only where supported; for tests),
 * -1 just asks. Returns 1 when popcnt is in use. */
int hme_lcs_popcnt(int mode);

#endif
