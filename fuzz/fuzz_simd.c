/* fuzz_simd.c - every SIMD kernel against its scalar twin (and the scalar twin against a
 * naive definition), on the same bytes, for every implementation this CPU runs:
 *   scan newline / strspecial  -> first '\n' / first '"', '\\' or byte < 0x20
 *   hash64                     -> the same 64 bits
 *   keyword set match          -> OR of the groups of the patterns that occur (memmem)
 * Input: byte 0 = number of keyword patterns (0..15); then per pattern a length byte
 * (2..9; a NUL inside shortens it) and its bytes; the rest is the text. The text sits at the very end of an
 * exact-size heap buffer and is also scanned from every start offset 0..63 (every
 * alignment), so a vector load past the end is an ASan report. */
#define _GNU_SOURCE 1 /* memmem */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "keyword.h"
#include "scan.h"

static const char *const impl_names[] = { "scalar", "sse2", "avx2" };

static size_t naive_first(const char *p, size_t n, int special) {
    for (size_t i = 0; i < n; i++)
        if (special ? hme_scan_is_special((unsigned char)p[i]) : p[i] == '\n') return i;
    return n;
}

static uint32_t naive_kw(const hme_kwset *k, const char *t, size_t n) {
    uint32_t found = 0;
    for (size_t i = 0; i < k->n; i++)
        if (k->len[i] <= n && memmem(t, n, k->pat[i], k->len[i])) found |= k->group[i];
    return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    size_t np = data[0] % 16, off = 1;
    char pats[15][10];
    const char *pp[15];
    uint32_t groups[15];
    for (size_t i = 0; i < np; i++) {
        if (off >= size) return 0;
        size_t len = data[off++] % 8 + 2;
        if (off + len > size) return 0;
        memcpy(pats[i], data + off, len);
        pats[i][len] = 0;
        off += len;
        pp[i] = pats[i];
        groups[i] = 1u << (i % 5);
    }
    size_t n = size - off;
    char *text = malloc(n ? n : 1);
    if (!text) abort();
    memcpy(text, data + off, n);
    /* patterns may hold NUL bytes: init takes lengths from strlen, so pass those lengths */
    static hme_kwset k;
    int have_kw = 1;
    for (size_t i = 0; i < np; i++) if (strlen(pats[i]) < 2) have_kw = 0;
    if (have_kw && !hme_kwset_init(&k, pp, groups, np)) abort();
    uint64_t h0 = hme_hash64_scalar(text, n);
    for (size_t s = 0; s < 64 && s <= n; s++) {
        const char *p = text + s;
        size_t len = n - s;
        size_t nl = naive_first(p, len, 0), sp = naive_first(p, len, 1);
        uint32_t kw = have_kw ? naive_kw(&k, p, len) : 0;
        uint64_t h = hme_hash64_scalar(p, len);
        for (int i = 0; i < 3; i++) {
            const hme_scan_impl *sc = hme_scan_impl_named(impl_names[i]);
            if (sc && (sc->newline(p, len) != nl || sc->strspecial(p, len) != sp)) {
                fprintf(stderr, "scan %s differs at offset %zu\n", impl_names[i], s);
                abort();
            }
            const hme_hash_impl *hi = hme_hash_impl_named(impl_names[i]);
            if (hi && hi->hash64(p, len) != h) { fprintf(stderr, "hash64 %s differs\n", impl_names[i]); abort(); }
            hme_kwset_fn kf = hme_kwset_named(impl_names[i]);
            if (have_kw && kf && kf(&k, p, len) != kw) {
                fprintf(stderr, "keyword %s: %x, naive %x at offset %zu\n", impl_names[i], kf(&k, p, len), kw, s);
                abort();
            }
        }
    }
    if (hme_hash64_scalar(text, n) != h0) abort();
    free(text);
    return 0;
}
