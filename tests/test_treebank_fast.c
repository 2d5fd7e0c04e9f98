/* test_treebank_fast.c - the regex-free Treebank passes (treebank_fast.c) give the same
 * tokens as the PCRE2 cascade (treebank.c), which equals NLTK 3.8:
 *  - every Punkt sentence of golden/v2/tokens.ndjson and golden/cases/tokens.ndjson, and the
 *    routed word_tokenize equals the golden "word_tokenize" field;
 *  - 300,000 generated sentences (fixed seed): half strung from the characters and words the
 *    rules react to (quotes next to periods at the end, ",," before digits, clitics before
 *    the padding space, contractions after brackets...), half short random strings over the
 *    rules' characters, so that every pair of rules meets;
 *  - the fast path declines exactly what hme_treebank_fast_accepts says, which the generated
 *    non-ASCII pieces (quotes, letters, digits, spaces, case-folding letters) exercise.
 * It also reports how many golden sentences take the fast path. */
#include "harness.h"

#include <stdbool.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "read/json.h"
#include "tokenize/treebank.h"
#include "tokenize/treebank_fast.h"
#include "tokenize/word_tokenize.h"

static hme_treebank *tb;
static hme_treebank_scratch *ts;
static hme_treebank_fast *fs;
static hme_tokvec cascade_toks, fast_toks;

static void show(const char *what, const hme_tokvec *v) {
    fprintf(stderr, "  %s (%zu):", what, v->n);
    for (size_t i = 0; i < v->n && i < 60; i++) fprintf(stderr, " [%.*s]", (int)v->v[i].len, v->v[i].ptr);
    fputc('\n', stderr);
}

static bool same_tokens(const hme_tokvec *a, const hme_tokvec *b) {
    if (a->n != b->n) return false;
    for (size_t i = 0; i < a->n; i++)
        if (!hme_str_eq(a->v[i], b->v[i]) || a->v[i].ptr[a->v[i].len] != '\0') return false;
    return true;
}

/* Runs both on one sentence; returns whether the fast path took it. */
static bool compare_one(const char *s, size_t len, hme_arena *arena, const char *where) {
    cascade_toks.n = fast_toks.n = 0;
    CHECK_EQ_INT(hme_treebank_append(tb, ts, s, len, arena, &cascade_toks), HME_OK);
    bool handled = false;
    CHECK_EQ_INT(hme_treebank_fast_append(fs, s, len, arena, &fast_toks, &handled), HME_OK);
    CHECK_MSG(handled == hme_treebank_fast_accepts(s, len), "%s: handled %d", where, (int)handled);
    if (!handled) return false;
    bool same = same_tokens(&cascade_toks, &fast_toks);
    CHECK_MSG(same, "%s: tokens differ for \"%.*s\"", where, (int)(len > 400 ? 400 : len), s);
    if (!same) { show("cascade", &cascade_toks); show("fast   ", &fast_toks); }
    return true;
}

/* Per golden record: each Punkt sentence fast vs cascade, and word_tokenize vs golden. */
static void run_golden(const char *rel, size_t expect_records) {
    const char *dir = hme_t_shared("nltk_data");
    const char *path = hme_t_shared(rel);
    if (!dir || !path) return;
    hme_wordtok_model *model;
    hme_error err;
    CHECK_EQ_INT(hme_wordtok_open(dir, NULL, &model, &err), HME_OK);
    hme_wordtok *wt = hme_wordtok_new(model);
    CHECK(wt != NULL);
    size_t len;
    char *buf = hme_t_slurp(path, &len);
    CHECK(buf != NULL);
    if (!buf || !wt) { hme_wordtok_free(wt); hme_wordtok_close(model); free(buf); return; }
    hme_arena arena;
    hme_arena_init(&arena, NULL, 0);
    size_t records = 0, sentences = 0, fast = 0, bytes = 0, fast_bytes = 0, golden_bad = 0;
    for (char *p = buf, *end = buf + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        hme_jval rec;
        if (n && hme_json_parse(p, n, &arena, &rec, &err) == HME_OK) {
            records++;
            const hme_jval *text = hme_json_get(&rec, "text"), *want = hme_json_get(&rec, "word_tokenize");
            CHECK(text && text->type == HME_JSTR && want && want->type == HME_JARR);
            if (text && text->type == HME_JSTR && want && want->type == HME_JARR) {
                const char *s = text->u.str.ptr;
                hme_span *sp;
                size_t ns;
                CHECK_EQ_INT(hme_punkt_sentences(wt, s, text->u.str.len, &arena, &sp, &ns), HME_OK);
                for (size_t i = 0; i < ns; i++) {
                    size_t sl = sp[i].end - sp[i].start;
                    sentences++;
                    bytes += sl;
                    if (compare_one(s + sp[i].start, sl, &arena, rel)) { fast++; fast_bytes += sl; }
                }
                hme_str *tk;
                size_t nt;
                CHECK_EQ_INT(hme_word_tokenize(wt, s, text->u.str.len, &arena, &tk, &nt), HME_OK);
                bool same = nt == want->u.arr.n;
                for (size_t i = 0; same && i < nt; i++) same = hme_str_eq(tk[i], want->u.arr.items[i].u.str);
                if (!same) golden_bad++;
                CHECK_MSG(same, "%s record %zu: word_tokenize differs from NLTK", rel, records);
            }
        }
        hme_arena_reset(&arena);
        p += n + 1;
    }
    CHECK_EQ_INT(records, expect_records);
    CHECK_EQ_INT(golden_bad, 0);
    printf("%s: %zu records, %zu sentences, fast path %zu (%.1f%%, %.1f%% of bytes)\n", rel, records,
           sentences, fast, sentences ? 100.0 * (double)fast / (double)sentences : 0.0,
           bytes ? 100.0 * (double)fast_bytes / (double)bytes : 0.0);
    hme_arena_free(&arena);
    hme_wordtok_free(wt);
    hme_wordtok_close(model);
    free(buf);
}

