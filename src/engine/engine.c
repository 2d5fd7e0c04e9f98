/* engine.c - the public engine API: records in, prompt table, dispatch, results out.
 *
 * The reading thread parses each line, checks it, and files it under its prompt. A v2
 * prompt is complete when all 13 slots have arrived (a v1 row is a whole prompt); it is
 * then removed from the table and handed to a worker (or scored inline with 1 thread),
 * so memory stays bounded by the prompts still open. At finish the incomplete prompts
 * are scored with what they have. */
#include "engine/engine_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/alloc.h"
#include "core/error.h"
#include "read/json.h"
#include "read/reader.h"

void hme_engine_options_init(hme_engine_options *o) {
    memset(o, 0, sizeof *o);
    o->threads = 1;
}

hme_code hme_engine_new(const hme_engine_options *o, hme_engine **out, hme_error *err) {
    *out = NULL;
    hme_engine_options def;
    if (!o) { hme_engine_options_init(&def); o = &def; }
    HME_RETURN_ERROR_IF(o->scoring > HME_SCORING_V2, err, HME_ERR_ARG, "unknown scoring formula");
    const hme_allocator *al = hme_alloc_or_default(o->allocator);
    hme_engine *e = hme_calloc(al, 1, sizeof *e);
    HME_RETURN_ERROR_IF(!e, err, HME_ERR_NOMEM, "out of memory");
    e->al = al;
    e->opt = *o;
    e->opt.allocator = al;
    hme_metric_config cfg = { o->nltk_data_dir, o->wordnet_dir, NULL, NULL };
    if (o->on_warning) {
        cfg.warn = o->on_warning;
        cfg.warn_ctx = o->ctx;
    }
    hme_code rc = hme_metric_set_open(&e->ms, o->metrics, &cfg, err);
    if (rc != HME_OK) { hme_free(al, e); return rc; }
    hme_id_map_init(&e->open, al);
    hme_id_ranges_init(&e->done, al);
    hme_arena_init(&e->json_arena, al, 0);
    pthread_mutex_init(&e->report_mu, NULL);
    e->keep_texts = e->ms.n_fams > 0;
    *out = e;
    return HME_OK;
}

/* Fixes the set of outputs (metrics + judges) and starts scoring: from here on no judge
 * can be added. */
static hme_code start(hme_engine *e, hme_error *err) {
    if (e->counters) return HME_OK;
    e->n_out = e->ms.n_metrics + e->n_judges;
    size_t n = e->n_out ? e->n_out : 1;
    e->counters = hme_calloc(e->al, n, sizeof *e->counters);
    e->snapshot = hme_calloc(e->al, n, sizeof *e->snapshot);
    HME_RETURN_ERROR_IF(!e->counters || !e->snapshot, err, HME_ERR_NOMEM, "out of memory");
    for (size_t m = 0; m < e->n_out; m++) hme_counters_init(&e->counters[m]);
    if (e->opt.threads > 1) {
        HME_FORWARD_IF_ERROR(hme_pool_start(&e->pool, e, e->opt.threads, err));
        e->pool_started = true;
    } else {
        HME_RETURN_ERROR_IF(hme_worker_init(&e->inline_worker, e) != HME_OK, err, HME_ERR_NOMEM, "out of memory");
        e->inline_ready = true;
    }
    return HME_OK;
}

static hme_code dispatch(hme_engine *e, hme_prompt *p) {
    if (e->formula == HME_SCORING_AUTO)
        e->formula = e->opt.scoring != HME_SCORING_AUTO ? e->opt.scoring
                   : e->format == HME_FORMAT_V1 ? HME_SCORING_V1 : HME_SCORING_V2;
    if (e->opt.by && hme_groups_assign(e, p) != HME_OK) { hme_prompt_free(e->al, p); return HME_ERR_NOMEM; }
    if (!hme_id_ranges_add(&e->done, p->id)) { hme_prompt_free(e->al, p); return HME_ERR_NOMEM; }
    if (e->pool_started) hme_pool_push(&e->pool, p);
    else hme_worker_run(&e->inline_worker, p);
    return HME_OK;
}

