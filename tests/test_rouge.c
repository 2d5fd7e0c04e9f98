/* test_rouge.c - the ROUGE family end to end against the golden files:
 *   - tokens (plain and stemmed ids) equal the `rouge` / `rouge_stemmed` token lists of
 *     golden/v2/tokens.ndjson and golden/cases/tokens.ndjson, under every hash implementation;
 *   - all 24 metrics bit-identical to golden/v2/scores.ndjson (3,288 responses, reference =
 *     slot 0 of the same prompt) and golden/cases/scores.ndjson (cases.ndjson pairs);
 *   - the family's metadata (max_key, signatures).
 * The golden stemmed tokens are NLTK's PorterStemmer output for thousands of words, so
 * this is also the stemmer's main test (test_porter.c adds the hand-picked rules). */
#include "golden.h"
#include "hash.h"
#include "hash/token_id.h"
#include "metric/metric.h"
#include "read/json.h"
#include "tokenize/rouge_tok.h"

extern const hme_family hme_family_rouge;

static const hme_jval *field(const hme_jval *o, const char *k) { return hme_json_get(o, k); }

/* Compares the ids of one golden token list with ours. */
static bool same_ids(const hme_jval *arr, const uint64_t *ids, uint32_t n) {
    if (!arr || arr->type != HME_JARR || arr->u.arr.n != n) return false;
    for (uint32_t i = 0; i < n; i++) {
        const hme_jval *t = &arr->u.arr.items[i];
        if (t->type != HME_JSTR || t->u.str.len == 0) return false;
        if (hme_token_id(t->u.str.ptr, t->u.str.len) != ids[i]) return false;
    }
    return true;
}

static void tokens_file(const char *rel, size_t expect_lines) {
    line_iter it;
    if (!golden_lines_open(&it, hme_t_shared(rel))) return;
    hme_rouge_tok *tok = hme_rouge_tok_new(NULL);
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    hme_jval v;
    size_t n = 0, bad = 0;
    while (golden_lines_next(&it, &a, &v)) {
        const hme_jval *text = field(&v, "text");
        hme_rouge_toks t;
        CHECK(hme_rouge_tokenize(tok, text->u.str.ptr, text->u.str.len, &a, &t));
        bool ok = same_ids(field(&v, "rouge"), t.plain, t.n) && same_ids(field(&v, "rouge_stemmed"), t.stem, t.n);
        if (!ok && bad++ < 5) {
            const hme_jval *id = field(&v, "id");
            fprintf(stderr, "%s: tokens differ for id %.*s%g\n", rel, id->type == HME_JSTR ? (int)id->u.str.len : 0,
                    id->type == HME_JSTR ? id->u.str.ptr : "", id->type == HME_JNUM ? id->u.num.d : 0.0);
        }
        n++;
        hme_arena_reset(&a);
    }
    CHECK_MSG(bad == 0, "%s: %zu of %zu texts tokenized differently", rel, bad, n);
    CHECK_EQ_INT(n, expect_lines);
    hme_arena_free(&a);
    hme_rouge_tok_free(tok);
    golden_lines_close(&it);
}

static void tokens_every_hash_impl(void) {
    const hme_hash_impl *orig = hme_hash_active();
    const char *names[] = { "scalar", "sse2", "avx2" };
    for (int i = 0; i < 3; i++) {
        const hme_hash_impl *impl = hme_hash_impl_named(names[i]);
        if (!impl) continue;
        hme_hash_set_active(impl);
        tokens_file("golden/cases/tokens.ndjson", 132);
        if (i == 0 || impl == orig) tokens_file("golden/v2/tokens.ndjson", 3562);
    }
    hme_hash_set_active(orig);
}

/* Scores one pair with all 24 metrics wanted and compares them to the golden object. */
typedef struct fam { void *shared, *worker; } fam;

