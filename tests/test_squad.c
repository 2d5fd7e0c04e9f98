/* test_squad.c - SQuAD F1 (`f1`) and its tokens against the golden files:
 *   golden/v2/scores.ndjson  f1 of all 3,288 v2 responses against their prompt's reference
 *                            (texts from harmmetric/v2/dataset.jsonl), bit for bit;
 *   golden/cases/            the hand-made edge cases, bit for bit;
 *   golden/{v2,cases}/tokens.ndjson  the `squad` token list of every text. */
#include "golden.h"
#include "tokenize/squad_tok.h"

#include <stdbool.h>

static void v2_scores(void) {
    line_iter it;
    if (!golden_lines_open(&it, hme_t_shared("golden/v2/scores.ndjson"))) return;
    hme_arena a, pa;
    hme_arena_init(&a, NULL, 0);
    hme_arena_init(&pa, NULL, 0);
    hme_jval v;
    size_t n = 0;
    while (golden_lines_next(&it, &a, &v)) {
        long long id = golden_jint(&v, "response_id");
        const hme_jval *g = hme_json_get(hme_json_get(&v, "scores"), "f1");
        hme_str ref, pred;
        bool have = golden_v2_pair(id, &ref, &pred) && g;
        CHECK_MSG(have, "line for %lld", id);
        if (!have) continue;
        uint64_t mask;
        double f1 = golden_score_pair(ref, pred, &pa, &mask);
        CHECK_EQ_INT(mask, 0);
        CHECK_MSG(f1 == g->u.num.d && !signbit(f1), "response %lld: %.17g != %.17g", id, f1, g->u.num.d);
        n++;
        hme_arena_reset(&a);
        hme_arena_reset(&pa);
    }
    CHECK_EQ_INT(n, 3288);
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
    size_t n = 0;
    while (golden_lines_next(&ci, &a, &c) && golden_lines_next(&si, &a, &s)) {
        CHECK_EQ_INT(golden_jint(&c, "id"), golden_jint(&s, "id"));
        const hme_jval *g = hme_json_get(hme_json_get(&s, "scores"), "f1");
        CHECK(g != NULL && g->type == HME_JNUM);
        if (!g) continue;
        uint64_t mask;
        double f1 = golden_score_pair(golden_jstr(&c, "reference"), golden_jstr(&c, "prediction"), &pa, &mask);
        CHECK_EQ_INT(mask, 0);
        CHECK_MSG(f1 == g->u.num.d, "case %lld: %.17g != %.17g", golden_jint(&c, "id"), f1, g->u.num.d);
        n++;
        hme_arena_reset(&pa);
    }
    CHECK_EQ_INT(n, 66);
    hme_arena_free(&a);
    hme_arena_free(&pa);
    golden_lines_close(&ci);
    golden_lines_close(&si);
}

static void v2_tokens(void) { golden_tokens_file("golden/v2/tokens.ndjson", "squad", hme_squad_tokenize, 3562); }
static void case_tokens(void) { golden_tokens_file("golden/cases/tokens.ndjson", "squad", hme_squad_tokenize, 132); }

/* The article rule cuts inside a non-space stretch; punctuation removal joins words.
 * Expected values printed by Python with the SQuAD normalize_answer(). */
static void article_runs(void) {
    static const golden_tok_case t[] = {
        { "The cat", "cat" }, { "x\xC2\xB7the\xC2\xB7y", "x\xC2\xB7|\xC2\xB7y" }, { "an-a", "ana" },
        { "a\xCC\x81", "\xCC\x81" }, { "theory an the_", "theory" }, { "", "" },
    };
    golden_token_table(t, sizeof t / sizeof t[0], hme_squad_tokenize);
}

int main(void) {
    if (!golden_family_open("f1")) {
        fprintf(stderr, "cannot open the squad family\n");
        return 1;
    }
    RUN(article_runs);
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
