/* The engine's set of finished prompt ids against a plain boolean array oracle,
 * and its size on a long in-order stream (the reason it exists). */
#include "harness.h"
#include "engine/id_ranges.h"

#include <stdint.h>

static void random_against_oracle(void) {
    enum { N = 2000 };
    static bool oracle[N];
    hme_id_ranges s;
    hme_id_ranges_init(&s, NULL);
    uint64_t x = 88172645463325252ull;
    int mismatches = 0;
    for (int step = 0; step < 20000; step++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        int64_t id = (int64_t)(x % N);
        CHECK(hme_id_ranges_add(&s, id - 1000));
        oracle[id] = true;
        if (step % 97 == 0)
            for (int64_t k = 0; k < N; k++)
                if (hme_id_ranges_contains(&s, k - 1000) != oracle[k]) mismatches++;
    }
    CHECK_EQ_INT(mismatches, 0);
    /* ranges stay sorted, disjoint and non-adjacent */
    int bad = 0;
    for (size_t i = 0; i < s.n; i++) {
        if (s.r[i].lo > s.r[i].hi) bad++;
        if (i && s.r[i - 1].hi + 1 >= s.r[i].lo) bad++;
    }
    CHECK_EQ_INT(bad, 0);
    hme_id_ranges_free(&s);
}

static void in_order_stream_stays_small(void) {
    hme_id_ranges s;
    hme_id_ranges_init(&s, NULL);
    /* a million prompts arriving slightly out of order (pairs swapped) */
    for (int64_t i = 0; i < 1000000; i += 2) {
        CHECK_MSG(hme_id_ranges_add(&s, i + 1) && hme_id_ranges_add(&s, i), "add %lld", (long long)i);
        if (s.n > 2) break;
    }
    CHECK_EQ_INT(s.n, 1);
    CHECK(hme_id_ranges_contains(&s, 0) && hme_id_ranges_contains(&s, 999999));
    CHECK(!hme_id_ranges_contains(&s, 1000000) && !hme_id_ranges_contains(&s, -1));
    hme_id_ranges_free(&s);
}

static void extremes(void) {
    hme_id_ranges s;
    hme_id_ranges_init(&s, NULL);
    CHECK(hme_id_ranges_add(&s, INT64_MAX));
    CHECK(hme_id_ranges_add(&s, INT64_MIN));
    CHECK(hme_id_ranges_add(&s, INT64_MAX - 1));
    CHECK(hme_id_ranges_contains(&s, INT64_MAX) && hme_id_ranges_contains(&s, INT64_MIN));
    CHECK(!hme_id_ranges_contains(&s, 0));
    CHECK_EQ_INT(s.n, 2);
    hme_id_ranges_free(&s);
}

int main(void) {
    RUN(random_against_oracle);
    RUN(in_order_stream_stays_small);
    RUN(extremes);
    return hme_t_summary();
}
