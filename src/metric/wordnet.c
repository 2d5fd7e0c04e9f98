/* wordnet.c - WordNet 3.0 lookups reproducing NLTK 3.8's synsets()/_morphy()
 * (nltk/corpus/reader/wordnet.py). See wordnet.h.
 *
 * NLTK answers "is form a <pos> lemma" and "is form a <pos> exception" from dicts it loads at
 * start-up; here each of those eight dicts is a hash table of 32-bit slots built at open in
 * one pass over the files, pointing into the mapped files. */
#include "metric/wordnet.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/str.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

enum { WN_NOUN, WN_VERB, WN_ADJ, WN_ADV, WN_NPOS };
/* NLTK's POS_LIST order and _FILEMAP suffixes. */
static const char *const pos_suffix[WN_NPOS] = { "noun", "verb", "adj", "adv" };

typedef struct wn_map { const char *p; size_t len; } wn_map;

typedef struct wn_exc {      /* one line of <pos>.exc: "inflected base1 [base2 ...]" */
    hme_str key;
    hme_str bases;           /* the rest of the line, space separated */
} wn_exc;

/* An open-addressing table (linear probing) from a key to a value (1 + line offset or line
 * number; 0 = empty slot). A slot is 32 bits: the value in the low val_bits (23 for
 * index.noun), hash bits above it as a tag, so a miss - most morphy candidates miss - reads
 * one cache line and no file byte (a tag hit is confirmed against the key's bytes in the
 * file), and the tables stay small (1.4 MB for WordNet 3.0: less to clear and fault in at
 * open, more of it in cache). */
typedef uint32_t wn_slot;
typedef struct wn_table {
    wn_slot *slots;
    unsigned val_bits;       /* the value's width: every value is < 2^val_bits */
    size_t mask;             /* slots - 1 (a power of two minus one) */
    size_t count;
    size_t max_len;          /* no key is longer: longer forms skip the hashing */
} wn_table;

enum { WN_INDEX, WN_EXC, WN_NKIND };   /* the two dicts: lemma -> index line, word -> exception line */

struct hme_wordnet {
    const hme_allocator *al;
    wn_map index[WN_NPOS], data[WN_NPOS], exc_file[WN_NPOS];
    wn_exc *exc[WN_NPOS];    /* .exc lines in file order */
    size_t n_exc[WN_NPOS];
    wn_table tab[WN_NKIND][WN_NPOS];
};

/* MORPHOLOGICAL_SUBSTITUTIONS, in NLTK's order. */
typedef struct wn_rule { const char *old, *new_; unsigned char old_len, new_len; } wn_rule;
#define R(o, n) { o, n, sizeof o - 1, sizeof n - 1 }
static const wn_rule noun_rules[] = { R("s", ""), R("ses", "s"), R("ves", "f"), R("xes", "x"), R("zes", "z"),
                                      R("ches", "ch"), R("shes", "sh"), R("men", "man"), R("ies", "y") };
static const wn_rule verb_rules[] = { R("s", ""), R("ies", "y"), R("es", "e"), R("es", ""), R("ed", "e"),
                                      R("ed", ""), R("ing", "e"), R("ing", "") };
static const wn_rule adj_rules[] = { R("er", ""), R("est", ""), R("er", "e"), R("est", "e") };
#undef R
static const wn_rule *const pos_rules[WN_NPOS] = { noun_rules, verb_rules, adj_rules, NULL };
static const size_t pos_n_rules[WN_NPOS] = { 9, 8, 4, 0 };

static hme_code map_file(const char *dir, const char *name, int populate, wn_map *m, hme_error *err) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return hme_error_set(err, HME_ERR_DATA, 0, "WordNet: cannot open %s", path);
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size <= 0) {
        close(fd);
        return hme_error_set(err, HME_ERR_DATA, 0, "WordNet: empty or unreadable %s", path);
    }
    /* the table keeps 32-bit line offsets (WordNet 3.0's largest index file is 4.8 MB) */
    if ((uint64_t)st.st_size >= UINT32_MAX) {
        close(fd);
        return hme_error_set(err, HME_ERR_DATA, 0, "WordNet: %s is too large", path);
    }
    /* index and exception files are read whole at open: fault them in in one go */
    int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
    if (populate) flags |= MAP_POPULATE;
