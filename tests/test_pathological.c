/* test_pathological.c - hostile input shapes finish in bounded time and memory at every
 * library level (issue 5's limits), with results checked against the same computation on
 * a small input of the same shape:
 *   - one 64 MiB token: the rouge tokenizer (one token, hashed id, stem of a 64 MiB word),
 *     the tfidf and SQuAD tokenizers, and every metric family's prepare + score, as the
 *     reference and as the response: the scores equal those of a 20-byte token pair;
 *   - 10^6 newlines through the NDJSON reader (one feed and 4 KiB chunks): every line
 *     counted, the one record after them delivered with its line number;
 *   - JSON nested 10^5 deep (arrays, objects, unclosed): rejected as HME_ERR_JSON by the
 *     depth limit, no stack exhaustion; a string of 10^6 escapes decodes to its bytes.
 * Families that need data files (nltk) are skipped when they cannot open. */
#include "harness.h"
#include "metric/metric.h"
#include "read/json.h"
#include "read/reader.h"
#include "tokenize/porter.h"
#include "tokenize/rouge_tok.h"
#include "tokenize/squad_tok.h"
#include "tokenize/tfidf_tok.h"
#include <time.h>

#define BIG ((size_t)64 << 20)
#define MAX_METRICS 64

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static char *big_token(size_t n) {
    char *s = malloc(n + 1);
    if (!s) return NULL;
    /* a realistic alphabet rather than one repeated byte: "abcdefghij..." */
    for (size_t i = 0; i < n; i++) s[i] = (char)('a' + i % 26);
    s[n] = '\0';
    return s;
}

static void test_big_token_tokenizers(void) {
    char *s = big_token(BIG);
    CHECK(s != NULL);
    if (!s) return;
    hme_arena arena;
    hme_arena_init(&arena, NULL, 0);
    hme_rouge_tok *tok = hme_rouge_tok_new(NULL);
    hme_rouge_toks t;
    double t0 = now();
    CHECK(tok && hme_rouge_tokenize(tok, s, BIG, &arena, &t));
    CHECK_EQ_INT(t.n, 1);
    CHECK_EQ_INT(t.n_sent, 1);
    /* a token that long is hashed (top bit set), the same for a second text with it */
    hme_rouge_toks t2;
    CHECK(hme_rouge_tokenize(tok, s, BIG, &arena, &t2));
    CHECK(t.plain[0] >> 63 == 1 && t.plain[0] == t2.plain[0] && t.stem[0] == t2.stem[0]);
    hme_rouge_tok_free(tok);
    hme_arena_reset(&arena);

    hme_str *toks;
    size_t n;
    CHECK(hme_tfidf_tokenize(s, BIG, &arena, &toks, &n));
    CHECK_EQ_INT(n, 1);
    CHECK(n == 1 && toks[0].len == BIG);
    hme_arena_reset(&arena);
    CHECK(hme_squad_tokenize(s, BIG, &arena, &toks, &n));
    CHECK_EQ_INT(n, 1);
    CHECK(n == 1 && toks[0].len == BIG && memcmp(toks[0].ptr, s, BIG) == 0);
    double dt = now() - t0;
    CHECK_MSG(dt < 300, "tokenizers took %.1f s on a 64 MiB token", dt);
    hme_arena_free(&arena);
    free(s);
}

/* Scores prepared (ref, pred) with every metric of the family into out. */
static void score_prepared(const hme_family *f, void *w, const void *r, const void *p, double *out,
                           hme_arena *scratch) {
    bool want[MAX_METRICS];
    for (size_t i = 0; i < f->n_metrics; i++) want[i] = true;
    f->score(w, f->needs_reference ? r : NULL, p, want, out, scratch);
    hme_arena_reset(scratch);
}

/* Each text is prepared once (as the engine does with a reference) and scored in four
 * pairs: (big, big), (big, other), (other, big), (big, big2), each against the same pair
 * with the 20-byte analogues, which must give the very same bits. */
