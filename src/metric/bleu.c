/* bleu.c - NLTK 3.8 sentence_bleu with default arguments (see bleu.h).
 *
 * The clipped counts sum(min(count_hyp(g), count_ref(g))) are NLTK's Counter arithmetic,
 * done by walking the hypothesis through the reference's n-gram trie (see bleu.h).
 * Every float step is Python's, in Python's order. */
#include "metric/bleu.h"
#include "hash.h"

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
#define PACK_MAX 7       /* tokens up to this many bytes are their own key */
#define CONFIRM_MAX 16   /* up to this many bytes, the first and last 8 are the whole token */
#define PAGE 4096u       /* the smallest page: an 8-byte load that starts at most 8 bytes
                            before a page's end cannot fault */

static inline uint64_t load64(const char *p) { uint64_t v; memcpy(&v, p, 8); return v; }

/* Multiplicative (Fibonacci) hashing: the top bits of x * 2**64/phi depend on all of x. */
static inline uint64_t fib(uint64_t x) { return x * 0x9e3779b97f4a7c15ull; }
static inline size_t fib_slot(uint64_t key, unsigned shift) { return (size_t)(fib(key) >> shift); }

/* 8..16 bytes: the first and last 8 (they overlap below 16) mixed with the length. The
 * length also sits in bits 48..62 (tokens this short always fit), so equal keys and equal
 * words mean equal tokens. */
static inline uint64_t mid_key(uint64_t w0, uint64_t w1, size_t n) {
    uint64_t h = (w0 ^ fib(w1 ^ n)) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 31;
    return LONG_KEY | (uint64_t)n << 48 | (h & 0xffffffffffffull);
}

uint64_t hme_bleu_token_key(const char *p, size_t n) {
    if (n <= PACK_MAX) {
        uint64_t w = 0;
        for (size_t i = 0; i < n; i++) w |= (uint64_t)(unsigned char)p[i] << (8 * i);
        return w | (uint64_t)(n + 1) << 56;
    }
    if (n <= CONFIRM_MAX) return mid_key(load64(p), load64(p + n - 8), n);
    /* 17 bytes or more (one token in a thousand): the project's byte-string hash, the
     * length up to 0x7fff; these keys only spread, the tokens are confirmed with memcmp */
    uint64_t len = n < 0x7fff ? n : 0x7fff;
    return LONG_KEY | len << 48 | (hme_hash64(p, n) & 0xffffffffffffull);
}

/* Sanitizers see every byte read: their builds never read past a token. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define HME_BLEU_NO_OVERREAD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define HME_BLEU_NO_OVERREAD 1
#endif
#endif

/* 1..7 bytes whose 8-byte load stays in the page (four tokens in five): the key is that
 * load, masked to the token, instead of a byte loop. The load may read past the token,
 * never past its page (an empty token is never read: its pointer may be one past the end
 * of its buffer, even of its page). */
#ifndef HME_BLEU_NO_OVERREAD
#define SHORT_FAST(p, n) ((n) - 1 < PACK_MAX && ((uintptr_t)(p) & (PAGE - 1)) <= PAGE - 8)
#else
#define SHORT_FAST(p, n) 0
#endif
static inline uint64_t short_key(const char *p, size_t n) {
    return (load64(p) & (((uint64_t)1 << (8 * n)) - 1)) | (uint64_t)(n + 1) << 56;
}

/* A token's key and, for 8..16 bytes, the words that confirm it (0 otherwise). Branches on
 * the length class: a branch-free version measured 1.38x the time (bench/ab_bleu.sh) -
 * speculating past well-predicted branches beats waiting for the loads. */
typedef struct tok_key { uint64_t key, w0, w1; } tok_key;

static inline tok_key key_of(const char *p, size_t n) {
    tok_key k = { 0, 0, 0 };
    if (SHORT_FAST(p, n)) {
        k.key = short_key(p, n);
    } else if (n - (PACK_MAX + 1) <= CONFIRM_MAX - (PACK_MAX + 1)) {   /* 8..16 bytes */
        k.w0 = load64(p);
        k.w1 = load64(p + n - 8);
        k.key = mid_key(k.w0, k.w1, n);
    } else {
        k.key = hme_bleu_token_key(p, n);
    }
    return k;
}

