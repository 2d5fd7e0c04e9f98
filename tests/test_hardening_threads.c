/* test_hardening_threads.c - the engine's scoring threads and the aggregator under stress
 * (run under TSan in CI: .ci/sanitizers). The built-in sample is evaluated once on the
 * calling thread (the one-shot result), then repeatedly with 8 threads, its rows shuffled
 * into a different arrival order each round and fed in several line-aligned pieces. Every
 * round must produce the very same JSON report (with the source and attack-method
 * breakdowns) and the same multiset of per-response scores, and the last snapshot must see
 * every prompt. Rounds: HME_STRESS_ROUNDS (default 6). */
#include "harness.h"
#include "hme.h"
#include "text_buf.h"

#define MAX_LINES 4096

typedef struct score_rec { size_t metric; int64_t id; uint64_t bits; } score_rec;
typedef struct run_state {
    score_rec *scores;
    size_t n_scores, cap;
    uint64_t last_snapshot_prompts;
    unsigned snapshots;
} run_state;

static void on_score(void *ctx, size_t metric, int64_t id, double score) {
    run_state *s = ctx; /* calls are serialized by the engine: TSan checks that claim */
    if (s->n_scores == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1024;
        s->scores = realloc(s->scores, s->cap * sizeof *s->scores);
        if (!s->scores) abort();
    }
    score_rec r = { metric, id, 0 };
    memcpy(&r.bits, &score, 8);
    s->scores[s->n_scores++] = r;
}

static void on_snapshot(void *ctx, const hme_result *snap) {
    run_state *s = ctx;
    s->last_snapshot_prompts = snap->prompts;
    s->snapshots++;
}

static int cmp_score(const void *a, const void *b) {
    const score_rec *x = a, *y = b;
    if (x->metric != y->metric) return x->metric < y->metric ? -1 : 1;
    if (x->id != y->id) return x->id < y->id ? -1 : 1;
    return x->bits < y->bits ? -1 : x->bits > y->bits;
}

static uint64_t rng_next(uint64_t *s) { /* splitmix64: a fixed seed makes every run the same */
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Runs the engine over the given rows in `pieces` read calls; report JSON into out. */
static void run(const char *const *rows, const size_t *lens, size_t n, unsigned threads, size_t pieces,
                const char *nltk, text_buf *out, run_state *st) {
    hme_engine_options o;
    hme_engine_options_init(&o);
    o.threads = threads;
    o.by = HME_BY_SOURCE | HME_BY_ATTACK_METHOD;
    o.nltk_data_dir = nltk;
    o.ctx = st;
    o.on_score = on_score;
    o.on_snapshot = on_snapshot;
    hme_engine *e = NULL;
    hme_error err;
    CHECK_EQ_INT(hme_engine_new(&o, &e, &err), HME_OK);
    if (!e) return;
    text_buf in = { 0 };
    size_t per = (n + pieces - 1) / pieces;
    for (size_t i = 0; i < n; i += per) {
        in.len = 0;
        for (size_t j = i; j < n && j < i + per; j++) { text_buf_write(&in, rows[j], lens[j]); text_buf_write(&in, "\n", 1); }
        CHECK_EQ_INT(hme_engine_read_buffer(e, "sample", in.p, in.len, &err), HME_OK);
    }
    const hme_result *r = NULL;
    CHECK_EQ_INT(hme_engine_finish(e, &r, &err), HME_OK);
    if (r) {
        hme_sink sink = { text_buf_write, out };
        hme_report_json(r, sink);
        CHECK_EQ_INT(st->last_snapshot_prompts, r->prompts);
        CHECK(r->prompts > 0 && r->errors == 0);
    }
    hme_engine_free(e);
    free(in.p);
    qsort(st->scores, st->n_scores, sizeof *st->scores, cmp_score);
}

static void test_threads_any_order(void) {
    /* the sample, split into rows */
    size_t len = hme_sample_data_len;
    char *data = malloc(len + 1);
    memcpy(data, hme_sample_data, len);
    data[len] = 0;
    const char *rows[MAX_LINES];
    size_t lens[MAX_LINES], n = 0;
    for (char *p = data; p < data + len && n < MAX_LINES;) {
        char *e = memchr(p, '\n', (size_t)(data + len - p));
        if (!e) e = data + len;
        if (e > p) { rows[n] = p; lens[n] = (size_t)(e - p); n++; }
        p = e + 1;
    }
    CHECK(n > 100);
    const char *nltk = NULL;
    char nltk_dir[4096];
    const char *shared = getenv("HME_SHARED_DIR");
#ifdef HME_SHARED_DIR
    if (!shared) shared = HME_SHARED_DIR;
#endif
    if (shared) {
        snprintf(nltk_dir, sizeof nltk_dir, "%s/nltk_data", shared);
        if (access(nltk_dir, R_OK) == 0) nltk = nltk_dir;
    }

    text_buf base = { 0 };
    run_state bs = { 0 };
    run(rows, lens, n, 1, 1, nltk, &base, &bs);
    CHECK(base.len > 0 && bs.n_scores > 0);
    const char *env = getenv("HME_STRESS_ROUNDS");
    int rounds = env ? atoi(env) : 6;
    uint64_t seed = 20261127;
    for (int round = 0; round < rounds; round++) {
        for (size_t i = n - 1; i > 0; i--) { /* Fisher-Yates: a new arrival order */
            size_t j = (size_t)(rng_next(&seed) % (i + 1));
            const char *tr = rows[i]; rows[i] = rows[j]; rows[j] = tr;
            size_t tl = lens[i]; lens[i] = lens[j]; lens[j] = tl;
        }
        text_buf got = { 0 };
        run_state st = { 0 };
        run(rows, lens, n, 8, 1 + (size_t)round % 4, nltk, &got, &st);
        CHECK_MSG(got.len == base.len && memcmp(got.p, base.p, base.len) == 0,
                  "round %d: 8-thread report differs from the one-shot one:\n%s\n%s", round, base.p, got.p ? got.p : "");
        CHECK_EQ_INT(st.n_scores, bs.n_scores);
        CHECK_MSG(st.n_scores == bs.n_scores && memcmp(st.scores, bs.scores, st.n_scores * sizeof *st.scores) == 0,
                  "round %d: per-response scores differ", round);
        free(got.p);
        free(st.scores);
    }
    free(base.p);
    free(bs.scores);
    free(data);
}

int main(void) {
    RUN(test_threads_any_order);
    return hme_t_summary();
}
