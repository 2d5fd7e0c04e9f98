/* tfidf_cosine.c - the `cosine` metric, as the reference computes it:
 *
 *   X = TfidfVectorizer().fit_transform([reference, response]).toarray()
 *   cosine_similarity(X)[0][1]            (scikit-learn 1.2.1, numpy 1.24, netlib BLAS)
 *
 * Every step is redone in the reference's order of float operations, because the golden
 * values are bit-exact results of that order (measured: a plain sparse dot product agrees
 * with only 759 of the 3,288 v2 golden values, this order with all of them):
 *  1. counts -> count * idf, idf = ln(3 / (df + 1)) + 1: 1.0 for a shared token,
 *     ln(1.5) + 1 for a token of one text only (smooth_idf, n = 2);
 *  2. TfidfTransformer's l2 normalization is sparse (inplace_csr_row_normalize_l2): the
 *     sum of squares runs over the CSR row in stored order, which after `X * idf_diag`
 *     (scipy csr_matmat emits a row's columns in reverse insertion order) is the REVERSE
 *     of CountVectorizer's order: tokens by first appearance in the corpus [ref, resp];
 *  3. .toarray(): dense rows over the vocabulary in sorted (code point) order;
 *  4. cosine_similarity normalizes again, densely: row_norms = einsum("ij,ij->i"), whose
 *     numpy 1.24 baseline (SSE2) kernel keeps 2 lanes (even/odd columns) and adds blocks
 *     of 8 columns as p0 + (p2 + (p4 + (p6 + acc))) per lane, then lane0 + lane1;
 *  5. X @ X.T is reference BLAS (dsyrk/ddot): a left-to-right sum over the columns.
 * When neither text has a token TfidfVectorizer raises "empty vocabulary"; hme returns
 * 0.0 and flags it. A numpy build whose einsum used wider vectors would group step 4's sum
 * differently (an ulp or so); the golden values pin this one. Out of scratch memory the
 * score is NaN, so a failure can never pass for a real value. */
#include "metric/metric.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tokenize/tfidf_tok.h"

static const char *const names[] = { "cosine", };

typedef struct tfidf_text {
    hme_bag bag;
    uint32_t *sorted;   /* [bag.n] distinct tokens in code point order */
} tfidf_text;

static double idf_one_doc;   /* ln(1.5) + 1, set by open() */

static hme_code open_(const hme_metric_config *cfg, void **shared, hme_error *err) {
    (void)cfg; (void)err;
    idf_one_doc = log(3.0 / 2.0) + 1;
    *shared = NULL;
    return HME_OK;
}

static void close_(void *shared) { (void)shared; }

static char worker_token;
static void *worker_new(void *shared) { (void)shared; return &worker_token; }
static void worker_free(void *worker) { (void)worker; }

/* Python compares str by code point, which is UTF-8 byte order with a prefix first. */
static int tok_cmp(hme_str a, hme_str b) {
    size_t n = a.len < b.len ? a.len : b.len;
    int c = n ? memcmp(a.ptr, b.ptr, n) : 0;
    if (c) return c;
    return (a.len > b.len) - (a.len < b.len);
}

static _Thread_local const hme_str *tls_sort_base;
static int cmp_idx(const void *x, const void *y) {
    return tok_cmp(tls_sort_base[*(const uint32_t *)x], tls_sort_base[*(const uint32_t *)y]);
}

static void *prepare(void *worker, hme_str text, hme_arena *arena) {
    (void)worker;
    tfidf_text *t = hme_arena_alloc(arena, sizeof *t);
    hme_str *toks;
    size_t n;
    if (!t || !hme_tfidf_tokenize(text.ptr, text.len, arena, &toks, &n)) return NULL;
    if (!hme_bag_build(toks, n, arena, &t->bag)) return NULL;
    t->sorted = hme_arena_alloc(arena, t->bag.n * sizeof *t->sorted);
    if (!t->sorted) return NULL;
    for (size_t i = 0; i < t->bag.n; i++) t->sorted[i] = (uint32_t)i;
    tls_sort_base = t->bag.tok;
    qsort(t->sorted, t->bag.n, sizeof *t->sorted, cmp_idx);
    return t;
}

/* numpy 1.24 einsum("ij,ij->i") inner kernel on the x86-64 baseline, see step 4. */
static double einsum_sum_squares(const double *x, size_t n) {
    double acc0 = 0.0, acc1 = 0.0;
    size_t i = 0;
    for (; n - i >= 8; i += 8) {
        acc0 = x[i + 6] * x[i + 6] + acc0;
        acc1 = x[i + 7] * x[i + 7] + acc1;
        acc0 = x[i + 4] * x[i + 4] + acc0;
        acc1 = x[i + 5] * x[i + 5] + acc1;
        acc0 = x[i + 2] * x[i + 2] + acc0;
        acc1 = x[i + 3] * x[i + 3] + acc1;
        acc0 = x[i + 0] * x[i + 0] + acc0;
        acc1 = x[i + 1] * x[i + 1] + acc1;
    }
    for (; i < n; i += 2) {
        acc0 = x[i] * x[i] + acc0;
        if (i + 1 < n) acc1 = x[i + 1] * x[i + 1] + acc1;
    }
    return acc0 + acc1;
}

