/* test_keyword.c - the gcg/autodan refusal-keyword metrics and their multi-pattern search.
 *  - every search implementation equals a naive per-pattern search (random texts built
 *    from keyword fragments, every pattern at every position of short buffers);
 *  - the embedded lists equal shared/harmmetric/refusal-keywords.json;
 *  - the family's scores equal golden/v2/scores.ndjson for all 3,288 responses and
 *    golden/cases/scores.ndjson for every case prediction. */
#include "harness.h"
#include "keyword.h"
#include "metric/metric.h"
#include "read/json.h"

static hme_arena A;

/* ---- the oracle ---- */
static bool naive_contains(const char *s, size_t n, const char *p, size_t m) {
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(s + i, p, m) == 0) return true;
    return false;
}

static uint32_t naive_match(const hme_kwset *k, const char *s, size_t n) {
    uint32_t f = 0;
    for (size_t i = 0; i < k->n; i++)
        if (naive_contains(s, n, k->pat[i], k->len[i])) f |= k->group[i];
    return f;
}

/* ---- lists from the shared definition file ---- */
typedef struct lists { const char *pat[HME_KW_MAX_PATTERNS]; uint32_t group[HME_KW_MAX_PATTERNS]; size_t n, n_gcg, n_autodan; } lists;

static bool load_lists(lists *L, hme_kwset *k) {
    memset(L, 0, sizeof *L);
    const char *path = hme_t_shared("harmmetric/refusal-keywords.json");
    if (!path) return false;
    size_t len;
    char *buf = hme_t_slurp(path, &len);
    hme_jval v;
    CHECK(buf && hme_json_parse(buf, len, &A, &v, NULL) == HME_OK);
    free(buf);
    const char *keys[2] = { "gcg", "autodan" };
    for (int g = 0; g < 2; g++) {
        const hme_jval *arr = hme_json_get(&v, keys[g]);
        CHECK(arr && arr->type == HME_JARR);
        if (!arr || arr->type != HME_JARR) return false;
        for (size_t i = 0; i < arr->u.arr.n && L->n < HME_KW_MAX_PATTERNS; i++) {
            L->pat[L->n] = arr->u.arr.items[i].u.str.ptr; /* NUL-terminated, lives in A */
            L->group[L->n++] = 1u << g;
        }
        if (g == 0) L->n_gcg = arr->u.arr.n; else L->n_autodan = arr->u.arr.n;
    }
    CHECK(hme_kwset_init(k, L->pat, L->group, L->n));
    return true;
}

static const char *const impl_names[] = { "scalar", "sse2", "avx2" };

/* A random text made of keyword fragments (often cut or altered), spaces, apostrophes
 * and U+2019, so that both outcomes and near misses are common. */
static size_t random_text(const lists *L, char *buf, size_t cap, size_t target, uint64_t *seed) {
    size_t n = 0;
    while (n < target) {
        *seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
        unsigned r = (unsigned)(*seed >> 33);
        if (r % 32 == 0) {
            const char *p = L->pat[(r >> 4) % L->n];
            size_t m = strlen(p);
            if ((r >> 12) % 2 == 0) m = 1 + (r >> 14) % m;
            if (n + m > cap) break;
            memcpy(buf + n, p, m);
            if ((r >> 20) % 5 == 0) buf[n + (r >> 22) % m] ^= 0x20;
            n += m;
        } else if (r % 32 < 6) {
            buf[n++] = ' ';
        } else {
            buf[n++] = "aeinostI'As\xE2\x80\x99</>!"[(r >> 8) % 18];
        }
    }
    return n;
}

static void kernels_random(void) {
    static hme_kwset k;
    lists L;
    if (!load_lists(&L, &k)) return;
    static char buf[512 + 64];
    uint64_t seed = 7;
    int bad = 0, hits = 0;
    for (int t = 0; t < 20000; t++) {
        size_t n = random_text(&L, buf, sizeof buf - 64, (size_t)(t % 400), &seed);
        size_t off = (size_t)t % 32;
        memmove(buf + off, buf, n);
        uint32_t want = naive_match(&k, buf + off, n);
        hits += want != 0;
        for (int i = 0; i < 3; i++) {
            hme_kwset_fn fn = hme_kwset_named(impl_names[i]);
            if (fn && fn(&k, buf + off, n) != want) bad++;
        }
    }
    CHECK_EQ_INT(bad, 0);
    CHECK(hits > 1000 && hits < 19000); /* the generator exercises both outcomes */
}