#endif
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, flags, fd, 0);
    close(fd);
    if (p == MAP_FAILED) return hme_error_set(err, HME_ERR_DATA, 0, "WordNet: cannot map %s", path);
    m->p = p;
    m->len = (size_t)st.st_size;
    return HME_OK;
}

/* ---- the key tables ---------------------------------------------------------------- */

/* A key ends at its first byte <= 0x20: keys are split() tokens, and WordNet's contain
 * neither whitespace nor control bytes; a query holding such a byte is in no dict. */
static int is_sep(char c) { return (unsigned char)c <= ' '; }

static int has_sep(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (is_sep(s[i])) return 1;
    return 0;
}

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* 8 bytes as a little-endian word: byte i of the text is bits 8i..8i+7. */
static inline uint64_t load_le64(const char *p) {
    uint64_t w;
    memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}
/* Bit 7 of the lowest byte <= 0x20 is set (higher bytes may be flagged spuriously by the
 * borrow; only the lowest flag is used). Bytes >= 0x80 are never flagged. */
static inline uint64_t sep_bits(uint64_t w) { return (w - ONES * 0x21) & ~w & HIGHS; }

/* The key hash: 8-byte little-endian words (the last one zero-padded) through a
 * multiply-xorshift, then the length. Low bits pick the slot, the high half gives the tag.
 * key_hash on a query and scan_key on a file line compute the same value. */
#define HASH_SEED 0x9E3779B97F4A7C15ull
static inline uint64_t hash_word(uint64_t h, uint64_t w) {
    h = (h ^ w) * 0xff51afd7ed558ccdull;
    return h ^ (h >> 29);
}
static inline uint64_t hash_finish(uint64_t h, size_t n) {
    h = (h ^ ((uint64_t)n * 0xC2B2AE3D27D4EB4Full)) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 32);
}
static uint64_t key_hash(const char *s, size_t n) {
    uint64_t h = HASH_SEED;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) h = hash_word(h, load_le64(s + i));
    if (i < n) {
        uint64_t w = 0;
        for (size_t j = 0; i + j < n; j++) w |= (uint64_t)(unsigned char)s[i + j] << (8 * j);
        h = hash_word(h, w);
    }
    return hash_finish(h, n);
}

/* The key starting at d[s] (of a file of n bytes): returns its end; *hash = key_hash of it.
 * One 8-byte step finds the separator and hashes at once (start-up time). */
static size_t scan_key(const char *d, size_t n, size_t s, uint64_t *hash) {
    uint64_t h = HASH_SEED;
    size_t k = s;
    for (; k + 8 <= n; k += 8) {
        uint64_t w = load_le64(d + k), m = sep_bits(w);
        if (m) {
            unsigned b = (unsigned)__builtin_ctzll(m) >> 3;
            if (b) h = hash_word(h, w & ((1ull << (8 * b)) - 1));
            *hash = hash_finish(h, k + b - s);
            return k + b;
        }
        h = hash_word(h, w);
    }
    uint64_t w = 0;
    unsigned j = 0;
    for (; k < n && !is_sep(d[k]); k++, j++) w |= (uint64_t)(unsigned char)d[k] << (8 * j);
    if (j) h = hash_word(h, w);
    *hash = hash_finish(h, k - s);
    return k;
}

/* The position of the first '\n' at or after k, or n. (libc's vector memchr beats an
 * inline 8-byte loop here even for the ~30 bytes left of a line after its lemma.) */
static size_t find_nl(const char *d, size_t n, size_t k) {
    const char *e = memchr(d + k, '\n', n - k);
    return e ? (size_t)(e - d) : n;
}

