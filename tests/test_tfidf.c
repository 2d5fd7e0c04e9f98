/* test_tfidf.c - TF-IDF cosine (`cosine`) and its tokens against the golden files:
 *   golden/v2/scores.ndjson  cosine of all 3,288 v2 responses against their prompt's
 *                            reference; the allowed error is 1e-12 relative, but hme
 *                            follows the reference's order of operations and is bit for
 *                            bit equal on all of them, so that is asserted (and counted);
 *   golden/cases/            the edge cases; where the reference raised (`errors.cosine`,
 *                            empty vocabulary) hme must flag the pair and return 0.0;
 *   golden/{v2,cases}/tokens.ndjson  the `tfidf` token list of every text. */
#include "harness.h"
#include "metric/metric.h"
#include "read/json.h"
#include "tokenize/tfidf_tok.h"

#include <stdbool.h>

/* ---- golden file access ---- */

typedef struct line_iter { char *buf, *p, *end; } line_iter;

static bool lines_open(line_iter *it, const char *path) {
    size_t len = 0;
    it->buf = path ? hme_t_slurp(path, &len) : NULL;
    it->p = it->buf;
    it->end = it->buf ? it->buf + len : NULL;
    CHECK_MSG(!path || it->buf, "cannot read %s", path);
    return it->buf != NULL;
}

