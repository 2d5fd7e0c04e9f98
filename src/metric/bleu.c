/* bleu.c - NLTK 3.8 sentence_bleu with default arguments (see bleu.h).
 *
 * The clipped counts sum(min(count_hyp(g), count_ref(g))) are computed by walking the
 * hypothesis n-grams against a table of the reference n-gram counts, taking one from a
 * count each time it is still positive: the same integer as NLTK's Counter arithmetic.
 * Every float step is Python's, in Python's order. */
#include "metric/bleu.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* CPython's math_fsum (Modules/mathmodule.c). Non-overlapping partials of finite doubles
 * number at most ~40 (2098 exponent bits / 53), so a fixed array is enough. */
double hme_fsum(const double *xs, size_t count, int *ok) {
    double p[128];
    size_t n = 0;
    double special_sum = 0.0, inf_sum = 0.0;
    if (ok) *ok = 1;
    for (size_t k = 0; k < count; k++) {
        double x = xs[k], xsave = x;
        size_t i = 0;
        for (size_t j = 0; j < n; j++) {
            double y = p[j];
            if (fabs(x) < fabs(y)) { double t = x; x = y; y = t; }
            double hi = x + y;
            double yr = hi - x;
            double lo = y - yr;
            if (lo != 0.0) p[i++] = lo;
            x = hi;
        }
        n = i;
        if (x != 0.0) {
            if (!isfinite(x)) {
                if (isfinite(xsave)) { if (ok) *ok = 0; return NAN; } /* intermediate overflow */
                if (isinf(xsave)) inf_sum += xsave;
                special_sum += xsave;
                n = 0;
            } else {
                p[n++] = x;
            }
        }
    }
    if (special_sum != 0.0) {
        if (isnan(inf_sum)) { if (ok) *ok = 0; return NAN; } /* -inf + inf */
        return special_sum;
    }
    double hi = 0.0;
    if (n > 0) {
        double lo = 0.0;
        hi = p[--n];
        while (n > 0) {
            double x = hi, y = p[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) break;
        }
        /* half-even rounding across partials, as CPython does */
        if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
            double y = lo * 2.0;
            double x = hi + y;
            double yr = x - hi;
            if (y == yr) hi = x;
        }
    }
    return hi;
}

typedef struct ngram_slot {
    uint64_t key;     /* n-gram hash; 0 marks an empty slot (hash 0 is remapped to 1) */
    uint32_t pos;     /* first reference position of this n-gram, to verify equality */
    uint32_t count;   /* reference occurrences not yet used to clip */
} ngram_slot;

static inline uint64_t ngram_hash(const uint64_t *th, size_t i, size_t n) {
    uint64_t h = th[i];
    for (size_t k = 1; k < n; k++) {
        h = (h ^ (h >> 31)) * 0x9e3779b97f4a7c15ull;
        h ^= th[i + k];
    }
    h ^= h >> 33;
    return h ? h : 1;
}

static inline int ngram_equal(const hme_str *a, size_t ia, const hme_str *b, size_t ib, size_t n) {
    for (size_t k = 0; k < n; k++)
        if (!hme_str_eq(a[ia + k], b[ib + k])) return 0;
    return 1;
}

/* sum over distinct hypothesis n-grams g of min(count_hyp(g), count_ref(g)). */
static uint64_t clipped_matches(const hme_str *ref, const uint64_t *rh, size_t nref,
                                const hme_str *hyp, const uint64_t *hh, size_t nhyp,
                                size_t n, ngram_slot *tab, size_t mask) {
    if (nref < n || nhyp < n) return 0;
    memset(tab, 0, (mask + 1) * sizeof *tab);
    for (size_t j = 0; j + n <= nref; j++) {
        uint64_t h = ngram_hash(rh, j, n);
        size_t s = (size_t)h & mask;
        for (;; s = (s + 1) & mask) {
            if (tab[s].key == 0) { tab[s].key = h; tab[s].pos = (uint32_t)j; tab[s].count = 1; break; }
            if (tab[s].key == h && ngram_equal(ref, tab[s].pos, ref, j, n)) { tab[s].count++; break; }
        }
    }
    uint64_t matched = 0;
    for (size_t i = 0; i + n <= nhyp; i++) {
        uint64_t h = ngram_hash(hh, i, n);
        size_t s = (size_t)h & mask;
        for (;; s = (s + 1) & mask) {
            if (tab[s].key == 0) break;
            if (tab[s].key == h && ngram_equal(ref, tab[s].pos, hyp, i, n)) {
                if (tab[s].count) { tab[s].count--; matched++; }
                break;
            }
        }
    }
    return matched;
}

static const uint64_t *hashes_or_compute(const hme_str *t, const uint64_t *h, size_t n, hme_arena *a) {
    if (h) return h;
    uint64_t *out = hme_arena_alloc(a, (n ? n : 1) * sizeof *out);
    if (!out) return NULL;
    for (size_t i = 0; i < n; i++) out[i] = hme_nltk_hash(t[i].ptr, t[i].len);
    return out;
}

double hme_bleu_brevity_penalty(size_t closest_ref_len, size_t hyp_len) {
    if (hyp_len > closest_ref_len) return 1.0;
    if (hyp_len == 0) return 0.0;
    /* Python int / int is correctly rounded; so is the double division of two ints < 2**53 */
    return exp(1.0 - (double)closest_ref_len / (double)hyp_len);
}

double hme_bleu_sentence(const hme_str *ref, const uint64_t *ref_hash, size_t nref,
                         const hme_str *hyp, const uint64_t *hyp_hash, size_t nhyp,
                         hme_arena *scratch) {
    /* p_numerators[1] == 0 (which includes an empty hypothesis) -> return 0 */
    if (nhyp == 0 || nref == 0) return 0.0;
    const uint64_t *rh = hashes_or_compute(ref, ref_hash, nref, scratch);
    const uint64_t *hh = hashes_or_compute(hyp, hyp_hash, nhyp, scratch);
    size_t cap = 16;
    while (cap < 2 * nref) cap <<= 1;
    ngram_slot *tab = hme_arena_alloc(scratch, cap * sizeof *tab);
    if (!rh || !hh || !tab) return NAN;

    double logs[4];
    uint64_t prev = 1;
    for (size_t n = 1; n <= 4; n++) {
        /* an n-gram match implies (n-1)-gram matches: once zero, zero for every higher n */
        uint64_t num = prev ? clipped_matches(ref, rh, nref, hyp, hh, nhyp, n, tab, cap - 1) : 0;
        prev = num;
        if (n == 1 && num == 0) return 0.0;
        uint64_t den = nhyp >= n ? nhyp - n + 1 : 0;
        if (den < 1) den = 1;
        /* method0: Fraction -> float is numerator / denominator correctly rounded (both
         * are far below 2**53, so the double division is that); zero -> float_info.min */
        double p = num ? (double)num / (double)den : DBL_MIN;
        logs[n - 1] = 0.25 * log(p);
    }
    return hme_bleu_brevity_penalty(nref, nhyp) * exp(hme_fsum(logs, 4, NULL));
}
