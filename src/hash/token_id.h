/* token_id.h - a rouge token ([a-z0-9]+) as a 64-bit id that needs no shared table.
 *
 * Tokens of up to 12 characters (nearly all of them) are packed exactly: base 37 with the
 * digits 1..36 for 0-9a-z, so different tokens always get different ids (37^12 < 2^63).
 * Longer tokens get hme_hash64 with the top bit set, so they never equal a packed id; two
 * different long tokens share an id with probability ~2^-63 per pair, which we accept
 * (it would count them as the same word). Because ids are a pure function of the token,
 * texts prepared by any worker, at any time, compare directly (no epoch, no reset).
 */
#ifndef HME_HASH_TOKEN_ID_H
#define HME_HASH_TOKEN_ID_H
#include <stddef.h>
#include <stdint.h>
#include "hash.h"

#define HME_TOKEN_PACK_MAX 12
#define HME_TOKEN_ID_HASHED ((uint64_t)1 << 63)

static inline uint64_t hme_token_digit(unsigned char c) { return c <= '9' ? (uint64_t)(c - '0' + 1) : (uint64_t)(c - 'a' + 11); }

/* s[0..n) in [a-z0-9], n >= 1. */
static inline uint64_t hme_token_id(const char *s, size_t n) {
    if (n <= HME_TOKEN_PACK_MAX) {
        uint64_t id = 0;
        for (size_t i = 0; i < n; i++) id = id * 37 + hme_token_digit((unsigned char)s[i]);
        return id;
    }
    return HME_TOKEN_ID_HASHED | (hme_hash64(s, n) >> 1);
}

/* Packed ids only: writes the token back (out >= 12 bytes), returns its length. */
static inline size_t hme_token_unpack(uint64_t id, char *out) {
    char tmp[HME_TOKEN_PACK_MAX];
    size_t n = 0;
    while (id) {
        uint64_t d = id % 37;
        tmp[n++] = (char)(d <= 10 ? '0' + (d - 1) : 'a' + (d - 11));
        id /= 37;
    }
    for (size_t i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    return n;
}

#endif
