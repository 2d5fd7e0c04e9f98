/* test_tfidf.c - TF-IDF cosine (`cosine`) and its tokens against the golden files:
 *   golden/v2/scores.ndjson  cosine of all 3,288 v2 responses against their prompt's
 *                            reference; the allowed error is 1e-12 relative, but hme
 *                            follows the reference's order of operations and is bit for
 *                            bit equal on all of them, so that is asserted (and counted);
 *   golden/cases/            the edge cases; where the reference raised (`errors.cosine`,
 *                            empty vocabulary) hme must flag the pair and return 0.0;
 *   golden/{v2,cases}/tokens.ndjson  the `tfidf` token list of every text. */
#include "golden.h"
#include "tokenize/tfidf_tok.h"

#include <stdbool.h>

static void v2_scores(void) {
    line_iter it;
    if (!golden_lines_open(&it, hme_t_shared("golden/v2/scores.ndjson"))) return;
    hme_arena a, pa;
    hme_arena_init(&a, NULL, 0);
    hme_arena_init(&pa, NULL, 0);
    hme_jval v;
    size_t n = 0, exact = 0;
    while (golden_lines_next(&it, &a, &v)) {
        long long id = golden_jint(&v, "response_id");
        const hme_jval *g = hme_json_get(hme_json_get(&v, "scores"), "cosine");
        hme_str ref, pred;
        bool have = golden_v2_pair(id, &ref, &pred) && g;
        CHECK_MSG(have, "line for %lld", id);
        if (!have) continue;
        uint64_t mask;
        double c = golden_score_pair(ref, pred, &pa, &mask), gold = g->u.num.d;
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
    golden_lines_close(&it);
}

static void case_scores(void) {
    line_iter ci, si;
    if (!golden_lines_open(&ci, hme_t_shared("golden/cases/cases.ndjson"))) return;
    if (!golden_lines_open(&si, hme_t_shared("golden/cases/scores.ndjson"))) { golden_lines_close(&ci); return; }
    hme_arena a, pa;
    hme_arena_init(&a, NULL, 0);
    hme_arena_init(&pa, NULL, 0);
    hme_jval c, s;
    size_t n = 0, errors = 0;
    while (golden_lines_next(&ci, &a, &c) && golden_lines_next(&si, &a, &s)) {
        CHECK_EQ_INT(golden_jint(&c, "id"), golden_jint(&s, "id"));
        const hme_jval *g = hme_json_get(hme_json_get(&s, "scores"), "cosine");
        bool raised = hme_json_get(hme_json_get(&s, "errors"), "cosine") != NULL;
        CHECK_MSG(raised != (g != NULL), "case %lld: either a value or an error", golden_jint(&c, "id"));
        uint64_t mask;
        double cos = golden_score_pair(golden_jstr(&c, "reference"), golden_jstr(&c, "prediction"), &pa, &mask);
        CHECK_MSG(mask == (raised ? 1u : 0u), "case %lld: mask %llu", golden_jint(&c, "id"), (unsigned long long)mask);
        if (raised) {
            CHECK_EQ_BITS(cos, 0.0);
            errors++;
        } else if (g) {
            CHECK_MSG(cos == g->u.num.d, "case %lld: %.17g != %.17g", golden_jint(&c, "id"), cos, g->u.num.d);
        }
        n++;
        hme_arena_reset(&pa);
    }
    CHECK_EQ_INT(n, 66);
    CHECK(errors > 0);
    hme_arena_free(&a);
    hme_arena_free(&pa);
    golden_lines_close(&ci);
    golden_lines_close(&si);
}

static void v2_tokens(void) { golden_tokens_file("golden/v2/tokens.ndjson", "tfidf", hme_tfidf_tokenize, 3562); }
static void case_tokens(void) { golden_tokens_file("golden/cases/tokens.ndjson", "tfidf", hme_tfidf_tokenize, 132); }

/* Runs of >= 2 \w code points of the lowered text. Expected values printed by Python:
 * re.findall(r"(?u)\b\w\w+\b", s.lower()). */
static void word_runs(void) {
    static const golden_tok_case t[] = {
        { "A bb, C_d e1 \xC4\xB0stanbul", "bb|c_d|e1|stanbul" },
        { "x\xC2\xB2y \xC3\xA9t\xC3\xA9 \xE2\x85\xA0 \xD9\xA0\xD9\xA1", "x\xC2\xB2y|\xC3\xA9t\xC3\xA9|\xD9\xA0\xD9\xA1" },
        { "can't I'm", "can" }, { "a", "" },
    };
    golden_token_table(t, sizeof t / sizeof t[0], hme_tfidf_tokenize);
}

int main(void) {
    if (!golden_family_open("cosine")) {
        fprintf(stderr, "cannot open the tfidf family\n");
        return 1;
    }
    RUN(word_runs);
    if (golden_load_v2()) {
        RUN(v2_scores);
        RUN(v2_tokens);
    }
    RUN(case_scores);
    RUN(case_tokens);
    golden_family_close();
    golden_free_v2();
    return hme_t_summary();
}
