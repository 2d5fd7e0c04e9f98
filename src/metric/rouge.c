/* rouge.c - the ROUGE family: rouge-score 0.1.2 RougeScorer([t], use_stemmer).score(ref, resp)
 * for t in rouge1, rouge2, rougeL, rougeLsum, stemmed and not, as F / recall / precision.
 *
 * prepare() tokenizes a text once into ids for both settings (tokenize/rouge_tok.h) and,
 * per setting, numbers its distinct tokens (first appearance), counts them and sorts their
 * ids, so score() does no string work and no hashing. Per pair and setting, one merge of
 * the two sorted id lists gives joint dense ids 0..V-1 with the response's own numbering
 * first (0..Vp-1) and, on the way, the rouge1 overlap (sum of min counts); counters become
 * arrays and the LCS pattern table only needs rows for the response's Vp ids. Work shared
 * by metrics is done once: rougeL's LCS serves rougeLsum when both texts are one line.
 *
 * Values are the reference's: Python int / int true division (exact ints -> correctly
 * rounded double) and fmeasure = 2 * p * r / (p + r) evaluated left to right.
 *
 * Token ids (hash/token_id.h) are exact for tokens up to 12 characters and a 63-bit hash
 * above; when two texts share a hashed id the merge compares the two strings, so a hash
 * collision between the reference and the response cannot make two words equal. (Two
 * colliding long words inside one text would still be merged: odds ~2^-63 per pair.)
 *
 * rougeLsum (_summary_level_lcs) notes:
 *  - Lines without tokens change nothing (they add no token and no LCS index), and a text
 *    whose lines hold no token at all gives 0 as the empty-sentence-list case does.
 *  - With one line on each side the union LCS is that one LCS, each of whose tokens is
 *    counted at most as often as it occurs on either side, so hits = LCS length: the
 *    rougeL value is reused.
 *  - Otherwise we walk rouge-score's own loops: for each (reference line, response line)
 *    the exact index set its backtrack picks (bit-parallel rows, metric/lcs.h), unioned
 *    per reference line, then the counted hits in reference order.
 */
#include "metric/metric.h"

#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "hash/dense_ids.h"
#include "hash/token_id.h"
#include "metric/lcs.h"
#include "tokenize/rouge_tok.h"

static const char *const names[] = { "rouge1", "rouge1-recall", "rouge1-precision", "rouge1-nostemmed", "rouge1-recall-nostemmed", "rouge1-precision-nostemmed", "rouge2", "rouge2-recall", "rouge2-precision", "rouge2-nostemmed", "rouge2-recall-nostemmed", "rouge2-precision-nostemmed", "rougeL", "rougeL-recall", "rougeL-precision", "rougeL-nostemmed", "rougeL-recall-nostemmed", "rougeL-precision-nostemmed", "rougeLsum", "rougeLsum-recall", "rougeLsum-precision", "rougeLsum-nostemmed", "rougeLsum-recall-nostemmed", "rougeLsum-precision-nostemmed", };

#define N_METRICS 24
enum { T_R1, T_R2, T_L, T_LSUM };

/* score_multi picks the reference per ROUGE type by its F-measure: every metric of a
 * (type, stemming) keys on that group's F metric. */
static const uint8_t max_key[N_METRICS] = { 0, 0, 0, 3, 3, 3, 6, 6, 6, 9, 9, 9, 12, 12, 12, 15, 15, 15, 18, 18, 18, 21, 21, 21 };

static const char sig_stem[] = "rouge-score-0.1.2|tok:rouge|stem:porter-nltk|hme-" HME_VERSION_STRING;
static const char sig_plain[] = "rouge-score-0.1.2|tok:rouge|stem:none|hme-" HME_VERSION_STRING;

typedef struct worker {
    const hme_allocator *al;
    hme_rouge_tok *tok;
    hme_dense ids;      /* token id -> dense id, per pair */
    hme_dense bigrams;  /* dense bigram -> bigram index, per pair */
} worker;

