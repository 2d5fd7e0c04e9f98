/* pair_scorer.c - `hme score`: each record's prediction against its reference(s), in input
 * order, on the calling thread. Several references reduce by mean (scores summed in
 * reference order, then divided, as sum(l)/len(l)) or by max (rouge-score's score_multi:
 * the reference maximising the metric's key metric supplies the value; first wins ties). */
#include <math.h>
#include <string.h>
#include "hme.h"
#include "core/alloc.h"
#include "core/error.h"
#include "engine/metric_set.h"
#include "read/json.h"
#include "read/reader.h"
#include "report/json_value.h"

struct hme_scorer {
    const hme_allocator *al;
    hme_scorer_options opt;
    hme_metric_set ms;
    void *fam_worker[HME_MAX_FAMILIES];
    hme_arena json, prep, scratch;
    uint64_t errors;
};

void hme_scorer_options_init(hme_scorer_options *o) { memset(o, 0, sizeof *o); }

void hme_scorer_free(hme_scorer *s) {
    if (!s) return;
    for (size_t f = 0; f < s->ms.n_fams; f++)
        if (s->fam_worker[f] && s->ms.fams[f].fam->worker_free) s->ms.fams[f].fam->worker_free(s->fam_worker[f]);
    hme_metric_set_close(&s->ms);
    hme_arena_free(&s->json);
    hme_arena_free(&s->prep);
    hme_arena_free(&s->scratch);
    hme_free(s->al, s);
}

hme_code hme_scorer_new(const hme_scorer_options *o, hme_scorer **out, hme_error *err) {
    *out = NULL;
    hme_scorer_options def;
    if (!o) { hme_scorer_options_init(&def); o = &def; }
    const hme_allocator *al = hme_alloc_or_default(o->allocator);
    hme_scorer *s = hme_calloc(al, 1, sizeof *s);
    HME_RETURN_ERROR_IF(!s, err, HME_ERR_NOMEM, "out of memory");
    s->al = al;
    s->opt = *o;
    hme_arena_init(&s->json, al, 0);
    hme_arena_init(&s->prep, al, 0);
    hme_arena_init(&s->scratch, al, 0);
    hme_metric_config cfg = { o->nltk_data_dir, o->wordnet_dir, o->on_warning, o->ctx };
    hme_code rc = hme_metric_set_open(&s->ms, o->metrics, &cfg, err);
    if (rc == HME_OK && s->ms.n_metrics == 0) rc = hme_error_set(err, HME_ERR_METRIC, 0, "no metric to score");
    for (size_t f = 0; rc == HME_OK && f < s->ms.n_fams; f++) {
        const hme_family_use *u = &s->ms.fams[f];
        if (u->fam->worker_new && !(s->fam_worker[f] = u->fam->worker_new(u->shared)))
            rc = hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory");
    }
    if (rc != HME_OK) { hme_scorer_free(s); return rc; }
    *out = s;
    return HME_OK;
}

uint64_t hme_scorer_errors(const hme_scorer *s) { return s ? s->errors : 0; }

typedef struct pair {
    const hme_jval *id;
    hme_str pred;
    hme_str *refs;
    size_t n_refs;
} pair;

