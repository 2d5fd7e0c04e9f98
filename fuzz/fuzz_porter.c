/* fuzz_porter.c - NLTK's Porter stemmer on any lowercased UTF-8 word (METEOR stems
 * lowercased word_tokenize tokens, so any Unicode reaches it; rouge only [a-z0-9]).
 * The output buffer is exactly HME_PORTER_OUT_CAP(len) bytes on the heap, so a write
 * past the documented bound is an ASan report; the stem is valid UTF-8 and the same on
 * every call; an ASCII word's stem is ASCII. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "read/json.h"
#include "tokenize/porter.h"
#include "tokenize/unicode.h"
#include "fuzz_lower.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    size_t n;
    char *low = fuzz_lowered(data, size, &n);
    if (!low) return 0;
    char *w = malloc(n ? n : 1); /* exact size: ASan sees reads past the word */
    char *a = malloc(HME_PORTER_OUT_CAP(n)), *b = malloc(HME_PORTER_OUT_CAP(n));
    if (!w || !a || !b) abort();
    memcpy(w, low, n);
    size_t la = hme_porter_stem(w, n, a);
    size_t lb = hme_porter_stem(w, n, b);
    if (la > HME_PORTER_OUT_CAP(n) || la != lb || memcmp(a, b, la) != 0) abort();
    if (!hme_utf8_valid(a, la)) abort();
    int ascii = 1;
    for (size_t i = 0; i < n; i++) ascii &= (unsigned char)w[i] < 0x80;
    for (size_t i = 0; ascii && i < la; i++) if ((unsigned char)a[i] >= 0x80) abort();
    free(w); free(a); free(b); free(low);
    return 0;
}