static int shared_token;

static hme_code open_(const hme_metric_config *cfg, void **shared, hme_error *err) {
    (void)cfg; (void)err;
    *shared = &shared_token;
    return HME_OK;
}

static void close_(void *shared) { (void)shared; }

static void worker_free(void *p) {
    worker *w = p;
    if (!w) return;
    hme_rouge_tok_free(w->tok);
    hme_dense_free(&w->ids);
    hme_dense_free(&w->bigrams);
    hme_free(w->al, w);
}

static void *worker_new(void *shared) {
    (void)shared;
    const hme_allocator *al = hme_alloc_default();
    worker *w = hme_calloc(al, 1, sizeof *w);
    if (!w) return NULL;
    w->al = al;
    hme_dense_init(&w->ids, al);
    hme_dense_init(&w->bigrams, al);
    w->tok = hme_rouge_tok_new(al);
    if (!w->tok) { worker_free(w); return NULL; }
    return w;
}

/* A prepared text: its tokens, and per setting the tokens as local ids 0..nu-1 (first
 * appearance order) with the distinct ids sorted, so that score() joins two texts' ids by
 * a linear merge instead of hashing every token of every pair. */
typedef struct setting_prep {
    uint32_t *local;        /* [n] */
    uint32_t nu;            /* distinct tokens */
    uint64_t *sorted_id;    /* [nu] ascending */
    uint32_t *sorted_local; /* [nu] local id of sorted_id[k] */
    hme_str *str;           /* [nu] the token of a hashed id (NULL when the text has none) */
    uint32_t *count;        /* [nu] occurrences of each local id (rouge-score's Counter) */
} setting_prep;

typedef struct prep {
    hme_rouge_toks t;
    setting_prep s[2]; /* [0] stemmed, [1] plain */
} prep;

typedef struct id_local { uint64_t id; uint32_t local; } id_local;

/* Sorts by id (ids are distinct). An inlined quicksort: qsort's indirect comparisons were
 * a sixth of prepare(). */
static void sort_ids(id_local *v, size_t n) {
    while (n > 16) {
        uint64_t a = v[0].id, b = v[n / 2].id, c = v[n - 1].id;
        uint64_t piv = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
        size_t i = 0, j = n - 1;
        for (;;) {
            while (v[i].id < piv) i++;
            while (v[j].id > piv) j--;
            if (i >= j) break;
            id_local t = v[i]; v[i] = v[j]; v[j] = t;
            i++; j--;
        }
        /* [0, j] <= piv <= [j+1, n): recurse on the smaller side, loop on the larger. */
        size_t left = j + 1;
        if (left < n - left) { sort_ids(v, left); v += left; n -= left; }
        else { sort_ids(v + left, n - left); n = left; }
    }
    for (size_t i = 1; i < n; i++) {
        id_local x = v[i];
        size_t j = i;
        while (j > 0 && v[j - 1].id > x.id) { v[j] = v[j - 1]; j--; }
        v[j] = x;
    }
}