/* Does the lemma of the index line at off equal key[0..len)? (key has no separator) */
static int index_key_eq(const hme_wordnet *wn, int pos, uint32_t off, const char *key, size_t len) {
    const wn_map *m = &wn->index[pos];
    if (m->len - off < len || memcmp(m->p + off, key, len) != 0) return 0;
    return off + len == m->len || is_sep(m->p[off + len]);
}

static int key_eq(const hme_wordnet *wn, int kind, int pos, uint32_t val, const char *key, size_t len) {
    if (kind == WN_INDEX) return index_key_eq(wn, pos, val - 1, key, len);
    return hme_str_eq(wn->exc[pos][val - 1].key, (hme_str){ key, len });
}

/* A slot's parts. The tag is the top bits of the hash's high half (the low half picks the
 * slot); 64-bit shifts keep val_bits == 32 (no tag) defined. */
static inline uint32_t slot_val(const wn_table *t, wn_slot s) { return (uint32_t)(s & ((1ull << t->val_bits) - 1)); }
static inline wn_slot slot_tag(const wn_table *t, uint64_t h) {
    return (wn_slot)((h >> 32) >> t->val_bits << t->val_bits);
}

/* The value of key (hash h) in a table, 0 when absent. */
static uint32_t table_get(const hme_wordnet *wn, int kind, int pos, uint64_t h, const char *key, size_t len) {
    const wn_table *t = &wn->tab[kind][pos];
    wn_slot tag = slot_tag(t, h);
    for (size_t i = (size_t)h & t->mask;; i = (i + 1) & t->mask) {
        wn_slot s = t->slots[i];
        if (s == 0) return 0;
        uint32_t v = slot_val(t, s);
        if ((s ^ tag) == v && key_eq(wn, kind, pos, v, key, len)) return v;
    }
}

static void table_prefetch(const hme_wordnet *wn, int kind, int pos, uint64_t h) {
    const wn_table *t = &wn->tab[kind][pos];
    __builtin_prefetch(&t->slots[(size_t)h & t->mask]);
}

/* Slots for n keys at a load of at most 5/8 (linear probes stay short). */
static size_t table_cap(size_t n) {
    size_t cap = 64;
    while (cap * 5 < n * 8) cap <<= 1;
    return cap;
}

/* Slots for values up to max_val. */
static int table_alloc(wn_table *t, const hme_allocator *al, size_t cap, uint64_t max_val) {
    t->val_bits = 1;
    while (t->val_bits < 32 && (max_val >> t->val_bits) != 0) t->val_bits++;
    t->slots = hme_calloc(al, cap, sizeof *t->slots);
    t->mask = cap - 1;
    t->count = 0;
    return t->slots != NULL;
}

static void slot_put(wn_table *t, uint64_t h, uint32_t val) {
    size_t i = (size_t)h & t->mask;
    while (t->slots[i]) i = (i + 1) & t->mask;
    t->slots[i] = slot_tag(t, h) | val;
    t->count++;
}

/* More keys than the estimate: twice the slots, the keys rehashed from the files. */
static int table_grow(hme_wordnet *wn, int kind, int pos) {
    wn_table *t = &wn->tab[kind][pos], old = *t;
    if (!table_alloc(t, wn->al, 2 * (old.mask + 1), (1ull << old.val_bits) - 1)) { *t = old; return 0; }
    t->max_len = old.max_len;
    for (size_t i = 0; i <= old.mask; i++) {
        uint32_t v = slot_val(&old, old.slots[i]);
        if (!v) continue;
        uint64_t h;
        if (kind == WN_INDEX) scan_key(wn->index[pos].p, wn->index[pos].len, v - 1, &h);
        else h = key_hash(wn->exc[pos][v - 1].key.ptr, wn->exc[pos][v - 1].key.len);
        slot_put(t, h, v);
    }
    hme_free(wn->al, old.slots);
    return 1;
}

/* Adds key -> val; an equal key already there takes the new value, as a later line does in
 * NLTK's dict. Returns 0 on OOM. */