static void open_link(hme_engine *e, hme_prompt *p) {
    p->older = e->newest;
    p->newer = NULL;
    if (e->newest) e->newest->newer = p; else e->oldest = p;
    e->newest = p;
}

/* Removes p from the open table and the arrival list. */
static void open_unlink(hme_engine *e, hme_prompt *p) {
    hme_id_map_del(&e->open, p->id);
    if (p->older) p->older->newer = p->newer; else e->oldest = p->newer;
    if (p->newer) p->newer->older = p->older; else e->newest = p->older;
    p->older = p->newer = NULL;
}

/* Keeps at most max_open_prompts open: the one open longest is final now. */
static hme_code evict_if_full(hme_engine *e) {
    size_t max = e->opt.max_open_prompts ? e->opt.max_open_prompts : HME_DEFAULT_MAX_OPEN_PROMPTS;
    while (e->open.n > max && e->oldest) {
        hme_prompt *p = e->oldest;
        open_unlink(e, p);
        if (e->evicted++ == 0 && e->opt.on_warning)
            e->opt.on_warning(e->opt.ctx, "more prompts are waiting for rows than --max-open-prompts allows: "
                                          "the oldest are scored with the rows they have");
        if (dispatch(e, p) != HME_OK) return HME_ERR_NOMEM;
    }
    return HME_OK;
}

static char *dup_str(hme_engine *e, hme_str s, bool *oom) {
    char *r = hme_strndup(e->al, s.ptr, s.len);
    if (!r) *oom = true;
    return r;
}

static hme_code add_v2(hme_engine *e, const hme_record *r, hme_error *err) {
    if (hme_id_ranges_contains(&e->done, r->prompt_id))
        return hme_error_set(err, HME_ERR_DUPLICATE, 0, "duplicate response_id %lld (prompt %lld is already complete)",
                             (long long)r->response_id, (long long)r->prompt_id);
    uint64_t *slot = hme_id_map_get(&e->open, r->prompt_id);
    hme_prompt *p = slot ? (hme_prompt *)(uintptr_t)*slot : NULL;
    if (p && ((p->present >> r->slot) & 1u))
        return hme_error_set(err, HME_ERR_DUPLICATE, 0, "duplicate response_id %lld", (long long)r->response_id);
    bool oom = false;
    if (!p) {
        p = hme_calloc(e->al, 1, sizeof *p);
        if (!p || !hme_id_map_put(&e->open, r->prompt_id, (uint64_t)(uintptr_t)p)) {
            hme_free(e->al, p);
            return hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory");
        }
        p->id = r->prompt_id;
        open_link(e, p);
        e->prompts++;
    }
    if (e->keep_texts) { p->text[r->slot] = dup_str(e, r->text, &oom); p->len[r->slot] = r->text.len; }
    if (e->opt.by & HME_BY_SOURCE && !p->source) p->source = dup_str(e, r->source, &oom);
    if (e->opt.by & HME_BY_ATTACK_METHOD && r->attack_method.len) p->attack[r->slot] = dup_str(e, r->attack_method, &oom);
    if (oom) return hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory");
    p->present |= (uint16_t)(1u << r->slot);
    atomic_fetch_add(&e->records, 1);
    if (p->present != HME_SLOTS_ALL) {
        HME_RETURN_ERROR_IF(evict_if_full(e) != HME_OK, err, HME_ERR_NOMEM, "out of memory");
        return HME_OK;
    }
    open_unlink(e, p);
    HME_RETURN_ERROR_IF(dispatch(e, p) != HME_OK, err, HME_ERR_NOMEM, "out of memory");
    return HME_OK;
}