static bool prepare_setting(worker *w, const hme_rouge_toks *t, bool stemmed, hme_arena *arena, setting_prep *sp) {
    const uint64_t *ids = stemmed ? t->stem : t->plain;
    uint32_t n = t->n;
    sp->local = hme_arena_alloc(arena, (n + 1) * sizeof *sp->local);
    if (!sp->local || !hme_dense_reset(&w->ids, n)) return false;
    for (uint32_t i = 0; i < n; i++) sp->local[i] = hme_dense_intern(&w->ids, ids[i]);
    uint32_t nu = sp->nu = w->ids.count;
    sp->count = hme_arena_calloc(arena, nu + 1, sizeof *sp->count);
    if (!sp->count) return false;
    for (uint32_t i = 0; i < n; i++) sp->count[sp->local[i]]++;
    sp->str = NULL;
    if (t->n_long) {
        sp->str = hme_arena_calloc(arena, nu, sizeof *sp->str);
        if (!sp->str) return false;
        for (uint32_t k = 0; k < t->n_long; k++) {
            uint32_t at = t->long_at[k];
            if (ids[at] & HME_TOKEN_ID_HASHED) sp->str[sp->local[at]] = stemmed ? t->long_stem[k] : t->long_plain[k];
        }
    }
    id_local *pairs = hme_arena_alloc(arena, (nu + 1) * sizeof *pairs);
    sp->sorted_id = hme_arena_alloc(arena, (nu + 1) * sizeof *sp->sorted_id);
    sp->sorted_local = hme_arena_alloc(arena, (nu + 1) * sizeof *sp->sorted_local);
    if (!pairs || !sp->sorted_id || !sp->sorted_local) return false;
    for (uint32_t i = 0, next = 0; i < n; i++)
        if (sp->local[i] == next) { pairs[next].id = ids[i]; pairs[next].local = next; next++; }
    sort_ids(pairs, nu);
    for (uint32_t k = 0; k < nu; k++) { sp->sorted_id[k] = pairs[k].id; sp->sorted_local[k] = pairs[k].local; }
    return true;
}

static void *prepare(void *wp, hme_str text, hme_arena *arena) {
    worker *w = wp;
    prep *p = hme_arena_alloc(arena, sizeof *p);
    if (!p || !hme_rouge_tokenize(w->tok, text.ptr, text.len, arena, &p->t)) return NULL;
    if (!prepare_setting(w, &p->t, true, arena, &p->s[0]) || !prepare_setting(w, &p->t, false, arena, &p->s[1]))
        return NULL;
    return p;
}

static double fmeasure(double p, double r) {
    if (p + r > 0) return 2 * p * r / (p + r);
    return 0.0;
}

/* Writes F, recall, precision at out[base..base+2] where wanted. */
static void put(double *out, const bool *want, size_t base, double p, double r) {
    if (want[base]) out[base] = fmeasure(p, r);
    if (want[base + 1]) out[base + 1] = r;
    if (want[base + 2]) out[base + 2] = p;
}

static size_t max1(size_t x) { return x ? x : 1; }

/* One setting (stemmed or plain) of one pair, in dense ids. */
typedef struct pair {
    const uint32_t *r, *p;   /* reference (target) and response (prediction) */
    size_t nr, np;
    uint32_t vp, v;          /* ids < vp occur in the response; v ids in all */
    const hme_rouge_toks *tr, *tp;
    const setting_prep *sr, *sp; /* counts: sp->count by joint id (< vp), sr->count by reference local id */
    const uint32_t *map;         /* reference local id -> joint id */
    size_t inter1;               /* rouge1 overlap, found by the merge */
} pair;

static bool rouge2(worker *w, const pair *x, hme_arena *s, size_t *inter) {
    *inter = 0;
    if (x->np < 2 || x->nr < 2) return true;
    if (!hme_dense_reset(&w->bigrams, x->np)) return false;
    uint32_t *cp = hme_arena_calloc(s, x->np, sizeof *cp), *ct = hme_arena_calloc(s, x->np, sizeof *ct);
    if (!cp || !ct) return false;
    uint64_t v = x->v;
    for (size_t j = 0; j + 1 < x->np; j++) cp[hme_dense_intern(&w->bigrams, (uint64_t)x->p[j] * v + x->p[j + 1])]++;
    size_t k = 0;
    for (size_t i = 0; i + 1 < x->nr; i++) {
        uint32_t a = x->r[i], b = x->r[i + 1];
        if (a >= x->vp || b >= x->vp) continue;
        uint32_t d = hme_dense_find(&w->bigrams, (uint64_t)a * v + b);
        if (d != UINT32_MAX && ++ct[d] <= cp[d]) k++;
    }
    *inter = k;
    return true;
}

