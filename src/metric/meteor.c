/* meteor.c - NLTK 3.8 single_meteor_score (see meteor.h).
 *
 * NLTK's _match_enums is quadratic list surgery; here each stage keeps, per distinct
 * reference word, a stack of its unmatched positions (the top is the largest), so "the last
 * unmatched reference word equal to x" is one hash lookup and a pop. Same matches, same
 * order, same floats. */
#include "metric/meteor.h"
#include "metric/bleu.h"
#include "core/alloc.h"
#include "core/error.h"
#include "tokenize/porter.h"
#include "tokenize/unicode.h"

#include <math.h>
#include <string.h>

bool hme_meteor_word_make(hme_meteor_word *w, hme_str tok, hme_arena *arena) {
    char *lo = hme_arena_alloc(arena, hme_py_lower_cap(tok.len) + 1);
    if (!lo) return false;
    size_t ln = hme_py_lower(tok.ptr, tok.len, lo);
    lo[ln] = '\0';
    char *st = hme_arena_alloc(arena, HME_PORTER_OUT_CAP(ln) + 1);
    if (!st) return false;
    size_t sn = hme_porter_stem(lo, ln, st);
    st[sn] = '\0';
    w->lower = (hme_str){ lo, ln };
    w->stem = (hme_str){ st, sn };
    w->h_lower = hme_nltk_hash(lo, ln);
    w->h_stem = hme_nltk_hash(st, sn);
    return true;
}

/* ---- per-thread synonym cache ------------------------------------------------------ */

typedef struct syn_entry {
    uint64_t h;          /* 0 = empty slot */
    hme_str key;         /* the stem */
    hme_str *syns;
    uint64_t *syn_h;
    size_t n;
} syn_entry;

struct hme_meteor {
    const hme_wordnet *wn;
    const hme_allocator *al;
    hme_arena arena;     /* keys and synonym lists; reset with the table */
    syn_entry *tab;
    size_t mask, count, max_count;
};

hme_meteor *hme_meteor_new(const hme_wordnet *wn, const hme_allocator *al, size_t cache_words) {
    al = hme_alloc_or_default(al);
    hme_meteor *m = hme_calloc(al, 1, sizeof *m);
    if (!m) return NULL;
    m->wn = wn;
    m->al = al;
    m->max_count = cache_words ? cache_words : 65536;
    /* start small and double up to 2 * max_count slots: a worker that meets 9k stems
     * should not clear and fault in a 6 MB table first */
    size_t cap = 16;
    while (cap < 2 * m->max_count && cap < 1024) cap <<= 1;
    m->tab = hme_calloc(al, cap, sizeof *m->tab);
    if (!m->tab) { hme_free(al, m); return NULL; }
    m->mask = cap - 1;
    hme_arena_init(&m->arena, al, 256 * 1024);
    return m;
}

void hme_meteor_free(hme_meteor *m) {
    if (!m) return;
    hme_arena_free(&m->arena);
    hme_free(m->al, m->tab);
    hme_free(m->al, m);
}

typedef struct syn_builder {
    hme_arena *a;
    hme_str *v;
    uint64_t *h;
    size_t n, cap;
    int oom;
} syn_builder;

static void syn_add(syn_builder *b, const char *s, size_t len) {
    if (b->oom) return;
    uint64_t h = hme_nltk_hash(s, len);
    for (size_t i = 0; i < b->n; i++)
        if (b->h[i] == h && b->v[i].len == len && memcmp(b->v[i].ptr, s, len) == 0) return;
    if (b->n == b->cap) {
        size_t nc = b->cap ? 2 * b->cap : 16;
        hme_str *nv = hme_arena_alloc(b->a, nc * sizeof *nv);
        uint64_t *nh = hme_arena_alloc(b->a, nc * sizeof *nh);
        if (!nv || !nh) { b->oom = 1; return; }
        if (b->n) { memcpy(nv, b->v, b->n * sizeof *nv); memcpy(nh, b->h, b->n * sizeof *nh); }
        b->v = nv; b->h = nh; b->cap = nc;
    }
    char *c = hme_arena_strndup(b->a, s, len);
    if (!c) { b->oom = 1; return; }
    b->v[b->n] = (hme_str){ c, len };
    b->h[b->n] = h;
    b->n++;
}

/* lemma.name() for lemma in synset.lemmas() if lemma.name().find("_") < 0 */
static void on_lemma(void *ctx, const char *name, size_t len) {
    if (!memchr(name, '_', len)) syn_add(ctx, name, len);
}

