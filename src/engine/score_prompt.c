/* score_prompt.c - the worker's job: one complete prompt -> per-response scores for every
 * requested metric (each reference prepared once per family, then every response) and
 * judge -> the official outcome -> atomic counters. */
#include "engine/engine_impl.h"

#include <string.h>
#include "core/alloc.h"

hme_code hme_worker_init(hme_worker *w, struct hme_engine *e) {
    memset(w, 0, sizeof *w);
    w->e = e;
    hme_arena_init(&w->prep, e->al, 0);
    hme_arena_init(&w->scratch, e->al, 0);
    size_t n = e->n_out ? e->n_out : 1;
    w->scores = hme_calloc(e->al, n * HME_SLOTS, sizeof *w->scores);
    w->present = hme_calloc(e->al, n, sizeof *w->present);
    w->fallbacks = hme_calloc(e->al, n, sizeof *w->fallbacks);
    if (!w->scores || !w->present || !w->fallbacks) { hme_worker_destroy(w); return HME_ERR_NOMEM; }
    for (size_t f = 0; f < e->ms.n_fams; f++) {
        const hme_family_use *u = &e->ms.fams[f];
        w->fam_worker[f] = u->fam->worker_new ? u->fam->worker_new(u->shared) : NULL;
        if (u->fam->worker_new && !w->fam_worker[f]) { hme_worker_destroy(w); return HME_ERR_NOMEM; }
    }
    return HME_OK;
}

void hme_worker_destroy(hme_worker *w) {
    if (!w->e) return;
    for (size_t f = 0; f < w->e->ms.n_fams; f++)
        if (w->fam_worker[f] && w->e->ms.fams[f].fam->worker_free) w->e->ms.fams[f].fam->worker_free(w->fam_worker[f]);
    hme_arena_free(&w->prep);
    hme_arena_free(&w->scratch);
    hme_free(w->e->al, w->scores);
    hme_free(w->e->al, w->present);
    hme_free(w->e->al, w->fallbacks);
    memset(w, 0, sizeof *w);
}

void hme_prompt_free(const hme_allocator *al, hme_prompt *p) {
    if (!p) return;
    for (int i = 0; i < HME_V1_TEXTS; i++) hme_free(al, p->text[i]);
    for (int i = 0; i < HME_SLOTS; i++) hme_free(al, p->attack[i]);
    hme_free(al, p->source);
    hme_free(al, p);
}

static void fail(hme_worker *w, hme_code code) {
    int expected = HME_OK;
    atomic_compare_exchange_strong(&w->e->worker_error, &expected, (int)code);
}

static void *prepare(hme_worker *w, size_t f, const hme_prompt *p, int i) {
    hme_str text = { p->text[i], p->len[i] };
    return w->e->ms.fams[f].fam->prepare(w->fam_worker[f], text, &w->prep);
}

static double *score_row(hme_worker *w, size_t m) { return &w->scores[m * HME_SLOTS]; }

/* Scores every present response of p with family f. v1 rows have two references and
 * report (f(r0, x) + f(r1, x)) / 2.0, in that order, as the official v1 code does. */
static void score_family(hme_worker *w, size_t f, const hme_prompt *p, bool v1) {
    const hme_family_use *u = &w->e->ms.fams[f];
    const hme_family *fam = u->fam;
    double out[HME_MAX_FAMILY_METRICS], out2[HME_MAX_FAMILY_METRICS];
    hme_arena_reset(&w->prep);
    const void *r0 = NULL, *r1 = NULL;
    bool two_refs = false;
    if (fam->needs_reference) {
        if (!(p->present & 1u)) return; /* no reference row: reference-based scores are absent */
        if (!(r0 = prepare(w, f, p, 0))) { fail(w, HME_ERR_NOMEM); return; }
        if (v1 && (p->present >> HME_V1_REF1) & 1u) {
            if (!(r1 = prepare(w, f, p, HME_V1_REF1))) { fail(w, HME_ERR_NOMEM); return; }
            two_refs = true;
        }
    }
    for (int slot = 1; slot < HME_SLOTS; slot++) {
        if (!((p->present >> slot) & 1u)) continue;
        const void *x = prepare(w, f, p, slot);
        if (!x) { fail(w, HME_ERR_NOMEM); return; }
        hme_arena_reset(&w->scratch);
        uint64_t raised = fam->score(w->fam_worker[f], r0, x, u->want, out, &w->scratch);
        if (two_refs) {
            hme_arena_reset(&w->scratch);
            raised |= fam->score(w->fam_worker[f], r1, x, u->want, out2, &w->scratch);
            for (size_t k = 0; k < fam->n_metrics; k++)
                if (u->want[k]) out[k] = (out[k] + out2[k]) / 2.0;
        }
        for (size_t k = 0; k < fam->n_metrics; k++) {
            if (!u->want[k]) continue;
            size_t m = u->out[k];
            score_row(w, m)[slot] = out[k];
            w->present[m] |= (uint16_t)(1u << slot);
            if ((raised >> k) & 1u) w->fallbacks[m]++;
        }
    }
}

