/* rouge_tok.c - rouge-score's tokenizer as ids (see rouge_tok.h). */
#include "tokenize/rouge_tok.h"

#include <string.h>

#include "core/alloc.h"
#include "hash/token_id.h"
#include "tokenize/porter.h"
#include "tokenize/unicode.h"

/* Stem cache: packed token id -> stem id. Only packed ids (<= 12 chars) are cached: they
 * are exact keys; long tokens are rare and simply stemmed each time. */
#define CACHE_BITS 16
#define CACHE_CAP ((size_t)1 << CACHE_BITS)

typedef struct cache_slot {
    uint64_t key; /* 0 = empty (a packed id is never 0) */
    uint64_t stem;
} cache_slot;

struct hme_rouge_tok {
    const hme_allocator *al;
    size_t count;
    cache_slot slots[CACHE_CAP];
};

hme_rouge_tok *hme_rouge_tok_new(const hme_allocator *al) {
    al = hme_alloc_or_default(al);
    hme_rouge_tok *t = hme_calloc(al, 1, sizeof *t);
    if (t) t->al = al;
    return t;
}

void hme_rouge_tok_free(hme_rouge_tok *t) {
    if (t) hme_free(t->al, t);
}

static uint64_t mix(uint64_t k) {
    k ^= k >> 33; k *= 0xff51afd7ed558ccdull; k ^= k >> 33;
    return k;
}

/* Lowercases an ASCII token (the text may still hold A-Z). */
static void lower_ascii(const char *s, size_t n, char *w) {
    for (size_t k = 0; k < n; k++) {
        unsigned char b = (unsigned char)s[k];
        w[k] = (char)(b <= 'Z' && b >= 'A' ? b + 32 : b);
    }
}

/* Id of the stem of the lowercased token w[0..n) (n <= 12 here: packed ids only). */
static uint64_t stem_id(const char *w, size_t n) {
    char out[HME_PORTER_OUT_CAP(HME_TOKEN_PACK_MAX)];
    size_t m = hme_porter_stem(w, n, out);
    return hme_token_id(out, m);
}

/* Stem id of a packed token (raw: its bytes in the text, maybe upper case), via the cache. */
static uint64_t stem_of_packed(hme_rouge_tok *t, const char *raw, size_t n, uint64_t id) {
    if (n <= 3) return id;
    size_t mask = CACHE_CAP - 1, i = (size_t)mix(id) & mask;
    for (;;) {
        cache_slot *c = &t->slots[i];
        if (c->key == id) return c->stem;
        if (c->key == 0) break;
        i = (i + 1) & mask;
    }
    char w[HME_TOKEN_PACK_MAX];
    lower_ascii(raw, n, w);
    uint64_t st = stem_id(w, n);
    if (t->count >= CACHE_CAP / 2) { /* bounded: start over rather than grow */
        memset(t->slots, 0, sizeof t->slots);
        t->count = 0;
        i = (size_t)mix(id) & mask;
        while (t->slots[i].key) i = (i + 1) & mask;
    }
    t->slots[i].key = id;
    t->slots[i].stem = st;
    t->count++;
    return st;
}

/* Stem id of a long (hashed) token w[0..n), lowercased; not cached. */
static uint64_t stem_of_long(const char *w, size_t n, hme_arena *arena) {
    char buf[256];
    char *out = HME_PORTER_OUT_CAP(n) <= sizeof buf ? buf : hme_arena_alloc(arena, HME_PORTER_OUT_CAP(n));
    if (!out) return 0;
    size_t m = hme_porter_stem(w, n, out);
    return hme_token_id(out, m);
}

static bool has_non_ascii(const char *s, size_t n) {
    /* 8 bytes at a time: any high bit set. */
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull) return true;
    }
    for (; i < n; i++)
        if ((unsigned char)s[i] & 0x80) return true;
    return false;
}

/* Base-37 digit of a token byte (hash/token_id.h: 0-9 -> 1..10, a-z -> 11..36, A-Z as a-z,
 * because lower() comes first), 0 for a separator. */
