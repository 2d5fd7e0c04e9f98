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

/* The token hash METEOR keys its tables on (64-bit, seedless, stable); BLEU keys tokens
 * itself (see hme_bleu_prepare). */
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

/* BLEU's work is split so that scoring a pair only walks the hypothesis:
 *   hme_bleu_prepare()    once per text: a 64-bit key per token. Tokens of up to 7 bytes
 *                         are packed exactly (bytes + length), so equal keys are equal
 *                         tokens; longer ones carry a hash with the top bit set and are
 *                         confirmed byte for byte.
 *   hme_bleu_ref_build()  once per reference: each distinct token's id in a hash table and
 *                         the reference's n-grams (n = 1..4) as a trie whose nodes carry
 *                         their occurrence counts (node d < ndistinct is the unigram of
 *                         distinct token d; edge (node, token id) -> that n-gram extended).
 *   hme_bleu_score()      per pair: hypothesis tokens -> reference ids -> trie walk. */
typedef struct hme_bleu_text {
    size_t n;                    /* tokens */
    const hme_str *tok;          /* borrowed: must outlive the prepared text */
    uint64_t *key;               /* key[i]: token i's key (see above) */
} hme_bleu_text;

typedef struct hme_bleu_tok_slot { uint64_t key; uint32_t id, pos; } hme_bleu_tok_slot;  /* key 0 = empty */
typedef struct hme_bleu_edge { uint64_t key; uint32_t child, pad; } hme_bleu_edge;       /* key 0 = empty */

typedef struct hme_bleu_ref {
    const hme_bleu_text *text;   /* borrowed */
    uint32_t ndistinct;
    uint32_t nnodes;             /* distinct n-grams of all orders */
    uint32_t *count;             /* count[node]: occurrences of that n-gram in the reference */
    hme_bleu_tok_slot *tab;      /* token key -> distinct id */
    hme_bleu_edge *edge;         /* (node + 1) << 32 | token id -> child node */
    size_t tab_mask, edge_mask;
    unsigned tab_shift, edge_shift;
} hme_bleu_ref;

/* Keys for tok[0..n), in arena. tok is borrowed. NULL on OOM. */
hme_bleu_text *hme_bleu_prepare(const hme_str *tok, size_t n, hme_arena *arena);

/* The reference index of t, in arena (t is borrowed). NULL on OOM or more than 2**30 tokens. */
hme_bleu_ref *hme_bleu_ref_build(const hme_bleu_text *t, hme_arena *arena);

/* sentence_bleu([ref], hyp). scratch holds per-pair counters (the caller resets it).
 * Returns the score, or NaN only when scratch runs out of memory. */
double hme_bleu_score(const hme_bleu_ref *ref, const hme_bleu_text *hyp, hme_arena *scratch);

/* sentence_bleu([ref], hyp) in one call (prepares both and the index in scratch).
 * ref_hash/hyp_hash are not used any more (BLEU keys tokens itself) and may be NULL.
 * Returns the score, or NaN only when scratch runs out of memory. */
double hme_bleu_sentence(const hme_str *ref, const uint64_t *ref_hash, size_t nref,
                         const hme_str *hyp, const uint64_t *hyp_hash, size_t nhyp,
                         hme_arena *scratch);

#endif