static void test_big_token_metrics(void) {
    char *big = big_token(BIG), *big2 = big_token(BIG);
    CHECK(big && big2);
    if (!big || !big2) return;
    big2[BIG - 1] = 'Z'; /* a different 64 MiB token, equal after lowering (both hashed) */
    char small[21], small2[21];
    memcpy(small, big, 20); small[20] = 0;
    memcpy(small2, big, 20); small2[19] = 'Z'; small2[20] = 0;
    const hme_str texts[5] = { { big, BIG }, { big2, BIG }, { small, 20 }, { small2, 20 },
                               { "a short response of several words", 33 } };
    enum { BIG1, BIG2, SMALL1, SMALL2, OTHER };
    const int bigs[4][2] = { { BIG1, BIG1 }, { BIG1, OTHER }, { OTHER, BIG1 }, { BIG1, BIG2 } };
    const int smalls[4][2] = { { SMALL1, SMALL1 }, { SMALL1, OTHER }, { OTHER, SMALL1 }, { SMALL1, SMALL2 } };
    hme_arena a, scratch;
    hme_arena_init(&a, NULL, 0);
    hme_arena_init(&scratch, NULL, 0);
    for (size_t fi = 0; fi < hme_family_count(); fi++) {
        const hme_family *f = hme_family_at(fi);
        hme_metric_config cfg = { 0 };
        void *sh = NULL;
        hme_error err;
        if (f->open(&cfg, &sh, &err) != HME_OK) {
            hme_t_skipped++;
            fprintf(stderr, "SKIP %s: %s\n", f->name, err.msg);
            continue;
        }
        void *w = f->worker_new(sh);
        CHECK(w != NULL);
        if (!w) { f->close(sh); continue; }
        double t0 = now();
        const void *prep[5];
        bool ok = true;
        for (int k = 0; k < 5; k++) {
            prep[k] = f->prepare(w, texts[k], &a);
            CHECK_MSG(prep[k] != NULL, "%s: prepare of text %d failed", f->name, k);
            ok &= prep[k] != NULL;
        }
        for (int k = 0; ok && k < 4; k++) {
            double xb[MAX_METRICS], xs[MAX_METRICS];
            score_prepared(f, w, prep[bigs[k][0]], prep[bigs[k][1]], xb, &scratch);
            score_prepared(f, w, prep[smalls[k][0]], prep[smalls[k][1]], xs, &scratch);
            for (size_t i = 0; i < f->n_metrics; i++)
                CHECK_MSG(memcmp(&xb[i], &xs[i], sizeof xb[i]) == 0, "%s pair %d: 64 MiB %.17g, 20 bytes %.17g",
                          f->metric_names[i], k, xb[i], xs[i]);
        }
        double dt = now() - t0;
        /* linear work takes seconds; anything quadratic in the token length takes hours */
        CHECK_MSG(dt < 300, "%s took %.1f s on 64 MiB tokens", f->name, dt);
        fprintf(stderr, "%s: 64 MiB tokens prepared and scored in %.2f s\n", f->name, dt);
        hme_arena_reset(&a);
        f->worker_free(w);
        f->close(sh);
    }
    hme_arena_free(&a);
    hme_arena_free(&scratch);
    free(big);
    free(big2);
}

/* A run of 'y' flips consonant/vowel at every letter (y after a consonant is a vowel):
 * NLTK's recursive _is_consonant makes such a word quadratic (and a RecursionError past
 * ~1000 letters). NLTK's stems for n <= 101: n even -> y*(n-1) + "i", n odd -> unchanged
 * (100 -> ...yyi, 101 -> ...yyy); hme must give that in linear time for 8 MiB too. */
static void test_y_run_stem(void) {
    const size_t sizes[] = { 100, 101, (size_t)8 << 20, ((size_t)8 << 20) + 1 };
    for (int k = 0; k < 4; k++) {
        size_t n = sizes[k];
        char *w = malloc(n), *out = malloc(HME_PORTER_OUT_CAP(n));
        CHECK(w && out);
        if (!w || !out) { free(w); free(out); return; }
        memset(w, 'y', n);
        double t0 = now();
        size_t len = hme_porter_stem(w, n, out);
        CHECK_MSG(now() - t0 < 30, "stem of %zu y's took %.1f s", n, now() - t0);
        CHECK_EQ_INT(len, n);
        if (len == n) {
            CHECK(out[n - 1] == (n % 2 ? 'y' : 'i'));
            CHECK(memcmp(out, w, n - 1) == 0);
        }
        free(w);
        free(out);
    }
}

typedef struct rec_count { uint64_t records, last_line; size_t last_len; } rec_count;
static int count_record(void *ctx, uint64_t line_no, const char *line, size_t len, hme_code code) {
    rec_count *c = ctx;
    c->records++;
    c->last_line = line_no;
    c->last_len = code == HME_OK ? len : 0;
    return 0;
}

