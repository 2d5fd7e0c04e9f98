/* harness.h - a tiny test framework: checks count, failures print file:line, and the
 * program ends with the line "N passed, N failed[, N skipped]" and exit status
 * 0 (all passed), 1 (a failure) or 77 (everything skipped: ctest shows it as skipped).
 *
 * Shared data (../shared) is reached through hme_t_shared("golden/v2/scores.ndjson"):
 * a missing file is a failure under CI=true and a clear skip otherwise.
 */
#ifndef HME_TEST_HARNESS_H
#define HME_TEST_HARNESS_H
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int hme_t_passed, hme_t_failed, hme_t_skipped;
static const char *hme_t_current = "";

#define CHECK(cond) do { if (cond) hme_t_passed++; else { hme_t_failed++; \
    fprintf(stderr, "%s:%d: [%s] CHECK failed: %s\n", __FILE__, __LINE__, hme_t_current, #cond); } } while (0)
#define CHECK_MSG(cond, ...) do { if (cond) hme_t_passed++; else { hme_t_failed++; \
    fprintf(stderr, "%s:%d: [%s] CHECK failed: %s: ", __FILE__, __LINE__, hme_t_current, #cond); \
    fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)
#define CHECK_EQ_INT(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); \
    CHECK_MSG(a_ == b_, "%lld != %lld", a_, b_); } while (0)
#define CHECK_EQ_STR(a, b) do { const char *a_ = (a), *b_ = (b); \
    CHECK_MSG(a_ && b_ && strcmp(a_, b_) == 0, "\"%s\" != \"%s\"", a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } while (0)
/* Bit-identical doubles (0.0 and -0.0 differ; NaN equals the same NaN). */
#define CHECK_EQ_BITS(a, b) do { double a_ = (a), b_ = (b); uint64_t ua_, ub_; \
    memcpy(&ua_, &a_, 8); memcpy(&ub_, &b_, 8); \
    CHECK_MSG(ua_ == ub_, "%.17g != %.17g", a_, b_); } while (0)

#define RUN(fn) do { hme_t_current = #fn; fn(); } while (0)

static inline int hme_t_in_ci(void) {
    const char *ci = getenv("CI");
    return ci && (strcmp(ci, "true") == 0 || strcmp(ci, "1") == 0);
}

/* Path of a file under the shared dir, or NULL (after counting a skip, or a failure in CI). */
static inline const char *hme_t_shared(const char *rel) {
    static char buf[8][4096];
    static int slot;
    const char *dir = getenv("HME_SHARED_DIR");
#ifdef HME_SHARED_DIR
    if (!dir) dir = HME_SHARED_DIR;
#endif
    if (!dir) dir = "../shared";
    char *p = buf[slot++ % 8];
    snprintf(p, 4096, "%s/%s", dir, rel);
    if (access(p, R_OK) == 0) return p;
    if (hme_t_in_ci()) {
        hme_t_failed++;
        fprintf(stderr, "[%s] FAIL: shared file missing in CI: %s\n", hme_t_current, p);
    } else {
        hme_t_skipped++;
        fprintf(stderr, "[%s] SKIP: shared file not found: %s (set HME_SHARED_DIR)\n", hme_t_current, p);
    }
    return NULL;
}

/* Reads a whole file (test inputs only); NULL on error. */
static inline char *hme_t_slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) { cap *= 2; char *nb = realloc(buf, cap + 1); if (!nb) { free(buf); buf = NULL; } else buf = nb; }
    }
    fclose(f);
    if (buf) { buf[n] = '\0'; if (len) *len = n; }
    return buf;
}

static inline int hme_t_summary(void) {
    printf("%d passed, %d failed", hme_t_passed, hme_t_failed);
    if (hme_t_skipped) printf(", %d skipped", hme_t_skipped);
    printf("\n");
    if (hme_t_failed) return 1;
    if (hme_t_skipped && !hme_t_passed) return 77;
    return 0;
}

#endif
