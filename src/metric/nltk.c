/* nltk.c - the `nltk` metric family: meteor and bleu (NLTK 3.8) from one word_tokenize.
 *
 *   meteor = single_meteor_score(word_tokenize(reference), word_tokenize(response))
 *   bleu   = sentence_bleu([word_tokenize(reference)], word_tokenize(response))
 *
 * prepare() tokenizes once and keeps what both metrics need: the tokens with BLEU's exact
 * token keys (BLEU compares tokens as they are) and each token's lowercased form and Porter
 * stem (METEOR's first two stages). prepare() cannot tell a reference from a response, so
 * BLEU's reference index (distinct-token table, n-gram trie with counts) is built by the
 * worker on a reference's first pair and reused for the rest of its prompt's responses.
 *
 * Known limits: open() needs WordNet even when only bleu is wanted (a missing WordNet fails
 * the whole family with HME_ERR_DATA; bleu does not use it). score() reports NaN, not a
 * score, for meteor when a WordNet line turns out corrupt or memory runs out, and for bleu
 * when memory runs out; the engine passes the NaN on. open() loads the Punkt tables and maps WordNet; the worker
 * keeps the tokenizer scratch and METEOR's synonym cache. */
#include "metric/metric.h"
#include "metric/bleu.h"
#include "metric/meteor.h"
#include "metric/nltk.h"
#include "metric/wordnet.h"
#include "tokenize/word_tokenize.h"
#include "core/alloc.h"
#include "core/error.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>

static const char *const names[] = { "meteor", "bleu", };
enum { M_METEOR, M_BLEU };

typedef struct nltk_shared {
    hme_wordtok_model *tok;
    hme_wordnet *wn;
    char sig[2][192];
} nltk_shared;

typedef struct nltk_worker {
    nltk_shared *sh;
    hme_wordtok *tok;
    hme_meteor *meteor;
    /* BLEU's indexes of the last two references scored (a reference serves all of its
     * prompt's responses; v1 prompts alternate two references per response), keyed by the
     * prepared text's serial: addresses repeat after an arena reset, serials never do. */
    struct bleu_ref_cache {
        uint64_t serial;               /* 0: empty */
        const hme_bleu_ref *index;
        hme_arena arena;
    } ref_cache[2];
    unsigned ref_last;                 /* the entry used last */
} nltk_worker;

static _Atomic uint64_t next_serial = 1;

static void close_(void *shared) {
    nltk_shared *sh = shared;
    if (!sh) return;
    hme_wordtok_close(sh->tok);
    hme_wordnet_close(sh->wn);
    hme_free(hme_alloc_default(), sh);
}

static hme_code open_(const hme_metric_config *cfg, void **shared, hme_error *err) {
    *shared = NULL;
    nltk_shared *sh = hme_calloc(hme_alloc_default(), 1, sizeof *sh);
    if (!sh) return hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory");
    hme_code rc = hme_wordtok_open(cfg ? cfg->nltk_data_dir : NULL, NULL, &sh->tok, err);
    if (rc == HME_OK) rc = hme_wordnet_open(cfg ? cfg->wordnet_dir : NULL, NULL, &sh->wn, err);
    if (rc != HME_OK) { close_(sh); return rc; }
    bool punkt = hme_wordtok_has_punkt(sh->tok);
    if (!punkt && cfg && cfg->warn) cfg->warn(cfg->warn_ctx, hme_wordtok_warning(sh->tok));
    /* the signature says when sentence splitting was off: scores then differ from NLTK's */
    const char *tok = punkt ? "word_tokenize:punkt+treebank" : "word_tokenize:treebank(no-punkt)";
    snprintf(sh->sig[M_METEOR], sizeof sh->sig[M_METEOR],
             "nltk-3.8|meteor|%s|stem:porter-nltk|wordnet-3.0|hme-%s", tok, HME_VERSION_STRING);
    snprintf(sh->sig[M_BLEU], sizeof sh->sig[M_BLEU], "nltk-3.8|bleu|%s|hme-%s", tok, HME_VERSION_STRING);
    *shared = sh;
    return HME_OK;
}

