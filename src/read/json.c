/* json.c - one NDJSON record -> a DOM in an arena (see json.h for the contract).
 *
 * Recursive descent over the RFC 8259 grammar. Children of an open container are
 * collected on a value stack (on the C stack for ordinary records, on the heap past
 * that) and copied into one arena array when the container closes, so the arena holds
 * no garbage from growing arrays. String bodies are skipped with the SIMD strspecial
 * scan (simd/scan.h): a string without escapes is one scan, one UTF-8 check, one memcpy.
 */
#include "read/json.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "scan.h"

#define LOCAL_STACK 64

typedef struct parser {
    const unsigned char *p, *end, *begin;
    hme_arena *arena;
    hme_error *err;
    hme_scan_fn strspecial;
    int depth;
    hme_jmember *stack; /* children of the open containers, innermost last */
    size_t top, cap;
    hme_jmember local[LOCAL_STACK];
} parser;

static hme_code fail(parser *P, hme_code code, const char *what) {
    return hme_error_set(P->err, code, 0, "%s at byte %zu", what, (size_t)(P->p - P->begin));
}

static inline void skip_ws(parser *P) {
    while (P->p < P->end && (*P->p == ' ' || *P->p == '\n' || *P->p == '\r' || *P->p == '\t')) P->p++;
}

static hme_code push(parser *P, const hme_jmember *m) {
    if (P->top == P->cap) {
        const hme_allocator *al = hme_alloc_default();
        size_t cap = P->cap * 2;
        hme_jmember *s;
        if (P->stack == P->local) {
            s = hme_malloc(al, cap * sizeof *s);
            if (s) memcpy(s, P->local, P->top * sizeof *s);
        } else {
            s = hme_realloc(al, P->stack, cap * sizeof *s);
        }
        if (!s) return fail(P, HME_ERR_NOMEM, "out of memory");
        P->stack = s;
        P->cap = cap;
    }
    P->stack[P->top++] = *m;
    return HME_OK;
}

static int hex4(const unsigned char *s) {
    int v = 0;
    for (int i = 0; i < 4; i++) {
        int c = s[i], d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
        else return -1;
        v = v * 16 + d;
    }
    return v;
}

static size_t put_utf8(char *o, uint32_t cp) {
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F)); return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F)); return 4;
}

/* Decodes the escapes of raw[0..n) into o (never longer than the input: the longest
 * escape, 12 bytes of surrogate pair, makes 4). Returns the decoded length, or -1 with
 * *bad pointing at the offending escape. The syntax pass already ensured every '\\'
 * has a following byte. */