static bool lcs_whole(const pair *x, hme_arena *s, size_t *len) {
    size_t words = hme_lcs_words(x->np);
    uint64_t *pm = hme_arena_calloc(s, (size_t)x->vp * words, sizeof *pm);
    uint64_t *v = hme_arena_alloc(s, words * sizeof *v);
    if (!pm || !v) return false;
    hme_lcs_pm_set(pm, words, x->p, x->np);
    *len = hme_lcs_length_bp(x->r, x->nr, pm, x->vp, x->np, v);
    return true;
}

/* rouge-score's union-LCS hits over all (reference line, response line) pairs. */
static bool lsum_hits(const pair *x, hme_arena *s, size_t *hits) {
    const hme_rouge_toks *tr = x->tr, *tp = x->tp;
    size_t max_r = 0, max_wc = 1;
    for (uint32_t a = 0, st = 0; a < tr->n_sent; st = tr->sent_end[a++])
        if (tr->sent_end[a] - st > max_r) max_r = tr->sent_end[a] - st;
    for (uint32_t c = 0, st = 0; c < tp->n_sent; st = tp->sent_end[c++])
        if (hme_lcs_words(tp->sent_end[c] - st) > max_wc) max_wc = hme_lcs_words(tp->sent_end[c] - st);
    uint64_t *pm = hme_arena_calloc(s, (size_t)x->vp * max_wc, sizeof *pm);
    uint64_t *rows = hme_arena_alloc(s, (max_r + 1) * max_wc * sizeof *rows);
    const uint64_t **rowp = hme_arena_alloc(s, (max_r + 1) * sizeof *rowp);
    uint32_t *idx = hme_arena_alloc(s, (max_r + 1) * sizeof *idx);
    uint64_t *uni = hme_arena_calloc(s, hme_lcs_words(x->nr), sizeof *uni);
    uint32_t *cnt_c = hme_arena_calloc(s, x->v, sizeof *cnt_c), *cnt_r = hme_arena_alloc(s, (x->v + 1) * sizeof *cnt_r);
    /* Where each response token occurs in the reference (positions grouped by joint id, for
     * ids < vp) and which reference line each position is on: a pair of lines sharing no
     * token has an empty LCS, so only the reference lines that share one are visited. On
     * ordinary texts nearly every pair of lines shares a word ("the"), and the index costs
     * more than it saves; it pays off for many short lines, where the pairs of lines would
     * otherwise grow quadratically. */
    bool use_index = (uint64_t)tr->n_sent * tp->n_sent > 4096;
    uint32_t *occ_start = hme_arena_calloc(s, (size_t)x->vp + 1, sizeof *occ_start);
    uint32_t *occ = hme_arena_alloc(s, (x->nr + 1) * sizeof *occ), *line_of = hme_arena_alloc(s, (x->nr + 1) * sizeof *line_of);
    uint32_t *line_seen = hme_arena_calloc(s, tr->n_sent + 1, sizeof *line_seen), *tok_seen = hme_arena_calloc(s, (size_t)x->vp + 1, sizeof *tok_seen);
    uint32_t *lines = hme_arena_alloc(s, (tr->n_sent + 1) * sizeof *lines);
    if (!pm || !rows || !rowp || !idx || !uni || !cnt_c || !cnt_r || !occ_start || !occ || !line_of || !line_seen ||
        !tok_seen || !lines)
        return false;
    if (use_index) {
        for (uint32_t a = 0, st = 0; a < tr->n_sent; st = tr->sent_end[a++])
            for (uint32_t i = st; i < tr->sent_end[a]; i++) line_of[i] = a;
        for (size_t i = 0; i < x->nr; i++) if (x->r[i] < x->vp) occ_start[x->r[i] + 1]++;
        for (uint32_t t = 0; t < x->vp; t++) occ_start[t + 1] += occ_start[t];
        for (size_t i = 0; i < x->nr; i++) if (x->r[i] < x->vp) occ[occ_start[x->r[i]]++] = (uint32_t)i;
        for (uint32_t t = x->vp; t > 0; t--) occ_start[t] = occ_start[t - 1]; /* filling shifted the starts */
        occ_start[0] = 0;
    } else {
        for (uint32_t a = 0; a < tr->n_sent; a++) lines[a] = a;
    }
    /* The union of index sets does not depend on the order of the loops: response lines
     * outside, so each pattern table is built once. */
    for (uint32_t c = 0, cs = 0; c < tp->n_sent; cs = tp->sent_end[c++]) {
        size_t lc = tp->sent_end[c] - cs, wc = hme_lcs_words(lc);
        const uint32_t *cb = x->p + cs;
        uint32_t stamp = c + 1, nl = use_index ? 0 : tr->n_sent;
        for (size_t j = 0; use_index && j < lc; j++) {
            uint32_t t = cb[j];
            if (tok_seen[t] == stamp) continue;
            tok_seen[t] = stamp;
            for (uint32_t o = occ_start[t]; o < occ_start[t + 1]; o++) {
                uint32_t a = line_of[occ[o]];
                if (line_seen[a] != stamp) { line_seen[a] = stamp; lines[nl++] = a; }
            }
        }
        if (nl == 0) continue;
        hme_lcs_pm_set(pm, wc, cb, lc);
        for (uint32_t li = 0; li < nl; li++) {
            uint32_t a = lines[li], rs = a ? tr->sent_end[a - 1] : 0;
            size_t lr = tr->sent_end[a] - rs;
            size_t k = hme_lcs_indices_bp(x->r + rs, lr, cb, lc, pm, x->vp, rows, rowp, idx);
            for (size_t q = 0; q < k; q++) {
                size_t pos = rs + idx[q];
                uni[pos / 64] |= (uint64_t)1 << (pos % 64);
            }
        }
        hme_lcs_pm_clear(pm, wc, cb, lc);
    }
    memcpy(cnt_c, x->sp->count, x->vp * sizeof *cnt_c); /* joint ids >= vp: 0 */
    /* only the reference's joint ids are ever read from cnt_r */
    for (uint32_t a = 0; a < x->sr->nu; a++) cnt_r[x->map[a]] = x->sr->count[a];
    /* Reference lines in order, indices ascending within each: i.e. all positions ascending. */
    size_t h = 0;
    for (size_t wi = 0; wi < hme_lcs_words(x->nr); wi++) {
        uint64_t bits = uni[wi];
        while (bits) {
            size_t pos = wi * 64 + (size_t)__builtin_ctzll(bits);
            bits &= bits - 1;
            uint32_t t = x->r[pos];
            if (cnt_c[t] > 0 && cnt_r[t] > 0) { h++; cnt_c[t]--; cnt_r[t]--; }
        }
    }
    *hits = h;
    return true;
}