static void kernels_every_position(void) {
    static hme_kwset k;
    lists L;
    if (!load_lists(&L, &k)) return;
    static char buf[128];
    int bad = 0;
    for (size_t p = 0; p < L.n; p++) {
        size_t m = strlen(L.pat[p]);
        /* lengths around the 16- and 32-byte block edges, the pattern at every position */
        static const size_t extra[] = { 0, 1, 2, 15, 16, 17, 31, 32, 33, 34, 63, 64, 65 };
        for (size_t e = 0; e < sizeof extra / sizeof extra[0]; e++)
            for (size_t pos = 0, n = m + extra[e]; pos + m <= n; pos++) {
                memset(buf, 'x', sizeof buf);
                memcpy(buf + pos, L.pat[p], m);
                uint32_t want = naive_match(&k, buf, n);
                if (!(want & L.group[p])) bad++;
                for (int i = 0; i < 3; i++) {
                    hme_kwset_fn fn = hme_kwset_named(impl_names[i]);
                    if (fn && fn(&k, buf, n) != want) bad++;
                    /* the pattern cut by the end of the text is not a match */
                    if (fn && pos + m == n && (fn(&k, buf, n - 1) & ~naive_match(&k, buf, n - 1))) bad++;
                }
            }
    }
    CHECK_EQ_INT(bad, 0);
    CHECK(hme_kwset_named("avx2") == NULL || __builtin_cpu_supports("avx2"));
    CHECK(hme_kwset_named("neon") == NULL);
    CHECK(hme_kwset_active() != NULL);
}

/* ---- the family ---- */
static const hme_family *keyword_family(size_t *gcg, size_t *autodan) {
    const hme_family *f1 = NULL, *f2 = NULL;
    CHECK(hme_metric_lookup("gcg", 3, &f1, gcg));
    CHECK(hme_metric_lookup("autodan", 7, &f2, autodan));
    CHECK(f1 && f1 == f2 && !f1->needs_reference && f1->n_metrics == 2);
    return f1 == f2 ? f1 : NULL;
}

typedef struct fam { const hme_family *f; void *shared, *worker; size_t gcg, autodan; } fam;

static bool fam_open(fam *F) {
    memset(F, 0, sizeof *F);
    F->f = keyword_family(&F->gcg, &F->autodan);
    if (!F->f) return false;
    hme_error err;
    hme_code c = F->f->open(NULL, &F->shared, &err);
    CHECK_EQ_INT(c, HME_OK);
    if (c != HME_OK) return false;
    F->worker = F->f->worker_new(F->shared);
    CHECK(F->worker != NULL);
    return F->worker != NULL;
}

static void fam_close(fam *F) { F->f->worker_free(F->worker); F->f->close(F->shared); }

static void fam_score(fam *F, const char *text, size_t n, double out[2]) {
    void *pred = F->f->prepare(F->worker, (hme_str){ text, n }, &A);
    bool want[2] = { true, true };
    out[0] = out[1] = -1.0;
    CHECK(pred != NULL);
    if (pred) CHECK_EQ_INT(F->f->score(F->worker, NULL, pred, want, out, &A), 0);
}

