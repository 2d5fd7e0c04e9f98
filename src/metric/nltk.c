/* nltk.c - the `nltk` metric family: meteor and bleu (NLTK 3.8) from one word_tokenize.
 *
 *   meteor = single_meteor_score(word_tokenize(reference), word_tokenize(response))
 *   bleu   = sentence_bleu([word_tokenize(reference)], word_tokenize(response))
 *
 * prepare() tokenizes once and keeps what both metrics need: the tokens with their hashes
 * (BLEU compares tokens as they are) and each token's lowercased form and Porter stem
 * (METEOR's first two stages). open() loads the Punkt tables and maps WordNet; the worker
 * keeps the tokenizer scratch and METEOR's synonym cache. */
#include "metric/metric.h"
#include "metric/bleu.h"
#include "metric/meteor.h"
#include "metric/wordnet.h"
#include "tokenize/word_tokenize.h"
#include "core/alloc.h"
#include "core/error.h"

#include <math.h>
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
} nltk_worker;

typedef struct nltk_text {
    size_t n;
    hme_str *tok;
    uint64_t *hash;
    hme_meteor_word *words;
} nltk_text;

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
    hme_free(hme_alloc_default(), w);
}

static void *worker_new(void *shared) {
    nltk_shared *sh = shared;
    nltk_worker *w = hme_calloc(hme_alloc_default(), 1, sizeof *w);
    if (!w) return NULL;
    w->sh = sh;
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
    t->hash = hme_arena_alloc(arena, (t->n + 1) * sizeof *t->hash);
    t->words = hme_arena_alloc(arena, (t->n + 1) * sizeof *t->words);
    if (!t->hash || !t->words) return NULL;
    for (size_t i = 0; i < t->n; i++) {
        t->hash[i] = hme_nltk_hash(t->tok[i].ptr, t->tok[i].len);
        if (!hme_meteor_word_make(&t->words[i], t->tok[i], arena)) return NULL;
    }
    return t;
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
    if (want[M_BLEU])
        out[M_BLEU] = hme_bleu_sentence(ref->tok, ref->hash, ref->n, pred->tok, pred->hash, pred->n, scratch);
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
