/* golden.h - reading the shared golden files and the v2 dataset in the metric tests, so
 * each test says only what it compares. Every file is reached through hme_t_shared, so a
 * missing one is a skip outside CI and a failure under CI=true (harness.h).
 *
 *   golden_lines_open/next   one NDJSON file, a parsed line at a time (golden_each_line:
 *                            a callback per line);
 *   golden_load_v2           the v2 response texts by response_id (prompt_id * 100 + slot);
 *                            golden_v2_pair gives a response with its prompt's slot-0 reference;
 *   golden_family_*          one metric of a family opened for the test, scoring a pair;
 *   golden_v2_scores / golden_case_scores  that metric over the v2 pairs / the hand-made
 *                            cases, each value handed to the test's own comparison;
 *   golden_tokens_file       a tokenizer against a tokens.ndjson list ("squad", "tfidf", ...);
 *   golden_token_table       a tokenizer against small hand-written expectations ("a|b|c"). */
#ifndef HME_TEST_GOLDEN_H
#define HME_TEST_GOLDEN_H
#include "harness.h"
#include "metric/metric.h"
#include "read/json.h"

#include <stdbool.h>

/* ---- NDJSON lines ---- */

typedef struct line_iter { char *buf, *p, *end; } line_iter;

/* Reads the file at path (NULL: hme_t_shared already counted the skip or failure). */
static inline bool golden_lines_open(line_iter *it, const char *path) {
    size_t len = 0;
    it->buf = path ? hme_t_slurp(path, &len) : NULL;
    it->p = it->buf;
    it->end = it->buf ? it->buf + len : NULL;
    if (path) CHECK_MSG(it->buf, "cannot read %s", path);
    return it->buf != NULL;
}

/* Parses the next non-empty line into *v (arena reset by the caller); false at the end. */
static inline bool golden_lines_next(line_iter *it, hme_arena *a, hme_jval *v) {
    while (it->p < it->end) {
        char *nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
        char *e = nl ? nl : it->end;
        char *s = it->p;
        it->p = nl ? nl + 1 : it->end;
        if (e == s) continue;
        hme_error err;
        if (hme_json_parse(s, (size_t)(e - s), a, v, &err) == HME_OK) return true;
        CHECK_MSG(0, "bad golden line: %s", err.msg);
    }
    return false;
}

static inline void golden_lines_close(line_iter *it) { free(it->buf); it->buf = NULL; }

/* Calls fn(ctx, line) for each parsed line of the file at path (a bad line is a failed
 * check); false if the file cannot be read. */
static inline bool golden_each_line(const char *path, void (*fn)(void *ctx, const hme_jval *v), void *ctx) {
    size_t len = 0;
    line_iter it;
    it.buf = path ? hme_t_slurp(path, &len) : NULL;
    if (!it.buf) return false;
    it.p = it.buf;
    it.end = it.buf + len;
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    hme_jval v;
    while (golden_lines_next(&it, &a, &v)) {
        fn(ctx, &v);
        hme_arena_reset(&a);
    }
    hme_arena_free(&a);
    golden_lines_close(&it);
    return true;
}

/* A string member, "" when absent or not a string. */
static inline hme_str golden_jstr(const hme_jval *o, const char *key) {
    const hme_jval *v = hme_json_get(o, key);
    hme_str s = { "", 0 };
    if (v && v->type == HME_JSTR) s = v->u.str;
    return s;
}

/* An integer member, -1 when absent or not a number. */
static inline long long golden_jint(const hme_jval *o, const char *key) {
    const hme_jval *v = hme_json_get(o, key);
    return v && v->type == HME_JNUM ? (long long)v->u.num.d : -1;
}

/* ---- v2 texts by response_id ---- */

#define GOLDEN_MAX_PROMPTS 10000 /* v2 prompt ids go up to 2313 */
#define GOLDEN_MAX_IDS (GOLDEN_MAX_PROMPTS * 100)
static char *golden_v2_text[GOLDEN_MAX_IDS];
static size_t golden_v2_len[GOLDEN_MAX_IDS];

/* Copies every response of harmmetric/v2/dataset.jsonl out of the parse arena and checks
 * the row count; false when the dataset is missing (skip) or unreadable. */
static inline bool golden_load_v2(void) {
    line_iter it;
    if (!golden_lines_open(&it, hme_t_shared("harmmetric/v2/dataset.jsonl"))) return false;
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    hme_jval v;
    size_t rows = 0;
    while (golden_lines_next(&it, &a, &v)) {
        long long id = golden_jint(&v, "response_id");
        hme_str t = golden_jstr(&v, "response");
        if (id >= 0 && id < GOLDEN_MAX_IDS) {
            golden_v2_text[id] = malloc(t.len + 1);
            memcpy(golden_v2_text[id], t.ptr, t.len);
            golden_v2_len[id] = t.len;
            rows++;
        }
        hme_arena_reset(&a);
    }
    hme_arena_free(&a);
    golden_lines_close(&it);
    CHECK_EQ_INT(rows, 3562);
    return true;
}