static void family_definition(void) {
    fam F;
    if (!fam_open(&F)) return;
    /* The embedded lists are the shared definition's lists, in order. */
    static hme_kwset k;
    lists L;
    if (load_lists(&L, &k)) {
        CHECK_EQ_INT(L.n_gcg, 50);
        CHECK_EQ_INT(L.n_autodan, 39);
        /* every listed string alone is a refusal for its list */
        for (size_t i = 0; i < L.n; i++) {
            double out[2];
            fam_score(&F, L.pat[i], strlen(L.pat[i]), out);
            CHECK_MSG(out[L.group[i] == 1 ? 0 : 1] == 0.0, "\"%s\" not matched", L.pat[i]);
        }
    }
    /* and nothing else: on random fragment texts (U+2019 replaced by the test itself)
     * the family agrees with the file's lists */
    int bad = 0;
    uint64_t seed = 11;
    static char buf[600], rep[600];
    for (int t = 0; L.n && t < 5000; t++) {
        size_t n = random_text(&L, buf, 500, (size_t)(t % 300), &seed), m = 0;
        for (size_t i = 0; i < n; i++) {
            if (i + 2 < n && memcmp(buf + i, "\xE2\x80\x99", 3) == 0) { rep[m++] = '\''; i += 2; }
            else rep[m++] = buf[i];
        }
        uint32_t want = naive_match(&k, rep, m);
        double o[2];
        fam_score(&F, buf, n, o);
        if (o[0] != ((want & 1) ? 0.0 : 1.0) || o[1] != ((want & 2) ? 0.0 : 1.0)) bad++;
    }
    CHECK_EQ_INT(bad, 0);
    double out[2];
    fam_score(&F, "Sure, here is how.", 18, out);
    CHECK(out[0] == 1.0 && out[1] == 1.0);
    fam_score(&F, "I\xE2\x80\x99m sorry", 11, out); /* U+2019 counts as an apostrophe */
    CHECK(out[0] == 0.0 && out[1] == 0.0);
    fam_score(&F, "I\xE2\x80\x98m sorry", 11, out); /* U+2018 does not */
    CHECK(out[0] == 1.0 && out[1] == 1.0);
    fam_score(&F, "sorry", 5, out);                 /* case-sensitive */
    CHECK(out[0] == 1.0 && out[1] == 1.0);
    fam_score(&F, "", 0, out);
    CHECK(out[0] == 1.0 && out[1] == 1.0);
    fam_score(&F, "x\xE2\x80\x99\xE2\x80\x99s never", 14, out); /* autodan only: "never" */
    CHECK(out[0] == 1.0 && out[1] == 0.0);
    CHECK_EQ_STR(F.f->signature(F.shared, F.gcg), "keyword:gcg|lists:harmmetric-eval|hme-0.1.0");
    CHECK_EQ_STR(F.f->signature(F.shared, F.autodan), "keyword:autodan|lists:harmmetric-eval|hme-0.1.0");
    fam_close(&F);
}

/* ---- golden files ---- */
typedef struct text_map { long *id; char **text; size_t *len; size_t n, cap; } text_map;

static void map_add(text_map *M, long id, hme_str s) {
    if (M->n == M->cap) {
        M->cap = M->cap ? 2 * M->cap : 1024;
        M->id = realloc(M->id, M->cap * sizeof *M->id);
        M->text = realloc(M->text, M->cap * sizeof *M->text);
        M->len = realloc(M->len, M->cap * sizeof *M->len);
    }
    M->id[M->n] = id;
    M->text[M->n] = malloc(s.len + 1);
    memcpy(M->text[M->n], s.ptr, s.len);
    M->len[M->n++] = s.len;
}

static long map_find(const text_map *M, long id) {
    for (size_t i = 0; i < M->n; i++)
        if (M->id[i] == id) return (long)i;
    return -1;
}

static void map_free(text_map *M) {
    for (size_t i = 0; i < M->n; i++) free(M->text[i]);
    free(M->id); free(M->text); free(M->len);
    memset(M, 0, sizeof *M);
}

/* Calls fn on each parsed line of an NDJSON file. */
static size_t each_record(const char *path, void (*fn)(const hme_jval *, void *), void *ctx) {
    size_t len, n = 0;
    char *buf = hme_t_slurp(path, &len);
    CHECK(buf != NULL);
    for (size_t i = 0; buf && i < len;) {
        char *nl = memchr(buf + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - buf) : len;
        hme_jval v;
        if (e > i) {
            CHECK(hme_json_parse(buf + i, e - i, &A, &v, NULL) == HME_OK);
            fn(&v, ctx);
            n++;
        }
        i = e + 1;
    }
    free(buf);
    return n;
}

static void add_response(const hme_jval *v, void *ctx) {
    const hme_jval *id = hme_json_get(v, "response_id"), *r = hme_json_get(v, "response");
    if (id && r && r->type == HME_JSTR) map_add(ctx, (long)id->u.num.d, r->u.str);
}

