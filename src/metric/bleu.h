/* bleu.h - NLTK 3.8 sentence_bleu([reference], hypothesis) with its defaults, bit for bit:
 * weights (0.25,)*4, clipped n-gram precision as a Fraction (float() = correctly rounded
 * numerator/denominator), brevity penalty with the single reference's length, no smoothing
 * (SmoothingFunction().method0: a zero precision becomes sys.float_info.min), the early
 * `return 0` when no unigram matches, and bp * exp(math.fsum(w_i * log(p_i))).
 * Tokens are compared as exact byte strings (BLEU does not lowercase). */
#ifndef HME_METRIC_BLEU_H
#define HME_METRIC_BLEU_H
#include <stddef.h>
#include <stdint.h>
#include "hme.h"
#include "core/arena.h"
#include "core/str.h"

/* The token hash BLEU and METEOR key their tables on (64-bit, seedless, stable). */
static inline uint64_t hme_nltk_hash(const char *s, size_t n) {
    uint64_t h = 0xcbf29ce484222325ull ^ (uint64_t)n;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
    h ^= h >> 29; h *= 0xbf58476d1ce4e5b9ull; h ^= h >> 32;
    return h;
}

/* Python's math.fsum(x[0..n)): the exactly rounded sum (CPython's msum with its final
 * half-even correction). Infinities/NaN follow CPython's rules; where CPython raises
 * (intermediate overflow, inf + -inf) *ok is set false and NaN returned. ok may be NULL. */
double hme_fsum(const double *x, size_t n, int *ok);

/* brevity_penalty(closest_ref_len, hyp_len): 1 when the hypothesis is longer, 0 when it is
 * empty, else exp(1 - r / c). */
double hme_bleu_brevity_penalty(size_t closest_ref_len, size_t hyp_len);

/* sentence_bleu([ref], hyp). ref_hash/hyp_hash: hme_nltk_hash of each token, or NULL to
 * have them computed. scratch holds the n-gram tables (the caller resets it).
 * Returns the score, or NaN only when scratch runs out of memory. */
double hme_bleu_sentence(const hme_str *ref, const uint64_t *ref_hash, size_t nref,
                         const hme_str *hyp, const uint64_t *hyp_hash, size_t nhyp,
                         hme_arena *scratch);

#endif