static long decode_escapes(const unsigned char *raw, size_t n, char *o, size_t *bad) {
    size_t i = 0, k = 0;
    while (i < n) {
        const unsigned char *q = memchr(raw + i, '\\', n - i);
        size_t lit = q ? (size_t)(q - (raw + i)) : n - i;
        memcpy(o + k, raw + i, lit);
        k += lit;
        i += lit;
        if (i >= n) break;
        *bad = i;
        unsigned char e = raw[i + 1];
        switch (e) {
        case '"': o[k++] = '"'; i += 2; break;
        case '\\': o[k++] = '\\'; i += 2; break;
        case '/': o[k++] = '/'; i += 2; break;
        case 'b': o[k++] = '\b'; i += 2; break;
        case 'f': o[k++] = '\f'; i += 2; break;
        case 'n': o[k++] = '\n'; i += 2; break;
        case 'r': o[k++] = '\r'; i += 2; break;
        case 't': o[k++] = '\t'; i += 2; break;
        case 'u': {
            if (n - i < 6) return -1;
            int hi = hex4(raw + i + 2);
            if (hi < 0) return -1;
            uint32_t cp = (uint32_t)hi;
            i += 6;
            if (hi >= 0xDC00 && hi <= 0xDFFF) return -1;          /* lone low surrogate */
            if (hi >= 0xD800 && hi <= 0xDBFF) {                   /* needs its low half */
                if (n - i < 6 || raw[i] != '\\' || raw[i + 1] != 'u') return -1;
                int lo = hex4(raw + i + 2);
                if (lo < 0xDC00 || lo > 0xDFFF) return -1;
                cp = 0x10000 + (((uint32_t)hi - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
                i += 6;
            }
            k += put_utf8(o + k, cp);
            break;
        }
        default: return -1;
        }
    }
    return (long)k;
}

static hme_code parse_string(parser *P, hme_str *out) {
    P->p++; /* opening quote */
    const unsigned char *start = P->p;
    bool escaped = false;
    for (;;) {
        P->p += P->strspecial((const char *)P->p, (size_t)(P->end - P->p));
        if (P->p >= P->end) return fail(P, HME_ERR_JSON, "unterminated string");
        unsigned char c = *P->p;
        if (c == '"') break;
        if (c == '\\') {
            if (P->end - P->p < 2) return fail(P, HME_ERR_JSON, "unterminated string");
            escaped = true;
            P->p += 2; /* the escaped byte is never the closing quote */
            continue;
        }
        return fail(P, HME_ERR_JSON, "control character in string");
    }
    size_t n = (size_t)(P->p - start);
    if (!hme_utf8_valid((const char *)start, n)) {
        P->p = start;
        return fail(P, HME_ERR_UTF8, "invalid UTF-8 in string");
    }
    char *o = hme_arena_alloc(P->arena, n + 1);
    if (!o) return fail(P, HME_ERR_NOMEM, "out of memory");
    size_t len = n;
    if (!escaped) {
        memcpy(o, start, n);
    } else {
        size_t bad = 0;
        long k = decode_escapes(start, n, o, &bad);
        if (k < 0) {
            P->p = start + bad;
            return fail(P, HME_ERR_UTF8, "invalid escape or lone surrogate in string");
        }
        len = (size_t)k;
    }
    o[len] = '\0';
    P->p++; /* closing quote */
    out->ptr = o;
    out->len = len;
    return HME_OK;
}

/* strtod in the "C" locale whatever the process locale is (the grammar was checked, so
 * only the decimal point could be misread). */
static double strtod_c(const char *s) {
    static locale_t c_loc;
    locale_t loc = __atomic_load_n(&c_loc, __ATOMIC_ACQUIRE);
    if (!loc) {
        locale_t fresh = newlocale(LC_ALL_MASK, "C", (locale_t)0);
        locale_t expected = (locale_t)0;
        if (fresh && !__atomic_compare_exchange_n(&c_loc, &expected, fresh, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            freelocale(fresh); /* another thread won */
        loc = __atomic_load_n(&c_loc, __ATOMIC_ACQUIRE);
    }
    if (!loc) return strtod(s, NULL);
    locale_t old = uselocale(loc);
    double d = strtod(s, NULL);
    uselocale(old);
    return d;
}

static inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static hme_code parse_number(parser *P, hme_jval *out) {
    const unsigned char *s = P->p, *e = P->end, *q = s;
    if (q < e && *q == '-') q++;
    if (q >= e || !is_digit(*q)) return fail(P, HME_ERR_JSON, "invalid number");
    if (*q == '0') q++;
    else while (q < e && is_digit(*q)) q++;
    const unsigned char *int_end = q;
    bool is_int = true;
    if (q < e && *q == '.') {
        q++;
        if (q >= e || !is_digit(*q)) { P->p = q; return fail(P, HME_ERR_JSON, "invalid number"); }
        while (q < e && is_digit(*q)) q++;
        is_int = false;
    }
    if (q < e && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < e && (*q == '+' || *q == '-')) q++;
        if (q >= e || !is_digit(*q)) { P->p = q; return fail(P, HME_ERR_JSON, "invalid number"); }
        while (q < e && is_digit(*q)) q++;
        is_int = false;
    }
    size_t n = (size_t)(q - s);
    char *raw = hme_arena_strndup(P->arena, (const char *)s, n);
    if (!raw) return fail(P, HME_ERR_NOMEM, "out of memory");
    double d;
    const unsigned char *digits = s + (*s == '-');
    if (is_int && int_end - digits <= 15) {
        /* Below 2^53 the integer converts exactly: the same double strtod returns. */
        uint64_t v = 0;
        for (const unsigned char *c = digits; c < int_end; c++) v = v * 10 + (uint64_t)(*c - '0');
        d = (double)v;
        if (*s == '-') d = -d;
    } else {
        d = strtod_c(raw);
    }
    out->type = HME_JNUM;
    out->u.num.d = d;
    out->u.num.raw = raw;
    out->u.num.raw_len = n;
    out->u.num.is_int = is_int;
    P->p = q;
    return HME_OK;
}

static hme_code parse_literal(parser *P, const char *word, size_t n) {
    if ((size_t)(P->end - P->p) < n || memcmp(P->p, word, n) != 0) return fail(P, HME_ERR_JSON, "invalid literal");
    P->p += n;
    return HME_OK;
}

static hme_code parse_value(parser *P, hme_jval *out);

static hme_code parse_array(parser *P, hme_jval *out) {
    size_t base = P->top;
    P->p++; /* '[' */
    skip_ws(P);
    if (P->p < P->end && *P->p == ']') {
        P->p++;
    } else {
        for (;;) {
            hme_jmember m = { { NULL, 0 }, { HME_JNULL, { false } } };
            HME_FORWARD_IF_ERROR(parse_value(P, &m.val));
            HME_FORWARD_IF_ERROR(push(P, &m));
            skip_ws(P);
            if (P->p >= P->end) return fail(P, HME_ERR_JSON, "unterminated array");
            if (*P->p == ',') { P->p++; skip_ws(P); continue; }
            if (*P->p == ']') { P->p++; break; }
            return fail(P, HME_ERR_JSON, "expected ',' or ']'");
        }
    }
    size_t n = P->top - base;
    hme_jval *items = hme_arena_alloc(P->arena, n * sizeof *items);
    if (!items) return fail(P, HME_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) items[i] = P->stack[base + i].val;
    P->top = base;
    out->type = HME_JARR;
    out->u.arr.items = items;
    out->u.arr.n = n;
    return HME_OK;
}

static hme_code parse_object(parser *P, hme_jval *out) {
    size_t base = P->top;
    P->p++; /* '{' */
    skip_ws(P);
    if (P->p < P->end && *P->p == '}') {
        P->p++;
    } else {
        for (;;) {
            hme_jmember m = { { NULL, 0 }, { HME_JNULL, { false } } };
            if (P->p >= P->end || *P->p != '"') return fail(P, HME_ERR_JSON, "expected a string key");
            HME_FORWARD_IF_ERROR(parse_string(P, &m.key));
            skip_ws(P);
            if (P->p >= P->end || *P->p != ':') return fail(P, HME_ERR_JSON, "expected ':'");
            P->p++;
            skip_ws(P);
            HME_FORWARD_IF_ERROR(parse_value(P, &m.val));
            HME_FORWARD_IF_ERROR(push(P, &m));
            skip_ws(P);
            if (P->p >= P->end) return fail(P, HME_ERR_JSON, "unterminated object");
            if (*P->p == ',') { P->p++; skip_ws(P); continue; }
            if (*P->p == '}') { P->p++; break; }
            return fail(P, HME_ERR_JSON, "expected ',' or '}'");
        }
    }
    size_t n = P->top - base;
    hme_jmember *members = hme_arena_alloc(P->arena, n * sizeof *members);
    if (!members) return fail(P, HME_ERR_NOMEM, "out of memory");
    memcpy(members, P->stack + base, n * sizeof *members);
    P->top = base;
    out->type = HME_JOBJ;
    out->u.obj.members = members;
    out->u.obj.n = n;
    return HME_OK;
}

static hme_code parse_value(parser *P, hme_jval *out) {
    if (P->p >= P->end) return fail(P, HME_ERR_JSON, "expected a value");
    switch (*P->p) {
    case '"': out->type = HME_JSTR; return parse_string(P, &out->u.str);
    case '{': case '[': {
        if (++P->depth > HME_JSON_MAX_DEPTH) return fail(P, HME_ERR_JSON, "nesting too deep");
        hme_code c = *P->p == '{' ? parse_object(P, out) : parse_array(P, out);
        P->depth--;
        return c;
    }
    case 't': out->type = HME_JBOOL; out->u.b = true; return parse_literal(P, "true", 4);
    case 'f': out->type = HME_JBOOL; out->u.b = false; return parse_literal(P, "false", 5);
    case 'n': out->type = HME_JNULL; return parse_literal(P, "null", 4);
    default:
        if (*P->p == '-' || is_digit(*P->p)) return parse_number(P, out);
        return fail(P, HME_ERR_JSON, "expected a value");
    }
}

hme_code hme_json_parse(const char *buf, size_t len, hme_arena *arena, hme_jval *out, hme_error *err) {
    parser P;
    P.begin = P.p = (const unsigned char *)buf;
    P.end = P.p + len;
    P.arena = arena;
    P.err = err;
    P.strspecial = hme_scan_active()->strspecial;
    P.depth = 0;
    P.stack = P.local;
    P.top = 0;
    P.cap = LOCAL_STACK;
    hme_jval v = { HME_JNULL, { false } };
    skip_ws(&P);
    hme_code c = parse_value(&P, &v);
    if (c == HME_OK) {
        skip_ws(&P);
        if (P.p != P.end) c = fail(&P, HME_ERR_JSON, "trailing characters after the value");
    }
    if (P.stack != P.local) hme_free(hme_alloc_default(), P.stack);
    if (c == HME_OK && out) *out = v;
    return c;
}

const hme_jval *hme_json_get(const hme_jval *obj, const char *key) {
    if (!obj || obj->type != HME_JOBJ) return NULL;
    size_t klen = strlen(key);
    for (size_t i = obj->u.obj.n; i-- > 0;) {
        const hme_jmember *m = &obj->u.obj.members[i];
        if (m->key.len == klen && memcmp(m->key.ptr, key, klen) == 0) return &m->val;
    }
    return NULL;
}
