/* test_bleu.c - NLTK 3.8 sentence_bleu: the docstring examples of nltk/translate/bleu_score.py
 * that use one reference (values as printed there, to their printed precision or exactly
 * where the docstring prints every digit), CPython's math.fsum test vectors, and edge cases
 * of the definition (empty, no unigram match, shorter than n). */
#include "harness.h"
#include "metric/bleu.h"

#include <float.h>

static hme_arena S;

static size_t split(char *s, hme_str *out) {
    size_t n = 0;
    for (char *t = strtok(s, " "); t; t = strtok(NULL, " ")) out[n++] = hme_str_c(t);
    return n;
}

static double bleu(const char *ref, const char *hyp) {
    char rb[1024], hb[1024];
    hme_str r[128], h[128];
    snprintf(rb, sizeof rb, "%s", ref);
    snprintf(hb, sizeof hb, "%s", hyp);
    size_t nr = split(rb, r), nh = split(hb, h);
    hme_arena_reset(&S);
    return hme_bleu_sentence(r, nr, h, nh, &S);
}

static const char *HYP1 = "It is a guide to action which ensures that the military always obeys the commands of the party";
static const char *REF1 = "It is a guide to action that ensures that the military will forever heed Party commands";

static void docstring_examples(void) {
    /* SmoothingFunction docstring: print(sentence_bleu([reference1], hypothesis1)) -> 0.4118... */
    double b = bleu(REF1, HYP1);
    CHECK_MSG(b >= 0.4118 && b < 0.4119, "%.17g", b);
    /* brevity_penalty docstring examples */
    CHECK_EQ_BITS(hme_bleu_brevity_penalty(28, 12), 0.2635971381157267);
    double bp = hme_bleu_brevity_penalty(13, 12);
    CHECK_MSG(bp >= 0.9200 && bp < 0.9201, "%.17g", bp);
    CHECK_EQ_BITS(hme_bleu_brevity_penalty(11, 12), 1.0);   /* closest of 13 and 11 is 11 */
    bp = hme_bleu_brevity_penalty(8, 7);
    CHECK_MSG(bp >= 0.8668 && bp < 0.8669, "%.17g", bp);
    CHECK_EQ_BITS(hme_bleu_brevity_penalty(7, 7), 1.0);
    CHECK_EQ_BITS(hme_bleu_brevity_penalty(12, 12), 1.0);
}

static void edge_cases(void) {
    CHECK_EQ_BITS(bleu("a b c", ""), 0.0);          /* empty hypothesis */
    CHECK_EQ_BITS(bleu("", "a b c"), 0.0);          /* no unigram match possible */
    CHECK_EQ_BITS(bleu("a b c", "x y z"), 0.0);     /* p_numerators[1] == 0 -> return 0 */
    CHECK_EQ_BITS(bleu("A b c", "a"), 0.0);         /* case-sensitive */
    /* a perfect match of >= 4 tokens is exactly 1: exp(fsum([0.0]*4)) */
    CHECK_EQ_BITS(bleu("the cat sat on the mat", "the cat sat on the mat"), 1.0);
    /* one token matching: p1 = 1, p2..p4 = float_info.min -> exp(0.75*log(min)) = tiny but > 0 */
    double b = bleu("cat", "cat");
    CHECK_EQ_BITS(b, exp(hme_fsum((double[]){ 0.25 * log(1.0), 0.25 * log(DBL_MIN), 0.25 * log(DBL_MIN), 0.25 * log(DBL_MIN) }, 4, NULL)));
    CHECK(b > 0 && b < 1e-200);
    /* clipping: "the the the the the the the" vs "the cat is on the mat": p1 = 2/7 */
    b = bleu("the cat is on the mat", "the the the the the the the");
    double want = exp(hme_fsum((double[]){ 0.25 * log(2.0 / 7.0), 0.25 * log(DBL_MIN), 0.25 * log(DBL_MIN), 0.25 * log(DBL_MIN) }, 4, NULL));
    CHECK_EQ_BITS(b, want);
}

/* CPython Lib/test/test_math.py test_fsum vectors (exact expected sums). */
static void fsum_matches_cpython(void) {
    struct { double x[8]; size_t n; double want; } v[] = {
        { { 0 }, 0, 0.0 },
        { { 1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50 }, 7, 1e-100 },
        { { 0x1p53, -0.5, -0x1p-54 }, 3, 0x1p53 - 1.0 },
        { { 0x1p53, 1.0, 0x1p-100 }, 3, 0x1p53 + 2.0 },
        { { 0x1p53 + 10.0, 1.0, 0x1p-100 }, 3, 0x1p53 + 12.0 },
        { { 0x1p53 - 4.0, 0.5, 0x1p-54 }, 3, 0x1p53 - 3.0 },
        { { 1e-16, 1.0, 1e16 }, 3, 1.0000000000000002e16 },
        { { 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1 }, 8, 0.8 },
        { { 1.7976931348623157e308, -1.7976931348623157e308, 1.0 }, 3, 1.0 },
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        int ok;
        CHECK_EQ_BITS(hme_fsum(v[i].x, v[i].n, &ok), v[i].want);
        CHECK(ok);
    }
    int ok;
    CHECK_EQ_BITS(hme_fsum((double[]){ INFINITY, 1.0 }, 2, &ok), INFINITY);
    CHECK(ok);
    CHECK(isnan(hme_fsum((double[]){ INFINITY, -INFINITY }, 2, &ok)) && !ok);      /* ValueError */
    CHECK(isnan(hme_fsum((double[]){ 1.7976931348623157e308, 1.7976931348623157e308 }, 2, &ok)) && !ok); /* OverflowError */
}

int main(void) {
    hme_arena_init(&S, NULL, 0);
    RUN(docstring_examples);
    RUN(edge_cases);
    RUN(fsum_matches_cpython);
    hme_arena_free(&S);
    return hme_t_summary();
}
