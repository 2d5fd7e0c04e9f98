/* test_meteor_bleu_golden.c - METEOR and BLEU from NLTK's own word_tokenize tokens (the
 * `word_tokenize` field of the golden tokens files) against the golden scores, bit for bit:
 * every v2 response against its prompt's slot-0 reference, and every hand-made case.
 * This isolates the metrics from the tokenizer; test_nltk_family.c runs them from text. */
#include "golden.h"
#include "metric/bleu.h"
#include "metric/meteor.h"
#include "metric/wordnet.h"

#include <stdbool.h>

typedef struct toks { hme_str *t; size_t n; bool present; } toks;

static hme_arena A;          /* tokens, alive for the whole program */
static hme_meteor *M;

static toks copy_tokens(const hme_jval *arr) {
    toks r = { hme_arena_alloc(&A, (arr->u.arr.n + 1) * sizeof(hme_str)), arr->u.arr.n, true };
    for (size_t i = 0; i < r.n; i++) {
        hme_str s = arr->u.arr.items[i].u.str;
        r.t[i] = (hme_str){ hme_arena_strndup(&A, s.ptr, s.len), s.len };
    }
    return r;
}

/* ---- v2: tokens keyed by response_id ---- */
#define MAX_ID 400000
static toks v2[MAX_ID];

static void load_v2_tokens(void *ctx, const hme_jval *v) {
    const hme_jval *id = hme_json_get(v, "response_id"), *wt = hme_json_get(v, "word_tokenize");
    if (!id || !wt || id->type != HME_JNUM || wt->type != HME_JARR) { CHECK_MSG(0, "bad tokens line"); return; }
    long rid = (long)id->u.num.d;
    if (rid < 0 || rid >= MAX_ID) { CHECK_MSG(0, "response_id %ld out of range", rid); return; }
    v2[rid] = copy_tokens(wt);
}

/* ---- cases: tokens keyed by "ID/reference" and "ID/prediction" ---- */
#define MAX_CASE 4096
static toks case_ref[MAX_CASE], case_pred[MAX_CASE];

static void load_case_tokens(void *ctx, const hme_jval *v) {
    const hme_jval *id = hme_json_get(v, "id"), *wt = hme_json_get(v, "word_tokenize");
    if (!id || !wt || id->type != HME_JSTR || wt->type != HME_JARR) { CHECK_MSG(0, "bad case tokens line"); return; }
    long n = strtol(id->u.str.ptr, NULL, 10);
    if (n < 0 || n >= MAX_CASE) { CHECK_MSG(0, "case id %ld out of range", n); return; }
    if (strstr(id->u.str.ptr, "/reference")) case_ref[n] = copy_tokens(wt);
    else case_pred[n] = copy_tokens(wt);
}

typedef struct tally { size_t meteor, bleu; const char *what; } tally;

static void check_pair(const toks *ref, const toks *pred, const hme_jval *scores, long id, tally *t) {
    hme_arena scratch;
    hme_arena_init(&scratch, NULL, 0);
    const hme_jval *gm = hme_json_get(scores, "meteor"), *gb = hme_json_get(scores, "bleu");
    if (gb && gb->type == HME_JNUM) {
        double b = hme_bleu_sentence(ref->t, ref->n, pred->t, pred->n, &scratch);
        uint64_t ub, ug; memcpy(&ub, &b, 8); memcpy(&ug, &gb->u.num.d, 8);
        CHECK_MSG(ub == ug, "%s %ld bleu %.17g != golden %.17g", t->what, id, b, gb->u.num.d);
        t->bleu++;
    }
    if (gm && gm->type == HME_JNUM) {
        hme_meteor_word *rw = hme_arena_alloc(&scratch, (ref->n + 1) * sizeof *rw);
        hme_meteor_word *pw = hme_arena_alloc(&scratch, (pred->n + 1) * sizeof *pw);
        for (size_t i = 0; i < ref->n; i++) hme_meteor_word_make(&rw[i], ref->t[i], &scratch);
        for (size_t i = 0; i < pred->n; i++) hme_meteor_word_make(&pw[i], pred->t[i], &scratch);
        double m = -1;
        hme_code c = hme_meteor_single(M, rw, ref->n, pw, pred->n, &scratch, &m, NULL);
        CHECK(c == HME_OK);
        uint64_t um, ug; memcpy(&um, &m, 8); memcpy(&ug, &gm->u.num.d, 8);
        CHECK_MSG(um == ug, "%s %ld meteor %.17g != golden %.17g", t->what, id, m, gm->u.num.d);
        t->meteor++;
    }
    hme_arena_free(&scratch);
}

