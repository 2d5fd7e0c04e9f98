/* json.h - stage 2 of reading: one NDJSON record (one line) -> a small DOM in an arena.
 *
 * Full RFC 8259 grammar; strings are decoded (all escapes, \u surrogate pairs);
 * an invalid escape, a lone surrogate or invalid UTF-8 anywhere in a string is an
 * error (HME_ERR_UTF8), malformed syntax is HME_ERR_JSON. Nesting is limited
 * (HME_JSON_MAX_DEPTH) so hostile input cannot exhaust the stack.
 * Decoded strings are NUL-terminated (and may contain NUL bytes: use len).
 * Numbers keep their raw text and their strtod value (correctly rounded).
 * Object members keep input order; duplicate keys are kept (hme_json_get returns the last).
 */
#ifndef HME_READ_JSON_H
#define HME_READ_JSON_H
#include <stddef.h>
#include <stdbool.h>
#include "hme.h"
#include "core/arena.h"
#include "core/str.h"

#define HME_JSON_MAX_DEPTH 64

typedef enum hme_jtype { HME_JNULL, HME_JBOOL, HME_JNUM, HME_JSTR, HME_JARR, HME_JOBJ } hme_jtype;

typedef struct hme_jval hme_jval;
typedef struct hme_jmember hme_jmember;

struct hme_jval {
    hme_jtype type;
    union {
        bool b;
        struct { double d; const char *raw; size_t raw_len; bool is_int; } num; /* is_int: no '.', 'e' or 'E' */
        hme_str str;                                      /* decoded bytes */
        struct { hme_jval *items; size_t n; } arr;
        struct { hme_jmember *members; size_t n; } obj;
    } u;
};

struct hme_jmember {
    hme_str key; /* decoded */
    hme_jval val;
};

/* Parses exactly one JSON value filling buf[0..len) (surrounding whitespace allowed).
 * Everything is allocated in arena. On error returns the code and sets err->msg
 * (err->line is left 0: the caller knows the line). */
hme_code hme_json_parse(const char *buf, size_t len, hme_arena *arena, hme_jval *out, hme_error *err);

/* Member lookup on an object (last duplicate wins); NULL if absent or v is not an object. */
const hme_jval *hme_json_get(const hme_jval *obj, const char *key);

/* Validates UTF-8 (strict: no overlongs, no surrogates, max U+10FFFF). */
bool hme_utf8_valid(const char *s, size_t len);

#endif
