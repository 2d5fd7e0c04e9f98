/* tfidf_tok.c - findall(r"(?u)\b\w\w+\b") on lower(doc).
 *
 * Why runs: a match must start at a word boundary and \w+ is greedy, so it always takes
 * the whole \w run and the closing \b holds; a run of one character cannot match and the
 * scan resumes at the next character, which is not \w. */
#include "tokenize/tfidf_tok.h"

#include "tokenize/unicode.h"

bool hme_tfidf_tokenize(const char *s, size_t len, hme_arena *arena, hme_str **toks, size_t *n) {
    *toks = NULL;
    *n = 0;
    char *buf = hme_arena_alloc(arena, hme_py_lower_cap(len));
    if (!buf) return false;
    size_t m = hme_py_lower(s, len, buf);
    hme_str *v = NULL;
    size_t cnt = 0, cap = 0;
    size_t run_start = 0, run_cps = 0;
    for (size_t i = 0; i <= m;) {
        uint32_t cp = ' ';
        size_t step = 1;
        if (i < m) {
            unsigned char b = (unsigned char)buf[i];
            if (b < 0x80) cp = b; else step = hme_utf8_next(buf + i, m - i, &cp);
        }
        if (i < m && hme_py_isword(cp)) {
            if (run_cps++ == 0) run_start = i;
        } else {
            if (run_cps >= 2) {
                if (cnt == cap) {
                    size_t nc = cap ? 2 * cap : 32;
                    hme_str *nv = hme_arena_grow(arena, v, cap * sizeof *v, nc * sizeof *nv);
                    if (!nv) return false;
                    v = nv;
                    cap = nc;
                }
                v[cnt].ptr = buf + run_start;
                v[cnt].len = i - run_start;
                cnt++;
            }
            run_cps = 0;
        }
        i += step;
    }
    *toks = v;
    *n = cnt;
    return true;
}

/* ---- bag of words ----------------------------------------------------------------------- */

#include <string.h>

uint64_t hme_tok_hash(const char *p, size_t len) {
    /* 8 bytes at a time, multiply-xorshift mixing: tokens are short, this is a few cycles. */
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (len * 0xC2B2AE3D27D4EB4Full);
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
    }
    if (i < len) {
        uint64_t w = 0;
        memcpy(&w, p + i, len - i);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
    }
    h *= 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 29);
}

long hme_bag_find(const hme_bag *b, hme_str tok, uint64_t hash) {
    if (b->n == 0) return -1;
    for (size_t s = (size_t)hash & b->mask;; s = (s + 1) & b->mask) {
        uint32_t e = b->slot[s];
        if (e == 0) return -1;
        size_t k = e - 1;
        if (b->hash[k] == hash && hme_str_eq(b->tok[k], tok)) return (long)k;
    }
}

bool hme_bag_build(const hme_str *toks, size_t n, hme_arena *arena, hme_bag *out) {
    memset(out, 0, sizeof *out);
    out->n_tokens = n;
    if (n == 0) return true;
    size_t cap = 8;
    while (cap < 2 * n) cap *= 2;   /* load factor <= 1/2 */
    out->slot = hme_arena_calloc(arena, cap, sizeof *out->slot);
    out->tok = hme_arena_alloc(arena, n * sizeof *out->tok);
    out->count = hme_arena_alloc(arena, n * sizeof *out->count);
    out->hash = hme_arena_alloc(arena, n * sizeof *out->hash);
    if (!out->slot || !out->tok || !out->count || !out->hash) return false;
    out->mask = cap - 1;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = hme_tok_hash(toks[i].ptr, toks[i].len);
        size_t s = (size_t)h & out->mask;
        for (;; s = (s + 1) & out->mask) {
            uint32_t e = out->slot[s];
            if (e == 0) {
                out->tok[out->n] = toks[i];
                out->count[out->n] = 1;
                out->hash[out->n] = h;
                out->slot[s] = (uint32_t)(++out->n);
                break;
            }
            if (out->hash[e - 1] == h && hme_str_eq(out->tok[e - 1], toks[i])) {
                out->count[e - 1]++;
                break;
            }
        }
    }
    return true;
}