static void check_v2_score(void *ctx, const hme_jval *v) {
    const hme_jval *id = hme_json_get(v, "response_id"), *sc = hme_json_get(v, "scores");
    if (!id || !sc) { CHECK_MSG(0, "bad scores line"); return; }
    long rid = (long)id->u.num.d, ref = rid / 100 * 100;
    if (rid < 0 || rid >= MAX_ID || !v2[rid].present || !v2[ref].present) {
        CHECK_MSG(0, "no tokens for response %ld or its reference", rid);
        return;
    }
    check_pair(&v2[ref], &v2[rid], sc, rid, ctx);
}

static void check_case_score(void *ctx, const hme_jval *v) {
    const hme_jval *id = hme_json_get(v, "id"), *sc = hme_json_get(v, "scores");
    if (!id || !sc) { CHECK_MSG(0, "bad case scores line"); return; }
    long n = (long)id->u.num.d;
    if (n < 0 || n >= MAX_CASE || !case_ref[n].present || !case_pred[n].present) {
        CHECK_MSG(0, "no tokens for case %ld", n);
        return;
    }
    check_pair(&case_ref[n], &case_pred[n], sc, n, ctx);
}

static void v2_scores_match_golden(void) {
    const char *tp = hme_t_shared("golden/v2/tokens.ndjson"), *sp = hme_t_shared("golden/v2/scores.ndjson");
    if (!tp || !sp) return;
    CHECK(golden_each_line(tp, load_v2_tokens, NULL));
    tally t = { 0, 0, "v2 response" };
    CHECK(golden_each_line(sp, check_v2_score, &t));
    CHECK_EQ_INT(t.meteor, 3288);
    CHECK_EQ_INT(t.bleu, 3288);
    printf("v2: %zu meteor, %zu bleu values compared\n", t.meteor, t.bleu);
}

static void cases_scores_match_golden(void) {
    const char *tp = hme_t_shared("golden/cases/tokens.ndjson"), *sp = hme_t_shared("golden/cases/scores.ndjson");
    if (!tp || !sp) return;
    CHECK(golden_each_line(tp, load_case_tokens, NULL));
    tally t = { 0, 0, "case" };
    CHECK(golden_each_line(sp, check_case_score, &t));
    CHECK(t.meteor > 0 && t.bleu > 0);
    printf("cases: %zu meteor, %zu bleu values compared\n", t.meteor, t.bleu);
}

int main(void) {
    hme_arena_init(&A, NULL, 1 << 20);
    hme_wordnet *wn = NULL;
    hme_error err;
    const char *dir = getenv("HME_WORDNET_DIR");
    if (hme_wordnet_open(dir, NULL, &wn, &err) != HME_OK) {
        fprintf(stderr, "SKIP: WordNet not available: %s\n", err.msg);
        hme_t_skipped++;
        return hme_t_summary();
    }
    M = hme_meteor_new(wn, NULL, 0);
    RUN(v2_scores_match_golden);
    RUN(cases_scores_match_golden);
    hme_meteor_free(M);
    hme_wordnet_close(wn);
    hme_arena_free(&A);
    return hme_t_summary();
}
