/* bleu.c - NLTK 3.8 sentence_bleu with default arguments (see bleu.h).
 *
 * The clipped counts sum(min(count_hyp(g), count_ref(g))) are NLTK's Counter arithmetic
 * done on per-pair token ids (see below).
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

/* Tokens become small integer ids once per pair (a table of the reference's distinct
 * tokens, verified byte for byte); a hypothesis token absent from the reference gets none.
 * Higher-order n-grams are then compared as id tuples: exact, no string compares, and a
 * hypothesis n-gram holding a token without id cannot match, which prunes most of them. */
#define NO_ID UINT32_MAX

typedef struct tok_slot { uint64_t h; uint32_t id, pos; } tok_slot;   /* h 0 = empty */

typedef struct gram_slot {
    uint32_t k[4];       /* token ids; k[0] NO_ID = empty */
    uint32_t ch, cr;     /* occurrences in hypothesis and reference */
} gram_slot;

static inline size_t gram_hash(const uint32_t *k, size_t n) {
    uint64_t h = 0;
    for (size_t i = 0; i < n; i++) h = (h ^ k[i]) * 0x9e3779b97f4a7c15ull;
    return (size_t)(h ^ (h >> 29));
}

/* Finds or (when insert) creates the slot of k[0..n); NULL when absent. */
static inline gram_slot *gram_find(gram_slot *tab, size_t mask, const uint32_t *k, size_t n, int insert) {
    for (size_t s = gram_hash(k, n) & mask;; s = (s + 1) & mask) {
        gram_slot *e = &tab[s];
        if (e->k[0] == NO_ID) {
            if (!insert) return NULL;
            memcpy(e->k, k, n * sizeof *k);
            e->ch = e->cr = 0;
            return e;
        }
        if (memcmp(e->k, k, n * sizeof *k) == 0) return e;
    }
}

/* sum over distinct hypothesis n-grams g of min(count_hyp(g), count_ref(g)), n >= 2. */
static uint64_t clipped_ngrams(const uint32_t *rid, size_t nref, const uint32_t *hid, size_t nhyp,
                               size_t n, gram_slot *tab, size_t mask) {
    if (nref < n || nhyp < n) return 0;
    size_t cand = 0;
    for (size_t i = 0; i + n <= nhyp; i++) {
        size_t k = 0;
        while (k < n && hid[i + k] != NO_ID) k++;
        if (k < n) continue;
        if (!cand) memset(tab, 0xff, (mask + 1) * sizeof *tab);
        gram_find(tab, mask, hid + i, n, 1)->ch++;
        cand++;
    }
    if (!cand) return 0;
    for (size_t j = 0; j + n <= nref; j++) {
        gram_slot *e = gram_find(tab, mask, rid + j, n, 0);
        if (e) e->cr++;
    }
    uint64_t matched = 0;
    for (size_t s = 0; s <= mask; s++)
        if (tab[s].k[0] != NO_ID) matched += tab[s].ch < tab[s].cr ? tab[s].ch : tab[s].cr;
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
    while (cap < 2 * (nref > nhyp ? nref : nhyp)) cap <<= 1;
    tok_slot *toks = hme_arena_calloc(scratch, cap, sizeof *toks);
    uint32_t *rid = hme_arena_alloc(scratch, nref * sizeof *rid);
    uint32_t *hid = hme_arena_alloc(scratch, nhyp * sizeof *hid);
    uint32_t *left = hme_arena_calloc(scratch, nref, sizeof *left);   /* unigram counts by id */
    gram_slot *grams = hme_arena_alloc(scratch, cap * sizeof *grams);
    if (!rh || !hh || !toks || !rid || !hid || !left || !grams) return NAN;
    size_t mask = cap - 1;
    uint32_t nid = 0;
    for (size_t j = 0; j < nref; j++) {
        uint64_t h = rh[j] ? rh[j] : 1;
        for (size_t s = (size_t)h & mask;; s = (s + 1) & mask) {
            tok_slot *e = &toks[s];
            if (e->h == 0) { e->h = h; e->id = nid++; e->pos = (uint32_t)j; rid[j] = e->id; break; }
            if (e->h == h && hme_str_eq(ref[e->pos], ref[j])) { rid[j] = e->id; break; }
        }
        left[rid[j]]++;
    }
    /* unigrams: clipping = taking one of the reference's remaining occurrences */
    uint64_t num1 = 0;
    for (size_t i = 0; i < nhyp; i++) {
        uint64_t h = hh[i] ? hh[i] : 1;
        hid[i] = NO_ID;
        for (size_t s = (size_t)h & mask;; s = (s + 1) & mask) {
            tok_slot *e = &toks[s];
            if (e->h == 0) break;
            if (e->h == h && hme_str_eq(ref[e->pos], hyp[i])) { hid[i] = e->id; break; }
        }
        if (hid[i] != NO_ID && left[hid[i]]) { left[hid[i]]--; num1++; }
    }
    if (num1 == 0) return 0.0;   /* p_numerators[1] == 0 -> return 0 */

    double logs[4];
    uint64_t num = num1;
    for (size_t n = 1; n <= 4; n++) {
        /* an n-gram match implies (n-1)-gram matches: once zero, zero for every higher n */
        if (n > 1) num = num ? clipped_ngrams(rid, nref, hid, nhyp, n, grams, mask) : 0;
        uint64_t den = nhyp >= n ? nhyp - n + 1 : 0;
        if (den < 1) den = 1;
        /* method0: Fraction -> float is numerator / denominator correctly rounded (both
         * are far below 2**53, so the double division is that); zero -> float_info.min */
        double p = num ? (double)num / (double)den : DBL_MIN;
        logs[n - 1] = 0.25 * log(p);
    }
    return hme_bleu_brevity_penalty(nref, nhyp) * exp(hme_fsum(logs, 4, NULL));
}
