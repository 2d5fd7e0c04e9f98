/* fuzz_tfidf_tok.c - scikit-learn's default analyzer ((?u)\b\w\w+\b on the lowered text)
 * against a naive oracle: walk the lowered text code point by code point and keep every
 * maximal run of at least two \w characters. Then the bag of those tokens (the
 * CountVectorizer row) must count every token, list distinct tokens in first-appearance
 * order, and find each of them again. Invalid UTF-8 is skipped (validated upstream). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "read/json.h"
#include "tokenize/tfidf_tok.h"
#include "tokenize/unicode.h"
#include "fuzz_lower.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    size_t n;
    char *low = fuzz_lowered(data, size, &n);
    if (!low) return 0;
    hme_arena arena;
    hme_arena_init(&arena, NULL, 0);
    hme_str *toks;
    size_t nt;
    if (!hme_tfidf_tokenize(text, size, &arena, &toks, &nt)) abort();
    size_t k = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        size_t start = i, chars = 0, end = i;
        while (end < n) {
            size_t u = hme_utf8_next(low + end, n - end, &cp);
            if (!hme_py_isword(cp)) break;
            end += u;
            chars++;
        }
        if (chars >= 2) {
            if (k >= nt || toks[k].len != end - start || memcmp(toks[k].ptr, low + start, end - start) != 0) {
                fprintf(stderr, "token %zu differs\n", k);
                abort();
            }
            k++;
        }
        i = end;
        if (i < n && chars == 0) i += hme_utf8_next(low + i, n - i, &cp);
    }
    if (k != nt) { fprintf(stderr, "%zu tokens, oracle %zu\n", nt, k); abort(); }
    hme_bag bag;
    if (!hme_bag_build(toks, nt, &arena, &bag)) abort();
    size_t total = 0;
    for (size_t d = 0; d < bag.n; d++) {
        total += bag.count[d];
        if (bag.count[d] == 0 || hme_bag_find(&bag, bag.tok[d], hme_tok_hash(bag.tok[d].ptr, bag.tok[d].len)) != (long)d) abort();
    }
    if (total != nt || bag.n_tokens != nt) abort();
    for (size_t t = 0, seen = 0; t < nt; t++) { /* first appearances come in bag order */
        long d = hme_bag_find(&bag, toks[t], hme_tok_hash(toks[t].ptr, toks[t].len));
        if (d < 0 || (size_t)d > seen) abort();
        if ((size_t)d == seen) seen++;
    }
    hme_arena_free(&arena);
    free(low);
    return 0;
}