static hme_code add_v1(hme_engine *e, const hme_record *r, hme_error *err) {
    if (hme_id_ranges_contains(&e->done, r->prompt_id))
        return hme_error_set(err, HME_ERR_DUPLICATE, 0, "duplicate id %lld", (long long)r->prompt_id);
    hme_prompt *p = hme_calloc(e->al, 1, sizeof *p);
    HME_RETURN_ERROR_IF(!p, err, HME_ERR_NOMEM, "out of memory");
    p->id = r->prompt_id;
    p->present = r->v1_present;
    bool oom = false;
    if (e->keep_texts)
        for (int i = 0; i < HME_V1_TEXTS; i++)
            if ((r->v1_present >> i) & 1u) { p->text[i] = dup_str(e, r->v1_text[i], &oom); p->len[i] = r->v1_text[i].len; }
    if (oom) { hme_prompt_free(e->al, p); return hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory"); }
    e->prompts++;
    atomic_fetch_add(&e->records, 1);
    HME_RETURN_ERROR_IF(dispatch(e, p) != HME_OK, err, HME_ERR_NOMEM, "out of memory");
    return HME_OK;
}

/* ---- reading ---- */

typedef struct read_ctx {
    hme_engine *e;
    const char *label;
    hme_judge *judge;      /* reading a judge file, else a dataset */
    hme_code stop;         /* first fatal code (stop_on_error, OOM) */
    hme_error stop_err;
} read_ctx;

static hme_code add_judge_score(hme_judge *j, const hme_record *r, hme_error *err) {
    if (hme_id_map_get(&j->scores, r->response_id))
        return hme_error_set(err, HME_ERR_DUPLICATE, 0, "duplicate response_id %lld", (long long)r->response_id);
    uint64_t bits;
    memcpy(&bits, &r->score, sizeof bits);
    HME_RETURN_ERROR_IF(!hme_id_map_put(&j->scores, r->response_id, bits), err, HME_ERR_NOMEM, "out of memory");
    return HME_OK;
}

static hme_code handle_record(read_ctx *c, const char *line, size_t len, hme_code code, hme_error *err) {
    hme_engine *e = c->e;
    if (code == HME_ERR_TOO_LONG) return hme_error_set(err, code, 0, "record longer than the limit");
    if (code != HME_OK) return hme_error_set(err, code, 0, "unreadable record");
    hme_arena_reset(&e->json_arena);
    hme_jval v;
    HME_FORWARD_IF_ERROR(hme_json_parse(line, len, &e->json_arena, &v, err));
    hme_record r;
    HME_FORWARD_IF_ERROR(hme_record_from_json(&v, &r, err));
    if (c->judge) {
        HME_RETURN_ERROR_IF(r.kind != HME_FORMAT_JUDGE, err, HME_ERR_FORMAT,
                            "a judge file holds {\"response_id\", \"score\"} lines, this is a %s row",
                            hme_format_name(r.kind));
        return add_judge_score(c->judge, &r, err);
    }
    HME_RETURN_ERROR_IF(r.kind == HME_FORMAT_JUDGE, err, HME_ERR_FORMAT,
                        "judge score line in a dataset input (pass judge files with --judge NAME=FILE)");
    if (e->format == HME_FORMAT_NONE) e->format = r.kind;
    HME_RETURN_ERROR_IF(r.kind != e->format, err, HME_ERR_FORMAT, "%s row in a %s dataset",
                        hme_format_name(r.kind), hme_format_name(e->format));
    return r.kind == HME_FORMAT_V1 ? add_v1(e, &r, err) : add_v2(e, &r, err);
}

static int on_line(void *ctx, uint64_t line_no, const char *line, size_t len, hme_code code) {
    read_ctx *c = ctx;
    hme_engine *e = c->e;
    hme_error err = { HME_OK, 0, "" };
    hme_code rc = handle_record(c, line, len, code, &err);
    if (rc == HME_OK) return 0;
    err.code = rc;
    err.line = line_no;
    atomic_fetch_add(&e->errors, 1);
    if ((unsigned)rc < HME_ERR__COUNT) atomic_fetch_add(&e->errors_by_code[rc], 1);
    if (e->opt.on_error) e->opt.on_error(e->opt.ctx, c->label, &err);
    if (e->opt.on_reject) e->opt.on_reject(e->opt.ctx, c->label, &err, line, len);
    if (rc == HME_ERR_NOMEM || e->opt.stop_on_error) {
        c->stop = rc;
        c->stop_err = err;
        return 1;
    }
    return 0;
}

/* Feeds a buffer in chunk_size pieces (the same path as a file, for tests and the sample). */
static hme_code feed_buffer(hme_reader *rd, read_ctx *c, const char *data, size_t len, size_t chunk) {
    for (size_t off = 0; off < len && c->stop == HME_OK;) {
        size_t n = len - off < chunk ? len - off : chunk;
        hme_code rc = hme_reader_feed(rd, data + off, n, on_line, c);
        if (rc != HME_OK && c->stop == HME_OK) return rc;
        off += n;
    }
    if (c->stop == HME_OK) {
        hme_code rc = hme_reader_finish(rd, on_line, c);
        if (rc != HME_OK && c->stop == HME_OK) return rc;
    }
    return HME_OK;
}

static hme_code read_input(hme_engine *e, hme_judge *judge, const char *label, int fd,
                           const char *data, size_t len, hme_error *err) {
    HME_RETURN_ERROR_IF(e->finished, err, HME_ERR_ARG, "the engine has finished");
    if (!judge) HME_FORWARD_IF_ERROR(start(e, err));
    size_t chunk = e->opt.chunk_size ? e->opt.chunk_size : HME_READER_DEFAULT_CHUNK;
    hme_reader *rd = hme_reader_new(e->al, chunk, e->opt.max_record_bytes);
    HME_RETURN_ERROR_IF(!rd, err, HME_ERR_NOMEM, "out of memory");
    read_ctx c = { e, label ? label : "-", judge, HME_OK, { HME_OK, 0, "" } };
    hme_code rc = data ? feed_buffer(rd, &c, data, len, chunk) : hme_reader_read_fd(rd, fd, on_line, &c, err);
    hme_reader_free(rd);
    if (c.stop != HME_OK) {
        if (err) *err = c.stop_err;
        return c.stop;
    }
    if (rc != HME_OK) return hme_error_set(err, rc, 0, "%s: read failed", c.label);
    int werr = atomic_load(&e->worker_error);
    HME_RETURN_ERROR_IF(werr != HME_OK, err, (hme_code)werr, "scoring failed: out of memory");
    return HME_OK;
}

hme_code hme_engine_add_judge_fd(hme_engine *e, const char *name, const char *label, int fd, hme_error *err) {
    hme_judge *j;
    HME_FORWARD_IF_ERROR(hme_judges_add(e, name, label, &j, err));
    return read_input(e, j, label, fd, NULL, 0, err);
}

hme_code hme_engine_add_judge_buffer(hme_engine *e, const char *name, const char *label,
                                     const char *data, size_t len, hme_error *err) {
    hme_judge *j;
    HME_FORWARD_IF_ERROR(hme_judges_add(e, name, label, &j, err));
    return read_input(e, j, label, -1, data ? data : "", len, err);
}

hme_code hme_engine_read_fd(hme_engine *e, const char *label, int fd, hme_error *err) {
    return read_input(e, NULL, label, fd, NULL, 0, err);
}

hme_code hme_engine_read_buffer(hme_engine *e, const char *label, const char *data, size_t len, hme_error *err) {
    return read_input(e, NULL, label, -1, data ? data : "", len, err);
}

/* ---- results ---- */

const char *hme_engine_metric_name(const hme_engine *e, size_t i) {
    if (i < e->ms.n_metrics) return e->ms.names[i];
    i -= e->ms.n_metrics;
    return i < e->n_judges ? e->judges[i].name : NULL;
}

static int group_cmp(const void *a, const void *b) {
    const hme_group *x = a, *y = b;
    if (x->by != y->by) return x->by < y->by ? -1 : 1;
    return strcmp(x->key, y->key);
}

static hme_code build_result(hme_engine *e, hme_error *err) {
    size_t n = e->n_out ? e->n_out : 1;
    e->final = hme_calloc(e->al, n, sizeof *e->final);
    HME_RETURN_ERROR_IF(!e->final, err, HME_ERR_NOMEM, "out of memory");
    hme_engine_read_counters(e, e->final);
    if (e->n_groups) {
        qsort(e->groups, e->n_groups, sizeof *e->groups, group_cmp);
        e->final_groups = hme_calloc(e->al, e->n_groups, sizeof *e->final_groups);
        e->final_group_metrics = hme_calloc(e->al, e->n_groups * n, sizeof *e->final_group_metrics);
        HME_RETURN_ERROR_IF(!e->final_groups || !e->final_group_metrics, err, HME_ERR_NOMEM, "out of memory");
        for (size_t g = 0; g < e->n_groups; g++) {
            hme_metric_result *ms = &e->final_group_metrics[g * n];
            for (size_t m = 0; m < e->n_out; m++) {
                hme_counters_read(&e->groups[g].counters[m], &ms[m]);
                ms[m].name = e->final[m].name;
                ms[m].signature = e->final[m].signature;
            }
            e->final_groups[g].by = e->groups[g].by == HME_BY_SOURCE ? "source" : "attack_method";
            e->final_groups[g].key = e->groups[g].key;
            e->final_groups[g].metrics = ms;
        }
    }
    e->result = (hme_result){
        .format = e->format,
        .scoring = e->formula != HME_SCORING_AUTO ? e->formula
                 : e->opt.scoring != HME_SCORING_AUTO ? e->opt.scoring
                 : e->format == HME_FORMAT_V1 ? HME_SCORING_V1 : HME_SCORING_V2,
        .prompts = e->prompts, .records = atomic_load(&e->records), .errors = atomic_load(&e->errors),
        .n_metrics = e->n_out, .metrics = e->final,

        .n_groups = e->n_groups, .groups = e->final_groups,
    };
    for (size_t c = 0; c < HME_ERR__COUNT; c++) e->result.errors_by_code[c] = atomic_load(&e->errors_by_code[c]);
    return HME_OK;
}

hme_code hme_engine_finish(hme_engine *e, const hme_result **result, hme_error *err) {
    *result = NULL;
    HME_RETURN_ERROR_IF(e->finished, err, HME_ERR_ARG, "hme_engine_finish called twice");
    HME_FORWARD_IF_ERROR(start(e, err));
    /* Incomplete prompts are final at end of input: score them with the rows they have. */
    hme_code rc = HME_OK;
    while (e->oldest) { /* arrival order: linear, and the same order every run */
        hme_prompt *p = e->oldest;
        open_unlink(e, p);
        if (dispatch(e, p) != HME_OK) rc = HME_ERR_NOMEM;
    }
    if (e->pool_started) { hme_pool_stop(&e->pool); e->pool_started = false; }
    e->finished = true;
    HME_RETURN_ERROR_IF(rc != HME_OK, err, rc, "out of memory");
    int werr = atomic_load(&e->worker_error);
    HME_RETURN_ERROR_IF(werr != HME_OK, err, (hme_code)werr, "scoring failed: out of memory");
    HME_FORWARD_IF_ERROR(build_result(e, err));
    *result = &e->result;
    return HME_OK;
}

void hme_engine_free(hme_engine *e) {
    if (!e) return;
    if (e->pool_started) hme_pool_stop(&e->pool);
    if (e->inline_ready) hme_worker_destroy(&e->inline_worker);
    for (size_t i = 0; i < e->open.cap; i++)
        if (e->open.used[i]) hme_prompt_free(e->al, (hme_prompt *)(uintptr_t)e->open.vals[i]);
    hme_id_map_free(&e->open);
    hme_id_ranges_free(&e->done);
    hme_judges_free(e);
    hme_groups_free(e);
    hme_metric_set_close(&e->ms);
    hme_arena_free(&e->json_arena);
    pthread_mutex_destroy(&e->report_mu);
    hme_free(e->al, e->counters);
    hme_free(e->al, e->snapshot);
    hme_free(e->al, e->final);
    hme_free(e->al, e->final_groups);
    hme_free(e->al, e->final_group_metrics);
    hme_free(e->al, e);
}