static size_t compare_pair(fam *f, hme_str ref, hme_str pred, const hme_jval *scores, hme_arena *a, const char *what,
                           long long id) {
    const hme_family *F = &hme_family_rouge;
    void *pr = F->prepare(f->worker, ref, a), *pp = F->prepare(f->worker, pred, a);
    CHECK(pr && pp);
    bool want[24];
    double out[24];
    for (int i = 0; i < 24; i++) { want[i] = true; out[i] = -1.0; }
    hme_arena scratch;
    hme_arena_init(&scratch, NULL, 0);
    CHECK_EQ_INT(F->score(f->worker, pr, pp, want, out, &scratch), 0);
    hme_arena_free(&scratch);
    size_t bad = 0;
    for (size_t i = 0; i < 24; i++) {
        const hme_jval *g = field(scores, F->metric_names[i]);
        if (!g || g->type != HME_JNUM) { bad++; continue; }
        uint64_t ua, ub;
        double gd = g->u.num.d;
        memcpy(&ua, &out[i], 8);
        memcpy(&ub, &gd, 8);
        if (ua != ub) {
            if (bad == 0) fprintf(stderr, "%s %lld %s: %.17g != golden %.17g\n", what, id, F->metric_names[i], out[i], gd);
            bad++;
        }
    }
    return bad;
}

static void v2_scores(void) {
    const char *dpath = hme_t_shared("harmmetric/v2/dataset.jsonl");
    const char *spath = hme_t_shared("golden/v2/scores.ndjson");
    if (!dpath || !spath || !golden_load_v2()) return;
    hme_jval v;
    fam f;
    CHECK_EQ_INT(hme_family_rouge.open(NULL, &f.shared, NULL), HME_OK);
    f.worker = hme_family_rouge.worker_new(f.shared);
    CHECK(f.worker != NULL);
    line_iter s;
    golden_lines_open(&s, spath);
    hme_arena pa;
    hme_arena_init(&pa, NULL, 0);
    size_t n = 0, bad_pairs = 0, bad_values = 0;
    while (golden_lines_next(&s, &pa, &v)) {
        long long rid = (long long)field(&v, "response_id")->u.num.d;
        hme_str ref, pred;
        if (!golden_v2_pair(rid, &ref, &pred)) { hme_t_failed++; continue; }
        size_t b = compare_pair(&f, ref, pred, field(&v, "scores"), &pa, "v2", rid);
        bad_values += b;
        bad_pairs += b != 0;
        n++;
        hme_arena_reset(&pa);
    }
    CHECK_EQ_INT(n, 3288);
    CHECK_MSG(bad_pairs == 0, "%zu of %zu responses (%zu values) differ from golden", bad_pairs, n, bad_values);
    hme_family_rouge.worker_free(f.worker);
    hme_family_rouge.close(f.shared);
    hme_arena_free(&pa);
    golden_lines_close(&s);
    golden_free_v2();
}

static void case_scores(void) {
    const char *cpath = hme_t_shared("golden/cases/cases.ndjson");
    const char *spath = hme_t_shared("golden/cases/scores.ndjson");
    if (!cpath || !spath) return;
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    line_iter c, s;
    golden_lines_open(&c, cpath);
    golden_lines_open(&s, spath);
    fam f;
    CHECK_EQ_INT(hme_family_rouge.open(NULL, &f.shared, NULL), HME_OK);
    f.worker = hme_family_rouge.worker_new(f.shared);
    hme_jval cv, sv;
    size_t n = 0, bad_pairs = 0;
    while (golden_lines_next(&c, &a, &cv)) {
        if (!golden_lines_next(&s, &a, &sv)) { hme_t_failed++; break; }
        double id = field(&cv, "id")->u.num.d;
        CHECK(field(&sv, "id")->u.num.d == id);
        bad_pairs += compare_pair(&f, field(&cv, "reference")->u.str, field(&cv, "prediction")->u.str,
                                  field(&sv, "scores"), &a, "case", (long long)id) != 0;
        n++;
    }
    CHECK_EQ_INT(n, 66);
    CHECK_MSG(bad_pairs == 0, "%zu of %zu cases differ from golden", bad_pairs, n);
    hme_family_rouge.worker_free(f.worker);
    hme_arena_free(&a);
    golden_lines_close(&c);
    golden_lines_close(&s);
}

