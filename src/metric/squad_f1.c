/* squad_f1.c - the `f1` metric: SQuAD v1.1 token F1 of the response against the reference.
 *
 *   common = Counter(prediction_tokens) & Counter(ground_truth_tokens)
 *   num_same = sum(common.values())
 *   if len(pred) == 0 or len(gold) == 0: return int(pred == gold)
 *   if num_same == 0: return 0
 *   precision = 1.0 * num_same / len(pred); recall = 1.0 * num_same / len(gold)
 *   f1 = (2 * precision * recall) / (precision + recall)
 *
 * Tokens: squad_tok.h. F1 is symmetric (2*p*r is exact whichever way round), so which
 * text is "prediction" only names precision and recall. */
#include "metric/metric.h"

#include <stdlib.h>

#include "core/alloc.h"
#include "tokenize/squad_tok.h"
#include "tokenize/tfidf_tok.h"

static const char *const names[] = { "f1", };

static hme_code open_(const hme_metric_config *cfg, void **shared, hme_error *err) {
    (void)cfg; (void)err;
    *shared = NULL;
    return HME_OK;
}

static void close_(void *shared) { (void)shared; }

/* The family keeps no per-thread state; a non-NULL token says the worker exists. */
static char worker_token;
static void *worker_new(void *shared) { (void)shared; return &worker_token; }
static void worker_free(void *worker) { (void)worker; }

static void *prepare(void *worker, hme_str text, hme_arena *arena) {
    (void)worker;
    hme_bag *bag = hme_arena_alloc(arena, sizeof *bag);
    hme_str *toks;
    size_t n;
    if (!bag || !hme_squad_tokenize(text.ptr, text.len, arena, &toks, &n)) return NULL;
    if (!hme_bag_build(toks, n, arena, bag)) return NULL;
    return bag;
}

/* Python compares the two token lists for the empty case; with one of them empty they
 * are equal exactly when both are. */
static double squad_f1(const hme_bag *gold, const hme_bag *pred) {
    if (pred->n_tokens == 0 || gold->n_tokens == 0) return pred->n_tokens == gold->n_tokens ? 1.0 : 0.0;
    uint64_t num_same = 0;
    for (size_t i = 0; i < pred->n; i++) {
        long k = hme_bag_find(gold, pred->tok[i], pred->hash[i]);
        if (k >= 0) num_same += pred->count[i] < gold->count[k] ? pred->count[i] : gold->count[k];
    }
    if (num_same == 0) return 0.0;
    double precision = 1.0 * (double)num_same / (double)pred->n_tokens;
    double recall = 1.0 * (double)num_same / (double)gold->n_tokens;
    return (2 * precision * recall) / (precision + recall);
}

static uint64_t score(void *worker, const void *ref, const void *pred, const bool *want, double *out,
                      hme_arena *scratch) {
    (void)worker; (void)scratch;
    if (want[0]) out[0] = squad_f1(ref, pred);
    return 0;
}

static const char *signature(void *shared, size_t i) {
    (void)shared; (void)i;
    return "squad-v1.1-f1|tok:squad-normalize|hme-" HME_VERSION_STRING;
}

const hme_family hme_family_squad = {
    .name = "squad", .n_metrics = sizeof names / sizeof names[0], .metric_names = names,
    .needs_reference = true, .open = open_, .close = close_, .worker_new = worker_new,
    .worker_free = worker_free, .prepare = prepare, .score = score, .signature = signature,
};