/* Twice the slots (entries keep their hash: no key is rehashed). Returns 0 on OOM. */
static int syn_grow(hme_meteor *m) {
    size_t cap = 2 * (m->mask + 1);
    syn_entry *t = hme_calloc(m->al, cap, sizeof *t);
    if (!t) return 0;
    for (size_t i = 0; i <= m->mask; i++) {
        if (m->tab[i].h == 0) continue;
        size_t s = (size_t)m->tab[i].h & (cap - 1);
        while (t[s].h) s = (s + 1) & (cap - 1);
        t[s] = m->tab[i];
    }
    hme_free(m->al, m->tab);
    m->tab = t;
    m->mask = cap - 1;
    return 1;
}

static hme_code synonyms_of(hme_meteor *m, const char *stem, size_t len, uint64_t h,
                            syn_entry **out, hme_error *err) {
    uint64_t key = h ? h : 1;
    size_t s = (size_t)key & m->mask;
    for (;; s = (s + 1) & m->mask) {
        syn_entry *e = &m->tab[s];
        if (e->h == 0) break;
        if (e->h == key && e->key.len == len && memcmp(e->key.ptr, stem, len) == 0) { *out = e; return HME_OK; }
    }
    if (m->count >= m->max_count) {   /* bounded: start over rather than grow forever */
        memset(m->tab, 0, (m->mask + 1) * sizeof *m->tab);
        hme_arena_reset(&m->arena);
        m->count = 0;
        s = (size_t)key & m->mask;
    } else if ((m->count + 1) * 2 > m->mask + 1) {   /* at most half full, as at full size */
        if (!syn_grow(m)) return hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory");
        for (s = (size_t)key & m->mask; m->tab[s].h; s = (s + 1) & m->mask) {}
    }
    syn_builder b = { .a = &m->arena };
    HME_FORWARD_IF_ERROR(hme_wordnet_lemma_names(m->wn, stem, len, on_lemma, &b, err));
    syn_add(&b, stem, len);   /* .union({word}) */
    char *k = hme_arena_strndup(&m->arena, stem, len);
    if (b.oom || !k) return hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory");
    syn_entry *e = &m->tab[s];
    e->h = key; e->key = (hme_str){ k, len }; e->syns = b.v; e->syn_h = b.h; e->n = b.n;
    m->count++;
    *out = e;
    return HME_OK;
}

hme_code hme_meteor_synonyms(hme_meteor *m, const char *stem, size_t len,
                             const hme_str **syns, size_t *n, hme_error *err) {
    syn_entry *e;
    HME_FORWARD_IF_ERROR(synonyms_of(m, stem, len, hme_nltk_hash(stem, len), &e, err));
    *syns = e->syns;
    *n = e->n;
    return HME_OK;
}

/* ---- per-pair word stacks ---------------------------------------------------------- */

typedef struct word_slot {
    uint64_t h;          /* 0 = empty */
    hme_str w;
    int32_t top;         /* largest unmatched reference position with this word, -1 none */
} word_slot;

typedef struct word_stacks {
    word_slot *tab;
    int32_t *below;      /* below[j]: next position down the stack of j's word */
    size_t mask;
} word_stacks;

static word_slot *stack_find(const word_stacks *ws, hme_str w, uint64_t h) {
    uint64_t key = h ? h : 1;
    for (size_t s = (size_t)key & ws->mask;; s = (s + 1) & ws->mask) {
        word_slot *e = &ws->tab[s];
        if (e->h == 0) return NULL;
        if (e->h == key && hme_str_eq(e->w, w)) return e;
    }
}

static void stack_push(word_stacks *ws, hme_str w, uint64_t h, int32_t j) {
    uint64_t key = h ? h : 1;
    for (size_t s = (size_t)key & ws->mask;; s = (s + 1) & ws->mask) {
        word_slot *e = &ws->tab[s];
        if (e->h == 0) { e->h = key; e->w = w; e->top = -1; }
        else if (e->h != key || !hme_str_eq(e->w, w)) continue;
        ws->below[j] = e->top;
        e->top = j;
        return;
    }
}

static void stack_pop(word_stacks *ws, word_slot *e) { e->top = ws->below[e->top]; }

/* Fills the stacks with the unmatched reference positions, by stem or by lowercased word. */
static void stacks_fill(word_stacks *ws, const hme_meteor_word *ref, size_t nref,
                        const int32_t *ref_match, int by_stem) {
    memset(ws->tab, 0, (ws->mask + 1) * sizeof *ws->tab);
    for (size_t j = 0; j < nref; j++) {
        if (ref_match[j] >= 0) continue;
        if (by_stem) stack_push(ws, ref[j].stem, ref[j].h_stem, (int32_t)j);
        else stack_push(ws, ref[j].lower, ref[j].h_lower, (int32_t)j);
    }
}

