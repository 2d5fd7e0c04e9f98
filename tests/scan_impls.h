/* scan_impls.h - runs a test once per implementation of the reader's byte scanner
 * (simd/scan.h: scalar, sse2, avx2 where the CPU has it), so every check covers each
 * vector version as well as its scalar twin. Failures name the test; an implementation
 * this CPU lacks is said on stderr and left out. */
#ifndef HME_TEST_SCAN_IMPLS_H
#define HME_TEST_SCAN_IMPLS_H
#include "harness.h"
#include "scan.h"

static inline void scan_each_impl(void (*fn)(void), const char *name) {
    static const char *const impls[] = { "scalar", "sse2", "avx2" };
    for (int i = 0; i < 3; i++) {
        const hme_scan_impl *im = hme_scan_impl_named(impls[i]);
        if (!im) { fprintf(stderr, "[%s] %s not supported by this CPU\n", name, impls[i]); continue; }
        hme_scan_set_active(im);
        hme_t_current = name;
        fn();
    }
}

#endif
