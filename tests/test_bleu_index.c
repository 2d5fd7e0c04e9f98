/* test_bleu_index.c - BLEU's prepared path (token keys, reference n-gram trie, trie walk)
 * against a naive oracle: NLTK's modified_precision written out literally (for each distinct
 * hypothesis n-gram, min(count in hypothesis, count in reference), counted by comparing
 * token strings), on random token sequences built to stress the keys: 0..7-byte tokens
 * packed exactly, 8+-byte tokens hashed, tokens that differ in one byte or only in length,
 * the empty token, bytes >= 0x80. Also: one reference index reused for many hypotheses (as
 * the nltk worker does) gives what a fresh one gives. The fast token keys (8-byte loads that
 * may read past a short token) equal the plain ones, also for tokens that end right before
 * an unreadable page. The golden files cover real text;
 * this covers the corners real text rarely reaches. */
#include "harness.h"
#include "metric/bleu.h"
#include "metric/metric.h"

#include <float.h>
#include <math.h>
#include <sys/mman.h>
#include <unistd.h>

static const char *const VOCAB[] = {
    "", "a", "A", "ab", "ba", "abc", "abd", "\xc3\xa9", "\xff", "the", "The", "thee",
    "abcd", "abce", "abcdefg", "abcdefh", "bcdefga",
    "abcdefgh", "abcdefgi", "abcdefghi", "abcdefghij", "xbcdefgh",
    "abcdefghabcdefgh", "abcdefghabcdefgi", "abcdefghabcdefgh!", "Xabcdefghabcdefgh",
    ".", ",", "''", "``", "n't",
};
#define NV (sizeof VOCAB / sizeof VOCAB[0])

