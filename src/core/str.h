/* str.h - a borrowed byte string (UTF-8, not NUL-terminated unless said). */
#ifndef HME_CORE_STR_H
#define HME_CORE_STR_H
#include <stddef.h>
#include <string.h>
#include <stdbool.h>

typedef struct hme_str {
    const char *ptr;
    size_t len;
} hme_str;

static inline hme_str hme_str_c(const char *s) { hme_str r = { s, strlen(s) }; return r; }
static inline bool hme_str_eq(hme_str a, hme_str b) { return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0); }
static inline bool hme_str_eq_c(hme_str a, const char *b) { return hme_str_eq(a, hme_str_c(b)); }

#endif