static int table_put(hme_wordnet *wn, int kind, int pos, uint64_t h, const char *key, size_t len, uint32_t val) {
    wn_table *t = &wn->tab[kind][pos];
    if ((t->count + 1) * 8 > (t->mask + 1) * 5 && !table_grow(wn, kind, pos)) return 0;
    wn_slot tag = slot_tag(t, h);
    for (size_t i = (size_t)h & t->mask;; i = (i + 1) & t->mask) {
        wn_slot *s = &t->slots[i];
        if (*s == 0) { *s = tag | val; t->count++; break; }
        uint32_t v = slot_val(t, *s);
        if ((*s ^ tag) == v && key_eq(wn, kind, pos, v, key, len)) { *s = tag | val; break; }
    }
    if (len > t->max_len) t->max_len = len;
    return 1;
}

/* _load_lemma_pos_offset_map for one file: every line not starting with a space (the
 * license header) maps its first token to the line offset. One pass: each line's lemma is
 * hashed as it is found, its slot prefetched, and it is inserted PIPE lines later, so the
 * cache misses of ~100k random inserts overlap instead of queueing (start-up time). */
enum { PIPE = 16 };

static hme_code load_index(hme_wordnet *wn, int pos, hme_error *err) {
    const char *d = wn->index[pos].p;
    size_t n = wn->index[pos].len;
    wn_table *t = &wn->tab[WN_INDEX][pos];
    /* WordNet 3.0 index lines average 40 bytes; more lines than that grow the table */
    if (!table_alloc(t, wn->al, table_cap(n / 40 + 1), n)) return hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory");
    struct { uint64_t h; uint32_t off, len; } ring[PIPE];
    size_t head = 0, tail = 0;   /* ring[tail..head) hashed, not yet inserted */
    for (size_t off = 0; off < n || tail < head;) {
        if (tail < head && (head - tail == PIPE || off >= n)) {
            size_t r = tail++ % PIPE;
            if (!table_put(wn, WN_INDEX, pos, ring[r].h, d + ring[r].off, ring[r].len, ring[r].off + 1))
                return hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory");
            continue;
        }
        size_t k = off;
        if (!is_sep(d[off])) {   /* a line starting with a space is the license header */
            uint64_t h;
            k = scan_key(d, n, off, &h);
            size_t r = head++ % PIPE;
            ring[r].h = h;
            ring[r].off = (uint32_t)off;
            ring[r].len = (uint32_t)(k - off);
            __builtin_prefetch(&t->slots[(size_t)h & t->mask], 1);
        }
        off = find_nl(d, n, k) + 1;
    }
    return HME_OK;
}

/* _load_exception_map for one file: terms = line.split(); map[terms[0]] = terms[1:]. */
static hme_code load_exceptions(hme_wordnet *wn, int pos, hme_error *err) {
    const char *s = wn->exc_file[pos].p, *end = s + wn->exc_file[pos].len;
    size_t lines = 0;
    for (const char *q = s; q < end; q++) lines += *q == '\n';
    wn_exc *e = hme_calloc(wn->al, lines + 1, sizeof *e);
    if (!e) return hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory");
    wn->exc[pos] = e;
    wn_table *t = &wn->tab[WN_EXC][pos];
    if (!table_alloc(t, wn->al, table_cap(lines + 1), lines + 1)) return hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory");
    size_t n = 0;
    while (s < end) {
        const char *eol = memchr(s, '\n', (size_t)(end - s));
        if (!eol) eol = end;
        const char *k = s;
        while (k < eol && is_sep(*k)) k++;
        const char *ke = k;
        while (ke < eol && !is_sep(*ke)) ke++;
        if (ke > k) {
            e[n].key = (hme_str){ k, (size_t)(ke - k) };
            e[n].bases = (hme_str){ ke, (size_t)(eol - ke) };
            n++;
            if (!table_put(wn, WN_EXC, pos, key_hash(k, (size_t)(ke - k)), k, (size_t)(ke - k), (uint32_t)n))
                return hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory");
        }
        s = eol + 1;
    }
    wn->n_exc[pos] = n;
    return HME_OK;
}