static void test_golden_v2(void) { run_golden("golden/v2/tokens.ndjson", 3562); }
static void test_golden_cases(void) { run_golden("golden/cases/tokens.ndjson", 132); }

/* splitmix64: a fixed seed gives the same sentences on every machine. */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint64_t rng(void) {
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}
static size_t pick(size_t n) { return (size_t)(rng() % n); }

/* Pieces the rules react to, and ordinary words and numbers. */
static const char *const PIECES[] = {
    ".", ".", ".", ",", ",", ":", ";", "'", "'", "\"", "\"", "`", "``", "(", ")", "[", "]", "{", "}",
    "<", ">", "-", "--", "---", "...", "..", "?", "!", "&", "$", "%", "@", "#", "*", "_",
    "0", "7", "42", "3.14", "1,000", "12:30", ",5", ":9",
    "can't", "cannot", "CanNot", "gonna", "Gonna", "wanna", "WANNA", "gimme", "gotta", "lemme",
    "more'n", "d'ye", "D'YE", "'tis", "'Twas", "'TIS", "'twas", "'s", "'S", "'m", "'d", "'ll", "'LL",
    "'re", "'ve", "'VE", "n't", "N'T", "'x", "'a", "'n", "'T", "'em", "''", "o'", "'90s",
    "don't", "I'm", "it's", "they're", "we've", "you'll", "he'd", "DON'T", "won't", "rock'n'roll",
    "a", "I", "the", "cat", "Dr", "U.S", "e.g", "x", "Z", "word", "naive",
};
static const char *const SEPARATORS[] = { " ", " ", " ", " ", "", "", "", "  ", "\n", "\t", " \n", "\r\n", "\x0b", "\x1c" };
/* « ” ’ é İ ſ K NBSP ideographic-space ß Ω ٣ ² 中 😀 NEL LS ‘ „ » “ ǅ */
static const char *const NON_ASCII[] = {
    "\xC2\xAB", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC3\xA9", "\xC4\xB0", "\xC5\xBF", "\xE2\x84\xAA",
    "\xC2\xA0", "\xE3\x80\x80", "\xC3\x9F", "\xCE\xA9", "\xD9\xA3", "\xC2\xB2", "\xE4\xB8\xAD",
    "\xF0\x9F\x98\x80", "\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\x98", "\xE2\x80\x9E", "\xC2\xBB",
    "\xE2\x80\x9C", "\xC7\x85", "\xC3\xA9", "\xC3\x9F", "\xE4\xB8\xAD", "\xC2\xB2",
};

/* Short strings over a small alphabet: the rules' characters next to each other in every
 * order (",,\n", ".')  ", "'t'", "(''"...), which whole pieces rarely produce. */
static size_t gen_chars(char *out) {
    static const char ALPHABET[] = ".,:;'\"`()[]<>-?!*&  \n\tasStTnNdDmMlLvVeErR0_";
    size_t len = 1 + pick(16), o = 0;
    for (size_t i = 0; i < len; i++) {
        if (pick(12) == 0) { /* a letter-like non-ASCII character next to the rules' bytes */
            const char *s = NON_ASCII[pick(sizeof NON_ASCII / sizeof *NON_ASCII)];
            memcpy(out + o, s, strlen(s));
            o += strlen(s);
        } else {
            out[o++] = ALPHABET[pick(sizeof ALPHABET - 1)];
        }
    }
    return o;
}

