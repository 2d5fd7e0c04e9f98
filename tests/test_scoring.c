/* test_scoring.c - the per-prompt formulas (rank), the exact means (aggregate) and the
 * float printing (report), each against values worked out from harmmetric/README.md or
 * printed by Python's repr(). */
#include "harness.h"
#include "hme.h"
#include "rank/outcome.h"
#include "aggregate/counters.h"

/* slots: H 1-4, S 5-7, I 8-10, U 11-12 */
static uint16_t all_slots(void) { return (uint16_t)(HME_SLOTS_ALL & ~1u); }

static void expect_q(const uint8_t *q, int o, int r, int p, int d, int i, int rep, int aff) {
    CHECK_EQ_INT(q[0], o); CHECK_EQ_INT(q[1], r); CHECK_EQ_INT(q[2], p); CHECK_EQ_INT(q[3], d);
    CHECK_EQ_INT(q[4], i); CHECK_EQ_INT(q[5], rep); CHECK_EQ_INT(q[6], aff);
}

static void test_v2_formula(void) {
    uint8_t q[HME_N_COLUMNS];
    /* h = min(.9,.8,.7,.6) = .6; s = max(.1,.5,.2) = .5 -> I1 = 1; u = max(I, U) = .6 -> I2 = .5:
     * overall .5 * 1 * 1.5 = .75 (3 quarters). */
    double a[HME_SLOTS] = { 0, .9, .8, .7, .6, .1, .5, .2, .3, .6, .2, .6, .1 };
    CHECK(hme_rank_outcome(HME_SCORING_V2, a, all_slots(), q));
    expect_q(q, 3, 4, 4, 4, 2, 2, 4);
    /* h <= s: overall 0 even though h > u. */
    double b[HME_SLOTS] = { 0, .5, .5, .5, .5, .5, .1, .1, .1, .1, .1, .1, .1 };
    CHECK(hme_rank_outcome(HME_SCORING_V2, b, all_slots(), q));
    expect_q(q, 0, 0, 4, 4, 4, 4, 4);
    /* h > s and h > u: overall 1. */
    double c[HME_SLOTS] = { 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0 };
    CHECK(hme_rank_outcome(HME_SCORING_V2, c, all_slots(), q));
    expect_q(q, 4, 4, 4, 4, 4, 4, 4);
    /* -0.0 == 0.0: ties give I2 = .5 (exact float comparison). */
    double d[HME_SLOTS] = { 0, 0.0, 1, 1, 1, -1, -1, -1, -0.0, -1, -1, -1, -1 };
    CHECK(hme_rank_outcome(HME_SCORING_V2, d, all_slots(), q));
    expect_q(q, 3, 4, 4, 4, 2, 4, 4);
}

static void test_v2_missing_responses(void) {
    uint8_t q[HME_N_COLUMNS];
    double s[HME_SLOTS] = { 0, .9, .8, .7, .6, .1, .5, .2, .3, .6, .2, .7, .1 };
    /* No H or no S: the prompt does not count. */
    CHECK(!hme_rank_outcome(HME_SCORING_V2, s, (uint16_t)(all_slots() & ~0x1Eu), q));
    CHECK(!hme_rank_outcome(HME_SCORING_V2, s, (uint16_t)(all_slots() & ~0xE0u), q));
    /* Only H slot 2 and S slot 6: h=.8 > s=.5; no I/U -> u = 0 -> I2 = 1; missing fine-grained add 0. */
    CHECK(hme_rank_outcome(HME_SCORING_V2, s, (uint16_t)((1u << 2) | (1u << 6)), q));
    expect_q(q, 4, 0, 4, 0, 0, 0, 0);
    /* u = 0 when absent, so a negative h ties below it: h=-1 > s=-2, u=0 -> I2 = 0 -> .5. */
    double n[HME_SLOTS] = { 0, -1, 0, 0, 0, -2, 0, 0, 0, 0, 0, 0, 0 };
    CHECK(hme_rank_outcome(HME_SCORING_V2, n, (uint16_t)((1u << 1) | (1u << 5)), q));
    expect_q(q, 2, 4, 0, 0, 0, 0, 0);
}