static const unsigned char digit[256] = {
    ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
#define L(c) [c] = c - 'a' + 11, [c - 32] = c - 'a' + 11
    L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'), L('j'), L('k'), L('l'), L('m'),
    L('n'), L('o'), L('p'), L('q'), L('r'), L('s'), L('t'), L('u'), L('v'), L('w'), L('x'), L('y'), L('z'),
#undef L
};

/* Records the strings of a token with a hashed id (rare: over 12 characters). The lists
 * grow by doubling in the arena; the stem is recomputed (the cache holds ids only). */
static bool keep_long(hme_rouge_toks *out, uint32_t at, const char *w, size_t tl, hme_arena *arena) {
    uint32_t k = out->n_long;
    if ((k & (k - 1)) == 0) { /* 0, 1, 2, 4, ...: full, grow */
        uint32_t cap = k ? 2 * k : 4;
        uint32_t *ia = hme_arena_alloc(arena, cap * sizeof *ia);
        hme_str *pa = hme_arena_alloc(arena, cap * sizeof *pa), *sa = hme_arena_alloc(arena, cap * sizeof *sa);
        if (!ia || !pa || !sa) return false;
        if (k) {
            memcpy(ia, out->long_at, k * sizeof *ia);
            memcpy(pa, out->long_plain, k * sizeof *pa);
            memcpy(sa, out->long_stem, k * sizeof *sa);
        }
        out->long_at = ia; out->long_plain = pa; out->long_stem = sa;
    }
    char *p = hme_arena_strndup(arena, w, tl);
    char *st = hme_arena_alloc(arena, HME_PORTER_OUT_CAP(tl) + 1);
    if (!p || !st) return false;
    size_t sl = tl > 3 ? hme_porter_stem(w, tl, st) : (memcpy(st, w, tl), tl);
    out->long_at[k] = at;
    out->long_plain[k] = (hme_str){ p, tl };
    out->long_stem[k] = (hme_str){ st, sl };
    out->n_long = k + 1;
    return true;
}

bool hme_rouge_tokenize(hme_rouge_tok *t, const char *text, size_t len, hme_arena *arena, hme_rouge_toks *out) {
    memset(out, 0, sizeof *out);
    /* Non-ASCII text: Python's lower() first (it can yield ASCII letters, e.g. KELVIN SIGN
     * -> 'k'); every byte that is still non-ASCII afterwards is a separator. */
    if (has_non_ascii(text, len)) {
        char *low = hme_arena_alloc(arena, hme_py_lower_cap(len));
        if (!low) return false;
        len = hme_py_lower(text, len, low);
        text = low;
    }
    size_t cap = len / 2 + 1;
    out->plain = hme_arena_alloc(arena, cap * sizeof(uint64_t));
    out->stem = hme_arena_alloc(arena, cap * sizeof(uint64_t));
    out->sent_end = hme_arena_alloc(arena, cap * sizeof(uint32_t));
    if (!out->plain || !out->stem || !out->sent_end) return false;
    uint32_t n = 0, line_start = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (!digit[c]) {
            if (c == '\n' && n > line_start) { out->sent_end[out->n_sent++] = n; line_start = n; }
            i++;
            continue;
        }
        /* The packed id is built while scanning (hme_token_id's formula, same digits). */
        size_t s = i;
        uint64_t id = 0;
        unsigned d;
        while (i < len && (d = digit[(unsigned char)text[i]]) != 0) {
            if (i - s < HME_TOKEN_PACK_MAX) id = id * 37 + d;
            i++;
        }
        size_t tl = i - s;
        uint64_t st;
        if (tl <= HME_TOKEN_PACK_MAX) {
            st = stem_of_packed(t, text + s, tl, id);
        } else {
            char small[256];
            char *w = tl <= sizeof small ? small : hme_arena_alloc(arena, tl);
            if (!w) return false;
            lower_ascii(text + s, tl, w);
            id = hme_token_id(w, tl);
            st = stem_of_long(w, tl, arena);
            if (st == 0 || !keep_long(out, n, w, tl, arena)) return false;
        }
        out->plain[n] = id;
        out->stem[n] = st;
        n++;
    }
    if (n > line_start) out->sent_end[out->n_sent++] = n;
    out->n = n;
    return true;
}