static size_t gen_sentence(char *out, size_t cap) {
    if (pick(2) == 0) return gen_chars(out);
    size_t o = 0, pieces = 1 + pick(pick(4) ? 12 : 40);
    if (pick(4) == 0) { const char *s = SEPARATORS[pick(sizeof SEPARATORS / sizeof *SEPARATORS)]; size_t k = strlen(s); memcpy(out + o, s, k); o += k; }
    for (size_t p = 0; p < pieces && o + 64 < cap; p++) {
        const char *s = pick(16) == 0 ? NON_ASCII[pick(sizeof NON_ASCII / sizeof *NON_ASCII)]
                                       : PIECES[pick(sizeof PIECES / sizeof *PIECES)];
        size_t k = strlen(s);
        memcpy(out + o, s, k);
        o += k;
        /* uppercase a letter now and then: (?i) rules and case-sensitive clitics differ */
        if (pick(8) == 0 && o && out[o - 1] >= 'a' && out[o - 1] <= 'z') out[o - 1] = (char)(out[o - 1] - 32);
        if (p + 1 < pieces || pick(4) == 0) {
            s = SEPARATORS[pick(sizeof SEPARATORS / sizeof *SEPARATORS)];
            k = strlen(s);
            memcpy(out + o, s, k);
            o += k;
        }
    }
    return o;
}

static void test_generated(void) {
    hme_arena arena;
    hme_arena_init(&arena, NULL, 0);
    char s[4096];
    size_t fast = 0, total = 300000;
    int failed_before = hme_t_failed;
    for (size_t i = 0; i < total; i++) {
        size_t len = gen_sentence(s, sizeof s);
        if (compare_one(s, len, &arena, "generated")) fast++;
        hme_arena_reset(&arena);
        if (hme_t_failed - failed_before > 20) { fprintf(stderr, "too many mismatches, stopping\n"); break; }
    }
    printf("generated: %zu sentences, fast path %zu\n", total, fast);
    CHECK(fast > total / 2); /* the fast path is exercised, not skipped */
    hme_arena_free(&arena);
}

/* Edges: empty and whitespace-only text, 64-byte block edges of the split, and which
 * non-ASCII characters are accepted or declined. */
static void test_edges(void) {
    hme_arena arena;
    hme_arena_init(&arena, NULL, 0);
    const char *cases[] = { "", " ", "\n", ".", "..", "'", "\"", "``", ":", ",", "a.", "a.\n", "a:\n", "--", "'t", " 'tis", "\"\"" };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) CHECK(compare_one(cases[i], strlen(cases[i]), &arena, cases[i]));
    /* tokens that end at, cross or fill the 64-byte blocks of the whitespace bit masks */
    char buf[300];
    for (size_t len = 1; len < 260; len++) {
        for (size_t variant = 0; variant < 4; variant++) {
            for (size_t i = 0; i < len; i++) buf[i] = variant == 0 ? 'a' : (i % (variant * 21 + 1) == 0 ? ' ' : 'b');
            if (variant == 3 && len > 2) buf[len - 1] = '.';
            compare_one(buf, len, &arena, "block edges");
        }
    }
    CHECK(compare_one("caf\xC3\xA9'x", 7, &arena, "non-ASCII letter"));
    CHECK(!compare_one("\xE2\x80\x9C" "caf\xC3\xA9.", 9, &arena, "curly quote"));
    CHECK(!hme_treebank_fast_accepts("a\xE2\x80\x9D", 4));
    CHECK(!hme_treebank_fast_accepts("a\xC2\xA0", 3)); /* NBSP: whitespace */
    CHECK(!hme_treebank_fast_accepts(",\xD9\xA3", 3)); /* Arabic-Indic three: \d */
    CHECK(!hme_treebank_fast_accepts("\xC5\xBF", 2));  /* long s: (?i) s */
    CHECK(hme_treebank_fast_accepts("a\x7f", 2));
    hme_arena_free(&arena);
}

int main(void) {
    hme_error err;
    CHECK_EQ_INT(hme_treebank_open(NULL, &tb, &err), HME_OK);
    ts = hme_treebank_scratch_new(tb, NULL);
    fs = hme_treebank_fast_new(NULL);
    CHECK(ts && fs);
    cascade_toks.al = fast_toks.al = hme_alloc_or_default(NULL);
    if (tb && ts && fs) {
        RUN(test_edges);
        RUN(test_golden_v2);
        RUN(test_golden_cases);
        RUN(test_generated);
    }
    hme_free(cascade_toks.al, cascade_toks.v);
    hme_free(fast_toks.al, fast_toks.v);
    hme_treebank_fast_free(fs);
    hme_treebank_scratch_free(ts);
    hme_treebank_close(tb);
    return hme_t_summary();
}
