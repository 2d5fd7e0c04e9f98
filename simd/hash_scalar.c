/* hash_scalar.c - the definition of hme_hash64 (see hash.h) in plain C. */
#include "hash.h"

#include <string.h>

static inline uint64_t le64(const unsigned char *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

static void stripe(uint64_t acc[4], const unsigned char *p) {
    static const uint64_t K[4] = { HME_HASH_K0, HME_HASH_K1, HME_HASH_K2, HME_HASH_K3 };
    uint64_t d[4];
    for (int k = 0; k < 4; k++) d[k] = le64(p + 8 * k);
    for (int k = 0; k < 4; k++) {
        uint64_t x = d[k] ^ K[k];
        acc[k] += d[k ^ 1] + (x & 0xffffffffull) * (x >> 32);
    }
}

uint64_t hme_hash64_scalar(const void *data, size_t n) {
    const unsigned char *p = data;
    uint64_t acc[4] = { HME_HASH_A0, HME_HASH_A1, HME_HASH_A2, HME_HASH_A3 };
    size_t i = 0;
    for (; i + 32 <= n && i + 32 != n; i += 32) stripe(acc, p + i);
    unsigned char last[32] = { 0 };
    memcpy(last, p + i, n - i);
    stripe(acc, last);
    return hme_hash_finish(acc, n);
}
