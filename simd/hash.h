/* hash.h - a 64-bit byte-string hash for token interning (long rouge tokens, see
 * src/hash/token_id.h), as a scalar twin (the definition, and the oracle the tests compare
 * against), SSE2 and AVX2.
 *
 * Definition: four 64-bit lanes acc[0..3] start at fixed constants. The input is cut into
 * 32-byte stripes, the last one zero-padded (an empty input is one zero stripe); for each
 * stripe with little-endian words d[0..3]:
 *     x = d[k] ^ K[k];   acc[k] += d[k ^ 1] + (x & 0xffffffff) * (x >> 32)
 * (the XXH3 accumulate step; the k^1 swap is a 64-bit lane swap inside each 128-bit half,
 * so SSE2 and AVX2 compute the very same lanes). The lanes and the length are then folded
 * with a multiply-xorshift finaliser. Not cryptographic; good dispersion for hash tables.
 * The implementation is chosen once, overridable with HME_SIMD=scalar|sse2|avx2.
 */
#ifndef HME_SIMD_HASH_H
#define HME_SIMD_HASH_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint64_t (*hme_hash64_fn)(const void *p, size_t n);

uint64_t hme_hash64_scalar(const void *p, size_t n);
uint64_t hme_hash64_sse2(const void *p, size_t n);
uint64_t hme_hash64_avx2(const void *p, size_t n);

typedef struct hme_hash_impl {
    const char *name; /* "scalar", "sse2", "avx2" */
    hme_hash64_fn hash64;
} hme_hash_impl;

/* The implementation in use (chosen on first call; thread-safe). */
const hme_hash_impl *hme_hash_active(void);
/* By name, or NULL when unknown or the CPU lacks it. */
const hme_hash_impl *hme_hash_impl_named(const char *name);
/* Tests and benchmarks only. */
void hme_hash_set_active(const hme_hash_impl *impl);

static inline uint64_t hme_hash64(const void *p, size_t n) { return hme_hash_active()->hash64(p, n); }

/* Shared by the implementations. */
#define HME_HASH_K0 0xbe4ba423396cfeb8ull
#define HME_HASH_K1 0x1cad21f72c81017cull
#define HME_HASH_K2 0xdb979083e96dd4deull
#define HME_HASH_K3 0x1f67b3b7a4a44072ull
#define HME_HASH_A0 0x9E3779B185EBCA87ull
#define HME_HASH_A1 0xC2B2AE3D27D4EB4Full
#define HME_HASH_A2 0x165667B19E3779F9ull
#define HME_HASH_A3 0x85EBCA77C2B2AE63ull

static inline uint64_t hme_hash_fmix64(uint64_t h) {
    h ^= h >> 33; h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

static inline uint64_t hme_hash_finish(const uint64_t acc[4], size_t n) {
    uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15ull;
    for (int k = 0; k < 4; k++) h = hme_hash_fmix64(h ^ hme_hash_fmix64(acc[k])) * 0xbf58476d1ce4e5b9ull;
    return hme_hash_fmix64(h);
}

#ifdef __cplusplus
}
#endif
#endif