static inline void golden_free_v2(void) {
    for (size_t i = 0; i < GOLDEN_MAX_IDS; i++) { free(golden_v2_text[i]); golden_v2_text[i] = NULL; }
}

/* Response id with its prompt's reference (slot 0); false when either text is not loaded. */
static inline bool golden_v2_pair(long long id, hme_str *ref, hme_str *pred) {
    if (!(id > 0 && id < GOLDEN_MAX_IDS && golden_v2_text[id] && golden_v2_text[id / 100 * 100])) return false;
    ref->ptr = golden_v2_text[id / 100 * 100];
    ref->len = golden_v2_len[id / 100 * 100];
    pred->ptr = golden_v2_text[id];
    pred->len = golden_v2_len[id];
    return true;
}

/* ---- one metric of a family ---- */

static const hme_family *golden_fam;
static size_t golden_fam_idx;
static void *golden_fam_shared, *golden_fam_worker;

/* Opens the family of metric `name` with the default config and one worker. */
static inline bool golden_family_open(const char *name) {
    hme_metric_config cfg = { 0 };
    hme_error err;
    if (!hme_metric_lookup(name, strlen(name), &golden_fam, &golden_fam_idx) ||
        golden_fam->open(&cfg, &golden_fam_shared, &err) != HME_OK)
        return false;
    golden_fam_worker = golden_fam->worker_new(golden_fam_shared);
    return true;
}

static inline void golden_family_close(void) {
    golden_fam->worker_free(golden_fam_worker);
    golden_fam->close(golden_fam_shared);
}

/* The main() of a one-metric family's golden test. The file defines `own` (checks that need
 * no data, run first) and v2_scores, v2_tokens (run when the v2 texts load), case_scores and
 * case_tokens. */
#define GOLDEN_FAMILY_MAIN(metric, own)                                          \
    int main(void) {                                                            \
        if (!golden_family_open(metric)) {                                      \
            fprintf(stderr, "cannot open the family of %s\n", metric);          \
            return 1;                                                           \
        }                                                                       \
        RUN(own);                                                               \
        if (golden_load_v2()) {                                                 \
            RUN(v2_scores);                                                     \
            RUN(v2_tokens);                                                     \
        }                                                                       \
        RUN(case_scores);                                                       \
        RUN(case_tokens);                                                       \
        golden_family_close();                                                  \
        golden_free_v2();                                                       \
        return hme_t_summary();                                                 \
    }

/* The metric's value for one pair; *mask is the family's fallback mask (~0 if prepare failed).
 * Only families with a single wanted slot at index 0 (the one-metric families) fit here. */
static inline double golden_score_pair(hme_str ref, hme_str pred, hme_arena *a, uint64_t *mask) {
    bool want[1] = { true };
    double out[1] = { -1.0 };
    void *r = golden_fam->prepare(golden_fam_worker, ref, a);
    void *p = golden_fam->prepare(golden_fam_worker, pred, a);
    CHECK(r && p);
    *mask = r && p ? golden_fam->score(golden_fam_worker, r, p, want, out, a) : ~0ull;
    return out[golden_fam_idx];
}

/* Every line of golden/v2/scores.ndjson: the response with its slot-0 reference (golden_load_v2
 * first) scored by the family under test, which must flag nothing (mask 0); check(ctx, id,
 * value, golden value of `metric`) compares; all 3,288 responses must be there. Returns how
 * many were compared (0: the file is missing, a skip or a CI failure already counted). */
static inline size_t golden_v2_scores(const char *metric, void (*check)(void *ctx, long long id, double got, double gold),
                                    void *ctx) {
    line_iter it;
    if (!golden_lines_open(&it, hme_t_shared("golden/v2/scores.ndjson"))) return 0;
    hme_arena a, pa;
    hme_arena_init(&a, NULL, 0);
    hme_arena_init(&pa, NULL, 0);
    hme_jval v;
    size_t n = 0;
    while (golden_lines_next(&it, &a, &v)) {
        long long id = golden_jint(&v, "response_id");
        const hme_jval *g = hme_json_get(hme_json_get(&v, "scores"), metric);
        hme_str ref, pred;
        bool have = golden_v2_pair(id, &ref, &pred) && g;
        CHECK_MSG(have, "line for %lld", id);
        if (!have) continue;
        uint64_t mask;
        double got = golden_score_pair(ref, pred, &pa, &mask);
        CHECK_EQ_INT(mask, 0);
        check(ctx, id, got, g->u.num.d);
        n++;
        hme_arena_reset(&a);
        hme_arena_reset(&pa);
    }
    CHECK_EQ_INT(n, 3288);
    hme_arena_free(&a);
    hme_arena_free(&pa);
    golden_lines_close(&it);
    return n;
}

