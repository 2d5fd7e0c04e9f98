/* fuzz_treebank_diff.c - differential: the regex-free Treebank passes (treebank_fast.c) must
 * give exactly the PCRE2 cascade's tokens (treebank.c, the oracle equal to NLTK 3.8) on any
 * text they accept, and decline exactly what hme_treebank_fast_accepts declines, leaving the
 * output untouched. Each input is tried as given (when valid UTF-8) and with every byte
 * masked to 7 bits, so that inputs that are invalid or declined still exercise the passes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/alloc.h"
#include "read/json.h"
#include "tokenize/treebank.h"
#include "tokenize/treebank_fast.h"

static hme_treebank *tb;
static hme_treebank_scratch *ts;
static hme_treebank_fast *fs;
static hme_tokvec want, got;

static void diff(const char *text, size_t size) {
    hme_arena arena;
    hme_arena_init(&arena, NULL, 0);
    want.n = got.n = 0;
    bool handled = false;
    if (hme_treebank_append(tb, ts, text, size, &arena, &want) != HME_OK) abort();
    if (hme_treebank_fast_append(fs, text, size, &arena, &got, &handled) != HME_OK) abort();
    if (handled != hme_treebank_fast_accepts(text, size)) abort();
    if (handled) {
        bool same = want.n == got.n;
        for (size_t i = 0; same && i < want.n; i++)
            same = hme_str_eq(want.v[i], got.v[i]) && got.v[i].ptr[got.v[i].len] == '\0';
        if (!same) {
            fprintf(stderr, "fast path differs from the cascade on \"%.*s\"\n", (int)size, text);
            for (size_t i = 0; i < want.n; i++) fprintf(stderr, " [%.*s]", (int)want.v[i].len, want.v[i].ptr);
            fprintf(stderr, "\n");
            for (size_t i = 0; i < got.n; i++) fprintf(stderr, " [%.*s]", (int)got.v[i].len, got.v[i].ptr);
            fprintf(stderr, "\n");
            abort();
        }
    } else if (got.n) {
        abort(); /* declined means untouched */
    }
    hme_arena_free(&arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!tb) {
        hme_error err;
        if (hme_treebank_open(NULL, &tb, &err) != HME_OK) { fprintf(stderr, "treebank: %s\n", err.msg); abort(); }
        ts = hme_treebank_scratch_new(tb, NULL);
        fs = hme_treebank_fast_new(NULL);
        if (!ts || !fs) abort();
        want.al = got.al = hme_alloc_or_default(NULL);
    }
    const char *text = (const char *)data;
    if (hme_utf8_valid(text, size)) diff(text, size);
    char *ascii = malloc(size ? size : 1);
    if (!ascii) abort();
    for (size_t i = 0; i < size; i++) ascii[i] = (char)(data[i] & 0x7f);
    diff(ascii, size);
    free(ascii);
    return 0;
}
