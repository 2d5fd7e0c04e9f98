/* test_meteor.c - NLTK 3.8 single_meteor_score / meteor_score docstring examples (values as
 * printed there: round(score, 4)), and the definition's edge cases. */
#include "harness.h"
#include "metric/meteor.h"
#include "metric/wordnet.h"

static hme_arena S;
static hme_meteor *M;

static size_t words(const char *text, hme_meteor_word *out) {
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", text);
    size_t n = 0;
    for (char *t = strtok(buf, " "); t; t = strtok(NULL, " ")) {
        char *c = hme_arena_strndup(&S, t, strlen(t));
        hme_meteor_word_make(&out[n++], (hme_str){ c, strlen(c) }, &S);
    }
    return n;
}

static double meteor(const char *ref, const char *hyp) {
    hme_arena_reset(&S);
    hme_meteor_word r[128], h[128];
    size_t nr = words(ref, r), nh = words(hyp, h);
    double out = -1;
    CHECK(hme_meteor_single(M, r, nr, h, nh, &S, &out, NULL) == HME_OK);
    return out;
}

static double round4(double x) { return round(x * 1e4) / 1e4; }

static const char *HYP1 = "It is a guide to action which ensures that the military always obeys the commands of the party";
static const char *REF1 = "It is a guide to action that ensures that the military will forever heed Party commands";
static const char *REF2 = "It is the guiding principle which guarantees the military forces always being under the command of the Party";
static const char *REF3 = "It is the practical guide for the army always to heed the directions of the party";

static void docstring_examples(void) {
    CHECK_EQ_BITS(round4(meteor(REF1, HYP1)), 0.6944);
    CHECK_EQ_BITS(round4(meteor("this is a cat", "non matching hypothesis")), 0.0);
    /* meteor_score([reference1, reference2, reference3], hypothesis1) is the max: 0.6944 */
    double m = meteor(REF1, HYP1), m2 = meteor(REF2, HYP1), m3 = meteor(REF3, HYP1);
    if (m2 > m) m = m2;
    if (m3 > m) m = m3;
    CHECK_EQ_BITS(round4(m), 0.6944);
}

static void edge_cases(void) {
    CHECK_EQ_BITS(meteor("", "a b"), 0.0);
    CHECK_EQ_BITS(meteor("a b", ""), 0.0);
    /* identical: one chunk, penalty 0.5 * (1/n)**3 */
    double want = (1 - 0.5 * pow(1.0 / 3.0, 3.0)) * 1.0;
    CHECK_EQ_BITS(meteor("a b c", "a b c"), want);
    /* case-insensitive exact stage, stem stage (cats ~ cat), synonym stage (dog ~ hound) */
    CHECK_EQ_BITS(meteor("The CAT", "the cat"), 1 - 0.5 * pow(1.0 / 2.0, 3.0));
    CHECK(meteor("cats", "cat") > 0.0);
    CHECK(meteor("hound", "dog") > 0.0);
    CHECK_EQ_BITS(meteor("hound", "dog"), meteor("dog", "dog"));
}

int main(void) {
    hme_wordnet *wn;
    hme_error err;
    if (hme_wordnet_open(getenv("HME_WORDNET_DIR"), NULL, &wn, &err) != HME_OK) {
        fprintf(stderr, "SKIP: WordNet not available: %s\n", err.msg);
        hme_t_skipped++;
        return hme_t_summary();
    }
    hme_arena_init(&S, NULL, 0);
    M = hme_meteor_new(wn, NULL, 0);
    RUN(docstring_examples);
    RUN(edge_cases);
    hme_meteor_free(M);
    hme_wordnet_close(wn);
    hme_arena_free(&S);
    return hme_t_summary();
}