/* _match_enums over the unmatched words: hypothesis from last to first, each taking the
 * last unmatched reference word that is equal. */
static size_t match_equal(word_stacks *ws, const hme_meteor_word *hyp, size_t nhyp,
                          int32_t *hyp_match, int32_t *ref_match, int by_stem) {
    size_t matched = 0;
    for (size_t i = nhyp; i-- > 0;) {
        if (hyp_match[i] >= 0) continue;
        word_slot *e = by_stem ? stack_find(ws, hyp[i].stem, hyp[i].h_stem)
                               : stack_find(ws, hyp[i].lower, hyp[i].h_lower);
        if (!e || e->top < 0) continue;
        int32_t j = e->top;
        stack_pop(ws, e);
        hyp_match[i] = j;
        ref_match[j] = (int32_t)i;
        matched++;
    }
    return matched;
}

hme_code hme_meteor_single(hme_meteor *m, const hme_meteor_word *ref, size_t nref,
                           const hme_meteor_word *hyp, size_t nhyp, hme_arena *scratch,
                           double *out, hme_error *err) {
    *out = 0.0;
    /* float(matches) / translation_length etc. raise ZeroDivisionError -> 0.0 */
    if (nhyp == 0 || nref == 0) return HME_OK;
    size_t cap = 16;
    while (cap < 2 * nref) cap <<= 1;
    word_stacks ws = { hme_arena_alloc(scratch, cap * sizeof(word_slot)),
                       hme_arena_alloc(scratch, nref * sizeof(int32_t)), cap - 1 };
    int32_t *hyp_match = hme_arena_alloc(scratch, nhyp * sizeof(int32_t));
    int32_t *ref_match = hme_arena_alloc(scratch, nref * sizeof(int32_t));
    if (!ws.tab || !ws.below || !hyp_match || !ref_match)
        return hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory");
    memset(hyp_match, 0xff, nhyp * sizeof(int32_t));
    memset(ref_match, 0xff, nref * sizeof(int32_t));

    stacks_fill(&ws, ref, nref, ref_match, 0);
    size_t matches = match_equal(&ws, hyp, nhyp, hyp_match, ref_match, 0);
    if (matches < nref && matches < nhyp) {
        stacks_fill(&ws, ref, nref, ref_match, 1);
        matches += match_equal(&ws, hyp, nhyp, hyp_match, ref_match, 1);
    }
    /* the stem stacks now hold exactly the unmatched reference words: the synonym stage */
    for (size_t i = nhyp; i-- > 0 && matches < nref;) {
        if (hyp_match[i] >= 0) continue;
        syn_entry *se;
        HME_FORWARD_IF_ERROR(synonyms_of(m, hyp[i].stem.ptr, hyp[i].stem.len, hyp[i].h_stem, &se, err));
        word_slot *best = NULL;
        for (size_t k = 0; k < se->n; k++) {
            word_slot *e = stack_find(&ws, se->syns[k], se->syn_h[k]);
            if (e && e->top >= 0 && (!best || e->top > best->top)) best = e;
        }
        if (!best) continue;
        int32_t j = best->top;
        stack_pop(&ws, best);
        hyp_match[i] = j;
        ref_match[j] = (int32_t)i;
        matches++;
    }
    if (matches == 0) return HME_OK;   /* fmean = 0.0 / 0.0 -> ZeroDivisionError -> 0.0 */

    /* _count_chunks over the matches sorted by hypothesis position */
    size_t chunks = 1;
    int32_t prev_i = -1, prev_j = -1;
    for (size_t i = 0; i < nhyp; i++) {
        if (hyp_match[i] < 0) continue;
        if (prev_i >= 0 && !((int32_t)i == prev_i + 1 && hyp_match[i] == prev_j + 1)) chunks++;
        prev_i = (int32_t)i;
        prev_j = hyp_match[i];
    }
    const double alpha = 0.9, beta = 3.0, gamma = 0.5;
    double precision = (double)matches / (double)nhyp;
    double recall = (double)matches / (double)nref;
    double fmean = (precision * recall) / (alpha * precision + (1 - alpha) * recall);
    double frag_frac = (double)chunks / (double)matches;
    double penalty = gamma * pow(frag_frac, beta);
    *out = (1 - penalty) * fmean;
    return HME_OK;
}
