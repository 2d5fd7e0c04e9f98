/* scan.h - structural byte scans for the NDJSON reader and the JSON string decoder.
 *
 * Two kernels, each as a scalar twin (the oracle tests compare against), SSE2 and AVX2:
 *   newline:    index of the first '\n'                                  (record splitting)
 *   strspecial: index of the first '"', '\\' or byte < 0x20             (JSON string bodies:
 *               everything else is copied verbatim, so long strings are skipped 16/32 at a time)
 * Both return n when no such byte exists and never read outside p[0..n).
 * The implementation is chosen once (best the CPU supports), overridable with the
 * environment variable HME_SIMD=scalar|sse2|avx2 (a level the CPU lacks falls back to
 * the best one below it).
 */
#ifndef HME_SIMD_SCAN_H
#define HME_SIMD_SCAN_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef size_t (*hme_scan_fn)(const char *p, size_t n);

typedef struct hme_scan_impl {
    const char *name;           /* "scalar", "sse2", "avx2" */
    hme_scan_fn newline;
    hme_scan_fn strspecial;
} hme_scan_impl;

size_t hme_scan_newline_scalar(const char *p, size_t n);
size_t hme_scan_newline_sse2(const char *p, size_t n);
size_t hme_scan_newline_avx2(const char *p, size_t n);
size_t hme_scan_strspecial_scalar(const char *p, size_t n);
size_t hme_scan_strspecial_sse2(const char *p, size_t n);
size_t hme_scan_strspecial_avx2(const char *p, size_t n);

/* The implementation in use (chosen on first call; thread-safe). */
const hme_scan_impl *hme_scan_active(void);
/* An implementation by name, or NULL when the name is unknown or the CPU lacks it. */
const hme_scan_impl *hme_scan_impl_named(const char *name);
/* Tests and benchmarks only: makes impl the active one (not safe while other threads scan). */
void hme_scan_set_active(const hme_scan_impl *impl);

static inline int hme_scan_is_special(unsigned char c) { return c == '"' || c == '\\' || c < 0x20; }

#ifdef __cplusplus
}
#endif
#endif
