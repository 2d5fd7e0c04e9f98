/* test_reader_scan.c - the structural scan kernels (simd/scan.h): every vector version
 * must equal its scalar twin for every alignment 0..31 and length 0..200 with a boundary
 * byte (every byte value, at two alignments) at every position, and on random buffers. */
#include "harness.h"
#include "scan.h"

static const char *const impl_names[] = { "sse2", "avx2" };

/* The byte each kernel stops at and a byte it must skip. */
static int is_newline(unsigned char c) { return c == '\n'; }

static void check_all(const hme_scan_impl *v, const char *p, size_t n, int *bad) {
    if (v->newline(p, n) != hme_scan_newline_scalar(p, n)) (*bad)++;
    if (v->strspecial(p, n) != hme_scan_strspecial_scalar(p, n)) (*bad)++;
}

static void exhaustive_positions(void) {
    static char buf[256 + 64];
    for (size_t i = 0; i < 2; i++) {
        const hme_scan_impl *v = hme_scan_impl_named(impl_names[i]);
        if (!v) { fprintf(stderr, "%s not supported by this CPU\n", impl_names[i]); continue; }
        int bad = 0;
        for (size_t align = 0; align < 32; align++) {
            char *p = buf + align;
            for (size_t n = 0; n <= 200; n++) {
                memset(buf, 'a', sizeof buf);
                check_all(v, p, n, &bad); /* nothing to find: returns n */
                for (size_t pos = 0; pos < n; pos++) {
                    /* every byte value at two alignments; elsewhere the boundary bytes */
                    static const unsigned char edge[] = { 0, '\n', '\r', 0x1F, 0x20, '"', '\\', 0x7F, 0x80, 0xFF };
                    if (align < 2 && n < 80) {
                        for (int b = 0; b < 256; b++) { p[pos] = (char)b; check_all(v, p, n, &bad); }
                    } else {
                        for (size_t e = 0; e < sizeof edge; e++) { p[pos] = (char)edge[e]; check_all(v, p, n, &bad); }
                    }
                    p[pos] = 'a';
                }
                /* a hit just past the end must not be seen */
                p[n] = '\n'; check_all(v, p, n, &bad);
                p[n] = '"'; check_all(v, p, n, &bad);
                p[n] = 'a';
            }
        }
        CHECK_MSG(bad == 0, "%s: %d mismatches", v->name, bad);
    }
}

static void scalar_semantics(void) {
    /* The scalar twin is the oracle: pin down its meaning once. */
    CHECK_EQ_INT(hme_scan_newline_scalar("abc\ndef\n", 8), 3);
    CHECK_EQ_INT(hme_scan_newline_scalar("abc", 3), 3);
    CHECK_EQ_INT(hme_scan_newline_scalar("", 0), 0);
    CHECK_EQ_INT(hme_scan_strspecial_scalar("abc\"", 4), 3);
    CHECK_EQ_INT(hme_scan_strspecial_scalar("ab\\c", 4), 2);
    CHECK_EQ_INT(hme_scan_strspecial_scalar("a\x1f", 2), 1);
    CHECK_EQ_INT(hme_scan_strspecial_scalar("a\x20\x7f\x80\xff", 5), 5);
    int special = 0;
    for (int c = 0; c < 256; c++) special += hme_scan_is_special((unsigned char)c);
    CHECK_EQ_INT(special, 32 + 2);
    CHECK(is_newline('\n') && !is_newline('\r'));
}

static void random_buffers(void) {
    enum { N = 1 << 16 };
    static char buf[N];
    uint64_t seed = 99;
    for (size_t i = 0; i < 2; i++) {
        const hme_scan_impl *v = hme_scan_impl_named(impl_names[i]);
        if (!v) continue;
        int bad = 0;
        for (int t = 0; t < 300; t++) {
            /* sparse hits: density from 1/16 to 1/65536 */
            unsigned density = 4u + (unsigned)(t % 13);
            for (size_t k = 0; k < N; k++) {
                seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
                unsigned r = (unsigned)(seed >> 32);
                buf[k] = (r >> density) == 0 || (r & ((1u << density) - 1)) == 0 ? (char)(r >> 24 & 0x3F) : (char)(0x20 + (r >> 8) % 0xE0);
                if (buf[k] == '"' || buf[k] == '\\') buf[k] = 'x';
                if ((r & ((1u << density) - 1)) == 1) buf[k] = (r & 0x100) ? '"' : '\\';
            }
            size_t off = (size_t)t % 64, n = N - off;
            /* walk the buffer the way the reader and parser do: scan, step past the hit */
            for (size_t pos = 0; pos <= n;) {
                size_t a = v->newline(buf + off + pos, n - pos), b = hme_scan_newline_scalar(buf + off + pos, n - pos);
                if (a != b) { bad++; break; }
                pos += a + 1;
            }
            for (size_t pos = 0; pos <= n;) {
                size_t a = v->strspecial(buf + off + pos, n - pos), b = hme_scan_strspecial_scalar(buf + off + pos, n - pos);
                if (a != b) { bad++; break; }
                pos += a + 1;
            }
        }
        CHECK_MSG(bad == 0, "%s: %d mismatches", v->name, bad);
    }
}

static void dispatch(void) {
    CHECK(hme_scan_impl_named("scalar") != NULL);
    CHECK(hme_scan_impl_named("sse2") != NULL);
    CHECK(hme_scan_impl_named("avx512") == NULL);
    CHECK(hme_scan_impl_named("avx2") == NULL || __builtin_cpu_supports("avx2"));
    const hme_scan_impl *a = hme_scan_active();
    CHECK(a != NULL);
    const char *env = getenv("HME_SIMD");
    if (env && hme_scan_impl_named(env)) CHECK_EQ_STR(a->name, env);
}

int main(void) {
    RUN(scalar_semantics);
    RUN(exhaustive_positions);
    RUN(random_buffers);
    RUN(dispatch);
    return hme_t_summary();
}