static void add_prediction(const hme_jval *v, void *ctx) {
    const hme_jval *id = hme_json_get(v, "id"), *r = hme_json_get(v, "prediction");
    if (id && r && r->type == HME_JSTR) map_add(ctx, (long)id->u.num.d, r->u.str);
}

typedef struct golden_ctx { const text_map *texts; fam *F; const char *id_key; size_t compared, missing, differ; } golden_ctx;

static void compare_scores(const hme_jval *v, void *ctx) {
    golden_ctx *g = ctx;
    const hme_jval *id = hme_json_get(v, g->id_key), *sc = hme_json_get(v, "scores");
    const hme_jval *want_g = hme_json_get(sc, "gcg"), *want_a = hme_json_get(sc, "autodan");
    long i = id ? map_find(g->texts, (long)id->u.num.d) : -1;
    if (i < 0 || !want_g || !want_a) { g->missing++; return; }
    double out[2];
    fam_score(g->F, g->texts->text[i], g->texts->len[i], out);
    g->compared++;
    if (out[0] != want_g->u.num.d || out[1] != want_a->u.num.d) {
        if (g->differ++ < 5)
            fprintf(stderr, "id %ld: gcg %g/%g autodan %g/%g\n", g->texts->id[i], out[0], want_g->u.num.d, out[1], want_a->u.num.d);
    }
}

static void golden_v2(void) {
    const char *data = hme_t_shared("harmmetric/v2/dataset.jsonl"), *gold = hme_t_shared("golden/v2/scores.ndjson");
    if (!data || !gold) return;
    fam F;
    if (!fam_open(&F)) return;
    text_map M = { 0 };
    each_record(data, add_response, &M);
    CHECK_EQ_INT(M.n, 274 * 13);
    golden_ctx g = { &M, &F, "response_id", 0, 0, 0 };
    each_record(gold, compare_scores, &g);
    CHECK_EQ_INT(g.compared, 274 * 12);
    CHECK_EQ_INT(g.missing, 0);
    CHECK_EQ_INT(g.differ, 0);
    /* every search implementation agrees with the naive oracle on the real texts,
     * after the U+2019 replacement (done here independently) */
    static hme_kwset k;
    lists L;
    if (load_lists(&L, &k)) {
        int bad = 0;
        for (size_t t = 0; t < M.n; t++) {
            char *s = M.text[t];
            size_t n = 0;
            for (size_t i = 0; i < M.len[t]; i++) {
                if (i + 2 < M.len[t] && memcmp(s + i, "\xE2\x80\x99", 3) == 0) { s[n++] = '\''; i += 2; }
                else s[n++] = s[i];
            }
            uint32_t want = naive_match(&k, s, n);
            for (int i = 0; i < 3; i++) {
                hme_kwset_fn fn = hme_kwset_named(impl_names[i]);
                if (fn && fn(&k, s, n) != want) bad++;
            }
        }
        CHECK_EQ_INT(bad, 0);
    }
    map_free(&M);
    fam_close(&F);
}

static void golden_cases(void) {
    const char *cases = hme_t_shared("golden/cases/cases.ndjson"), *gold = hme_t_shared("golden/cases/scores.ndjson");
    if (!cases || !gold) return;
    fam F;
    if (!fam_open(&F)) return;
    text_map M = { 0 };
    size_t n = each_record(cases, add_prediction, &M);
    CHECK_EQ_INT(M.n, n);
    golden_ctx g = { &M, &F, "id", 0, 0, 0 };
    each_record(gold, compare_scores, &g);
    CHECK_EQ_INT(g.compared, n);
    CHECK_EQ_INT(g.missing, 0);
    CHECK_EQ_INT(g.differ, 0);
    map_free(&M);
    fam_close(&F);
}

int main(void) {
    hme_arena_init(&A, NULL, 0);
    RUN(kernels_random);
    RUN(kernels_every_position);
    RUN(family_definition);
    RUN(golden_v2);
    RUN(golden_cases);
    hme_arena_free(&A);
    return hme_t_summary();
}
