/* reader.c - a byte stream -> NDJSON records (see reader.h for the contract).
 *
 * A record that lies whole inside the bytes being fed is handed to the callback in place
 * (no copy); only a record cut by a chunk boundary is assembled in the carry buffer. The
 * carry never holds more than max_record + 1 bytes (the content plus a possible '\r'
 * whose '\n' has not arrived yet): past that the record is known to be too long, its
 * first max_record bytes are delivered with HME_ERR_TOO_LONG and the rest of the line is
 * skipped. Every decision depends only on the bytes, never on where a chunk ended, so any
 * chunking delivers the same records.
 *
 * A callback that returns nonzero stops the reader: that call and every later
 * hme_reader_feed/finish return HME_ERR_ARG ("stopped"), and read_fd says so in err.
 */
#include "read/reader.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/error.h"
#include "scan.h"

static const unsigned char bom_bytes[3] = { 0xEF, 0xBB, 0xBF };

struct hme_reader {
    const hme_allocator *al;
    size_t chunk, max;
    char *carry;          /* the start of a record cut by a chunk boundary */
    size_t clen, ccap;
    int bom;              /* BOM bytes matched at the stream's start so far; -1 once decided */
    bool skipping;        /* discarding the rest of an over-long line */
    bool stopped;
    uint64_t lines;       /* physical lines completed */
    char *rbuf;           /* read_fd's chunk buffer */
};

hme_reader *hme_reader_new(const hme_allocator *al, size_t chunk_size, size_t max_record) {
    al = hme_alloc_or_default(al);
    hme_reader *r = hme_calloc(al, 1, sizeof *r);
    if (!r) return NULL;
    r->al = al;
    r->chunk = chunk_size ? chunk_size : HME_READER_DEFAULT_CHUNK;
    r->max = max_record ? max_record : HME_READER_DEFAULT_MAX_RECORD;
    if (r->max > SIZE_MAX / 2) r->max = SIZE_MAX / 2; /* max + 1 must not wrap */
    return r;
}

void hme_reader_free(hme_reader *r) {
    if (!r) return;
    hme_free(r->al, r->carry);
    hme_free(r->al, r->rbuf);
    hme_free(r->al, r);
}

uint64_t hme_reader_lines(const hme_reader *r) { return r ? r->lines : 0; }

static bool is_blank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
    return true;
}

/* Hands one line (without its '\n') to the callback. terminated: it ended with '\n', so a
 * final '\r' is part of the line break. Too-long wins over blank so that the outcome
 * never depends on how much of the line was buffered. */
static hme_code deliver(hme_reader *r, uint64_t line_no, const char *s, size_t n, bool terminated,
                        hme_record_fn fn, void *ctx) {
    if (terminated && n && s[n - 1] == '\r') n--;
    int stop;
    if (n > r->max) stop = fn(ctx, line_no, s, r->max, HME_ERR_TOO_LONG);
    else if (is_blank(s, n)) return HME_OK;
    else stop = fn(ctx, line_no, s, n, HME_OK);
    if (stop) { r->stopped = true; return HME_ERR_ARG; }
    return HME_OK;
}

/* Appends to the carry, keeping at most max + 1 bytes. Returns HME_ERR_TOO_LONG when the
 * record is now known to exceed the limit (the carry then holds its first max + 1 bytes). */
static hme_code carry_append(hme_reader *r, const char *s, size_t n) {
    size_t room = r->max + 1 - r->clen;
    bool over = n > room;
    if (over) n = room;
    if (r->clen + n > r->ccap) {
        size_t cap = r->ccap ? r->ccap : 4096;
        while (cap < r->clen + n) cap *= 2;
        if (cap > r->max + 1) cap = r->max + 1;
        char *c = hme_realloc(r->al, r->carry, cap);
        if (!c) return HME_ERR_NOMEM;
        r->carry = c;
        r->ccap = cap;
    }
    memcpy(r->carry + r->clen, s, n);
    r->clen += n;
    return over ? HME_ERR_TOO_LONG : HME_OK;
}

/* The start of the stream may be (a prefix of) a BOM: eat what matches; on a mismatch the
 * bytes held back belong to the first line. */
