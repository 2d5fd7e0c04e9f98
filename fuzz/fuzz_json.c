/* fuzz_json.c - the JSON record parser and its string decoder.
 *
 * Any input: hme_json_parse must return OK, JSON or UTF8 (never crash, never another
 * code), and parsing twice gives the same answer. An accepted document is checked
 * against the decoder's promises - every decoded string is valid UTF-8 and NUL-terminated,
 * nesting stays within HME_JSON_MAX_DEPTH - and then written back out as JSON (strings
 * re-escaped, numbers as their raw text) and parsed again: the two DOMs must be equal
 * (a round trip the decoder can only pass if escapes, surrogate pairs and raw number
 * spans are decoded exactly). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "read/json.h"

typedef struct out_buf { char *p; size_t len, cap; } out_buf;

static void put(out_buf *o, const char *s, size_t n) {
    if (o->len + n > o->cap) {
        size_t cap = o->cap ? o->cap : 256;
        while (cap < o->len + n) cap *= 2;
        char *nb = realloc(o->p, cap);
        if (!nb) abort();
        o->p = nb;
        o->cap = cap;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
}

static void check_str(hme_str s) {
    if (s.ptr[s.len] != '\0') abort();                 /* decoded strings are NUL-terminated */
    if (!hme_utf8_valid(s.ptr, s.len)) abort();        /* and valid UTF-8 */
}

static void put_str(out_buf *o, hme_str s) {
    put(o, "\"", 1);
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.ptr[i];
        if (c == '"' || c == '\\' || c < 0x20) {
            char esc[8];
            snprintf(esc, sizeof esc, "\\u%04x", c);
            put(o, esc, 6);
        } else {
            put(o, s.ptr + i, 1);
        }
    }
    put(o, "\"", 1);
}

static void write_val(out_buf *o, const hme_jval *v, int depth) {
    /* depth counts open containers, the way the parser limits them */
    if ((v->type == HME_JARR || v->type == HME_JOBJ) && depth > HME_JSON_MAX_DEPTH) {
        fprintf(stderr, "accepted nesting deeper than the limit\n");
        abort();
    }
    switch (v->type) {
    case HME_JNULL: put(o, "null", 4); break;
    case HME_JBOOL: v->u.b ? put(o, "true", 4) : put(o, "false", 5); break;
    case HME_JNUM: put(o, v->u.num.raw, v->u.num.raw_len); break;
    case HME_JSTR: check_str(v->u.str); put_str(o, v->u.str); break;
    case HME_JARR:
        put(o, "[", 1);
        for (size_t i = 0; i < v->u.arr.n; i++) {
            if (i) put(o, ",", 1);
            write_val(o, &v->u.arr.items[i], depth + 1);
        }
        put(o, "]", 1);
        break;
    case HME_JOBJ:
        put(o, "{", 1);
        for (size_t i = 0; i < v->u.obj.n; i++) {
            if (i) put(o, ",", 1);
            check_str(v->u.obj.members[i].key);
            put_str(o, v->u.obj.members[i].key);
            put(o, ":", 1);
            write_val(o, &v->u.obj.members[i].val, depth + 1);
        }
        put(o, "}", 1);
        break;
    default: abort();
    }
}

static int same_str(hme_str a, hme_str b) { return hme_str_eq(a, b); }

static int same_val(const hme_jval *a, const hme_jval *b) {
    if (a->type != b->type) return 0;
    switch (a->type) {
    case HME_JNULL: return 1;
    case HME_JBOOL: return a->u.b == b->u.b;
    case HME_JNUM:
        return a->u.num.raw_len == b->u.num.raw_len && memcmp(a->u.num.raw, b->u.num.raw, a->u.num.raw_len) == 0 &&
               memcmp(&a->u.num.d, &b->u.num.d, sizeof(double)) == 0 && a->u.num.is_int == b->u.num.is_int;
    case HME_JSTR: return same_str(a->u.str, b->u.str);
    case HME_JARR:
        if (a->u.arr.n != b->u.arr.n) return 0;
        for (size_t i = 0; i < a->u.arr.n; i++)
            if (!same_val(&a->u.arr.items[i], &b->u.arr.items[i])) return 0;
        return 1;
    case HME_JOBJ:
        if (a->u.obj.n != b->u.obj.n) return 0;
        for (size_t i = 0; i < a->u.obj.n; i++)
            if (!same_str(a->u.obj.members[i].key, b->u.obj.members[i].key) ||
                !same_val(&a->u.obj.members[i].val, &b->u.obj.members[i].val)) return 0;
        return 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    hme_arena arena;
    hme_arena_init(&arena, NULL, 0);
    hme_jval v, again;
    hme_error err;
    hme_code c = hme_json_parse((const char *)data, size, &arena, &v, &err);
    if (c != HME_OK && c != HME_ERR_JSON && c != HME_ERR_UTF8) { fprintf(stderr, "code %d\n", (int)c); abort(); }
    if (hme_json_parse((const char *)data, size, &arena, &again, &err) != c) abort();
    if (c == HME_OK) {
        if (!same_val(&v, &again)) abort();
        (void)hme_json_get(&v, "response");
        out_buf o = { 0 };
        write_val(&o, &v, 1);
        hme_jval back;
        hme_code c2 = hme_json_parse(o.p, o.len, &arena, &back, &err);
        if (c2 != HME_OK) { fprintf(stderr, "re-encoded document rejected: %s\n", err.msg); abort(); }
        if (!same_val(&v, &back)) { fprintf(stderr, "round trip changed the document\n"); abort(); }
        free(o.p);
    }
    hme_arena_free(&arena);
    return 0;
}