static bool any3(const bool *want, size_t base) { return want[base] || want[base + 1] || want[base + 2]; }

static bool score_setting(worker *w, const prep *ref, const prep *pred, bool stemmed, const bool *want,
                          double *out, hme_arena *s) {
    size_t off = stemmed ? 0 : 3;
    bool need[4];
    for (int t = 0; t < 4; t++) need[t] = any3(want, (size_t)t * 6 + off);
    if (!need[0] && !need[1] && !need[2] && !need[3]) return true;

    const setting_prep *sr = &ref->s[stemmed ? 0 : 1], *sp = &pred->s[stemmed ? 0 : 1];
    pair x = { 0 };
    x.nr = ref->t.n;
    x.np = pred->t.n;
    x.tr = &ref->t;
    x.tp = &pred->t;
    /* Joint dense ids: the response's local ids as they are (0..vp-1), the reference's
     * mapped through a merge of the two sorted distinct-id lists. */
    x.vp = sp->nu;
    uint32_t *map = hme_arena_alloc(s, (sr->nu + 1) * sizeof *map), *dr = hme_arena_alloc(s, (x.nr + 1) * sizeof *dr);
    if (!map || !dr) return false;
    uint32_t extra = x.vp;
    size_t inter1 = 0;
    for (uint32_t a = 0, b = 0; a < sr->nu; a++) {
        uint64_t id = sr->sorted_id[a];
        while (b < sp->nu && sp->sorted_id[b] < id) b++;
        bool same = b < sp->nu && sp->sorted_id[b] == id;
        if (same && (id & HME_TOKEN_ID_HASHED))
            same = hme_str_eq(sr->str[sr->sorted_local[a]], sp->str[sp->sorted_local[b]]); /* collision check */
        uint32_t la = sr->sorted_local[a];
        if (same) {
            /* rouge1: sum over shared unigrams of min(target count, prediction count) */
            uint32_t lb = sp->sorted_local[b], ca = sr->count[la], cb = sp->count[lb];
            inter1 += ca < cb ? ca : cb;
            map[la] = lb;
        } else {
            map[la] = extra++;
        }
    }
    x.v = extra;
    for (size_t i = 0; i < x.nr; i++) dr[i] = map[sr->local[i]];
    x.r = dr;
    x.p = sp->local;
    x.sr = sr;
    x.sp = sp;
    x.map = map;
    x.inter1 = inter1;

    if (need[T_R1]) {
        size_t k = x.inter1;
        put(out, want, T_R1 * 6 + off, (double)k / (double)max1(x.np), (double)k / (double)max1(x.nr));
    }
    if (need[T_R2]) {
        size_t k;
        if (!rouge2(w, &x, s, &k)) return false;
        size_t bp = x.np ? x.np - 1 : 0, br = x.nr ? x.nr - 1 : 0;
        put(out, want, T_R2 * 6 + off, (double)k / (double)max1(bp), (double)k / (double)max1(br));
    }
    bool empty = x.nr == 0 || x.np == 0;
    size_t lcs = 0;
    bool have_lcs = false;
    bool one_line_each = ref->t.n_sent == 1 && pred->t.n_sent == 1;
    if (need[T_L] || (need[T_LSUM] && one_line_each)) {
        if (!empty && !lcs_whole(&x, s, &lcs)) return false;
        have_lcs = true;
    }
    if (need[T_L]) {
        if (empty) put(out, want, T_L * 6 + off, 0.0, 0.0);
        else put(out, want, T_L * 6 + off, (double)lcs / (double)x.np, (double)lcs / (double)x.nr);
    }
    if (need[T_LSUM]) {
        if (empty) {
            put(out, want, T_LSUM * 6 + off, 0.0, 0.0);
        } else {
            size_t hits = lcs;
            if (!(have_lcs && one_line_each) && !lsum_hits(&x, s, &hits)) return false;
            put(out, want, T_LSUM * 6 + off, (double)hits / (double)x.np, (double)hits / (double)x.nr);
        }
    }
    return true;
}

static uint64_t score(void *wp, const void *refp, const void *predp, const bool *want, double *out, hme_arena *scratch) {
    worker *w = wp;
    const prep *ref = refp, *pred = predp;
    /* score() has no error channel; the only failure is the scratch arena running out of
     * memory, and then the values not yet computed read 0.0 rather than garbage. */
    for (size_t i = 0; i < N_METRICS; i++)
        if (want[i]) out[i] = 0.0;
    score_setting(w, ref, pred, true, want, out, scratch);
    score_setting(w, ref, pred, false, want, out, scratch);
    return 0;
}

static const char *signature(void *shared, size_t i) {
    (void)shared;
    return (i % 6) < 3 ? sig_stem : sig_plain;
}

const hme_family hme_family_rouge = {
    .name = "rouge", .n_metrics = N_METRICS, .metric_names = names, .max_key = max_key,
    .needs_reference = true,
    .open = open_, .close = close_, .worker_new = worker_new, .worker_free = worker_free,
    .prepare = prepare, .score = score, .signature = signature,
};