static hme_code consume_bom(hme_reader *r, const char **data, size_t *len) {
    while (r->bom >= 0 && *len > 0) {
        if ((unsigned char)**data == bom_bytes[r->bom]) {
            (*data)++; (*len)--;
            if (++r->bom == 3) r->bom = -1;
        } else {
            int held = r->bom;
            r->bom = -1;
            if (held) return carry_append(r, (const char *)bom_bytes, (size_t)held);
        }
    }
    return HME_OK;
}

hme_code hme_reader_feed(hme_reader *r, const char *data, size_t len, hme_record_fn fn, void *ctx) {
    if (!r) return HME_ERR_ARG;
    if (r->stopped) return HME_ERR_ARG;
    hme_code c = consume_bom(r, &data, &len);
    if (c != HME_OK) return c; /* the held prefix is at most 2 bytes: only NOMEM */
    hme_scan_fn newline = hme_scan_active()->newline;
    const char *p = data, *end = data + len;
    while (p < end) {
        size_t k = newline(p, (size_t)(end - p));
        if (p + k == end) { /* the line continues in a later chunk */
            if (r->skipping) break;
            c = carry_append(r, p, k);
            if (c == HME_ERR_TOO_LONG) {
                r->skipping = true;
                r->clen = 0;
                return deliver(r, r->lines + 1, r->carry, r->max + 1, false, fn, ctx);
            }
            return c;
        }
        r->lines++;
        if (r->skipping) {
            r->skipping = false;
        } else if (r->clen == 0) {
            HME_FORWARD_IF_ERROR(deliver(r, r->lines, p, k, true, fn, ctx));
        } else {
            c = carry_append(r, p, k);
            if (c == HME_ERR_NOMEM) return c;
            size_t n = r->clen;
            r->clen = 0;
            /* Over the limit: deliver() sees more than max bytes and reports TOO_LONG. */
            HME_FORWARD_IF_ERROR(deliver(r, r->lines, r->carry, n, c != HME_ERR_TOO_LONG, fn, ctx));
        }
        p += k + 1;
    }
    return HME_OK;
}

hme_code hme_reader_finish(hme_reader *r, hme_record_fn fn, void *ctx) {
    if (!r) return HME_ERR_ARG;
    if (r->stopped) return HME_ERR_ARG;
    if (r->bom > 0) { /* the whole stream was a BOM prefix */
        int held = r->bom;
        r->bom = -1;
        HME_FORWARD_IF_ERROR(carry_append(r, (const char *)bom_bytes, (size_t)held));
    }
    r->bom = -1;
    if (r->skipping) { /* its TOO_LONG was delivered when the limit was crossed */
        r->skipping = false;
        r->lines++;
        return HME_OK;
    }
    if (r->clen == 0) return HME_OK;
    size_t n = r->clen;
    r->clen = 0;
    r->lines++;
    return deliver(r, r->lines, r->carry, n, false, fn, ctx);
}

hme_code hme_reader_read_fd(hme_reader *r, int fd, hme_record_fn fn, void *ctx, hme_error *err) {
    HME_RETURN_ERROR_IF(!r, err, HME_ERR_ARG, "no reader");
    if (!r->rbuf) {
        r->rbuf = hme_malloc(r->al, r->chunk);
        HME_RETURN_ERROR_IF(!r->rbuf, err, HME_ERR_NOMEM, "out of memory for a %zu-byte read buffer", r->chunk);
    }
    hme_code c;
    for (;;) {
        ssize_t n = read(fd, r->rbuf, r->chunk);
        if (n < 0) {
            if (errno == EINTR) continue;
            return hme_error_set(err, HME_ERR_IO, r->lines + 1, "read failed: %s", strerror(errno));
        }
        if (n == 0) break;
        c = hme_reader_feed(r, r->rbuf, (size_t)n, fn, ctx);
        if (c != HME_OK) goto fail;
    }
    c = hme_reader_finish(r, fn, ctx);
    if (c == HME_OK) return HME_OK;
fail:
    if (c == HME_ERR_ARG) return hme_error_set(err, c, r->lines, "reading stopped by the record callback");
    return hme_error_set(err, c, r->lines, "out of memory for a record");
}
