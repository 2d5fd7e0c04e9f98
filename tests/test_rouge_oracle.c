/* test_rouge_oracle.c - the ROUGE family against a literal transcription of rouge-score's
 * _score_ngrams / _score_lcs / _summary_level_lcs (DP tables, Counter by linear search,
 * the union of backtracked index sets, both counters decremented) on thousands of random
 * multi-line texts over tiny vocabularies, where repeated words make the LCS choice and the
 * double-counting guard matter, and texts of many short lines. Every value must be
 * bit-identical. */
#include "harness.h"
#include "metric/lcs.h"
#include "metric/metric.h"
#include "tokenize/rouge_tok.h"

extern const hme_family hme_family_rouge;

static uint64_t rng = 88172645463325252ull;
static uint32_t rnd(uint32_t k) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return (uint32_t)(rng % k); }

static double fm(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

enum { MAXT = 400 };
static uint32_t table[(MAXT + 1) * (MAXT + 1)];

/* Counter of n-grams (n = 1, 2) by linear search: [key, count] pairs. */
typedef struct { uint64_t k[MAXT]; uint32_t c[MAXT]; size_t n; } counter;
static void cnt_add(counter *c, uint64_t k) {
    for (size_t i = 0; i < c->n; i++) if (c->k[i] == k) { c->c[i]++; return; }
    c->k[c->n] = k; c->c[c->n++] = 1;
}
static uint32_t cnt_get(const counter *c, uint64_t k) {
    for (size_t i = 0; i < c->n; i++) if (c->k[i] == k) return c->c[i];
    return 0;
}
static uint32_t *cnt_ref(counter *c, uint64_t k) {
    for (size_t i = 0; i < c->n; i++) if (c->k[i] == k) return &c->c[i];
    return NULL;
}

/* Tokens are ids < 64 here (a small vocabulary), so a bigram key is a * 64 + b. */
static void ngrams(const uint32_t *t, size_t n, int order, counter *c) {
    c->n = 0;
    for (size_t i = 0; i + (size_t)order <= n; i++) cnt_add(c, order == 1 ? t[i] : (uint64_t)t[i] * 64 + t[i + 1]);
}

static void score_ngrams(const uint32_t *r, size_t nr, const uint32_t *p, size_t np, int order, double out[3]) {
    static counter tc, pc;
    ngrams(r, nr, order, &tc);
    ngrams(p, np, order, &pc);
    size_t inter = 0, tt = 0, pt = 0;
    for (size_t i = 0; i < tc.n; i++) {
        uint32_t a = tc.c[i], b = cnt_get(&pc, tc.k[i]);
        inter += a < b ? a : b;
    }
    for (size_t i = 0; i < tc.n; i++) tt += tc.c[i];
    for (size_t i = 0; i < pc.n; i++) pt += pc.c[i];
    double prec = (double)inter / (double)(pt > 1 ? pt : 1), rec = (double)inter / (double)(tt > 1 ? tt : 1);
    out[0] = fm(prec, rec); out[1] = rec; out[2] = prec;
}

static void score_lcs(const uint32_t *r, size_t nr, const uint32_t *p, size_t np, double out[3]) {
    if (!nr || !np) { out[0] = out[1] = out[2] = 0; return; }
    uint32_t idx[MAXT];
    size_t l = hme_lcs_indices_dp(r, nr, p, np, table, idx);
    double prec = (double)l / (double)np, rec = (double)l / (double)nr;
    out[0] = fm(prec, rec); out[1] = rec; out[2] = prec;
}

/* sentences: start offsets into the token array, as rouge-score's token lists. */
typedef struct { const uint32_t *t; size_t n; } sent;

static void summary_lcs(const sent *rs, size_t nrs, const sent *cs, size_t ncs, double out[3]) {
    out[0] = out[1] = out[2] = 0;
    if (!nrs || !ncs) return;
    size_t m = 0, n = 0;
    for (size_t i = 0; i < nrs; i++) m += rs[i].n;
    for (size_t i = 0; i < ncs; i++) n += cs[i].n;
    if (!n || !m) return;
    static counter cr, cc;
    cr.n = cc.n = 0;
    for (size_t i = 0; i < nrs; i++) for (size_t k = 0; k < rs[i].n; k++) cnt_add(&cr, rs[i].t[k]);
    for (size_t i = 0; i < ncs; i++) for (size_t k = 0; k < cs[i].n; k++) cnt_add(&cc, cs[i].t[k]);
    size_t hits = 0;
    for (size_t i = 0; i < nrs; i++) {
        bool in_union[MAXT] = { 0 };
        for (size_t c = 0; c < ncs; c++) {
            uint32_t idx[MAXT];
            size_t k = hme_lcs_indices_dp(rs[i].t, rs[i].n, cs[c].t, cs[c].n, table, idx);
            for (size_t q = 0; q < k; q++) in_union[idx[q]] = true;
        }
        for (size_t q = 0; q < rs[i].n; q++) {
            if (!in_union[q]) continue;
            uint32_t t = rs[i].t[q];
            uint32_t *a = cnt_ref(&cc, t), *b = cnt_ref(&cr, t);
            if (a && b && *a > 0 && *b > 0) { hits++; (*a)--; (*b)--; }
        }
    }
    double rec = (double)hits / (double)m, prec = (double)hits / (double)n;
    out[0] = fm(prec, rec); out[1] = rec; out[2] = prec;
}

/* Small ids for the test's tokens: position in a list of seen 64-bit ids. */
static uint64_t seen[64];
static size_t nseen;
static uint32_t small_id(uint64_t id) {
    for (size_t i = 0; i < nseen; i++) if (seen[i] == id) return (uint32_t)i;
    seen[nseen] = id;
    return (uint32_t)nseen++;
}

static size_t to_sents(const hme_rouge_toks *t, bool stem, uint32_t *ids, sent *s) {
    for (uint32_t i = 0; i < t->n; i++) ids[i] = small_id(stem ? t->stem[i] : t->plain[i]);
    size_t st = 0;
    for (uint32_t k = 0; k < t->n_sent; k++) { s[k].t = ids + st; s[k].n = t->sent_end[k] - st; st = t->sent_end[k]; }
    return t->n_sent;
}

static const char *vocab[] = { "cat", "cats", "sat", "mat", "the", "on", "a", "running", "runs", "run" };

static char *random_text(char *buf, size_t words, uint32_t nvocab, uint32_t nl_every) {
    char *o = buf;
    for (size_t i = 0; i < words; i++) {
        const char *w = vocab[rnd(nvocab)];
        size_t l = strlen(w);
        memcpy(o, w, l);
        o += l;
        uint32_t r = rnd(nl_every + 3);
        *o++ = r == 0 ? '\n' : (r == 1 ? ',' : ' ');
        if (r == 0 && rnd(4) == 0) *o++ = '\n'; /* empty line */
    }
    *o = '\0';
    return buf;
}

static void random_pairs(void) {
    const hme_family *F = &hme_family_rouge;
    void *sh;
    F->open(NULL, &sh, NULL);
    void *w = F->worker_new(sh);
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    static char rb[8192], pb[8192];
    size_t bad = 0, cases = 0;
    for (int it = 0; it < 3000; it++) {
        uint32_t nv = 2 + rnd(9);
        if (it % 5 == 0) {
            /* many short lines: over 4096 pairs of lines, rouge.c's line index takes over */
            random_text(rb, 100 + rnd(150), nv, 1 + rnd(2));
            random_text(pb, 100 + rnd(150), nv, 1 + rnd(2));
        } else {
            random_text(rb, rnd(60), nv, 1 + rnd(12));
            random_text(pb, rnd(60), nv, 1 + rnd(12));
        }
        void *pr = F->prepare(w, hme_str_c(rb), &a), *pp = F->prepare(w, hme_str_c(pb), &a);
        bool want[24];
        double got[24];
        for (int i = 0; i < 24; i++) want[i] = true;
        F->score(w, pr, pp, want, got, &a);
        hme_rouge_tok *tk = hme_rouge_tok_new(NULL);
        for (int stem = 0; stem < 2; stem++) {
            hme_rouge_toks tr, tp;
            hme_rouge_tokenize(tk, rb, strlen(rb), &a, &tr);
            hme_rouge_tokenize(tk, pb, strlen(pb), &a, &tp);
            static uint32_t ri[MAXT], pi[MAXT];
            sent rs[MAXT], ps[MAXT];
            nseen = 0;
            size_t nrs = to_sents(&tr, stem == 0, ri, rs), nps = to_sents(&tp, stem == 0, pi, ps);
            double want_v[4][3];
            score_ngrams(ri, tr.n, pi, tp.n, 1, want_v[0]);
            score_ngrams(ri, tr.n, pi, tp.n, 2, want_v[1]);
            score_lcs(ri, tr.n, pi, tp.n, want_v[2]);
            summary_lcs(rs, nrs, ps, nps, want_v[3]);
            for (int type = 0; type < 4; type++)
                for (int k = 0; k < 3; k++) {
                    double g = got[type * 6 + (stem ? 3 : 0) + k], e = want_v[type][k];
                    if (memcmp(&g, &e, 8) != 0) {
                        if (bad++ < 5)
                            fprintf(stderr, "%s: %.17g != oracle %.17g\nref: %s\npred: %s\n", F->metric_names[type * 6 + (stem ? 3 : 0) + k],
                                    g, e, rb, pb);
                    }
                }
        }
        hme_rouge_tok_free(tk);
        hme_arena_reset(&a);
        cases++;
    }
    CHECK_MSG(bad == 0, "%zu values differ from the oracle over %zu pairs", bad, cases);
    CHECK_EQ_INT(cases, 3000);
    F->worker_free(w);
    hme_arena_free(&a);
    F->close(sh);
}

int main(void) {
    RUN(random_pairs);
    return hme_t_summary();
}