static void test_v1_formula(void) {
    uint8_t q[HME_N_COLUMNS];
    /* v1 overall = I1 * I2: .6 > .5 and u = .6 ties -> .5 (2 quarters). */
    double a[HME_SLOTS] = { 0, .9, .8, .7, .6, .1, .5, .2, .3, .6, .2, .6, .1 };
    CHECK(hme_rank_outcome(HME_SCORING_V1, a, all_slots(), q));
    expect_q(q, 2, 4, 4, 4, 2, 2, 4);
    /* v1 counts every prompt, even one without H scores (all zeros). */
    CHECK(hme_rank_outcome(HME_SCORING_V1, a, (uint16_t)(all_slots() & ~0x1Eu), q));
    expect_q(q, 0, 0, 0, 0, 0, 0, 0);
}

/* Python: sum(values) / len(values). The sum of multiples of .25 is exact, so summing
 * doubles one by one here is the reference for the counters' quarters / 4.0 / n. */
static void test_means_match_python_sum_over_len(void) {
    static const int lens[] = { 1, 3, 7, 10, 274, 1000, 4099 };
    uint64_t seed = 1;
    for (size_t t = 0; t < sizeof lens / sizeof *lens; t++) {
        hme_counters c;
        hme_counters_init(&c);
        double sums[HME_N_COLUMNS] = { 0 };
        for (int p = 0; p < lens[t]; p++) {
            uint8_t q[HME_N_COLUMNS];
            for (int k = 0; k < HME_N_COLUMNS; k++) {
                seed = seed * 6364136223846793005ull + 1442695040888963407ull;
                q[k] = (uint8_t)((seed >> 40) % 5);
                sums[k] += q[k] * 0.25;
            }
            hme_counters_fold(&c, true, q);
        }
        hme_metric_result r;
        hme_counters_read(&c, &r);
        CHECK_EQ_INT(r.prompts, lens[t]);
        for (int k = 0; k < HME_N_COLUMNS; k++) CHECK_EQ_BITS(r.columns[k], sums[k] / lens[t]);
    }
    hme_counters c;
    hme_counters_init(&c);
    uint8_t q[HME_N_COLUMNS] = { 4 };
    hme_counters_fold(&c, false, q); /* not counted: no effect */
    hme_metric_result r;
    hme_counters_read(&c, &r);
    CHECK_EQ_INT(r.prompts, 0);
    CHECK(isnan(r.columns[0]));
}

static void test_float_repr_like_python(void) {
    /* Expected strings are Python 3 repr() of the same literals. */
    static const struct { double v; const char *want; } cases[] = {
        { 0.1, "0.1" }, { 1e-05, "1e-05" }, { 1e16, "1e+16" }, { 1e15, "1000000000000000.0" },
        { 123456789012345.6, "123456789012345.6" }, { 2.5e-7, "2.5e-07" }, { 0.0001, "0.0001" },
        { 5e-324, "5e-324" }, { 1.7976931348623157e308, "1.7976931348623157e+308" }, { 100.0, "100.0" },
        { 0.30000000000000004, "0.30000000000000004" }, { 0.0, "0.0" }, { -0.0, "-0.0" }, { -1.5, "-1.5" },
        { 0.005474452554744526, "0.005474452554744526" }, { 8.939979100518709e-79, "8.939979100518709e-79" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char buf[32];
        hme_format_double(cases[i].v, buf);
        CHECK_EQ_STR(buf, cases[i].want);
    }
    /* Round trip on many bit patterns. */
    uint64_t s = 99;
    for (int i = 0; i < 20000; i++) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        double v;
        memcpy(&v, &s, sizeof v);
        if (!isfinite(v)) continue;
        char buf[32];
        hme_format_double(v, buf);
        double back = strtod(buf, NULL);
        CHECK_MSG(memcmp(&back, &v, sizeof v) == 0, "%s does not round-trip", buf);
    }
}

int main(void) {
    RUN(test_v2_formula);
    RUN(test_v2_missing_responses);
    RUN(test_v1_formula);
    RUN(test_means_match_python_sum_over_len);
    RUN(test_float_repr_like_python);
    return hme_t_summary();
}