static uint64_t rng = 0x243f6a8885a308d3ull;
static uint32_t next_u32(void) {
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

/* Tokens drawn from the first `spread` vocabulary words: small spreads repeat n-grams. */
static size_t random_text(hme_str *out, size_t max, size_t spread) {
    size_t n = next_u32() % (max + 1);
    for (size_t i = 0; i < n; i++) out[i] = hme_str_c(VOCAB[next_u32() % spread]);
    return n;
}

static bool same_gram(const hme_str *a, const hme_str *b, size_t n) {
    for (size_t k = 0; k < n; k++)
        if (!hme_str_eq(a[k], b[k])) return false;
    return true;
}

static size_t occurrences(const hme_str *g, size_t n, const hme_str *t, size_t nt) {
    size_t c = 0;
    for (size_t j = 0; j + n <= nt; j++) c += same_gram(g, t + j, n);
    return c;
}

/* sentence_bleu([ref], hyp) with NLTK's defaults, the n-gram counts done naively. */
static double oracle(const hme_str *ref, size_t nref, const hme_str *hyp, size_t nhyp) {
    uint64_t num[4] = { 0 };
    for (size_t n = 1; n <= 4; n++)
        for (size_t i = 0; i + n <= nhyp; i++) {
            bool seen = false;   /* count each distinct n-gram at its first occurrence */
            for (size_t p = 0; p < i && !seen; p++) seen = same_gram(hyp + p, hyp + i, n);
            if (seen) continue;
            size_t ch = occurrences(hyp + i, n, hyp, nhyp), cr = occurrences(hyp + i, n, ref, nref);
            num[n - 1] += ch < cr ? ch : cr;
        }
    if (num[0] == 0) return 0.0;
    double logs[4];
    for (size_t n = 1; n <= 4; n++) {
        uint64_t den = nhyp >= n ? nhyp - n + 1 : 1;
        double p = num[n - 1] ? (double)num[n - 1] / (double)den : DBL_MIN;
        logs[n - 1] = 0.25 * log(p);
    }
    return hme_bleu_brevity_penalty(nref, nhyp) * exp(hme_fsum(logs, 4, NULL));
}

static void prepared_path_equals_oracle(void) {
    hme_arena s;
    hme_arena_init(&s, NULL, 0);
    hme_str ref[80], hyp[80];
    size_t nonzero = 0;
    for (int it = 0; it < 3000; it++) {
        size_t spread = 2 + next_u32() % (NV - 1);
        size_t nref = random_text(ref, 60, spread), nhyp = random_text(hyp, 60, spread);
        double want = oracle(ref, nref, hyp, nhyp);
        double got = hme_bleu_sentence(ref, nref, hyp, nhyp, &s);
        CHECK_MSG(memcmp(&got, &want, sizeof got) == 0, "iteration %d: %.17g != oracle %.17g", it, got, want);
        nonzero += want > 0.0;
        hme_arena_reset(&s);
    }
    CHECK(nonzero > 1000);   /* the draws reach the n-gram code, not just the early zeros */
    hme_arena_free(&s);
}

/* The keys hme_bleu_score computes (whole 8-byte loads, masked) against the byte-by-byte
 * definition, for every length up to 40 and every position in the last 48 bytes of a page
 * followed by an unreadable one: same key, no fault (a load that could cross into the next
 * page must not be made). The bytes after a token differ between two copies of it and must
 * not change its key. Then whole BLEU scores from tokens that end at the guard page. */
static void fast_keys_equal_plain_keys(void) {
    long pg = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, (size_t)pg * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(m != MAP_FAILED);
    if (m == MAP_FAILED) return;
    CHECK(mprotect(m + pg, (size_t)pg, PROT_NONE) == 0);
    char *end = m + pg;
    size_t checked = 0;
    for (size_t len = 0; len <= 40; len++)
        for (size_t back = len; back <= 48; back++) {
            char *p = end - back;
            for (size_t i = 0; i < back; i++) p[i] = next_u32() & 1 ? (char)next_u32() : "\x00\xff a"[next_u32() % 4];
            uint64_t want = hme_bleu_token_key(p, len);
            CHECK_MSG(hme_bleu_token_key_fast(p, len) == want, "len %zu, %zu bytes before the page end", len, back);
            /* the same token earlier in the page, other bytes after it */
            char *q = m + 64 + back;
            memcpy(q, p, len);
            for (size_t i = len; i < len + 16; i++) q[i] = i < back ? (char)~p[i] : (char)0x55;
            CHECK_MSG(hme_bleu_token_key_fast(q, len) == want, "len %zu: the bytes after the token changed its key", len);
            checked++;
        }
    CHECK(checked > 900);
    /* a reference and a hypothesis whose tokens end at the guard page */
    hme_arena s;
    hme_arena_init(&s, NULL, 0);
    const char *words[] = { "a", "the", "cat", "sat", "mat", "token-12", "abcdefghijklmnopq" };
    for (int it = 0; it < 200; it++) {
        hme_str ref[12], hyp[12];
        char *at = end;
        for (int i = 0; i < 12; i++) {
            const char *w = words[next_u32() % 7];
            size_t n = strlen(w);
            at -= n + (next_u32() % 3);
            memcpy(at, w, n);
            (i < 6 ? ref : hyp)[i % 6] = (hme_str){ at, n };
        }
        double want = oracle(ref, 6, hyp, 6), got = hme_bleu_sentence(ref, 6, hyp, 6, &s);
        CHECK_MSG(memcmp(&got, &want, sizeof got) == 0, "iteration %d: %.17g != oracle %.17g", it, got, want);
        hme_arena_reset(&s);
    }
    hme_arena_free(&s);
    munmap(m, (size_t)pg * 2);
}

static void reused_index_equals_fresh(void) {
    hme_arena keep, s;
    hme_arena_init(&keep, NULL, 0);
    hme_arena_init(&s, NULL, 0);
    hme_str ref[80], hyp[80];
    for (int prompt = 0; prompt < 100; prompt++) {
        size_t spread = 2 + next_u32() % (NV - 1);
        size_t nref = random_text(ref, 70, spread);
        hme_arena_reset(&keep);
        const hme_bleu_ref *idx = hme_bleu_ref_build(ref, nref, &keep);
        CHECK(idx != NULL);
        if (!idx) break;
        for (int r = 0; r < 12; r++) {
            size_t nhyp = random_text(hyp, 70, spread);
            double got = hme_bleu_score(idx, hyp, nhyp, &s);
            double want = oracle(ref, nref, hyp, nhyp);
            CHECK_MSG(memcmp(&got, &want, sizeof got) == 0, "prompt %d response %d: %.17g != %.17g", prompt, r, got, want);
            hme_arena_reset(&s);
        }
    }
    hme_arena_free(&keep);
    hme_arena_free(&s);
}

/* Long texts over a big vocabulary: many distinct tokens and n-grams fill the tables into
 * long probe chains, and tokens of every key kind (packed, hashed up to 16 bytes, hashed
 * and compared with memcmp beyond) differ only in their last characters. */
static char big_vocab[3000][40];

static size_t big_text(hme_str *out, size_t min, size_t max, size_t spread) {
    size_t n = min + next_u32() % (max - min + 1);
    for (size_t i = 0; i < n; i++) out[i] = hme_str_c(big_vocab[next_u32() % spread]);
    return n;
}

static void long_texts_big_vocabulary(void) {
    static const char *const fmt[] = { "%x", "w%05d", "token-%08d", "a-very-long-token-%010d" };
    for (int v = 0; v < 3000; v++) snprintf(big_vocab[v], sizeof big_vocab[v], fmt[v % 4], v);
    hme_arena s;
    hme_arena_init(&s, NULL, 0);
    static hme_str ref[600], hyp[600];
    size_t spreads[] = { 12, 60, 400, 3000 };
    for (int it = 0; it < 8; it++) {
        size_t spread = spreads[it % 4];
        size_t nref = big_text(ref, 300, 600, spread), nhyp = big_text(hyp, 300, 600, spread);
        double want = oracle(ref, nref, hyp, nhyp);
        double got = hme_bleu_sentence(ref, nref, hyp, nhyp, &s);
        CHECK_MSG(memcmp(&got, &want, sizeof got) == 0, "iteration %d: %.17g != oracle %.17g", it, got, want);
        hme_arena_reset(&s);
    }
    hme_arena_free(&s);
}

/* The nltk worker caches the indexes of its last two references: scoring references in
 * turn (v1 prompts alternate two per response; a third evicts one) must give what a worker
 * that has never seen them gives. Runs without Punkt (the fallback tokenizer is enough). */
extern const hme_family hme_family_nltk;

static void family_reference_cache_is_transparent(void) {
    hme_metric_config cfg = { .nltk_data_dir = "/nonexistent", .wordnet_dir = getenv("HME_WORDNET_DIR") };
    void *sh = NULL;
    if (hme_family_nltk.open(&cfg, &sh, NULL) != HME_OK) { hme_t_skipped++; return; }
    void *w = hme_family_nltk.worker_new(sh);
    hme_arena a, s;
    hme_arena_init(&a, NULL, 0);
    hme_arena_init(&s, NULL, 0);
    const char *refs[] = { "the cat sat on the mat .", "a cat is on the mat , they say .", "on the mat sat the cat" };
    const char *hyps[] = { "the cat sat on the mat", "the cat is on the mat .", "cat mat sat on the the", "a dog ." };
    const void *r[3], *h[4];
    for (int i = 0; i < 3; i++) r[i] = hme_family_nltk.prepare(w, hme_str_c(refs[i]), &a);
    for (int i = 0; i < 4; i++) h[i] = hme_family_nltk.prepare(w, hme_str_c(hyps[i]), &a);
    static const int order[][2] = { {0,0}, {1,0}, {0,1}, {1,1}, {2,2}, {0,2}, {1,3}, {2,3}, {2,0}, {0,3} };
    bool want[2] = { false, true };
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        double cached[2], fresh[2];
        hme_family_nltk.score(w, r[order[k][0]], h[order[k][1]], want, cached, &s);
        void *w2 = hme_family_nltk.worker_new(sh);
        hme_family_nltk.score(w2, r[order[k][0]], h[order[k][1]], want, fresh, &s);
        hme_family_nltk.worker_free(w2);
        CHECK_MSG(memcmp(&cached[1], &fresh[1], sizeof(double)) == 0, "step %zu: %.17g != %.17g", k, cached[1], fresh[1]);
        hme_arena_reset(&s);
    }
    hme_arena_free(&a);
    hme_arena_free(&s);
    hme_family_nltk.worker_free(w);
    hme_family_nltk.close(sh);
}

int main(void) {
    RUN(prepared_path_equals_oracle);
    RUN(fast_keys_equal_plain_keys);
    RUN(reused_index_equals_fresh);
    RUN(long_texts_big_vocabulary);
    RUN(family_reference_cache_is_transparent);
    return hme_t_summary();
}