static void test_million_newlines(void) {
    size_t nl = 1000000;
    const char tail[] = "{\"response\": \"after the blank lines\"}";
    size_t n = nl + sizeof tail - 1;
    char *buf = malloc(n);
    CHECK(buf != NULL);
    if (!buf) return;
    memset(buf, '\n', nl);
    memcpy(buf + nl, tail, sizeof tail - 1);
    for (int chunked = 0; chunked < 2; chunked++) {
        hme_reader *r = hme_reader_new(NULL, 0, 0);
        rec_count c = { 0 };
        double t0 = now();
        for (size_t off = 0; off < n;) {
            size_t k = chunked ? (n - off < 4096 ? n - off : 4096) : n;
            CHECK_EQ_INT(hme_reader_feed(r, buf + off, k, count_record, &c), HME_OK);
            off += k;
        }
        CHECK_EQ_INT(hme_reader_finish(r, count_record, &c), HME_OK);
        CHECK_EQ_INT(c.records, 1);
        CHECK_EQ_INT(c.last_line, nl + 1);
        CHECK_EQ_INT(c.last_len, sizeof tail - 1);
        CHECK_EQ_INT(hme_reader_lines(r), nl + 1);
        CHECK_MSG(now() - t0 < 10, "10^6 newlines took %.1f s", now() - t0);
        hme_reader_free(r);
    }
    free(buf);
}

static void check_rejected_deep(const char *open, const char *close, size_t depth, const char *middle) {
    size_t lo = strlen(open), lc = strlen(close), lm = strlen(middle);
    size_t n = depth * (lo + lc) + lm;
    char *s = malloc(n + 1), *p = s;
    CHECK(s != NULL);
    if (!s) return;
    for (size_t i = 0; i < depth; i++, p += lo) memcpy(p, open, lo);
    memcpy(p, middle, lm); p += lm;
    for (size_t i = 0; i < depth; i++, p += lc) memcpy(p, close, lc);
    hme_arena arena;
    hme_arena_init(&arena, NULL, 0);
    hme_jval v;
    hme_error err;
    double t0 = now();
    CHECK_EQ_INT(hme_json_parse(s, n, &arena, &v, &err), HME_ERR_JSON);
    CHECK_MSG(now() - t0 < 1, "depth %zu took %.2f s", depth, now() - t0);
    /* unclosed: the same prefix alone */
    CHECK_EQ_INT(hme_json_parse(s, depth * lo, &arena, &v, &err), HME_ERR_JSON);
    hme_arena_free(&arena);
    free(s);
}

static void test_deep_json(void) {
    check_rejected_deep("[", "]", 100000, "1");
    check_rejected_deep("{\"a\":", "}", 100000, "null");
    check_rejected_deep("[{\"k\":", "}]", 50000, "[]");
    /* at the limit it still parses: HME_JSON_MAX_DEPTH arrays */
    char ok[2 * HME_JSON_MAX_DEPTH + 1];
    memset(ok, '[', HME_JSON_MAX_DEPTH);
    memset(ok + HME_JSON_MAX_DEPTH, ']', HME_JSON_MAX_DEPTH);
    hme_arena arena;
    hme_arena_init(&arena, NULL, 0);
    hme_jval v;
    hme_error err;
    CHECK_EQ_INT(hme_json_parse(ok, 2 * HME_JSON_MAX_DEPTH, &arena, &v, &err), HME_OK);
    CHECK_EQ_INT(hme_json_parse(ok, 2 * HME_JSON_MAX_DEPTH - 1, &arena, &v, &err), HME_ERR_JSON);
    hme_arena_free(&arena);
}

static void test_million_escapes(void) {
    size_t k = 1000000;
    char *s = malloc(6 * k + 2);
    CHECK(s != NULL);
    if (!s) return;
    s[0] = '"';
    for (size_t i = 0; i < k; i++) memcpy(s + 1 + 6 * i, i % 2 ? "\\u00e9" : "\\n\\t\\\"", 6);
    s[6 * k + 1] = '"';
    hme_arena arena;
    hme_arena_init(&arena, NULL, 0);
    hme_jval v;
    hme_error err;
    CHECK_EQ_INT(hme_json_parse(s, 6 * k + 2, &arena, &v, &err), HME_OK);
    CHECK(v.type == HME_JSTR && v.u.str.len == (k / 2) * 3 + (k / 2) * 2);
    CHECK(v.type == HME_JSTR && memcmp(v.u.str.ptr, "\n\t\"\xc3\xa9", 5) == 0);
    hme_arena_free(&arena);
    free(s);
}

int main(void) {
    RUN(test_million_newlines);
    RUN(test_deep_json);
    RUN(test_million_escapes);
    RUN(test_y_run_stem);
    RUN(test_big_token_tokenizers);
    RUN(test_big_token_metrics);
    return hme_t_summary();
}
