/* test_hash.c - SIMD hme_hash64 against its scalar twin (every length 0..300, every
 * alignment), the dispatcher's HME_SIMD override, and the token-id packing. */
#include "harness.h"
#include "hash.h"
#include "hash/dense_ids.h"
#include "hash/token_id.h"

static unsigned char buf[512 + 64];

static void fill_random(void) {
    uint64_t x = 0x243F6A8885A308D3ull;
    for (size_t i = 0; i < sizeof buf; i++) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; buf[i] = (unsigned char)x; }
}

static void simd_equals_scalar(void) {
    fill_random();
    const char *names[] = { "sse2", "avx2" };
    for (int k = 0; k < 2; k++) {
        const hme_hash_impl *impl = hme_hash_impl_named(names[k]);
        if (!impl) { fprintf(stderr, "%s not supported here, skipped\n", names[k]); continue; }
        int bad = 0;
        for (size_t off = 0; off < 32; off++)
            for (size_t n = 0; n <= 300; n++)
                bad += impl->hash64(buf + off, n) != hme_hash64_scalar(buf + off, n);
        CHECK_MSG(bad == 0, "%s differs from scalar in %d cases", names[k], bad);
    }
}

static void sensitive_to_every_byte_and_length(void) {
    fill_random();
    /* Zero padding must not make "ab" and "ab\0" collide: the length is mixed in. */
    unsigned char z[64] = { 0 };
    CHECK(hme_hash64_scalar(z, 3) != hme_hash64_scalar(z, 4));
    CHECK(hme_hash64_scalar(z, 0) != hme_hash64_scalar(z, 32));
    int same = 0;
    for (size_t i = 0; i < 100; i++) {
        uint64_t h = hme_hash64_scalar(buf, 100);
        buf[i] ^= 1;
        same += hme_hash64_scalar(buf, 100) == h;
        buf[i] ^= 1;
    }
    CHECK_EQ_INT(same, 0);
}

static void dispatcher_picks_a_named_impl(void) {
    const hme_hash_impl *a = hme_hash_active();
    CHECK(a != NULL);
    CHECK(hme_hash_impl_named("scalar") != NULL);
    CHECK(hme_hash_impl_named("nope") == NULL);
    hme_hash_set_active(hme_hash_impl_named("scalar"));
    CHECK_EQ_STR(hme_hash_active()->name, "scalar");
    hme_hash_set_active(a);
}

static void token_ids(void) {
    /* Packing round-trips and never collides: all tokens of length <= 3 are distinct. */
    const char al[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    hme_dense m;
    hme_dense_init(&m, NULL);
    CHECK(hme_dense_reset(&m, 40000));
    size_t inserted = 0, dup = 0, rt_bad = 0;
    char s[4], back[12];
    for (int len = 1; len <= 3; len++) {
        size_t total = 1;
        for (int i = 0; i < len; i++) total *= 36;
        for (size_t v = 0; v < total; v++) {
            size_t x = v;
            for (int i = 0; i < len; i++) { s[i] = al[x % 36]; x /= 36; }
            uint64_t id = hme_token_id(s, (size_t)len);
            uint32_t before = m.count;
            hme_dense_intern(&m, id);
            dup += m.count == before;
            inserted++;
            size_t bl = hme_token_unpack(id, back);
            rt_bad += bl != (size_t)len || memcmp(back, s, (size_t)len) != 0;
        }
    }
    CHECK_EQ_INT(dup, 0);
    CHECK_EQ_INT(rt_bad, 0);
    CHECK_EQ_INT(m.count, inserted);
    CHECK(hme_dense_find(&m, hme_token_id("zz9", 3)) != UINT32_MAX);
    CHECK(hme_dense_find(&m, hme_token_id("zzzz", 4)) == UINT32_MAX);
    /* Longest packed token and the first hashed one. */
    uint64_t p12 = hme_token_id("zzzzzzzzzzzz", 12);
    CHECK((p12 & HME_TOKEN_ID_HASHED) == 0);
    CHECK_EQ_INT(hme_token_unpack(p12, back), 12);
    uint64_t h13 = hme_token_id("internationalization", 20);
    CHECK((h13 & HME_TOKEN_ID_HASHED) != 0);
    CHECK(h13 != hme_token_id("internationalizatioN", 20));
    /* reset empties the map */
    CHECK(hme_dense_reset(&m, 4));
    CHECK(hme_dense_find(&m, hme_token_id("a", 1)) == UINT32_MAX);
    CHECK_EQ_INT(hme_dense_intern(&m, 77), 0);
    CHECK_EQ_INT(hme_dense_intern(&m, 78), 1);
    CHECK_EQ_INT(hme_dense_intern(&m, 77), 0);
    hme_dense_free(&m);
}

int main(void) {
    RUN(simd_equals_scalar);
    RUN(sensitive_to_every_byte_and_length);
    RUN(dispatcher_picks_a_named_impl);
    RUN(token_ids);
    return hme_t_summary();
}