/* sklearn normalize(): divide by the l2 norm, a zero norm counts as 1 (_handle_zeros_in_scale). */
static void dense_normalize(double *x, size_t n) {
    double norm = sqrt(einsum_sum_squares(x, n));
    if (norm == 0.0) norm = 1.0;
    for (size_t i = 0; i < n; i++) x[i] /= norm;
}

static uint64_t score(void *worker, const void *ref_, const void *pred_, const bool *want, double *out,
                      hme_arena *scratch) {
    (void)worker;
    if (!want[0]) return 0;
    const tfidf_text *ref = ref_, *pred = pred_;
    const hme_bag *r = &ref->bag, *p = &pred->bag;
    out[0] = 0.0;
    if (r->n == 0 && p->n == 0) return 1;   /* ValueError: empty vocabulary */
    if (r->n == 0 || p->n == 0) return 0;   /* one row is zero: the dot product is 0.0 */

    long *r_in_p = hme_arena_alloc(scratch, r->n * sizeof *r_in_p);
    long *p_in_r = hme_arena_alloc(scratch, p->n * sizeof *p_in_r);
    double *w0 = hme_arena_alloc(scratch, r->n * sizeof *w0);
    double *w1 = hme_arena_alloc(scratch, p->n * sizeof *w1);
    double *d0 = hme_arena_alloc(scratch, (r->n + p->n) * sizeof *d0);
    double *d1 = hme_arena_alloc(scratch, (r->n + p->n) * sizeof *d1);
    if (!r_in_p || !p_in_r || !w0 || !w1 || !d0 || !d1) { out[0] = NAN; return 0; }
    for (size_t j = 0; j < p->n; j++) p_in_r[j] = -1;
    for (size_t i = 0; i < r->n; i++) {
        long k = hme_bag_find(p, r->tok[i], r->hash[i]);
        r_in_p[i] = k;
        if (k >= 0) p_in_r[k] = (long)i;
    }

    /* steps 1-2: tf * idf, then the sparse l2 normalization in reverse CountVectorizer order */
    double s = 0.0;
    for (size_t i = r->n; i-- > 0;) {
        w0[i] = (double)r->count[i] * (r_in_p[i] >= 0 ? 1.0 : idf_one_doc);
        s += w0[i] * w0[i];
    }
    s = sqrt(s);
    for (size_t i = 0; i < r->n; i++) w0[i] /= s;
    /* the response's row is sorted by corpus id: shared tokens (ids from the reference,
     * in its order), then its own new tokens; reversed */
    s = 0.0;
    for (size_t j = 0; j < p->n; j++) w1[j] = (double)p->count[j] * (p_in_r[j] >= 0 ? 1.0 : idf_one_doc);
    for (size_t j = p->n; j-- > 0;)
        if (p_in_r[j] < 0) s += w1[j] * w1[j];
    for (size_t i = r->n; i-- > 0;)
        if (r_in_p[i] >= 0) s += w1[r_in_p[i]] * w1[r_in_p[i]];
    s = sqrt(s);
    for (size_t j = 0; j < p->n; j++) w1[j] /= s;

    /* step 3: dense rows over the merged sorted vocabulary */
    size_t a = 0, b = 0, v = 0;
    while (a < r->n || b < p->n) {
        int c;
        if (a == r->n) c = 1;
        else if (b == p->n) c = -1;
        else c = tok_cmp(r->tok[ref->sorted[a]], p->tok[pred->sorted[b]]);
        d0[v] = c <= 0 ? w0[ref->sorted[a]] : 0.0;
        d1[v] = c >= 0 ? w1[pred->sorted[b]] : 0.0;
        if (c <= 0) a++;
        if (c >= 0) b++;
        v++;
    }
    /* steps 4-5 */
    dense_normalize(d0, v);
    dense_normalize(d1, v);
    double dot = 0.0;
    for (size_t k = 0; k < v; k++) dot += d0[k] * d1[k];
    out[0] = dot;
    return 0;
}

static const char *signature(void *shared, size_t i) {
    (void)shared; (void)i;
    return "sklearn-1.2.1-tfidf-cosine|tok:sklearn-default|dense-numpy-1.24-netlib|hme-" HME_VERSION_STRING;
}

const hme_family hme_family_tfidf = {
    .name = "tfidf", .n_metrics = sizeof names / sizeof names[0], .metric_names = names,
    .needs_reference = true, .open = open_, .close = close_, .worker_new = worker_new,
    .worker_free = worker_free, .prepare = prepare, .score = score, .signature = signature,
};
