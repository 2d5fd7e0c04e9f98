/* bleu.c - NLTK 3.8 sentence_bleu with default arguments (see bleu.h).
 *
 * The clipped counts sum(min(count_hyp(g), count_ref(g))) are NLTK's Counter arithmetic,
 * done by walking the hypothesis through the reference's n-gram trie (see bleu.h).
 * Every float step is Python's, in Python's order. */
#include "metric/bleu.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>
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

#define NO_ID UINT32_MAX
#define LONG_KEY ((uint64_t)1 << 63)
#define PACK_MAX 7

static inline uint32_t load32(const char *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static inline uint64_t load64(const char *p) { uint64_t v; memcpy(&v, p, 8); return v; }

/* A token of 8 bytes or more, 8 bytes at a time (the last word overlaps the one before;
 * the length is mixed in, so no two lengths share a word sequence by accident). Keys are
 * confirmed byte for byte, so this only needs to spread well. */
static inline uint64_t long_token_hash(const char *p, size_t n) {
    uint64_t h = 0x9e3779b97f4a7c15ull ^ (n * 0xff51afd7ed558ccdull);
    size_t i = 0;
    for (; i + 8 < n; i += 8) h = (h ^ load64(p + i)) * 0xc4ceb9fe1a85ec53ull, h ^= h >> 29;
    h = (h ^ load64(p + n - 8)) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 32);
}

/* Exact for up to 7 bytes: the bytes, then len + 1 in bits 56..59 (never 0, top bit clear).
 * Built from loads that stay inside the token (overlapping bytes land in the same place). */
static inline uint64_t token_key(const char *p, size_t n) {
    uint64_t k = (uint64_t)(n + 1) << 56;
    if (n >= 4 && n <= PACK_MAX)
        return k | load32(p) | (uint64_t)load32(p + n - 4) << (8 * (n - 4));
    if (n > 0 && n < 4)
        return k | (uint64_t)(unsigned char)p[0] | (uint64_t)(unsigned char)p[n / 2] << (8 * (n / 2))
                 | (uint64_t)(unsigned char)p[n - 1] << (8 * (n - 1));
    if (n == 0) return k;
    return LONG_KEY | long_token_hash(p, n);
}

/* Byte equality of two tokens of 8 bytes or more (hashed keys): two overlapping 8-byte
 * compares up to 16 bytes, memcmp beyond. */
static inline bool same_long_token(hme_str a, hme_str b) {
    size_t n = a.len;
    if (n != b.len) return false;
    if (n <= 16)
        return load64(a.ptr) == load64(b.ptr) && load64(a.ptr + n - 8) == load64(b.ptr + n - 8);
    return memcmp(a.ptr, b.ptr, n) == 0;
}

/* Multiplicative (Fibonacci) hashing: the top bits of key * 2**64/phi depend on all of key. */
static inline size_t fib_slot(uint64_t key, unsigned shift) {
    return (size_t)((key * 0x9e3779b97f4a7c15ull) >> shift);
}

/* Distinct id in ref of the token t with key, or NO_ID. Packed keys are the token itself;
 * hashed ones are confirmed byte for byte. */
static inline uint32_t token_find(const hme_bleu_ref *r, const hme_str *t, uint64_t key) {
    for (size_t s = fib_slot(key, r->tab_shift);; s = (s + 1) & r->tab_mask) {
        const hme_bleu_tok_slot *e = &r->tab[s];
        /* t is read only here: the hypothesis's token array is often not in cache, and
         * packed keys need no bytes */
        if (e->key == key && (!(key & LONG_KEY) || same_long_token(r->text->tok[e->pos], *t))) return e->id;
        if (e->key == 0) return NO_ID;
    }
}

static inline uint64_t edge_key(uint32_t node, uint32_t tok) { return ((uint64_t)node + 1) << 32 | tok; }

/* Child of node along token id tok, or NO_ID. */
static inline uint32_t edge_find(const hme_bleu_ref *r, uint32_t node, uint32_t tok) {
    uint64_t key = edge_key(node, tok);
    for (size_t s = fib_slot(key, r->edge_shift);; s = (s + 1) & r->edge_mask) {
        const hme_bleu_edge *e = &r->edge[s];
        if (e->key == key) return e->child;
        if (e->key == 0) return NO_ID;
    }
}

static size_t pow2_at_least(size_t n, unsigned *shift) {
    size_t c = 16;
    unsigned bits = 4;
    while (c < n) { c <<= 1; bits++; }
    *shift = 64 - bits;
    return c;
}

hme_bleu_text *hme_bleu_prepare(const hme_str *tok, size_t n, hme_arena *arena) {
    /* the keys right after the header: scoring reads both, often from memory, and the
     * second line then comes with the first */
    if (n > (SIZE_MAX - sizeof(hme_bleu_text)) / sizeof(uint64_t) - 1) return NULL;
    hme_bleu_text *x = hme_arena_alloc(arena, sizeof *x + (n ? n : 1) * sizeof(uint64_t));
    if (!x) return NULL;
    uint64_t *key = (uint64_t *)(x + 1);
    for (size_t i = 0; i < n; i++) key[i] = token_key(tok[i].ptr, tok[i].len);
    x->n = n;
    x->tok = tok;
    x->key = key;
    return x;
}

