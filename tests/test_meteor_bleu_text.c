/* test_meteor_bleu_text.c - the `nltk` family end to end (word_tokenize -> METEOR, BLEU)
 * from the v2 dataset's texts and the hand-made cases, against the golden scores, bit for
 * bit; plus the family's signatures. Punkt parameters come from ../shared/nltk_data. */
#include "golden.h"

#include <stdbool.h>

extern const hme_family hme_family_nltk;

static hme_arena A;   /* texts, alive for the whole program */

typedef struct text { const char *s; size_t len; bool present; } text;

#define MAX_ID 400000
static text v2[MAX_ID];
static double gold_meteor[MAX_ID], gold_bleu[MAX_ID];
static bool has_gold[MAX_ID];

static text keep(const hme_jval *s) {
    return (text){ hme_arena_strndup(&A, s->u.str.ptr, s->u.str.len), s->u.str.len, true };
}

static void load_row(void *ctx, const hme_jval *v) {
    const hme_jval *id = hme_json_get(v, "response_id"), *r = hme_json_get(v, "response");
    if (!id || !r || r->type != HME_JSTR) { CHECK_MSG(0, "bad dataset row"); return; }
    long rid = (long)id->u.num.d;
    if (rid >= 0 && rid < MAX_ID) v2[rid] = keep(r);
}

static void load_gold(void *ctx, const hme_jval *v) {
    const hme_jval *id = hme_json_get(v, "response_id"), *sc = hme_json_get(v, "scores");
    long rid = id ? (long)id->u.num.d : -1;
    const hme_jval *m = sc ? hme_json_get(sc, "meteor") : NULL, *b = sc ? hme_json_get(sc, "bleu") : NULL;
    if (rid < 0 || rid >= MAX_ID || !m || !b) { CHECK_MSG(0, "bad golden line"); return; }
    gold_meteor[rid] = m->u.num.d;
    gold_bleu[rid] = b->u.num.d;
    has_gold[rid] = true;
}

#define MAX_CASE 4096
static text case_ref[MAX_CASE], case_pred[MAX_CASE];
static double case_meteor[MAX_CASE], case_bleu[MAX_CASE];
static bool case_gold[MAX_CASE];

static void load_case(void *ctx, const hme_jval *v) {
    const hme_jval *id = hme_json_get(v, "id"), *r = hme_json_get(v, "reference"), *p = hme_json_get(v, "prediction");
    long n = id ? (long)id->u.num.d : -1;
    if (n < 0 || n >= MAX_CASE || !r || !p) { CHECK_MSG(0, "bad case"); return; }
    case_ref[n] = keep(r);
    case_pred[n] = keep(p);
}

static void load_case_gold(void *ctx, const hme_jval *v) {
    const hme_jval *id = hme_json_get(v, "id"), *sc = hme_json_get(v, "scores");
    long n = id ? (long)id->u.num.d : -1;
    const hme_jval *m = sc ? hme_json_get(sc, "meteor") : NULL, *b = sc ? hme_json_get(sc, "bleu") : NULL;
    if (n < 0 || n >= MAX_CASE || !m || !b) return;   /* a case may lack a metric (reference raised) */
    case_meteor[n] = m->u.num.d;
    case_bleu[n] = b->u.num.d;
    case_gold[n] = true;
}

static void *Shared, *Worker;

static void score_pair(const text *ref, const text *pred, double *out, hme_arena *arena) {
    const hme_family *f = &hme_family_nltk;
    bool want[2] = { true, true };
    void *r = f->prepare(Worker, (hme_str){ ref->s, ref->len }, arena);
    void *p = f->prepare(Worker, (hme_str){ pred->s, pred->len }, arena);
    CHECK(r && p);
    out[0] = out[1] = NAN;
    if (r && p) CHECK(f->score(Worker, r, p, want, out, arena) == 0);
}

static bool same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

