/* text_buf.h - a growable, always NUL-terminated byte buffer whose text_buf_write is an
 * hme_sink write function: tests and fuzz targets collect reports, score lines and
 * re-assembled inputs in it and compare them as strings. Test support only: out of memory
 * aborts (a test cannot go on without its output). Free .p when done. */
#ifndef HME_TEST_TEXT_BUF_H
#define HME_TEST_TEXT_BUF_H
#include <stdlib.h>
#include <string.h>

typedef struct text_buf { char *p; size_t len, cap; } text_buf;

static inline void text_buf_write(void *ctx, const char *data, size_t len) {
    text_buf *b = ctx;
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->len + len + 1) cap *= 2;
        char *np = realloc(b->p, cap);
        if (!np) abort();
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, len);
    b->len += len;
    b->p[b->len] = 0;
}

#endif