hme_bleu_ref *hme_bleu_ref_build(const hme_bleu_text *t, hme_arena *arena) {
    size_t n = t->n;
    if (n > ((size_t)1 << 30)) return NULL;   /* node ids (< 4n) must fit in 32 bits */
    size_t grams = 0;   /* bigram, trigram and 4-gram positions: the most nodes above unigrams */
    for (size_t k = 1; k < 4; k++) grams += n > k ? n - k : 0;
    /* tables at most 1/4 full: most lookups miss (a response's n-gram is rarely the
     * reference's), and a miss ends at the first free slot */
    hme_bleu_ref *r = hme_arena_alloc(arena, sizeof *r);
    if (!r) return NULL;
    r->text = t;
    size_t tcap = pow2_at_least(4 * n, &r->tab_shift), ecap = pow2_at_least(4 * grams, &r->edge_shift);
    r->tab_mask = tcap - 1;
    r->edge_mask = ecap - 1;
    uint32_t *id = hme_arena_alloc(arena, (n ? n : 1) * sizeof *id);
    uint32_t *count = hme_arena_alloc(arena, (n + grams + 1) * sizeof *count);
    hme_bleu_tok_slot *tab = hme_arena_calloc(arena, tcap, sizeof *tab);
    hme_bleu_edge *edge = hme_arena_calloc(arena, ecap, sizeof *edge);
    if (!id || !count || !tab || !edge) return NULL;

    /* distinct tokens; unigram node d = distinct id d */
    uint32_t nd = 0;
    for (size_t j = 0; j < n; j++) {
        uint64_t key = t->key[j];
        for (size_t s = fib_slot(key, r->tab_shift);; s = (s + 1) & r->tab_mask) {
            hme_bleu_tok_slot *e = &tab[s];
            if (e->key == 0) {
                e->key = key; e->id = nd; e->pos = (uint32_t)j;
                count[nd] = 0;
                id[j] = nd++;
                break;
            }
            if (e->key == key && (!(key & LONG_KEY) || same_long_token(t->tok[e->pos], t->tok[j]))) { id[j] = e->id; break; }
        }
        count[id[j]]++;
    }
    /* the n-gram at j of order k+1 is the order-k one at j extended by token j+k */
    uint32_t nodes = nd;
    for (size_t j = 0; j + 1 < n; j++) {
        uint32_t node = id[j];
        for (size_t k = 1; k < 4 && j + k < n; k++) {
            uint64_t key = edge_key(node, id[j + k]);
            for (size_t s = fib_slot(key, r->edge_shift);; s = (s + 1) & r->edge_mask) {
                hme_bleu_edge *e = &edge[s];
                if (e->key == key) { node = e->child; break; }
                if (e->key == 0) { e->key = key; e->child = node = nodes++; count[node] = 0; break; }
            }
            count[node]++;
        }
    }
    r->ndistinct = nd;
    r->nnodes = nodes;
    r->count = count;
    r->tab = tab;
    r->edge = edge;
    return r;
}

double hme_bleu_brevity_penalty(size_t closest_ref_len, size_t hyp_len) {
    if (hyp_len > closest_ref_len) return 1.0;
    if (hyp_len == 0) return 0.0;
    /* Python int / int is correctly rounded; so is the double division of two ints < 2**53 */
    return exp(1.0 - (double)closest_ref_len / (double)hyp_len);
}