hme_code hme_wordnet_open(const char *dir, const hme_allocator *al, hme_wordnet **out, hme_error *err) {
    *out = NULL;
    al = hme_alloc_or_default(al);
    if (!dir) dir = "/usr/share/wordnet";
    hme_wordnet *wn = hme_calloc(al, 1, sizeof *wn);
    if (!wn) return hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory");
    wn->al = al;
    hme_code rc = HME_OK;
    char name[64];
    for (int p = 0; p < WN_NPOS && rc == HME_OK; p++) {
        snprintf(name, sizeof name, "index.%s", pos_suffix[p]);
        rc = map_file(dir, name, 1, &wn->index[p], err);
        if (rc == HME_OK) { snprintf(name, sizeof name, "data.%s", pos_suffix[p]); rc = map_file(dir, name, 0, &wn->data[p], err); }
        if (rc == HME_OK) { snprintf(name, sizeof name, "%s.exc", pos_suffix[p]); rc = map_file(dir, name, 1, &wn->exc_file[p], err); }
        if (rc == HME_OK) rc = load_index(wn, p, err);
        if (rc == HME_OK) rc = load_exceptions(wn, p, err);
    }
    if (rc != HME_OK) { hme_wordnet_close(wn); return rc; }
    *out = wn;
    return HME_OK;
}

void hme_wordnet_close(hme_wordnet *wn) {
    if (!wn) return;
    for (int p = 0; p < WN_NPOS; p++) {
        if (wn->index[p].p) munmap((void *)wn->index[p].p, wn->index[p].len);
        if (wn->data[p].p) munmap((void *)wn->data[p].p, wn->data[p].len);
        if (wn->exc_file[p].p) munmap((void *)wn->exc_file[p].p, wn->exc_file[p].len);
        hme_free(wn->al, wn->exc[p]);
        for (int k = 0; k < WN_NKIND; k++) hme_free(wn->al, wn->tab[k][p].slots);
    }
    hme_free(wn->al, wn);
}

/* Where NLTK's dicts find one form: its index line per POS (1 + offset, 0 none) and its
 * exception line per POS (1 + number, 0 none). Looked up once for the word itself, which
 * every POS asks about; the slots of all eight tables are prefetched together. */
typedef struct form_info { uint32_t line[WN_NPOS], exc[WN_NPOS]; } form_info;

static void form_lookup_all(const hme_wordnet *wn, const char *key, size_t len, form_info *fi) {
    memset(fi, 0, sizeof *fi);
    if (has_sep(key, len)) return;
    uint64_t h = key_hash(key, len);
    for (int p = 0; p < WN_NPOS; p++) {
        if (len <= wn->tab[WN_INDEX][p].max_len) table_prefetch(wn, WN_INDEX, p, h);
        if (len <= wn->tab[WN_EXC][p].max_len) table_prefetch(wn, WN_EXC, p, h);
    }
    for (int p = 0; p < WN_NPOS; p++) {
        if (len <= wn->tab[WN_INDEX][p].max_len) fi->line[p] = table_get(wn, WN_INDEX, p, h, key, len);
        if (len <= wn->tab[WN_EXC][p].max_len) fi->exc[p] = table_get(wn, WN_EXC, p, h, key, len);
    }
}

/* 1 + offset of key's index.<pos> line, 0 when key is not a <pos> lemma. */
static uint32_t index_lookup(const hme_wordnet *wn, int pos, const char *key, size_t len) {
    if (len > wn->tab[WN_INDEX][pos].max_len || has_sep(key, len)) return 0;
    return table_get(wn, WN_INDEX, pos, key_hash(key, len), key, len);
}

/* ---- _morphy ------------------------------------------------------------------------ */

/* Per-call scratch: form bytes and lists live on the stack; only unusually long words or
 * many forms spill into the arena (never touched, so never allocated, otherwise). */
typedef struct wn_scratch {
    hme_arena arena;
    size_t used;
    char buf[1024];
} wn_scratch;