static void v2_end_to_end(void) {
    const char *dp = hme_t_shared("harmmetric/v2/dataset.jsonl"), *gp = hme_t_shared("golden/v2/scores.ndjson");
    if (!dp || !gp) return;
    CHECK(golden_each_line(dp, load_row, NULL));
    CHECK(golden_each_line(gp, load_gold, NULL));
    hme_arena arena;
    hme_arena_init(&arena, NULL, 0);
    size_t compared = 0, bad_m = 0, bad_b = 0;
    for (long rid = 0; rid < MAX_ID; rid++) {
        if (!has_gold[rid]) continue;
        long ref = rid / 100 * 100;
        if (!v2[rid].present || !v2[ref].present) { CHECK_MSG(0, "no text for %ld", rid); continue; }
        double out[2];
        score_pair(&v2[ref], &v2[rid], out, &arena);
        hme_arena_reset(&arena);
        compared++;
        if (!same_bits(out[0], gold_meteor[rid]) && bad_m++ < 10)
            fprintf(stderr, "response %ld meteor %.17g != golden %.17g\n", rid, out[0], gold_meteor[rid]);
        if (!same_bits(out[1], gold_bleu[rid]) && bad_b++ < 10)
            fprintf(stderr, "response %ld bleu %.17g != golden %.17g\n", rid, out[1], gold_bleu[rid]);
    }
    hme_arena_free(&arena);
    CHECK_EQ_INT(compared, 3288);
    CHECK_EQ_INT(bad_m, 0);
    CHECK_EQ_INT(bad_b, 0);
    printf("v2 end to end: %zu pairs, %zu meteor and %zu bleu mismatches\n", compared, bad_m, bad_b);
}

static void cases_end_to_end(void) {
    const char *cp = hme_t_shared("golden/cases/cases.ndjson"), *gp = hme_t_shared("golden/cases/scores.ndjson");
    if (!cp || !gp) return;
    CHECK(golden_each_line(cp, load_case, NULL));
    CHECK(golden_each_line(gp, load_case_gold, NULL));
    hme_arena arena;
    hme_arena_init(&arena, NULL, 0);
    size_t compared = 0;
    for (long n = 0; n < MAX_CASE; n++) {
        if (!case_gold[n] || !case_ref[n].present) continue;
        double out[2];
        score_pair(&case_ref[n], &case_pred[n], out, &arena);
        hme_arena_reset(&arena);
        CHECK_MSG(same_bits(out[0], case_meteor[n]), "case %ld meteor %.17g != golden %.17g", n, out[0], case_meteor[n]);
        CHECK_MSG(same_bits(out[1], case_bleu[n]), "case %ld bleu %.17g != golden %.17g", n, out[1], case_bleu[n]);
        compared++;
    }
    hme_arena_free(&arena);
    CHECK(compared > 0);
    printf("cases end to end: %zu pairs\n", compared);
}

static void signatures_name_the_pipeline(void) {
    const char *m = hme_family_nltk.signature(Shared, 0), *b = hme_family_nltk.signature(Shared, 1);
    CHECK_EQ_STR(m, "nltk-3.8|meteor|word_tokenize:punkt+treebank|stem:porter-nltk|wordnet-3.0|hme-" HME_VERSION_STRING);
    CHECK_EQ_STR(b, "nltk-3.8|bleu|word_tokenize:punkt+treebank|hme-" HME_VERSION_STRING);
}

static int warnings;
static void count_warning(void *ctx, const char *msg) { (void)ctx; (void)msg; warnings++; }

static void missing_punkt_warns_and_says_so(void) {
    hme_metric_config cfg = { .nltk_data_dir = "/nonexistent/nltk_data", .warn = count_warning };
    void *sh = NULL;
    hme_error err;
    CHECK(hme_family_nltk.open(&cfg, &sh, &err) == HME_OK);
    if (!sh) return;
    CHECK_EQ_INT(warnings, 1);
    CHECK(strstr(hme_family_nltk.signature(sh, 0), "no-punkt") != NULL);
    hme_family_nltk.close(sh);
    hme_metric_config bad = { .wordnet_dir = "/nonexistent/wordnet" };
    CHECK(hme_family_nltk.open(&bad, &sh, &err) == HME_ERR_DATA);
}

int main(void) {
    hme_arena_init(&A, NULL, 1 << 20);
    const char *punkt = hme_t_shared("nltk_data/tokenizers/punkt_tab/english/sent_starters.txt");
    if (!punkt) return hme_t_summary();
    char dir[4096];
    snprintf(dir, sizeof dir, "%.*s", (int)(strstr(punkt, "/tokenizers/") - punkt), punkt);
    hme_metric_config cfg = { .nltk_data_dir = dir, .wordnet_dir = getenv("HME_WORDNET_DIR") };
    hme_error err;
    if (hme_family_nltk.open(&cfg, &Shared, &err) != HME_OK) {
        fprintf(stderr, "SKIP: nltk family cannot open: %s\n", err.msg);
        hme_t_skipped++;
        return hme_t_summary();
    }
    Worker = hme_family_nltk.worker_new(Shared);
    CHECK(Worker != NULL);
    RUN(signatures_name_the_pipeline);
    RUN(v2_end_to_end);
    RUN(cases_end_to_end);
    RUN(missing_punkt_warns_and_says_so);
    hme_family_nltk.worker_free(Worker);
    hme_family_nltk.close(Shared);
    hme_arena_free(&A);
    return hme_t_summary();
}