double hme_bleu_score(const hme_bleu_ref *ref_, const hme_bleu_text *hyp, hme_arena *scratch) {
    /* a local copy: the stores below cannot alias it, so masks and shifts stay in registers */
    const hme_bleu_ref refv = *ref_, *ref = &refv;
    size_t nref = ref->text->n, nhyp = hyp->n;
    /* p_numerators[1] == 0 (which includes an empty hypothesis) -> return 0 */
    if (nhyp == 0 || nref == 0) return 0.0;
    uint32_t *hid = hme_arena_alloc(scratch, (nhyp + 3) * sizeof *hid);
    uint32_t *pos = hme_arena_alloc(scratch, nhyp * sizeof *pos);
    uint32_t *node = hme_arena_alloc(scratch, nhyp * sizeof *node);
    uint32_t *child = hme_arena_alloc(scratch, nhyp * sizeof *child);
    uint32_t *fix = hme_arena_alloc(scratch, nhyp * sizeof *fix);
    uint32_t *used = hme_arena_calloc(scratch, ref->nnodes, sizeof *used);
    if (!hid || !pos || !node || !child || !fix || !used) return NAN;

    /* Counter clipping sum_g min(count_hyp(g), count_ref(g)), one hypothesis occurrence at a
     * time: an occurrence counts while its n-gram has reference occurrences left. Order by
     * order: the positions whose n-gram is in the reference are kept in a compacted list
     * (appended without branching), and only they are extended to n + 1 - an extension of
     * an absent n-gram cannot be present. The lookups of one order are independent of each
     * other, so the CPU overlaps them.
     *
     * Unigram ids in two passes. First each token's first slot, without branching: a
     * packed key found there is the token (hit or miss decided by one compare); a long key
     * found there still needs its bytes compared, and a slot holding another key means
     * probing on - both rarer, kept in `pos` for the full lookup. Whether a token is in
     * the reference is close to a coin toss, so a branch on it would often mispredict. */
    const uint64_t *hkey = hyp->key;
    size_t nf = 0;
    for (size_t i = 0; i < nhyp; i++) {
        uint64_t key = hkey[i];
        const hme_bleu_tok_slot *e = &ref->tab[fib_slot(key, ref->tab_shift)];
        uint64_t ek = e->key;
        uint32_t eid = e->id;
        /* masks, not ?: - the compiler turns a conditional into the branch we avoid */
        uint64_t miss = (uint64_t)(ek != key);
        hid[i] = eid | (uint32_t)(0 - (uint32_t)miss);   /* NO_ID when missed */
        pos[nf] = (uint32_t)i;
        nf += (size_t)(((key >> 63) & (miss ^ 1)) | (miss & (ek != 0)));
    }
    for (size_t j = 0; j < nf; j++) {
        uint32_t i = pos[j];
        hid[i] = token_find(ref, &hyp->tok[i], hkey[i]);
    }
    size_t m = 0;
    for (size_t i = 0; i < nhyp; i++) {
        uint32_t id = hid[i];
        pos[m] = (uint32_t)i;
        node[m] = id;
        m += id != NO_ID;
    }
    if (m == 0) return 0.0;   /* p_numerators[1] == 0 -> return 0 */
    hid[nhyp] = hid[nhyp + 1] = hid[nhyp + 2] = NO_ID;   /* n-grams past the end: absent */
    const uint32_t *count = ref->count;
    uint64_t num[4] = { 0, 0, 0, 0 };
    for (size_t k = 0;; k++) {
        uint64_t c = 0;
        for (size_t j = 0; j < m; j++) {
            uint32_t g = node[j], inc = used[g] < count[g];
            used[g] += inc;
            c += inc;
        }
        num[k] = c;
        if (k == 3) break;
        /* children like the unigram ids: first slots without branching, then the
         * positions whose first slot holds another edge probed on */
        size_t nf2 = 0;
        for (size_t j = 0; j < m; j++) {
            uint64_t key = edge_key(node[j], hid[pos[j] + k + 1]);
            const hme_bleu_edge *e = &ref->edge[fib_slot(key, ref->edge_shift)];
            uint64_t ek = e->key, miss = (uint64_t)(ek != key);
            child[j] = e->child | (uint32_t)(0 - (uint32_t)miss);   /* NO_ID when missed */
            fix[nf2] = (uint32_t)j;
            nf2 += (size_t)(miss & (ek != 0));
        }
        for (size_t f = 0; f < nf2; f++) {
            uint32_t j = fix[f];
            child[j] = edge_find(ref, node[j], hid[pos[j] + k + 1]);
        }
        size_t alive = 0;
        for (size_t j = 0; j < m; j++) {
            uint32_t c = child[j];
            pos[alive] = pos[j];
            node[alive] = c;
            alive += c != NO_ID;
        }
        m = alive;
    }

    double logs[4];
    for (size_t n = 1; n <= 4; n++) {
        uint64_t den = nhyp >= n ? nhyp - n + 1 : 0;
        if (den < 1) den = 1;
        /* method0: Fraction -> float is numerator / denominator correctly rounded (both
         * are far below 2**53, so the double division is that); zero -> float_info.min */
        double p = num[n - 1] ? (double)num[n - 1] / (double)den : DBL_MIN;
        logs[n - 1] = 0.25 * log(p);
    }
    return hme_bleu_brevity_penalty(nref, nhyp) * exp(hme_fsum(logs, 4, NULL));
}

double hme_bleu_sentence(const hme_str *ref, const uint64_t *ref_hash, size_t nref,
                         const hme_str *hyp, const uint64_t *hyp_hash, size_t nhyp,
                         hme_arena *scratch) {
    (void)ref_hash, (void)hyp_hash;
    if (nhyp == 0 || nref == 0) return 0.0;
    const hme_bleu_text *r = hme_bleu_prepare(ref, nref, scratch);
    const hme_bleu_text *h = r ? hme_bleu_prepare(hyp, nhyp, scratch) : NULL;
    const hme_bleu_ref *idx = h ? hme_bleu_ref_build(r, scratch) : NULL;
    return idx ? hme_bleu_score(idx, h, scratch) : NAN;
}
