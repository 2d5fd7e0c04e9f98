/* metric.h - the interface every metric family implements.
 *
 * A family computes several canonical metrics that share work (rouge: 24 metrics from
 * one tokenization per text; nltk: meteor and bleu from one word_tokenize). The engine:
 *   open()        once per process  -> shared, read-only data (Punkt tables, WordNet maps)
 *   worker_new()  once per thread   -> per-thread caches and scratch
 *   prepare()     once per text     -> the text's prepared form (tokens, ids, counts),
 *                                      allocated in the caller's arena (reset per batch)
 *   score()       once per (reference, response) pair, for the metrics the user asked for.
 * A reference is prepared once and scored against all of its prompt's responses.
 * Adding a metric family = adding one file under src/metric/ and one line in registry.c.
 */
#ifndef HME_METRIC_METRIC_H
#define HME_METRIC_METRIC_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "hme.h"
#include "core/arena.h"
#include "core/str.h"

typedef struct hme_metric_config {
    const char *nltk_data_dir;   /* NULL: $NLTK_DATA, then NLTK's default locations */
    const char *wordnet_dir;     /* NULL: /usr/share/wordnet */
    /* Warnings (e.g. "no Punkt parameters found, sentence splitting off"); may be NULL. */
    void (*warn)(void *ctx, const char *msg);
    void *warn_ctx;
} hme_metric_config;

typedef struct hme_family {
    const char *name;                  /* "keyword", "rouge", "squad", "tfidf", "nltk" */
    size_t n_metrics;
    const char *const *metric_names;   /* canonical names, see ../shared/harmmetric/README.md */
    /* For --ref-reduce max: max_key[i] is the index of the metric whose maximum over the
     * references picks the reference that metric i reports (rouge-score score_multi picks
     * per ROUGE type by F-measure). NULL means every metric keys on itself. */
    const uint8_t *max_key;
    bool needs_reference;              /* false: ref is NULL in score() */

    hme_code (*open)(const hme_metric_config *cfg, void **shared, hme_error *err);
    void (*close)(void *shared);
    void *(*worker_new)(void *shared);             /* NULL on OOM */
    void (*worker_free)(void *worker);
    /* Returns the prepared text, or NULL on OOM. text need not be NUL-terminated. */
    void *(*prepare)(void *worker, hme_str text, hme_arena *arena);
    /* Writes out[i] for each i < n_metrics with want[i]. scratch is reset by the caller.
     * Returns a bitmask of metric indices for which the reference implementation would
     * have raised (e.g. TfidfVectorizer's empty vocabulary); those out[i] hold hme's
     * documented fallback value (0.0) and the engine counts them. */
    uint64_t (*score)(void *worker, const void *ref, const void *pred, const bool *want,
                      double *out, hme_arena *scratch);
    /* How metric i is computed, e.g. "rouge-score-0.1.2|tok:rouge|stem:porter-nltk|hme-0.1.0".
     * Stable for the life of shared. */
    const char *(*signature)(void *shared, size_t i);
} hme_family;

/* ---- registry (registry.c) ---- */
size_t hme_family_count(void);
const hme_family *hme_family_at(size_t i);
/* Finds a canonical metric name; returns false if unknown. */
bool hme_metric_lookup(const char *name, size_t len, const hme_family **family, size_t *index);
/* Total number of canonical metrics (30) and the i-th one in canonical order. */
size_t hme_metric_count(void);
const char *hme_metric_name_at(size_t i, const hme_family **family, size_t *index);

#endif
