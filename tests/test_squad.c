/* test_squad.c - SQuAD F1 (`f1`) and its tokens against the golden files:
 *   golden/v2/scores.ndjson  f1 of all 3,288 v2 responses against their prompt's reference
 *                            (texts from harmmetric/v2/dataset.jsonl), bit for bit;
 *   golden/cases/            the hand-made edge cases, bit for bit;
 *   golden/{v2,cases}/tokens.ndjson  the `squad` token list of every text. */
#include "golden.h"
#include "tokenize/squad_tok.h"

#include <stdbool.h>

static void v2_value(void *ctx, long long id, double f1, double gold) {
    CHECK_MSG(f1 == gold && !signbit(f1), "response %lld: %.17g != %.17g", id, f1, gold);
}

static void v2_scores(void) { golden_v2_scores("f1", v2_value, NULL); }

/* Every case has an f1 value (SQuAD F1 never raises). */
static void case_value(void *ctx, long long id, double f1, uint64_t mask, const hme_jval *s) {
    const hme_jval *g = hme_json_get(hme_json_get(s, "scores"), "f1");
    CHECK(g != NULL && g->type == HME_JNUM);
    if (!g) return;
    CHECK_EQ_INT(mask, 0);
    CHECK_MSG(f1 == g->u.num.d, "case %lld: %.17g != %.17g", id, f1, g->u.num.d);
}

static void case_scores(void) { golden_case_scores(case_value, NULL); }

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

GOLDEN_FAMILY_MAIN("f1", article_runs)