/* Parses the next non-empty line into *v (arena reset by the caller); false at the end. */
static bool lines_next(line_iter *it, hme_arena *a, hme_jval *v) {
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

static hme_str jstr(const hme_jval *o, const char *key) {
    const hme_jval *v = hme_json_get(o, key);
    hme_str s = { "", 0 };
    if (v && v->type == HME_JSTR) s = v->u.str;
    return s;
}

static long long jint(const hme_jval *o, const char *key) {
    const hme_jval *v = hme_json_get(o, key);
    return v && v->type == HME_JNUM ? (long long)v->u.num.d : -1;
}

/* v2 texts by response_id (prompt_id * 100 + slot), copied out of the parse arena. */
#define MAX_PROMPTS 10000 /* v2 prompt ids go up to 2313 */
static char *v2_text[MAX_PROMPTS * 100];
static size_t v2_len[MAX_PROMPTS * 100];

static bool load_v2(void) {
    line_iter it;
    if (!lines_open(&it, hme_t_shared("harmmetric/v2/dataset.jsonl"))) return false;
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    hme_jval v;
    size_t rows = 0;
    while (lines_next(&it, &a, &v)) {
        long long id = jint(&v, "response_id");
        hme_str t = jstr(&v, "response");
        if (id >= 0 && id < MAX_PROMPTS * 100) {
            v2_text[id] = malloc(t.len + 1);
            memcpy(v2_text[id], t.ptr, t.len);
            v2_len[id] = t.len;
            rows++;
        }
        hme_arena_reset(&a);
    }
    hme_arena_free(&a);
    free(it.buf);
    CHECK_EQ_INT(rows, 3562);
    return true;
}

/* ---- the family under test ---- */

static const hme_family *fam;
static size_t fam_idx;
static void *fam_shared, *fam_worker;

static double score_pair(hme_str ref, hme_str pred, hme_arena *a, uint64_t *mask) {
    bool want[1] = { true };
    double out[1] = { -1.0 };
    void *r = fam->prepare(fam_worker, ref, a);
    void *p = fam->prepare(fam_worker, pred, a);
    CHECK(r && p);
    *mask = r && p ? fam->score(fam_worker, r, p, want, out, a) : ~0ull;
    return out[fam_idx];
}

static void v2_scores(void) {
    line_iter it;
    if (!lines_open(&it, hme_t_shared("golden/v2/scores.ndjson"))) return;
    hme_arena a, pa;
    hme_arena_init(&a, NULL, 0);
    hme_arena_init(&pa, NULL, 0);
    hme_jval v;
    size_t n = 0, exact = 0;
    while (lines_next(&it, &a, &v)) {
        long long id = jint(&v, "response_id");
        const hme_jval *g = hme_json_get(hme_json_get(&v, "scores"), "cosine");
        CHECK_MSG(id > 0 && id < MAX_PROMPTS * 100 && v2_text[id] && v2_text[id / 100 * 100] && g,
                  "line for %lld", id);
        if (!(id > 0 && id < MAX_PROMPTS * 100 && v2_text[id] && v2_text[id / 100 * 100] && g)) continue;
        hme_str ref = { v2_text[id / 100 * 100], v2_len[id / 100 * 100] };
        hme_str pred = { v2_text[id], v2_len[id] };
        uint64_t mask;
        double c = score_pair(ref, pred, &pa, &mask), gold = g->u.num.d;
        CHECK_EQ_INT(mask, 0);
        CHECK_MSG(fabs(c - gold) <= 1e-12 * fabs(gold), "response %lld: %.17g != %.17g", id, c, gold);
        CHECK_EQ_BITS(c, gold);
        exact += c == gold;
        n++;
        hme_arena_reset(&a);
        hme_arena_reset(&pa);
    }
    CHECK_EQ_INT(n, 3288);
    printf("v2 cosine: %zu of %zu bit-identical\n", exact, n);
    hme_arena_free(&a);
    hme_arena_free(&pa);
    free(it.buf);
}

static void case_scores(void) {
    line_iter ci, si;
    if (!lines_open(&ci, hme_t_shared("golden/cases/cases.ndjson"))) return;
    if (!lines_open(&si, hme_t_shared("golden/cases/scores.ndjson"))) { free(ci.buf); return; }
    hme_arena a, pa;
    hme_arena_init(&a, NULL, 0);
    hme_arena_init(&pa, NULL, 0);
    hme_jval c, s;
    size_t n = 0, errors = 0;
    while (lines_next(&ci, &a, &c) && lines_next(&si, &a, &s)) {
        CHECK_EQ_INT(jint(&c, "id"), jint(&s, "id"));
        const hme_jval *g = hme_json_get(hme_json_get(&s, "scores"), "cosine");
        bool raised = hme_json_get(hme_json_get(&s, "errors"), "cosine") != NULL;
        CHECK_MSG(raised != (g != NULL), "case %lld: either a value or an error", jint(&c, "id"));
        uint64_t mask;
        double cos = score_pair(jstr(&c, "reference"), jstr(&c, "prediction"), &pa, &mask);
        CHECK_MSG(mask == (raised ? 1u : 0u), "case %lld: mask %llu", jint(&c, "id"), (unsigned long long)mask);
        if (raised) {
            CHECK_EQ_BITS(cos, 0.0);
            errors++;
        } else if (g) {
            CHECK_MSG(cos == g->u.num.d, "case %lld: %.17g != %.17g", jint(&c, "id"), cos, g->u.num.d);
        }
        n++;
        hme_arena_reset(&pa);
    }
    CHECK_EQ_INT(n, 66);
    CHECK(errors > 0);
    hme_arena_free(&a);
    hme_arena_free(&pa);
    free(ci.buf);
    free(si.buf);
}

static void tokens_file(const char *rel, size_t expect) {
    line_iter it;
    if (!lines_open(&it, hme_t_shared(rel))) return;
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    hme_jval v;
    size_t n = 0;
    while (lines_next(&it, &a, &v)) {
        hme_str text = jstr(&v, "text");
        const hme_jval *g = hme_json_get(&v, "tfidf");
        CHECK(g && g->type == HME_JARR);
        if (!g || g->type != HME_JARR) continue;
        hme_str *toks;
        size_t nt;
        CHECK(hme_tfidf_tokenize(text.ptr, text.len, &a, &toks, &nt));
        bool same = nt == g->u.arr.n;
        for (size_t i = 0; same && i < nt; i++) same = hme_str_eq(toks[i], g->u.arr.items[i].u.str);
        CHECK_MSG(same, "%s: tfidf tokens of text #%zu differ (%zu vs %zu tokens)", rel, n, nt, g->u.arr.n);
        n++;
        hme_arena_reset(&a);
    }
    CHECK_EQ_INT(n, expect);
    hme_arena_free(&a);
    free(it.buf);
}

static void v2_tokens(void) { tokens_file("golden/v2/tokens.ndjson", 3562); }
static void case_tokens(void) { tokens_file("golden/cases/tokens.ndjson", 132); }

/* Runs of >= 2 \w code points of the lowered text. Expected values printed by Python:
 * re.findall(r"(?u)\b\w\w+\b", s.lower()). */
static void word_runs(void) {
    static const struct { const char *in; const char *out; } t[] = {
        { "A bb, C_d e1 \xC4\xB0stanbul", "bb|c_d|e1|stanbul" },
        { "x\xC2\xB2y \xC3\xA9t\xC3\xA9 \xE2\x85\xA0 \xD9\xA0\xD9\xA1", "x\xC2\xB2y|\xC3\xA9t\xC3\xA9|\xD9\xA0\xD9\xA1" },
        { "can't I'm", "can" }, { "a", "" },
    };
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        hme_str *toks;
        size_t n;
        CHECK(hme_tfidf_tokenize(t[i].in, strlen(t[i].in), &a, &toks, &n));
        char joined[64] = "";
        for (size_t k = 0; k < n; k++) {
            if (k) strcat(joined, "|");
            strncat(joined, toks[k].ptr, toks[k].len);
        }
        CHECK_EQ_STR(joined, t[i].out);
    }
    hme_arena_free(&a);
}

int main(void) {
    hme_metric_config cfg = { 0 };
    hme_error err;
    if (!hme_metric_lookup("cosine", 6, &fam, &fam_idx) || fam->open(&cfg, &fam_shared, &err) != HME_OK) {
        fprintf(stderr, "cannot open the tfidf family\n");
        return 1;
    }
    fam_worker = fam->worker_new(fam_shared);
    RUN(word_runs);
    if (load_v2()) {
        RUN(v2_scores);
        RUN(v2_tokens);
    }
    RUN(case_scores);
    RUN(case_tokens);
    fam->worker_free(fam_worker);
    fam->close(fam_shared);
    for (size_t i = 0; i < MAX_PROMPTS * 100; i++) free(v2_text[i]);
    return hme_t_summary();
}