static hme_code parse_pair(hme_scorer *s, const hme_jval *v, pair *p, hme_error *err) {
    HME_RETURN_ERROR_IF(v->type != HME_JOBJ, err, HME_ERR_FIELD, "record is not a JSON object");
    p->id = hme_json_get(v, "id");
    const hme_jval *pred = hme_json_get(v, "prediction");
    HME_RETURN_ERROR_IF(!pred, err, HME_ERR_FIELD, "missing field \"prediction\"");
    HME_RETURN_ERROR_IF(pred->type != HME_JSTR, err, HME_ERR_FIELD, "field \"prediction\" must be a string");
    p->pred = pred->u.str;
    const hme_jval *ref = hme_json_get(v, "reference"), *refs = hme_json_get(v, "references");
    HME_RETURN_ERROR_IF(ref && refs, err, HME_ERR_FIELD, "give \"reference\" or \"references\", not both");
    if (ref) {
        HME_RETURN_ERROR_IF(ref->type != HME_JSTR, err, HME_ERR_FIELD, "field \"reference\" must be a string");
        p->refs = hme_arena_alloc(&s->json, sizeof *p->refs);
        HME_RETURN_ERROR_IF(!p->refs, err, HME_ERR_NOMEM, "out of memory");
        p->refs[0] = ref->u.str;
        p->n_refs = 1;
        return HME_OK;
    }
    HME_RETURN_ERROR_IF(!refs, err, HME_ERR_FIELD, "missing field \"reference\" or \"references\"");
    HME_RETURN_ERROR_IF(refs->type != HME_JARR || refs->u.arr.n == 0, err, HME_ERR_FIELD,
                        "field \"references\" must be a non-empty array of strings");
    p->n_refs = refs->u.arr.n;
    p->refs = hme_arena_alloc(&s->json, p->n_refs * sizeof *p->refs);
    HME_RETURN_ERROR_IF(!p->refs, err, HME_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < p->n_refs; i++) {
        HME_RETURN_ERROR_IF(refs->u.arr.items[i].type != HME_JSTR, err, HME_ERR_FIELD,
                            "field \"references\" must be a non-empty array of strings");
        p->refs[i] = refs->u.arr.items[i].u.str;
    }
    return HME_OK;
}

/* Scores family f; writes values[out index] and raised[out index]. */
static hme_code score_family(hme_scorer *s, size_t f, const pair *p, double *values, bool *raised) {
    const hme_family_use *u = &s->ms.fams[f];
    const hme_family *fam = u->fam;
    void *w = s->fam_worker[f];
    bool want[HME_MAX_FAMILY_METRICS];
    memcpy(want, u->want, sizeof want);
    /* max: the key metric decides the reference even when it was not asked for. */
    if (s->opt.reduce == HME_REF_MAX && fam->max_key)
        for (size_t k = 0; k < fam->n_metrics; k++) if (u->want[k]) want[fam->max_key[k]] = true;
    hme_arena_reset(&s->prep);
    const void *x = fam->prepare(w, p->pred, &s->prep);
    if (!x) return HME_ERR_NOMEM;
    size_t n = fam->needs_reference ? p->n_refs : 1;
    double (*out)[HME_MAX_FAMILY_METRICS] = hme_arena_alloc(&s->prep, n * sizeof *out);
    uint64_t *mask = hme_arena_alloc(&s->prep, n * sizeof *mask);
    if (!out || !mask) return HME_ERR_NOMEM;
    for (size_t r = 0; r < n; r++) {
        const void *ref = NULL;
        if (fam->needs_reference && !(ref = fam->prepare(w, p->refs[r], &s->prep))) return HME_ERR_NOMEM;
        hme_arena_reset(&s->scratch);
        mask[r] = fam->score(w, ref, x, want, out[r], &s->scratch);
    }
    for (size_t k = 0; k < fam->n_metrics; k++) {
        if (!u->want[k]) continue;
        size_t m = u->out[k];
        if (s->opt.reduce == HME_REF_MAX) {
            size_t key = fam->max_key ? fam->max_key[k] : k, best = 0;
            for (size_t r = 1; r < n; r++) if (out[r][key] > out[best][key]) best = r;
            values[m] = out[best][k];
            raised[m] = (mask[best] >> k) & 1u;
        } else {
            double sum = out[0][k];
            bool any = mask[0] >> k & 1u;
            for (size_t r = 1; r < n; r++) { sum += out[r][k]; any |= (mask[r] >> k) & 1u; }
            values[m] = sum / (double)n;
            raised[m] = any;
        }
    }
    return HME_OK;
}

static void write_line(hme_scorer *s, const pair *p, const double *values, const bool *raised, hme_sink out) {
    sink_puts(out, "{\"id\":");
    if (p->id) sink_json_value(out, p->id); else sink_puts(out, "null");
    sink_puts(out, ",\"scores\":{");
    bool any_raised = false;
    for (size_t m = 0; m < s->ms.n_metrics; m++) {
        if (m) sink_puts(out, ",");
        sink_json_string(out, s->ms.names[m], strlen(s->ms.names[m]));
        sink_puts(out, ":");
        sink_json_double(out, values[m]);
        any_raised |= raised[m];
    }
    sink_puts(out, "}");
    /* Where the reference implementation raises, the value is hme's documented fallback. */
    if (any_raised) {
        sink_puts(out, ",\"errors\":[");
        bool first = true;
        for (size_t m = 0; m < s->ms.n_metrics; m++) {
            if (!raised[m]) continue;
            if (!first) sink_puts(out, ",");
            first = false;
            sink_json_string(out, s->ms.names[m], strlen(s->ms.names[m]));
        }
        sink_puts(out, "]");
    }
    sink_puts(out, "}\n");
}