static void *scratch_alloc(wn_scratch *s, size_t n) {
    n = (n + 15) & ~(size_t)15;
    if (n <= sizeof s->buf - s->used) { void *p = s->buf + s->used; s->used += n; return p; }
    return hme_arena_alloc(&s->arena, n);
}

/* A list of forms; ordered, no duplicates (NLTK's lists may repeat a form, but a repeat
 * changes neither which forms are found nor their first-seen order). */
typedef struct form_list { hme_str *v; size_t n, cap; hme_str inl[16]; } form_list;

static void list_init(form_list *l) { l->v = l->inl; l->n = 0; l->cap = 16; }

static int list_push(form_list *l, hme_str f, wn_scratch *s) {
    for (size_t i = 0; i < l->n; i++)
        if (hme_str_eq(l->v[i], f)) return 1;
    if (l->n == l->cap) {
        hme_str *nv = scratch_alloc(s, 2 * l->cap * sizeof *nv);
        if (!nv) return 0;
        memcpy(nv, l->v, l->n * sizeof *nv);
        l->v = nv;
        l->cap *= 2;
    }
    l->v[l->n++] = f;
    return 1;
}

/* The index lines found, first-found order; a form has one line per POS, so equal
 * pointers are equal forms. */
typedef struct line_list { const char **v; size_t n, cap; const char *inl[16]; } line_list;

static int line_push(line_list *l, const char *line, wn_scratch *s) {
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i] == line) return 1;
    if (l->n == l->cap) {
        const char **nv = scratch_alloc(s, 2 * l->cap * sizeof *nv);
        if (!nv) return 0;
        memcpy(nv, l->v, l->n * sizeof *nv);
        l->v = nv;
        l->cap *= 2;
    }
    l->v[l->n++] = line;
    return 1;
}

/* apply_rules(forms): [form[:-len(old)] + new for form in forms for old, new in rules if ...] */
static int apply_rules(int pos, const form_list *in, form_list *out, wn_scratch *s) {
    out->n = 0;
    for (size_t i = 0; i < in->n; i++) {
        hme_str f = in->v[i];
        for (size_t r = 0; r < pos_n_rules[pos]; r++) {
            const wn_rule *ru = &pos_rules[pos][r];
            if (f.len < ru->old_len || memcmp(f.ptr + f.len - ru->old_len, ru->old, ru->old_len) != 0) continue;
            size_t keep = f.len - ru->old_len, nl = keep + ru->new_len;
            char *g = scratch_alloc(s, nl + 1);
            if (!g) return 0;
            memcpy(g, f.ptr, keep);
            memcpy(g + keep, ru->new_, ru->new_len);
            g[nl] = '\0';
            if (!list_push(out, (hme_str){ g, nl }, s)) return 0;
        }
    }
    return 1;
}

/* filter_forms: the index.<pos> lines of the forms that are <pos> lemmas. When w0,
 * forms->v[0] is the word itself, already looked up in w0. */
static int filter_forms(const hme_wordnet *wn, int pos, const form_list *forms, const form_info *w0,
                        line_list *found, wn_scratch *s) {
    for (size_t i = 0; i < forms->n; i++) {
        uint32_t line = (i == 0 && w0) ? w0->line[pos] : index_lookup(wn, pos, forms->v[i].ptr, forms->v[i].len);
        if (line && !line_push(found, wn->index[pos].p + line - 1, s)) return 0;
    }
    return 1;
}

/* _morphy(word, pos) -> the index lines of the forms found. w0: where word itself is.
 * Returns 0 on OOM. */