uint64_t hme_bleu_token_key_fast(const char *p, size_t n) { return key_of(p, n).key; }

/* Whether slot e, whose key equals k.key, holds token t: a packed key is the token; 8..16
 * bytes are confirmed by the distinct token's words, longer ones byte for byte. The one
 * rule for building the table and for looking up in it. */
static inline bool slot_holds(const hme_bleu_tok_slot *e, const uint64_t *words, const hme_str *tok,
                              tok_key k, hme_str t) {
    if (!(k.key & LONG_KEY)) return true;
    if (t.len <= CONFIRM_MAX) return words[2 * (size_t)e->id] == k.w0 && words[2 * (size_t)e->id + 1] == k.w1;
    return hme_str_eq(tok[e->pos], t);
}

/* Distinct id in ref of token t with key k, or NO_ID: the full probe. */
static uint32_t token_find(const hme_bleu_ref *r, hme_str t, tok_key k) {
    for (size_t s = fib_slot(k.key, r->tab_shift);; s = (s + 1) & r->tab_mask) {
        const hme_bleu_tok_slot *e = &r->tab[s];
        if (e->key == k.key && slot_holds(e, r->words, r->tok, k, t)) return e->id;
        if (e->key == 0) return NO_ID;
    }
}

static inline uint64_t edge_key(uint32_t node, uint32_t tok) { return ((uint64_t)node + 1) << 32 | tok; }

