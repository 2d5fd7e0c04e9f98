/* unicode.h - Python 3 str semantics on UTF-8 bytes, via utf8proc.
 * The reference implementations are Python: lower(), isalnum(), isspace() and the re
 * module's \w, \s, \d, \b decide the tokens, so hme reproduces those exactly here. */
#ifndef HME_TOKENIZE_UNICODE_H
#define HME_TOKENIZE_UNICODE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s[0..len) (len >= 1). Returns the bytes used (1..4).
 * Invalid UTF-8 yields U+FFFD and consumes 1 byte (inputs are validated upstream). */
size_t hme_utf8_next(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (>= 4 bytes), returns bytes written. */
size_t hme_utf8_put(uint32_t cp, char *out);

/* Python str.lower() with full case mapping (U+0130 -> "i\u0307") and the final-sigma
 * rule. out must hold at least hme_py_lower_cap(len) bytes. Returns bytes written. */
static inline size_t hme_py_lower_cap(size_t len) { return 2 * len + 4; }
size_t hme_py_lower(const char *s, size_t len, char *out);

bool hme_py_isalnum(uint32_t cp);   /* str.isalnum() of one character */
bool hme_py_isalpha(uint32_t cp);   /* str.isalpha() */
bool hme_py_isdecimal(uint32_t cp); /* str.isdecimal() (re's \d) */
bool hme_py_isspace(uint32_t cp);   /* str.isspace() (re's \s, str.split()) */
bool hme_py_isword(uint32_t cp);    /* re's \w: isalnum() or '_' */

#endif