typedef struct read_ctx {
    hme_scorer *s;
    const char *label;
    hme_sink out;
    hme_code stop;
    hme_error stop_err;
} read_ctx;

static hme_code handle(read_ctx *c, const char *line, size_t len, hme_code code, hme_error *err) {
    hme_scorer *s = c->s;
    if (code != HME_OK) return hme_error_set(err, code, 0, code == HME_ERR_TOO_LONG ? "record longer than the limit" : "unreadable record");
    hme_arena_reset(&s->json);
    hme_jval v;
    HME_FORWARD_IF_ERROR(hme_json_parse(line, len, &s->json, &v, err));
    pair p = { 0 };
    HME_FORWARD_IF_ERROR(parse_pair(s, &v, &p, err));
    double values[HME_MAX_METRICS];
    bool raised[HME_MAX_METRICS] = { false };
    for (size_t f = 0; f < s->ms.n_fams; f++)
        HME_RETURN_ERROR_IF(score_family(s, f, &p, values, raised) != HME_OK, err, HME_ERR_NOMEM, "out of memory");
    write_line(s, &p, values, raised, c->out);
    return HME_OK;
}

static int on_line(void *ctx, uint64_t line_no, const char *line, size_t len, hme_code code) {
    read_ctx *c = ctx;
    hme_error err = { HME_OK, 0, "" };
    hme_code rc = handle(c, line, len, code, &err);
    if (rc == HME_OK) return 0;
    err.code = rc;
    err.line = line_no;
    c->s->errors++;
    if (c->s->opt.on_error) c->s->opt.on_error(c->s->opt.ctx, c->label, &err);
    if (c->s->opt.on_reject) c->s->opt.on_reject(c->s->opt.ctx, c->label, &err, line, len);
    if (rc == HME_ERR_NOMEM || c->s->opt.stop_on_error) { c->stop = rc; c->stop_err = err; return 1; }
    return 0;
}

static hme_code read_any(hme_scorer *s, const char *label, int fd, const char *data, size_t len,
                         hme_sink out, hme_error *err) {
    size_t chunk = s->opt.chunk_size ? s->opt.chunk_size : HME_READER_DEFAULT_CHUNK;
    hme_reader *rd = hme_reader_new(s->al, chunk, s->opt.max_record_bytes);
    HME_RETURN_ERROR_IF(!rd, err, HME_ERR_NOMEM, "out of memory");
    read_ctx c = { s, label ? label : "-", out, HME_OK, { HME_OK, 0, "" } };
    hme_code rc = HME_OK;
    if (data) {
        for (size_t off = 0; off < len && c.stop == HME_OK && rc == HME_OK; off += chunk)
            rc = hme_reader_feed(rd, data + off, len - off < chunk ? len - off : chunk, on_line, &c);
        if (c.stop == HME_OK && rc == HME_OK) rc = hme_reader_finish(rd, on_line, &c);
    } else {
        rc = hme_reader_read_fd(rd, fd, on_line, &c, err);
    }
    hme_reader_free(rd);
    if (c.stop != HME_OK) { if (err) *err = c.stop_err; return c.stop; }
    if (rc != HME_OK) return hme_error_set(err, rc, 0, "%s: read failed", c.label);
    return HME_OK;
}

hme_code hme_scorer_read_fd(hme_scorer *s, const char *label, int fd, hme_sink out, hme_error *err) {
    return read_any(s, label, fd, NULL, 0, out, err);
}

hme_code hme_scorer_read_buffer(hme_scorer *s, const char *label, const char *data, size_t len,
                                hme_sink out, hme_error *err) {
    return read_any(s, label, -1, data ? data : "", len, out, err);
}
