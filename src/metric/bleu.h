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
 * itself (see hme_bleu_token_key). */
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

/* BLEU's work is split so that scoring a pair walks the hypothesis once:
 *   hme_bleu_ref_build()  once per reference: each distinct token in a hash table (its id
 *                         and the words that confirm it) and the reference's n-grams
 *                         (n = 1..4) as a trie whose nodes carry their occurrence counts
 *                         (node d < ndistinct is the unigram of distinct token d; edge
 *                         (node, token id) -> that n-gram extended by the token).
 *   hme_bleu_score()      per pair, straight from the hypothesis's tokens: token -> key ->
 *                         reference id, then the trie walk.
 * Token keys: up to 7 bytes the key is the token (bytes + length); 8 to 16 bytes a hash
 * with the length, confirmed by the token's first and last 8 bytes (together the whole
 * token); longer ones a hash of every byte, confirmed with memcmp. So the keys decide
 * equality exactly; no hash collision can change a count. */
typedef struct hme_bleu_tok_slot {   /* key 0 = empty; 16 bytes, four to a cache line */
    uint64_t key;
    uint32_t id, pos;                /* distinct id; a position of the token in the reference */
} hme_bleu_tok_slot;
typedef struct hme_bleu_edge { uint64_t key; uint32_t child, pad; } hme_bleu_edge;   /* key 0 = empty */

typedef struct hme_bleu_ref {
    const hme_str *tok;          /* borrowed: the reference's tokens */
    size_t n;
    uint32_t ndistinct;
    uint32_t nnodes;             /* distinct n-grams of all orders; node nnodes = "absent" */
    uint32_t *count;             /* count[node]: occurrences of that n-gram (count[nnodes] = 0) */
    hme_bleu_tok_slot *tab;      /* token key -> distinct id */
    uint64_t *words;             /* words[2d], words[2d + 1]: distinct token d's first and last
                                    8 bytes, which confirm an 8..16-byte token's key */
    hme_bleu_edge *edge;         /* (node + 1) << 32 | token id -> child node */
    size_t tab_mask, edge_mask;
    unsigned tab_shift, edge_shift;
} hme_bleu_ref;

/* The key of one token (see above), written for clarity: the reference the fast path in
 * bleu.c is tested against. */
uint64_t hme_bleu_token_key(const char *p, size_t n);
/* The same key as hme_bleu_score computes it: whole 8-byte loads that may read past a
 * short token's end, never past its page (tests compare it with hme_bleu_token_key). */
uint64_t hme_bleu_token_key_fast(const char *p, size_t n);

/* The reference index of tok[0..n), in arena (tok is borrowed and must outlive it). NULL on
 * OOM or more than 2**30 tokens. */
hme_bleu_ref *hme_bleu_ref_build(const hme_str *tok, size_t n, hme_arena *arena);

/* sentence_bleu([ref], hyp[0..n)). scratch holds per-pair arrays (the caller resets it).
 * Returns the score, or NaN only when scratch runs out of memory. */
double hme_bleu_score(const hme_bleu_ref *ref, const hme_str *hyp, size_t n, hme_arena *scratch);

/* sentence_bleu([ref], hyp) in one call (the index built in scratch).
 * Returns the score, or NaN only when scratch runs out of memory. */
double hme_bleu_sentence(const hme_str *ref, size_t nref, const hme_str *hyp, size_t nhyp,
                         hme_arena *scratch);

#endif
