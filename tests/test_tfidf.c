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

/* Within the allowed error, and in fact bit for bit (counted). */
static void v2_value(void *ctx, long long id, double c, double gold) {
    size_t *exact = ctx;
    CHECK_MSG(fabs(c - gold) <= 1e-12 * fabs(gold), "response %lld: %.17g != %.17g", id, c, gold);
    CHECK_EQ_BITS(c, gold);
    *exact += c == gold;
}

static void v2_scores(void) {
    size_t exact = 0;
    size_t n = golden_v2_scores("cosine", v2_value, &exact);
    if (n) printf("v2 cosine: %zu of %zu bit-identical\n", exact, n);
}

/* Either a value, or the reference raised (empty vocabulary): then the pair is flagged and 0.0. */
static void case_value(void *ctx, long long id, double cos, uint64_t mask, const hme_jval *s) {
    size_t *errors = ctx;
    const hme_jval *g = hme_json_get(hme_json_get(s, "scores"), "cosine");
    bool raised = hme_json_get(hme_json_get(s, "errors"), "cosine") != NULL;
    CHECK_MSG(raised != (g != NULL), "case %lld: either a value or an error", id);
    CHECK_MSG(mask == (raised ? 1u : 0u), "case %lld: mask %llu", id, (unsigned long long)mask);
    if (raised) {
        CHECK_EQ_BITS(cos, 0.0);
        (*errors)++;
    } else if (g) {
        CHECK_MSG(cos == g->u.num.d, "case %lld: %.17g != %.17g", id, cos, g->u.num.d);
    }
}

static void case_scores(void) {
    size_t errors = 0;
    if (golden_case_scores(case_value, &errors)) CHECK(errors > 0);
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

GOLDEN_FAMILY_MAIN("cosine", word_runs)