static int morphy(const hme_wordnet *wn, int pos, hme_str word, const form_info *w0,
                  line_list *found, wn_scratch *s) {
    form_list first, forms, next;
    list_init(&first);
    list_init(&forms);
    list_init(&next);
    if (!list_push(&first, word, s)) return 0;
    if (w0->exc[pos]) {   /* the exception list decides alone: [form] + exceptions[form] */
        hme_str b = wn->exc[pos][w0->exc[pos] - 1].bases;
        const char *p = b.ptr, *e = p + b.len;
        while (p < e) {
            while (p < e && is_sep(*p)) p++;
            const char *t = p;
            while (t < e && !is_sep(*t)) t++;
            if (t > p && !list_push(&first, (hme_str){ p, (size_t)(t - p) }, s)) return 0;
            p = t;
        }
        return filter_forms(wn, pos, &first, w0, found, s);
    }
    if (!apply_rules(pos, &first, &forms, s)) return 0;
    for (size_t i = 0; i < forms.n; i++)
        if (!list_push(&first, forms.v[i], s)) return 0;
    if (!filter_forms(wn, pos, &first, w0, found, s)) return 0;
    form_list *cur = &forms, *nxt = &next;
    while (found->n == 0 && cur->n > 0) {
        if (!apply_rules(pos, cur, nxt, s)) return 0;
        form_list *t = cur; cur = nxt; nxt = t;
        if (!filter_forms(wn, pos, cur, NULL, found, s)) return 0;
    }
    return 1;
}

/* ---- data lines --------------------------------------------------------------------- */

/* Lines are read token by token from their start to the '\n' (never searched for their end
 * first: a data line runs to thousands of bytes of pointers, and only its first few tokens
 * are wanted). Tokens are separated by bytes <= 0x20 other than '\n'. */
typedef struct cursor { const char *p, *end; } cursor;   /* end: the end of the file */

static hme_str next_token(cursor *c) {
    const char *p = c->p;
    while (p < c->end && is_sep(*p) && *p != '\n') p++;
    const char *q = p;
    while (q < c->end && !is_sep(*q)) q++;
    c->p = q;
    return (hme_str){ p, (size_t)(q - p) };
}