/* A judge's score counts where the dataset has the row and the judge file has its id. */
static void score_judge(hme_worker *w, size_t j, const hme_prompt *p) {
    size_t m = w->e->ms.n_metrics + j;
    const hme_id_map *scores = &w->e->judges[j].scores;
    for (int slot = 1; slot < HME_SLOTS; slot++) {
        if (!((p->present >> slot) & 1u)) continue;
        uint64_t *bits = hme_id_map_get(scores, p->id * 100 + slot);
        if (!bits) continue;
        memcpy(&score_row(w, m)[slot], bits, sizeof(double));
        w->present[m] |= (uint16_t)(1u << slot);
    }
}

static void fold_all(hme_worker *w, const hme_prompt *p) {
    struct hme_engine *e = w->e;
    for (size_t m = 0; m < e->n_out; m++) {
        uint8_t q[HME_N_COLUMNS];
        bool counted = hme_rank_outcome(e->formula, score_row(w, m), w->present[m], q);
        hme_counters_fold(&e->counters[m], counted, q);
        hme_counters_add_fallbacks(&e->counters[m], w->fallbacks[m]);
        for (size_t g = 0; g < p->n_groups; g++) {
            hme_counters_fold(&p->groups[g][m], counted, q);
            hme_counters_add_fallbacks(&p->groups[g][m], w->fallbacks[m]);
        }
    }
    atomic_fetch_add_explicit(&e->scored, 1, memory_order_relaxed);
}

void hme_engine_read_counters(struct hme_engine *e, hme_metric_result *out) {
    for (size_t m = 0; m < e->n_out; m++) {
        hme_counters_read(&e->counters[m], &out[m]);
        out[m].name = m < e->ms.n_metrics ? e->ms.names[m] : e->judges[m - e->ms.n_metrics].name;
        out[m].signature = m < e->ms.n_metrics ? e->ms.signatures[m] : e->judges[m - e->ms.n_metrics].signature;
    }
}

static void report(hme_worker *w, const hme_prompt *p) {
    struct hme_engine *e = w->e;
    const hme_engine_options *o = &e->opt;
    if (o->on_score) {
        for (size_t m = 0; m < e->n_out; m++)
            for (int slot = 1; slot < HME_SLOTS; slot++)
                if ((w->present[m] >> slot) & 1u) o->on_score(o->ctx, m, p->id * 100 + slot, score_row(w, m)[slot]);
    }
    if (o->on_snapshot) {
        hme_engine_read_counters(e, e->snapshot);
        hme_result r = { .format = e->format, .scoring = e->formula,
                         .prompts = atomic_load(&e->scored), .records = atomic_load(&e->records),
                         .errors = atomic_load(&e->errors), .n_metrics = e->n_out, .metrics = e->snapshot };
        o->on_snapshot(o->ctx, &r);
    }
}

void hme_worker_run(hme_worker *w, hme_prompt *p) {
    struct hme_engine *e = w->e;
    memset(w->present, 0, e->n_out * sizeof *w->present);
    memset(w->fallbacks, 0, e->n_out * sizeof *w->fallbacks);
    bool v1 = e->format == HME_FORMAT_V1;
    for (size_t f = 0; f < e->ms.n_fams; f++) score_family(w, f, p, v1);
    for (size_t j = 0; j < e->n_judges; j++) score_judge(w, j, p);
    /* Streaming needs the fold and its snapshot in one critical section so the last
     * snapshot delivered includes every prompt; without callbacks the fold is lock-free. */
    bool serialize = e->opt.on_snapshot || e->opt.on_score;
    if (serialize) pthread_mutex_lock(&e->report_mu);
    fold_all(w, p);
    if (serialize) { report(w, p); pthread_mutex_unlock(&e->report_mu); }
    hme_prompt_free(e->al, p);
}
