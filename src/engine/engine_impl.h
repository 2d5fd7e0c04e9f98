/* engine_impl.h - the engine's internal state, shared by its stage files:
 *   engine.c        public API, reading, format detection, the open-prompt table
 *   judges.c        judge score files -> response_id -> score maps
 *   groups.c        --by breakdown groups
 *   score_prompt.c  one complete prompt -> scores -> outcomes -> counters (worker side)
 *   pool.c          worker threads and the bounded queue of complete prompts */
#ifndef HME_ENGINE_IMPL_H
#define HME_ENGINE_IMPL_H
#include <pthread.h>
#include <stdatomic.h>
#include "hme.h"
#include "aggregate/counters.h"
#include "core/arena.h"
#include "engine/id_map.h"
#include "engine/id_ranges.h"
#include "engine/metric_set.h"
#include "engine/record.h"

#define HME_MAX_PROMPT_GROUPS (1 + HME_SLOTS)

/* One prompt while its rows arrive, then a job for a worker. Texts are owned copies,
 * kept only when a metric family will read them. */
typedef struct hme_prompt {
    int64_t id;
    struct hme_prompt *older, *newer; /* arrival order of the prompts still open */
    uint16_t present;                 /* rows (slots) arrived; v1: texts given */
    char *text[HME_V1_TEXTS];
    size_t len[HME_V1_TEXTS];
    char *source;                     /* v2 (first row's), for --by source */
    char *attack[HME_SLOTS];          /* v2 per-slot attack_method, NULL when empty */
    hme_counters *groups[HME_MAX_PROMPT_GROUPS]; /* breakdown counters this prompt folds into */
    size_t n_groups;
} hme_prompt;

typedef struct hme_judge {
    char *name;
    char *signature;
    hme_id_map scores;                /* response_id -> double bits; read-only once reading starts */
} hme_judge;

typedef struct hme_group {
    unsigned by;
    char *key;
    hme_counters *counters;           /* n_out blocks */
} hme_group;

typedef struct hme_worker {
    struct hme_engine *e;
    void *fam_worker[HME_MAX_FAMILIES];
    hme_arena prep, scratch;
    double *scores;                   /* n_out * HME_SLOTS */
    uint16_t *present;                /* n_out */
    uint64_t *fallbacks;              /* n_out */
} hme_worker;

typedef struct hme_pool {
    const hme_allocator *al;
    pthread_t *threads;
    hme_worker *workers;
    size_t n;
    hme_prompt **ring;
    size_t cap, head, count;
    bool closing;
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
} hme_pool;

struct hme_engine {
    const hme_allocator *al;
    hme_engine_options opt;
    hme_metric_set ms;
    hme_judge *judges;
    size_t n_judges;
    size_t n_out;                     /* ms.n_metrics + n_judges */
    hme_counters *counters;           /* n_out */
    hme_group *groups;
    size_t n_groups, cap_groups;
    bool keep_texts;

    hme_id_map open;                  /* prompt_id -> hme_prompt* still waiting for rows */
    hme_prompt *oldest, *newest;      /* the open prompts in arrival order */
    uint64_t evicted;                 /* open prompts scored early because of max_open_prompts */
    hme_id_ranges done;               /* prompt_ids already scored (duplicate detection), as ranges */
    hme_format format;
    hme_scoring formula;
    uint64_t prompts;
    _Atomic uint64_t records, errors, scored;
    _Atomic uint64_t errors_by_code[HME_ERR__COUNT];
    _Atomic int worker_error;         /* first hme_code a worker hit (OOM) */

    hme_arena json_arena;
    hme_worker inline_worker;         /* threads <= 1: prompts are scored on the caller's thread */
    bool inline_ready;
    hme_pool pool;
    bool pool_started;

    pthread_mutex_t report_mu;        /* serializes on_snapshot / on_score */
    hme_metric_result *snapshot;      /* n_out, under report_mu */
    hme_metric_result *final;
    hme_group_result *final_groups;
    hme_metric_result *final_group_metrics;
    hme_result result;
    bool finished;
};

/* score_prompt.c */
hme_code hme_worker_init(hme_worker *w, struct hme_engine *e);
void hme_worker_destroy(hme_worker *w);
/* Scores, ranks and folds one complete prompt, then frees it. */
void hme_worker_run(hme_worker *w, hme_prompt *p);
void hme_prompt_free(const hme_allocator *al, hme_prompt *p);
/* Fills e->snapshot-like array out (n_out) with the running results. */
void hme_engine_read_counters(struct hme_engine *e, hme_metric_result *out);

/* pool.c */
hme_code hme_pool_start(hme_pool *p, struct hme_engine *e, size_t n_threads, hme_error *err);
void hme_pool_push(hme_pool *p, hme_prompt *prompt);
/* Waits for every queued prompt, then joins the threads. */
void hme_pool_stop(hme_pool *p);

/* groups.c */
/* Resolves the breakdown counters of p (main thread, before dispatch). */
hme_code hme_groups_assign(struct hme_engine *e, hme_prompt *p);
void hme_groups_free(struct hme_engine *e);

/* judges.c */
hme_code hme_judges_add(struct hme_engine *e, const char *name, const char *label, hme_judge **out, hme_error *err);
void hme_judges_free(struct hme_engine *e);

#endif