static void metadata(void) {
    const hme_family *F = &hme_family_rouge;
    CHECK_EQ_INT(F->n_metrics, 24);
    void *sh;
    CHECK_EQ_INT(F->open(NULL, &sh, NULL), HME_OK);
    for (size_t i = 0; i < 24; i++) {
        const char *nm = F->metric_names[i];
        /* the key is the F metric ("rougeX" or "rougeX-nostemmed") of the same group */
        const char *key = F->metric_names[F->max_key[i]];
        CHECK(strstr(key, "-recall") == NULL && strstr(key, "-precision") == NULL);
        CHECK((strstr(nm, "-nostemmed") != NULL) == (strstr(key, "-nostemmed") != NULL));
        CHECK(strncmp(nm, key, strlen(i >= 18 ? "rougeLsum" : i >= 12 ? "rougeL" : "rouge1")) == 0);
        const char *sig = F->signature(sh, i);
        CHECK(strstr(sig, strstr(nm, "-nostemmed") ? "stem:none" : "stem:porter-nltk") != NULL);
        CHECK(strncmp(sig, "rouge-score-0.1.2|tok:rouge|", 28) == 0);
    }
    CHECK_EQ_STR(F->metric_names[F->max_key[22]], "rougeLsum-nostemmed");
    F->close(sh);
}

/* Only some metrics wanted: the others are left untouched, the wanted ones unchanged. */
static void partial_want(void) {
    const hme_family *F = &hme_family_rouge;
    void *sh;
    F->open(NULL, &sh, NULL);
    void *w = F->worker_new(sh);
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    void *r = F->prepare(w, hme_str_c("The cats sat.\nOn the mats they sat"), &a);
    void *p = F->prepare(w, hme_str_c("a cat sat on a mat\nthe cats"), &a);
    bool all[24], some[24];
    double full[24], part[24];
    for (int i = 0; i < 24; i++) { all[i] = true; some[i] = (i % 5) == 1; part[i] = 42.0; }
    F->score(w, r, p, all, full, &a);
    F->score(w, r, p, some, part, &a);
    for (int i = 0; i < 24; i++) {
        if (some[i]) CHECK_EQ_BITS(part[i], full[i]);
        else CHECK_EQ_BITS(part[i], 42.0);
    }
    F->worker_free(w);
    hme_arena_free(&a);
    F->close(sh);
}

/* With a hash that maps every long token to the same id, long words still only match
 * themselves across the two texts: score() compares the strings of equal hashed ids. */
static uint64_t constant_hash(const void *p, size_t n) { (void)p; (void)n; return 12345; }

static void hash_collisions_are_checked(void) {
    const hme_family *F = &hme_family_rouge;
    const hme_hash_impl *orig = hme_hash_active();
    static const hme_hash_impl colliding = { "colliding", constant_hash };
    hme_hash_set_active(&colliding);
    void *sh;
    F->open(NULL, &sh, NULL);
    void *w = F->worker_new(sh);
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    bool want[24];
    double out[24];
    for (int i = 0; i < 24; i++) want[i] = true;
    void *r = F->prepare(w, hme_str_c("internationalization is hard"), &a);
    void *p = F->prepare(w, hme_str_c("counterrevolutionary is hard"), &a);
    F->score(w, r, p, want, out, &a);
    double third2 = 2.0 / 3.0;
    CHECK_EQ_BITS(out[4], third2); /* rouge1-recall-nostemmed: "is", "hard" */
    CHECK_EQ_BITS(out[5], third2);
    CHECK_EQ_BITS(out[1], third2); /* stemmed: the stems are long and hashed too */
    CHECK_EQ_BITS(out[10], 0.5);   /* rouge2-recall-nostemmed: only "is hard" */
    void *p2 = F->prepare(w, hme_str_c("internationalization is hard"), &a);
    F->score(w, r, p2, want, out, &a);
    CHECK_EQ_BITS(out[3], 1.0);
    CHECK_EQ_BITS(out[0], 1.0);
    CHECK_EQ_BITS(out[15], 1.0);
    hme_hash_set_active(orig);
    F->worker_free(w);
    hme_arena_free(&a);
    F->close(sh);
}

int main(void) {
    RUN(hash_collisions_are_checked);
    RUN(metadata);
    RUN(partial_want);
    RUN(tokens_every_hash_impl);
    RUN(case_scores);
    RUN(v2_scores);
    return hme_t_summary();
}