/* Child of node along token id tok, or NO_ID. */
static inline uint32_t edge_find(const hme_bleu_ref *r, uint64_t key) {
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

hme_bleu_ref *hme_bleu_ref_build(const hme_str *tok, size_t n, hme_arena *arena) {
    if (n > ((size_t)1 << 30)) return NULL;   /* node ids (< 4n) must fit in 32 bits */
    size_t grams = 0;   /* bigram, trigram and 4-gram positions: the most nodes above unigrams */
    for (size_t k = 1; k < 4; k++) grams += n > k ? n - k : 0;
    /* the token table at most 1/8 full (16-byte slots), the edge table 1/4: most lookups
     * miss (a response's n-gram is rarely the reference's), and a miss ends at the first
     * free slot */
    hme_bleu_ref *r = hme_arena_alloc(arena, sizeof *r);
    if (!r) return NULL;
    r->tok = tok;
    r->n = n;
    size_t tcap = pow2_at_least(8 * n, &r->tab_shift), ecap = pow2_at_least(4 * grams, &r->edge_shift);
    r->tab_mask = tcap - 1;
    r->edge_mask = ecap - 1;
    uint32_t *id = hme_arena_alloc(arena, (n ? n : 1) * sizeof *id);
    uint32_t *count = hme_arena_alloc(arena, (n + grams + 1) * sizeof *count);
    hme_bleu_tok_slot *tab = hme_arena_calloc(arena, tcap, sizeof *tab);
    uint64_t *words = hme_arena_alloc(arena, 2 * (n ? n : 1) * sizeof *words);
    hme_bleu_edge *edge = hme_arena_calloc(arena, ecap, sizeof *edge);
    if (!id || !count || !tab || !words || !edge) return NULL;
    words[0] = words[1] = 0;   /* an empty slot's id is 0: its words are read, never matter */

    /* distinct tokens; unigram node d = distinct id d */
    uint32_t nd = 0;
    for (size_t j = 0; j < n; j++) {
        tok_key k = key_of(tok[j].ptr, tok[j].len);
        for (size_t s = fib_slot(k.key, r->tab_shift);; s = (s + 1) & r->tab_mask) {
            hme_bleu_tok_slot *e = &tab[s];
            if (e->key == 0) {
                e->key = k.key; e->id = nd; e->pos = (uint32_t)j;
                words[2 * nd] = k.w0;
                words[2 * nd + 1] = k.w1;
                count[nd] = 0;
                id[j] = nd++;
                break;
            }
            if (e->key == k.key && slot_holds(e, words, tok, k, tok[j])) {
                id[j] = e->id;
                break;
            }
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
    count[nodes] = 0;   /* the "absent" node: lookups that miss land here */
    r->ndistinct = nd;
    r->nnodes = nodes;
    r->count = count;
    r->tab = tab;
    r->words = words;
    r->edge = edge;
    return r;
}

double hme_bleu_brevity_penalty(size_t closest_ref_len, size_t hyp_len) {
    if (hyp_len > closest_ref_len) return 1.0;
    if (hyp_len == 0) return 0.0;
    /* Python int / int is correctly rounded; so is the double division of two ints < 2**53 */
    return exp(1.0 - (double)closest_ref_len / (double)hyp_len);
}

/* Counter clipping, sum_g min(count_hyp(g), count_ref(g)), one hypothesis occurrence at a
 * time: an occurrence counts while its n-gram has reference occurrences left.
 *
 * Order by order, over a compacted list of the positions still alive (appended without
 * branching). Position i can start a matching n-gram of order k + 1 only if it starts a
 * matching one of order k and token i + k is in the reference at all, so only those are
 * looked up. The lookups of one order are independent, so the CPU overlaps them.
 *
 * Each lookup first reads its first slot only, without branching: whether a token or
 * n-gram is in the reference is close to a coin toss, so a branch on it would often
 * mispredict. A key found there with its words (or a packed key) is the token; an empty
 * slot is a miss. The rest - another key in the slot (probe on), a token over 16 bytes
 * (memcmp) - is rare and goes to a second, full pass. */
double hme_bleu_score(const hme_bleu_ref *ref_, const hme_str *tok, size_t nhyp, hme_arena *scratch) {
    /* a local copy: the stores below cannot alias it, so masks and shifts stay in registers */
    const hme_bleu_ref refv = *ref_, *ref = &refv;
    size_t nref = ref->n;
    /* p_numerators[1] == 0 (which includes an empty hypothesis) -> return 0 */
    if (nhyp == 0 || nref == 0) return 0.0;
    if (nhyp > ((size_t)1 << 31)) return NAN;   /* positions must fit in 32 bits */
    /* one block: hid (4 past the end), pos, node, fix, child, used */
    size_t nn = (size_t)ref->nnodes + 1;
    uint32_t *hid = hme_arena_alloc(scratch, (5 * nhyp + 4 + nn) * sizeof(uint32_t));
    if (!hid) return NAN;
    uint32_t *pos = hid + nhyp + 4, *node = pos + nhyp, *fix = node + nhyp;
    uint32_t *child = fix + nhyp, *used = child + nhyp;
    memset(used, 0, nn * sizeof *used);
    const uint32_t absent = ref->nnodes;
    const uint32_t *count = ref->count;
    uint64_t num[4] = { 0, 0, 0, 0 };

    /* Each token's reference id from its first slot, and the unigram clip as we go (the
     * order occurrences are counted in does not change a clipped sum). Tokens of 1..7 bytes
     * (four in five) take a short path: the key is the token, so one compare decides. */
    size_t nf = 0;
    uint64_t c1 = 0;
    for (size_t i = 0; i < nhyp; i++) {
        const char *p = tok[i].ptr;
        size_t len = tok[i].len;
        uint32_t d, undecided;
        if (__builtin_expect(SHORT_FAST(p, len), 1)) {
            uint64_t key = short_key(p, len);
            const hme_bleu_tok_slot *e = &ref->tab[fib_slot(key, ref->tab_shift)];
            uint64_t ek = e->key;
            /* masks, not ?: - the compiler turns a conditional into the branch we avoid */
            uint32_t miss = (uint32_t)(ek != key), mm = 0 - miss;
            d = (e->id & ~mm) | (absent & mm);
            undecided = miss & (ek != 0);
        } else {
            tok_key k = key_of(p, len);
            const hme_bleu_tok_slot *e = &ref->tab[fib_slot(k.key, ref->tab_shift)];
            uint32_t same = (uint32_t)(e->key == k.key);
            const uint64_t *w = &ref->words[2 * (size_t)e->id];
            uint32_t words = (uint32_t)((w[0] == k.w0) & (w[1] == k.w1)) | (uint32_t)!(k.key & LONG_KEY);
            uint32_t hit = same & words & (uint32_t)(len <= CONFIRM_MAX), mm = 0 - (hit ^ 1);
            d = (e->id & ~mm) | (absent & mm);
            undecided = ((same ^ 1) & (e->key != 0)) | (same & (hit ^ 1));
        }
        hid[i] = d;
        uint32_t inc = used[d] < count[d];   /* absent: count 0, never counts */
        used[d] += inc;
        c1 += inc;
        fix[nf] = (uint32_t)i;
        nf += undecided;
    }
    /* the undecided: the full probe, then their unigram clip */
    for (size_t f = 0; f < nf; f++) {
        size_t i = fix[f];
        uint32_t d = token_find(ref, tok[i], key_of(tok[i].ptr, tok[i].len));
        if (d == NO_ID) continue;
        hid[i] = d;
        uint32_t inc = used[d] < count[d];
        used[d] += inc;
        c1 += inc;
    }
    /* p_numerators[1] == 0 -> return 0 (every token in the reference counts at its first
     * occurrence, so c1 == 0 means none is) */
    if (c1 == 0) return 0.0;
    num[0] = c1;
    hid[nhyp] = hid[nhyp + 1] = hid[nhyp + 2] = hid[nhyp + 3] = absent;   /* past the end */
    /* bigram candidates: the positions whose token and next token are both in the reference */
    size_t m = 0;
    for (size_t i = 0; i < nhyp; i++) {
        uint32_t g = hid[i];
        pos[m] = (uint32_t)i;
        node[m] = g;
        m += (size_t)((g != absent) & (hid[i + 1] != absent));
    }
    for (size_t k = 1; k < 4 && m > 0; k++) {
        /* node[j] extended by token pos[j] + k: its first slot, then the rest */
        size_t nf2 = 0;
        for (size_t j = 0; j < m; j++) {
            uint64_t ek = edge_key(node[j], hid[pos[j] + k]);
            const hme_bleu_edge *e = &ref->edge[fib_slot(ek, ref->edge_shift)];
            uint64_t sk = e->key, miss = (uint64_t)(sk != ek);
            uint32_t mm = (uint32_t)(0 - (uint32_t)miss);
            child[j] = (e->child & ~mm) | (absent & mm);
            fix[nf2] = (uint32_t)j;
            nf2 += (size_t)(miss & (sk != 0));
        }
        for (size_t f = 0; f < nf2; f++) {
            size_t j = fix[f];
            uint32_t c = edge_find(ref, edge_key(node[j], hid[pos[j] + k]));
            child[j] = c == NO_ID ? absent : c;
        }
        /* clip, and keep the matches whose next token is in the reference */
        uint64_t c = 0;
        size_t alive = 0;
        for (size_t j = 0; j < m; j++) {
            uint32_t g = child[j];
            uint32_t inc = used[g] < count[g], p = pos[j];
            used[g] += inc;
            c += inc;
            pos[alive] = p;
            node[alive] = g;
            alive += (size_t)((g != absent) & (hid[p + k + 1] != absent));
        }
        num[k] = c;
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

double hme_bleu_sentence(const hme_str *ref, size_t nref, const hme_str *hyp, size_t nhyp,
                         hme_arena *scratch) {
    if (nhyp == 0 || nref == 0) return 0.0;
    const hme_bleu_ref *idx = hme_bleu_ref_build(ref, nref, scratch);
    return idx ? hme_bleu_score(idx, hyp, nhyp, scratch) : NAN;
}
