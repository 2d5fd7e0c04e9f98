/* fuzz_lower.h - the first step of the tokenizer targets' oracles: the input as Python's
 * str.lower() would give it. Invalid UTF-8 gives NULL and the target skips the input, as
 * the engine validates records before tokenizing; out of memory aborts. Free the result. */
#ifndef HME_FUZZ_LOWER_H
#define HME_FUZZ_LOWER_H
#include <stdint.h>
#include <stdlib.h>
#include "read/json.h"
#include "tokenize/unicode.h"

static char *fuzz_lowered(const uint8_t *data, size_t size, size_t *n) {
    const char *text = (const char *)data;
    if (!hme_utf8_valid(text, size)) return NULL;
    char *low = malloc(hme_py_lower_cap(size));
    if (!low) abort();
    *n = hme_py_lower(text, size, low);
    return low;
}

#endif