static void worker_free(void *worker) {
    nltk_worker *w = worker;
    if (!w) return;
    hme_wordtok_free(w->tok);
    hme_meteor_free(w->meteor);
    for (int i = 0; i < 2; i++) hme_arena_free(&w->ref_cache[i].arena);
    hme_free(hme_alloc_default(), w);
}

static void *worker_new(void *shared) {
    nltk_shared *sh = shared;
    nltk_worker *w = hme_calloc(hme_alloc_default(), 1, sizeof *w);
    if (!w) return NULL;
    w->sh = sh;
    for (int i = 0; i < 2; i++) hme_arena_init(&w->ref_cache[i].arena, NULL, 0);
    w->tok = hme_wordtok_new(sh->tok);
    w->meteor = hme_meteor_new(sh->wn, NULL, 0);
    if (!w->tok || !w->meteor) { worker_free(w); return NULL; }
    return w;
}

static void *prepare(void *worker, hme_str text, hme_arena *arena) {
    nltk_worker *w = worker;
    nltk_text *t = hme_arena_alloc(arena, sizeof *t);
    if (!t) return NULL;
    if (hme_word_tokenize(w->tok, text.ptr, text.len, arena, &t->tok, &t->n) != HME_OK) return NULL;
    t->words = hme_arena_alloc(arena, (t->n + 1) * sizeof *t->words);
    if (!t->words) return NULL;
    for (size_t i = 0; i < t->n; i++)
        if (!hme_meteor_word_make(&t->words[i], t->tok[i], arena)) return NULL;
    t->serial = atomic_fetch_add_explicit(&next_serial, 1, memory_order_relaxed);
    return t;
}

/* BLEU's n-gram index of ref, built on its first pair and reused for the next ones; a new
 * reference replaces the entry used less recently. NULL on OOM. */
static const hme_bleu_ref *ref_index(nltk_worker *w, const nltk_text *ref) {
    for (unsigned i = 0; i < 2; i++)
        if (w->ref_cache[i].serial == ref->serial) { w->ref_last = i; return w->ref_cache[i].index; }
    unsigned i = w->ref_last ^ 1u;
    struct bleu_ref_cache *c = &w->ref_cache[i];
    hme_arena_reset(&c->arena);
    c->index = hme_bleu_ref_build(ref->tok, ref->n, &c->arena);
    c->serial = c->index ? ref->serial : 0;
    w->ref_last = i;
    return c->index;
}

static uint64_t score(void *worker, const void *ref_, const void *pred_, const bool *want,
                      double *out, hme_arena *scratch) {
    nltk_worker *w = worker;
    const nltk_text *ref = ref_, *pred = pred_;
    if (want[M_METEOR]) {
        double m;
        /* only OOM or a corrupt WordNet line can fail here: report NaN rather than a score */
        if (hme_meteor_single(w->meteor, ref->words, ref->n, pred->words, pred->n, scratch, &m, NULL) != HME_OK)
            m = NAN;
        out[M_METEOR] = m;
    }
    if (want[M_BLEU]) {
        const hme_bleu_ref *idx = ref_index(w, ref);
        out[M_BLEU] = idx ? hme_bleu_score(idx, pred->tok, pred->n, scratch) : NAN;   /* NaN: OOM */
    }
    return 0;
}

static const char *signature(void *shared, size_t i) {
    nltk_shared *sh = shared;
    return i < 2 ? sh->sig[i] : NULL;
}

const hme_family hme_family_nltk = {
    .name = "nltk", .n_metrics = sizeof names / sizeof names[0], .metric_names = names,
    .needs_reference = true,
    .open = open_, .close = close_, .worker_new = worker_new, .worker_free = worker_free,
    .prepare = prepare, .score = score, .signature = signature,
};
