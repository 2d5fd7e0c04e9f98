/* fuzz_word_tokenize.c - NLTK's word_tokenize: Punkt sentence spans + the Treebank regex
 * cascade. No oracle short of NLTK itself, so the checks are the contract: Punkt spans are
 * ordered, non-overlapping and inside the text; every token is non-empty, NUL-terminated,
 * valid UTF-8 and free of Python whitespace (the cascade ends in str.split()); a second
 * run (warm scratch) gives the same tokens; Treebank alone on the whole text never
 * crashes either. Punkt's tables are found as in fuzz_data.h; without them the model
 * runs without sentence splitting. Invalid UTF-8 must be rejected with HME_ERR_UTF8. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "read/json.h"
#include "tokenize/unicode.h"
#include "tokenize/word_tokenize.h"
#include "fuzz_data.h"

static void check_tokens(const hme_str *t, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (t[i].len == 0 || t[i].ptr[t[i].len] != '\0' || !hme_utf8_valid(t[i].ptr, t[i].len)) abort();
        for (size_t j = 0; j < t[i].len;) {
            uint32_t cp;
            j += hme_utf8_next(t[i].ptr + j, t[i].len - j, &cp);
            if (hme_py_isspace(cp)) { fprintf(stderr, "token %zu holds whitespace\n", i); abort(); }
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static hme_wordtok_model *model;
    static hme_wordtok *tok;
    if (!model) {
        hme_error err;
        if (hme_wordtok_open(fuzz_nltk_dir(), NULL, &model, &err) != HME_OK) {
            fprintf(stderr, "word_tokenize: %s\n", err.msg);
            abort();
        }
        if (!(tok = hme_wordtok_new(model))) abort();
    }
    const char *text = (const char *)data;
    hme_arena arena;
    hme_arena_init(&arena, NULL, 0);
    hme_str *a, *b;
    size_t na, nb;
    hme_code c = hme_word_tokenize(tok, text, size, &arena, &a, &na);
    if (!hme_utf8_valid(text, size)) {
        if (c != HME_ERR_UTF8) abort();
        hme_arena_free(&arena);
        return 0;
    }
    if (c != HME_OK) abort();
    check_tokens(a, na);
    if (hme_word_tokenize(tok, text, size, &arena, &b, &nb) != HME_OK || nb != na) abort();
    for (size_t i = 0; i < na; i++)
        if (!hme_str_eq(a[i], b[i])) abort();
    hme_span *sp;
    size_t ns;
    if (hme_punkt_sentences(tok, text, size, &arena, &sp, &ns) != HME_OK) abort();
    for (size_t i = 0; i < ns; i++)
        if (sp[i].start > sp[i].end || sp[i].end > size || (i && sp[i].start < sp[i - 1].end)) abort();
    if (hme_treebank_tokenize(tok, text, size, &arena, &b, &nb) != HME_OK) abort();
    check_tokens(b, nb);
    hme_arena_free(&arena);
    return 0;
}