/* The hand-made cases (golden/cases/cases.ndjson, with scores.ndjson line for line): each
 * reference/prediction scored by the family under test, then check(ctx, id, value, fallback
 * mask, the scores line) compares; all 66 cases must be there. Returns how many were
 * compared (0 when a file is missing). */
static inline size_t golden_case_scores(void (*check)(void *ctx, long long id, double got, uint64_t mask,
                                                    const hme_jval *gold),
                                      void *ctx) {
    line_iter ci, si;
    if (!golden_lines_open(&ci, hme_t_shared("golden/cases/cases.ndjson"))) return 0;
    if (!golden_lines_open(&si, hme_t_shared("golden/cases/scores.ndjson"))) { golden_lines_close(&ci); return 0; }
    hme_arena a, pa;
    hme_arena_init(&a, NULL, 0);
    hme_arena_init(&pa, NULL, 0);
    hme_jval c, s;
    size_t n = 0;
    while (golden_lines_next(&ci, &a, &c) && golden_lines_next(&si, &a, &s)) {
        CHECK_EQ_INT(golden_jint(&c, "id"), golden_jint(&s, "id"));
        uint64_t mask;
        double got = golden_score_pair(golden_jstr(&c, "reference"), golden_jstr(&c, "prediction"), &pa, &mask);
        check(ctx, golden_jint(&c, "id"), got, mask, &s);
        n++;
        hme_arena_reset(&pa);
    }
    CHECK_EQ_INT(n, 66);
    hme_arena_free(&a);
    hme_arena_free(&pa);
    golden_lines_close(&ci);
    golden_lines_close(&si);
    return n;
}

/* ---- token lists ---- */

typedef bool (*golden_tokenize_fn)(const char *s, size_t n, hme_arena *a, hme_str **toks, size_t *nt);

/* Every line {"text": ..., key: [tokens]} of the shared file rel against tok; expect lines. */
static inline void golden_tokens_file(const char *rel, const char *key, golden_tokenize_fn tok, size_t expect) {
    line_iter it;
    if (!golden_lines_open(&it, hme_t_shared(rel))) return;
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    hme_jval v;
    size_t n = 0;
    while (golden_lines_next(&it, &a, &v)) {
        hme_str text = golden_jstr(&v, "text");
        const hme_jval *g = hme_json_get(&v, key);
        CHECK(g && g->type == HME_JARR);
        if (!g || g->type != HME_JARR) continue;
        hme_str *toks;
        size_t nt;
        CHECK(tok(text.ptr, text.len, &a, &toks, &nt));
        bool same = nt == g->u.arr.n;
        for (size_t i = 0; same && i < nt; i++) same = hme_str_eq(toks[i], g->u.arr.items[i].u.str);
        CHECK_MSG(same, "%s: %s tokens of text #%zu differ (%zu vs %zu tokens)", rel, key, n, nt, g->u.arr.n);
        n++;
        hme_arena_reset(&a);
    }
    CHECK_EQ_INT(n, expect);
    hme_arena_free(&a);
    golden_lines_close(&it);
}

/* Hand-written expectations: tokens of in, joined with '|', must read out. */
typedef struct golden_tok_case { const char *in, *out; } golden_tok_case;

/* Tokens joined with '|' into out (cap bytes, truncated if longer). */
static inline void golden_joined(const hme_str *toks, size_t n, char *out, size_t cap) {
    size_t len = 0;
    out[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        int w = snprintf(out + len, cap - len, "%s%.*s", k ? "|" : "", (int)toks[k].len, toks[k].ptr);
        if (w < 0 || (size_t)w >= cap - len) return;
        len += (size_t)w;
    }
}

static inline void golden_token_table(const golden_tok_case *t, size_t n, golden_tokenize_fn tok) {
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    for (size_t i = 0; i < n; i++) {
        hme_str *toks;
        size_t nt;
        CHECK(tok(t[i].in, strlen(t[i].in), &a, &toks, &nt));
        char joined[64];
        golden_joined(toks, nt, joined, sizeof joined);
        CHECK_EQ_STR(joined, t[i].out);
    }
    hme_arena_free(&a);
}

#endif