static int parse_uint(hme_str t, int base, unsigned long long *v) {
    if (t.len == 0 || t.len > 16) return 0;
    unsigned long long x = 0;
    for (size_t i = 0; i < t.len; i++) {
        unsigned c = (unsigned char)t.ptr[i], d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (base == 16 && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = (c | 0x20) - 'a' + 10;
        else return 0;
        x = x * (unsigned)base + d;
    }
    *v = x;
    return 1;
}

/* Emits the lemma names of the synset at byte offset off of data.<pos>. */
static hme_code emit_synset(const hme_wordnet *wn, int pos, unsigned long long off,
                            hme_wordnet_lemma_fn fn, void *ctx, hme_error *err) {
    const wn_map *m = &wn->data[pos];
    if (off >= m->len) return hme_error_set(err, HME_ERR_DATA, 0, "WordNet: offset %llu past data.%s", off, pos_suffix[pos]);
    cursor c = { m->p + off, m->p + m->len };
    unsigned long long v, nw;
    hme_str t = next_token(&c);
    if (t.len != 8 || !parse_uint(t, 10, &v) || v != off)
        return hme_error_set(err, HME_ERR_DATA, 0, "WordNet: no synset at data.%s offset %llu", pos_suffix[pos], off);
    next_token(&c);   /* lexicographer file */
    next_token(&c);   /* ss_type */
    if (!parse_uint(next_token(&c), 16, &nw))
        return hme_error_set(err, HME_ERR_DATA, 0, "WordNet: bad w_cnt at data.%s offset %llu", pos_suffix[pos], off);
    for (unsigned long long i = 0; i < nw; i++) {
        hme_str name = next_token(&c);
        next_token(&c);   /* lex_id */
        /* re.match(r"(.*?)(\(.*\))?$", name): a trailing "(...)" from the first '(' is a
         * syntactic marker, not part of the name */
        if (name.len && name.ptr[name.len - 1] == ')') {
            const char *paren = memchr(name.ptr, '(', name.len);
            if (paren) name.len = (size_t)(paren - name.ptr);
        }
        fn(ctx, name.ptr, name.len);
    }
    return HME_OK;
}

/* Emits every synset of the index line starting at line, in the line's offset order. */
static hme_code emit_index_line(const hme_wordnet *wn, int pos, const char *line,
                                hme_wordnet_lemma_fn fn, void *ctx, hme_error *err) {
    cursor c = { line, wn->index[pos].p + wn->index[pos].len };
    unsigned long long n_syn = 0, n_ptr = 0, n_sense = 0, off = 0;
    next_token(&c);   /* lemma */
    next_token(&c);   /* pos */
    int ok = parse_uint(next_token(&c), 10, &n_syn) && parse_uint(next_token(&c), 10, &n_ptr);
    for (unsigned long long i = 0; ok && i < n_ptr; i++) next_token(&c);
    ok = ok && parse_uint(next_token(&c), 10, &n_sense);
    next_token(&c);   /* tagsense_cnt */
    if (!ok) return hme_error_set(err, HME_ERR_DATA, 0, "WordNet: malformed line in index.%s", pos_suffix[pos]);
    for (unsigned long long i = 0; i < n_syn; i++) {
        if (!parse_uint(next_token(&c), 10, &off))
            return hme_error_set(err, HME_ERR_DATA, 0, "WordNet: malformed offset in index.%s", pos_suffix[pos]);
        HME_FORWARD_IF_ERROR(emit_synset(wn, pos, off, fn, ctx, err));
    }
    return HME_OK;
}

/* The line starting at line, up to its '\n'. */
static hme_str index_line_at(const hme_wordnet *wn, int pos, const char *line) {
    size_t rest = (size_t)(wn->index[pos].p + wn->index[pos].len - line);
    const char *eol = memchr(line, '\n', rest);
    return (hme_str){ line, eol ? (size_t)(eol - line) : rest };
}

hme_code hme_wordnet_lemma_names(const hme_wordnet *wn, const char *word, size_t len,
                                 hme_wordnet_lemma_fn fn, void *ctx, hme_error *err) {
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)word[i] >= 0x80) return HME_OK;   /* WordNet 3.0 is ASCII only */
    wn_scratch s;
    s.used = 0;
    hme_arena_init(&s.arena, wn->al, 4096);
    hme_code rc = HME_OK;
    char *lw = scratch_alloc(&s, len + 1);
    if (!lw) { rc = hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory"); goto done; }
    for (size_t i = 0; i < len; i++) lw[i] = (word[i] >= 'A' && word[i] <= 'Z') ? (char)(word[i] + 32) : word[i];
    lw[len] = '\0';
    form_info w0;   /* the word itself: every POS asks */
    form_lookup_all(wn, lw, len, &w0);
    for (int p = 0; p < WN_NPOS && rc == HME_OK; p++) {
        line_list found = { .cap = 16 };
        found.v = found.inl;
        if (!morphy(wn, p, (hme_str){ lw, len }, &w0, &found, &s)) { rc = hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory"); break; }
        for (size_t i = 0; i < found.n && rc == HME_OK; i++)
            rc = emit_index_line(wn, p, found.v[i], fn, ctx, err);
    }
done:
    hme_arena_free(&s.arena);
    return rc;
}

bool hme_wordnet_index_line(const hme_wordnet *wn, int pos, const char *word, size_t len,
                            const char **line, size_t *line_len) {
    *line = NULL;
    *line_len = 0;
    if (pos < 0 || pos >= WN_NPOS) return false;
    uint32_t off = index_lookup(wn, pos, word, len);
    if (!off) return false;
    hme_str l = index_line_at(wn, pos, wn->index[pos].p + off - 1);
    *line = l.ptr;
    *line_len = l.len;
    return true;
}

bool hme_wordnet_exception(const hme_wordnet *wn, int pos, const char *word, size_t len,
                           const char **bases, size_t *bases_len) {
    *bases = NULL;
    *bases_len = 0;
    if (pos < 0 || pos >= WN_NPOS) return false;
    form_info fi;
    form_lookup_all(wn, word, len, &fi);
    if (!fi.exc[pos]) return false;
    hme_str b = wn->exc[pos][fi.exc[pos] - 1].bases;
    *bases = b.ptr;
    *bases_len = b.len;
    return true;
}
