/* fuzz_squad_tok.c - SQuAD's normalize_answer(s).split() against a naive oracle written
 * from the Python definition: lower, drop ASCII punctuation, replace each maximal \w run
 * that is exactly "a", "an" or "the" by a space (what re.sub(r"\b(a|an|the)\b", " ")
 * does: a match needs a word boundary on both sides), split on Python whitespace.
 * Invalid UTF-8 is skipped (validated upstream). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "read/json.h"
#include "tokenize/squad_tok.h"
#include "tokenize/unicode.h"

static const char punct[] = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

static int is_article(const char *p, size_t n) {
    return (n == 1 && p[0] == 'a') || (n == 2 && memcmp(p, "an", 2) == 0) || (n == 3 && memcmp(p, "the", 3) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    if (!hme_utf8_valid(text, size)) return 0;
    char *low = malloc(hme_py_lower_cap(size)), *np = malloc(hme_py_lower_cap(size)), *na = malloc(hme_py_lower_cap(size));
    if (!low || !np || !na) abort();
    size_t n = hme_py_lower(text, size, low), m = 0, a = 0;
    for (size_t i = 0; i < n; i++)
        if (!(low[i] && strchr(punct, low[i]))) np[m++] = low[i];
    for (size_t i = 0; i < m;) { /* articles out */
        uint32_t cp;
        size_t end = i;
        while (end < m) {
            size_t u = hme_utf8_next(np + end, m - end, &cp);
            if (!hme_py_isword(cp)) break;
            end += u;
        }
        if (end > i) {
            if (is_article(np + i, end - i)) na[a++] = ' ';
            else { memcpy(na + a, np + i, end - i); a += end - i; }
            i = end;
        } else {
            size_t u = hme_utf8_next(np + i, m - i, &cp);
            memcpy(na + a, np + i, u);
            a += u;
            i += u;
        }
    }
    hme_arena arena;
    hme_arena_init(&arena, NULL, 0);
    hme_str *toks;
    size_t nt, k = 0;
    if (!hme_squad_tokenize(text, size, &arena, &toks, &nt)) abort();
    for (size_t i = 0; i < a;) { /* str.split() */
        uint32_t cp;
        size_t u = hme_utf8_next(na + i, a - i, &cp);
        if (hme_py_isspace(cp)) { i += u; continue; }
        size_t start = i;
        while (i < a) {
            u = hme_utf8_next(na + i, a - i, &cp);
            if (hme_py_isspace(cp)) break;
            i += u;
        }
        if (k >= nt || toks[k].len != i - start || memcmp(toks[k].ptr, na + start, i - start) != 0) {
            fprintf(stderr, "token %zu differs\n", k);
            abort();
        }
        k++;
    }
    if (k != nt) { fprintf(stderr, "%zu tokens, oracle %zu\n", nt, k); abort(); }
    hme_arena_free(&arena);
    free(low); free(np); free(na);
    return 0;
}
