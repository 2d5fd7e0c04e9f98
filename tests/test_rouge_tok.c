/* test_rouge_tok.c - the rouge tokenizer's edge cases, each following from rouge-score's
 * tokenize(): lower() (full Unicode), [^a-z0-9]+ -> separator, stem if len > 3, and the
 * line slices rougeLsum uses (a token never spans a '\n'). */
#include "harness.h"
#include "hash/token_id.h"
#include "tokenize/porter.h"
#include "tokenize/rouge_tok.h"

static hme_rouge_tok *tok;
static hme_arena arena;

/* Tokenizes text and checks the plain tokens against the space-separated list `expect`. */
static void expect_tokens(const char *text, const char *expect) {
    hme_rouge_toks t;
    CHECK(hme_rouge_tokenize(tok, text, strlen(text), &arena, &t));
    size_t n = 0;
    char buf[256];
    strcpy(buf, expect);
    for (char *w = strtok(buf, " "); w; w = strtok(NULL, " ")) {
        CHECK_MSG(n < t.n && t.plain[n] == hme_token_id(w, strlen(w)), "\"%s\": token %zu should be %s", text, n, w);
        n++;
    }
    CHECK_MSG(t.n == n, "\"%s\": %u tokens, expected %zu", text, t.n, n);
}

static void separators_and_case(void) {
    expect_tokens("", "");
    expect_tokens("  \t\n", "");
    expect_tokens("Hello, WORLD!", "hello world");
    expect_tokens("can't won't", "can t won t");
    expect_tokens("snake_case x-ray 3.14", "snake case x ray 3 14");
    expect_tokens("abc123def", "abc123def");
}

static void unicode_lowering(void) {
    /* KELVIN SIGN lowercases to ASCII 'k' in Python, so it joins the token. */
    expect_tokens("\xe2\x84\xaa" "elvin", "kelvin");
    /* U+0130 lowercases to "i" + U+0307: the combining dot splits the word. */
    expect_tokens("\xc4\xb0stanbul", "i stanbul");
    /* Accented letters stay non-ASCII after lower(): separators. */
    expect_tokens("caf\xc3\xa9 na\xc3\xafve", "caf na ve");
    expect_tokens("\xc3\x89T\xc3\x89", "t");
    /* Full-width letters lower to full-width: not [a-z]. */
    expect_tokens("\xef\xbc\xa1\xef\xbc\xa2", "");
}

static void stems_and_long_tokens(void) {
    hme_rouge_toks t;
    const char *text = "Running CATS are internationalization caresses";
    CHECK(hme_rouge_tokenize(tok, text, strlen(text), &arena, &t));
    CHECK_EQ_INT(t.n, 5);
    const char *plain[] = { "running", "cats", "are", "internationalization", "caresses" };
    for (int i = 0; i < 5; i++) {
        char out[64];
        size_t l = strlen(plain[i]);
        size_t sl = l > 3 ? hme_porter_stem(plain[i], l, out) : (memcpy(out, plain[i], l), l);
        CHECK(t.plain[i] == hme_token_id(plain[i], l));
        CHECK(t.stem[i] == hme_token_id(out, sl));
    }
    /* 3-letter words are never stemmed ("are" would not change anyway; "was" would). */
    CHECK(hme_rouge_tokenize(tok, "was", 3, &arena, &t));
    CHECK(t.stem[0] == hme_token_id("was", 3));
    /* The stem cache gives the same ids on a second pass. */
    hme_rouge_toks t2;
    CHECK(hme_rouge_tokenize(tok, text, strlen(text), &arena, &t2));
    hme_rouge_toks t3;
    CHECK(hme_rouge_tokenize(tok, text, strlen(text), &arena, &t3));
    for (int i = 0; i < 5; i++) CHECK(t2.stem[i] == t3.stem[i]);
}

static void line_slices(void) {
    hme_rouge_toks t;
    /* Lines: "a b", "", " c ", "!!", "d" -> token lines end at 2, 3, 4. */
    const char *text = "a b\n\n c \n!!\nd";
    CHECK(hme_rouge_tokenize(tok, text, strlen(text), &arena, &t));
    CHECK_EQ_INT(t.n, 4);
    CHECK_EQ_INT(t.n_sent, 3);
    if (t.n_sent == 3) {
        CHECK_EQ_INT(t.sent_end[0], 2);
        CHECK_EQ_INT(t.sent_end[1], 3);
        CHECK_EQ_INT(t.sent_end[2], 4);
    }
    CHECK(hme_rouge_tokenize(tok, "\n\n", 2, &arena, &t));
    CHECK_EQ_INT(t.n_sent, 0);
    /* '\r' is a separator, not a line break (Python splits on "\n" only). */
    CHECK(hme_rouge_tokenize(tok, "a\rb\r\nc", 6, &arena, &t));
    CHECK_EQ_INT(t.n, 3);
    CHECK_EQ_INT(t.n_sent, 2);
}

/* The stem cache is bounded (it starts over when half full): 100,000 distinct words
 * later, every stem still equals the stemmer's. */
static void stem_cache_starts_over(void) {
    static char text[100000 * 10];
    char *o = text;
    uint64_t x = 12345;
    for (int i = 0; i < 100000; i++) {
        int len = 4 + i % 8;
        for (int k = 0; k < len; k++) {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            *o++ = "aeiouyslingedbt"[x % 15];
        }
        *o++ = ' ';
    }
    *o = '\0';
    hme_rouge_toks t;
    CHECK(hme_rouge_tokenize(tok, text, (size_t)(o - text), &arena, &t));
    CHECK_EQ_INT(t.n, 100000);
    size_t bad = 0;
    const char *w = text;
    for (uint32_t i = 0; i < t.n; i++) {
        const char *e = strchr(w, ' ');
        char out[32];
        size_t l = (size_t)(e - w);
        size_t sl = hme_porter_stem(w, l, out);
        bad += t.stem[i] != hme_token_id(out, sl);
        w = e + 1;
    }
    CHECK_EQ_INT(bad, 0);
    hme_arena_reset(&arena);
}

int main(void) {
    tok = hme_rouge_tok_new(NULL);
    hme_arena_init(&arena, NULL, 0);
    RUN(separators_and_case);
    RUN(unicode_lowering);
    RUN(stems_and_long_tokens);
    RUN(line_slices);
    RUN(stem_cache_starts_over);
    hme_arena_free(&arena);
    hme_rouge_tok_free(tok);
    return hme_t_summary();
}
