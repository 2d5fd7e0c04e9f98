/* squad_tok.c - SQuAD normalize_answer() + split(), in one pass after lower().
 *
 * After lower() and punctuation removal, the remaining steps only decide where tokens
 * end: split() cuts at Unicode whitespace, and remove_articles() replaces every maximal
 * run of \w characters that is exactly "a", "an" or "the" by a space (the regex's \b on
 * both sides means the whole run must match), which cuts a token in two: "x·the·y"
 * becomes the tokens "x·" and "·y". So a token is a maximal stretch of non-space
 * characters minus its article runs. */
#include "tokenize/squad_tok.h"

#include <string.h>

#include "tokenize/unicode.h"

/* string.punctuation: !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~ */
static bool is_ascii_punct(unsigned char c) {
    return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
           (c >= 0x7B && c <= 0x7E);
}

static bool is_article(const char *w, size_t n) {
    return (n == 1 && w[0] == 'a') || (n == 2 && w[0] == 'a' && w[1] == 'n') ||
           (n == 3 && w[0] == 't' && w[1] == 'h' && w[2] == 'e');
}

typedef struct tok_out {
    hme_arena *arena;
    hme_str *v;
    size_t n, cap;
} tok_out;

static bool emit(tok_out *o, const char *p, size_t len) {
    if (len == 0) return true;
    if (o->n == o->cap) {
        size_t cap = o->cap ? 2 * o->cap : 32;
        hme_str *v = hme_arena_grow(o->arena, o->v, o->cap * sizeof *v, cap * sizeof *v);
        if (!v) return false;
        o->v = v;
        o->cap = cap;
    }
    o->v[o->n].ptr = p;
    o->v[o->n].len = len;
    o->n++;
    return true;
}

bool hme_squad_tokenize(const char *s, size_t len, hme_arena *arena, hme_str **toks, size_t *n) {
    *toks = NULL;
    *n = 0;
    char *buf = hme_arena_alloc(arena, hme_py_lower_cap(len));
    if (!buf) return false;
    size_t lowered = hme_py_lower(s, len, buf);
    /* ASCII bytes never occur inside a multi-byte UTF-8 sequence, so punctuation can be
     * dropped byte-wise, in place. */
    size_t m = 0;
    for (size_t i = 0; i < lowered; i++)
        if (!is_ascii_punct((unsigned char)buf[i])) buf[m++] = buf[i];

    tok_out o = { arena, NULL, 0, 0 };
    size_t tok_start = 0;   /* start of the current token's pending piece */
    size_t word_start = 0;  /* start of the current \w run */
    bool in_tok = false, in_word = false;
    for (size_t i = 0; i <= m;) {
        uint32_t cp = ' ';
        size_t step = 1;
        if (i < m) step = hme_utf8_next(buf + i, m - i, &cp);
        bool space = i == m || hme_py_isspace(cp);
        bool word = !space && hme_py_isword(cp);
        if (in_word && !word) {            /* a \w run ends at i */
            if (is_article(buf + word_start, i - word_start)) {
                if (!emit(&o, buf + tok_start, word_start - tok_start)) return false;
                tok_start = i;
            }
            in_word = false;
        }
        if (space) {
            if (in_tok && !emit(&o, buf + tok_start, i - tok_start)) return false;
            in_tok = false;
        } else {
            if (!in_tok) { in_tok = true; tok_start = i; }
            if (word && !in_word) { in_word = true; word_start = i; }
        }
        i += step;
    }
    *toks = o.v;
    *n = o.n;
    return true;
}
