/* wordnet.c - lazy WordNet 3.0 lookups reproducing NLTK 3.8's synsets()/_morphy()
 * (nltk/corpus/reader/wordnet.py). See wordnet.h. */
#include "metric/wordnet.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/str.h"

#include <fcntl.h>
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
    size_t line;             /* file order: a later duplicate key wins, as in NLTK's dict */
} wn_exc;

struct hme_wordnet {
    const hme_allocator *al;
    wn_map index[WN_NPOS], data[WN_NPOS], exc_file[WN_NPOS];
    size_t index_body[WN_NPOS];   /* offset of the first line after the license header */
    wn_exc *exc[WN_NPOS];
    size_t n_exc[WN_NPOS];
};

/* MORPHOLOGICAL_SUBSTITUTIONS, in NLTK's order. */
typedef struct wn_rule { const char *old, *new_; } wn_rule;
static const wn_rule noun_rules[] = { {"s", ""}, {"ses", "s"}, {"ves", "f"}, {"xes", "x"}, {"zes", "z"},
                                      {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"} };
static const wn_rule verb_rules[] = { {"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"},
                                      {"ed", ""}, {"ing", "e"}, {"ing", ""} };
static const wn_rule adj_rules[] = { {"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"} };
static const wn_rule *const pos_rules[WN_NPOS] = { noun_rules, verb_rules, adj_rules, NULL };
static const size_t pos_n_rules[WN_NPOS] = { 9, 8, 4, 0 };

static hme_code map_file(const char *dir, const char *name, wn_map *m, hme_error *err) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return hme_error_set(err, HME_ERR_DATA, 0, "WordNet: cannot open %s", path);
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size <= 0) {
        close(fd);
        return hme_error_set(err, HME_ERR_DATA, 0, "WordNet: empty or unreadable %s", path);
    }
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED) return hme_error_set(err, HME_ERR_DATA, 0, "WordNet: cannot map %s", path);
    m->p = p;
    m->len = (size_t)st.st_size;
    return HME_OK;
}

static int str_cmp(hme_str a, hme_str b) {
    size_t n = a.len < b.len ? a.len : b.len;
    int c = n ? memcmp(a.ptr, b.ptr, n) : 0;
    if (c) return c;
    return a.len < b.len ? -1 : a.len > b.len;
}

static int exc_cmp(const void *x, const void *y) {
    const wn_exc *a = x, *b = y;
    int c = str_cmp(a->key, b->key);
    if (c) return c;
    return a->line < b->line ? -1 : a->line > b->line;
}

static hme_code parse_exceptions(hme_wordnet *wn, int pos, hme_error *err) {
    const char *s = wn->exc_file[pos].p, *end = s + wn->exc_file[pos].len;
    size_t lines = 0;
    for (const char *q = s; q < end; q++) lines += *q == '\n';
    wn_exc *e = hme_calloc(wn->al, lines + 1, sizeof *e);
    if (!e) return hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory");
    size_t n = 0;
    while (s < end) {
        const char *eol = memchr(s, '\n', (size_t)(end - s));
        if (!eol) eol = end;
        const char *k = s;
        while (k < eol && (*k == ' ' || *k == '\t' || *k == '\r')) k++;
        const char *ke = k;
        while (ke < eol && *ke != ' ' && *ke != '\t' && *ke != '\r') ke++;
        if (ke > k) {   /* line.split()[0] -> line.split()[1:] */
            e[n].key = (hme_str){ k, (size_t)(ke - k) };
            e[n].bases = (hme_str){ ke, (size_t)(eol - ke) };
            e[n].line = n;
            n++;
        }
        s = eol + 1;
    }
    qsort(e, n, sizeof *e, exc_cmp);
    wn->exc[pos] = e;
    wn->n_exc[pos] = n;
    return HME_OK;
}

/* The license header lines of index.* start with a space; NLTK skips them. */
static size_t index_body_start(const wn_map *m) {
    size_t off = 0;
    while (off < m->len && m->p[off] == ' ') {
        const char *eol = memchr(m->p + off, '\n', m->len - off);
        if (!eol) return m->len;
        off = (size_t)(eol - m->p) + 1;
    }
    return off;
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
        rc = map_file(dir, name, &wn->index[p], err);
        if (rc == HME_OK) { snprintf(name, sizeof name, "data.%s", pos_suffix[p]); rc = map_file(dir, name, &wn->data[p], err); }
        if (rc == HME_OK) { snprintf(name, sizeof name, "%s.exc", pos_suffix[p]); rc = map_file(dir, name, &wn->exc_file[p], err); }
        if (rc == HME_OK) rc = parse_exceptions(wn, p, err);
        if (rc == HME_OK) wn->index_body[p] = index_body_start(&wn->index[p]);
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
    }
    hme_free(wn->al, wn);
}

/* Bisects the sorted index.<pos> for the line whose lemma is w; returns that line (up to
 * its '\n'), or an empty string. Lines sort bytewise and a lemma never contains a space,
 * so comparing the lemma tokens orders the lines. */
static hme_str index_find(const hme_wordnet *wn, int pos, hme_str w) {
    const char *d = wn->index[pos].p;
    size_t lo = wn->index_body[pos], hi = wn->index[pos].len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t s = mid;
        while (s > lo && d[s - 1] != '\n') s--;
        const char *eol = memchr(d + s, '\n', wn->index[pos].len - s);
        size_t e = eol ? (size_t)(eol - d) : wn->index[pos].len;
        const char *sp = memchr(d + s, ' ', e - s);
        hme_str key = { d + s, sp ? (size_t)(sp - (d + s)) : e - s };
        int c = str_cmp(w, key);
        if (c == 0) return (hme_str){ d + s, e - s };
        if (c < 0) hi = s; else lo = e + 1;
    }
    return (hme_str){ NULL, 0 };
}

static const wn_exc *exc_find(const hme_wordnet *wn, int pos, hme_str w) {
    const wn_exc *e = wn->exc[pos];
    size_t lo = 0, hi = wn->n_exc[pos];      /* first entry with key > w */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (str_cmp(e[mid].key, w) <= 0) lo = mid + 1; else hi = mid;
    }
    if (lo > 0 && str_cmp(e[lo - 1].key, w) == 0) return &e[lo - 1];   /* the last duplicate */
    return NULL;
}

/* A list of forms; ordered, no duplicates (NLTK's lists may repeat a form, but a repeat
 * changes neither which forms are found nor their first-seen order). */
typedef struct form_list { hme_str *v; size_t n, cap; } form_list;

static int form_push(form_list *l, hme_str f, hme_arena *a) {
    for (size_t i = 0; i < l->n; i++)
        if (hme_str_eq(l->v[i], f)) return 1;
    if (l->n == l->cap) {
        size_t nc = l->cap ? 2 * l->cap : 8;
        hme_str *nv = hme_arena_grow(a, l->v, l->cap * sizeof *nv, nc * sizeof *nv);
        if (!nv) return 0;
        l->v = nv;
        l->cap = nc;
    }
    l->v[l->n++] = f;
    return 1;
}

static int ends_with(hme_str s, const char *suf) {
    size_t n = strlen(suf);
    return s.len >= n && memcmp(s.ptr + s.len - n, suf, n) == 0;
}

/* apply_rules(forms): [form[:-len(old)] + new for form in forms for old, new in rules if ...] */
static int apply_rules(int pos, const form_list *in, form_list *out, hme_arena *a) {
    out->n = 0;
    for (size_t i = 0; i < in->n; i++) {
        for (size_t r = 0; r < pos_n_rules[pos]; r++) {
            const wn_rule *ru = &pos_rules[pos][r];
            if (!ends_with(in->v[i], ru->old)) continue;
            size_t keep = in->v[i].len - strlen(ru->old), nl = strlen(ru->new_);
            char *f = hme_arena_alloc(a, keep + nl + 1);
            if (!f) return 0;
            memcpy(f, in->v[i].ptr, keep);
            memcpy(f + keep, ru->new_, nl);
            f[keep + nl] = '\0';
            if (!form_push(out, (hme_str){ f, keep + nl }, a)) return 0;
        }
    }
    return 1;
}

/* filter_forms: the forms present in index.<pos>, first occurrence order; their lines. */
static int filter_forms(const hme_wordnet *wn, int pos, const form_list *in, form_list *lines, hme_arena *a) {
    lines->n = 0;
    for (size_t i = 0; i < in->n; i++) {
        hme_str line = index_find(wn, pos, in->v[i]);
        if (line.ptr && !form_push(lines, line, a)) return 0;
    }
    return 1;
}

/* _morphy(form, pos) -> index lines of the forms found. Returns 0 on OOM. */
static int morphy(const hme_wordnet *wn, int pos, hme_str form, form_list *found, hme_arena *a) {
    form_list forms = { 0 }, next = { 0 }, first = { 0 };
    const wn_exc *ex = exc_find(wn, pos, form);
    if (ex) {   /* the exception list decides alone: [form] + exceptions[form] */
        if (!form_push(&first, form, a)) return 0;
        const char *s = ex->bases.ptr, *e = s + ex->bases.len;
        while (s < e) {
            while (s < e && (*s == ' ' || *s == '\t' || *s == '\r')) s++;
            const char *t = s;
            while (t < e && *t != ' ' && *t != '\t' && *t != '\r') t++;
            if (t > s && !form_push(&first, (hme_str){ s, (size_t)(t - s) }, a)) return 0;
            s = t;
        }
        return filter_forms(wn, pos, &first, found, a);
    }
    if (!form_push(&first, form, a)) return 0;
    form_list one = first;
    if (!apply_rules(pos, &one, &forms, a)) return 0;
    for (size_t i = 0; i < forms.n; i++)
        if (!form_push(&first, forms.v[i], a)) return 0;
    if (!filter_forms(wn, pos, &first, found, a)) return 0;
    while (found->n == 0 && forms.n > 0) {
        if (!apply_rules(pos, &forms, &next, a)) return 0;
        form_list t = forms; forms = next; next = t;
        if (!filter_forms(wn, pos, &forms, found, a)) return 0;
    }
    return 1;
}

static hme_str next_token(const char **s, const char *end) {
    const char *p = *s;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) p++;
    const char *q = p;
    while (q < end && *q != ' ' && *q != '\t' && *q != '\r') q++;
    *s = q;
    return (hme_str){ p, (size_t)(q - p) };
}

static int parse_uint(hme_str t, int base, unsigned long long *v) {
    if (t.len == 0 || t.len > 16) return 0;
    char buf[17];
    memcpy(buf, t.ptr, t.len);
    buf[t.len] = '\0';
    char *e;
    *v = strtoull(buf, &e, base);
    return *e == '\0';
}

/* Emits the lemma names of the synset at byte offset off of data.<pos>. */
static hme_code emit_synset(const hme_wordnet *wn, int pos, unsigned long long off,
                            hme_wordnet_lemma_fn fn, void *ctx, hme_error *err) {
    const wn_map *m = &wn->data[pos];
    if (off >= m->len) return hme_error_set(err, HME_ERR_DATA, 0, "WordNet: offset %llu past data.%s", off, pos_suffix[pos]);
    const char *s = m->p + off;
    const char *eol = memchr(s, '\n', m->len - off);
    const char *end = eol ? eol : m->p + m->len;
    unsigned long long v, nw;
    hme_str t = next_token(&s, end);
    if (t.len != 8 || !parse_uint(t, 10, &v) || v != off)
        return hme_error_set(err, HME_ERR_DATA, 0, "WordNet: no synset at data.%s offset %llu", pos_suffix[pos], off);
    next_token(&s, end);   /* lexicographer file */
    next_token(&s, end);   /* ss_type */
    if (!parse_uint(next_token(&s, end), 16, &nw))
        return hme_error_set(err, HME_ERR_DATA, 0, "WordNet: bad w_cnt at data.%s offset %llu", pos_suffix[pos], off);
    for (unsigned long long i = 0; i < nw; i++) {
        hme_str name = next_token(&s, end);
        next_token(&s, end);   /* lex_id */
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

/* Emits every synset of one index line, in the line's offset order. */
static hme_code emit_index_line(const hme_wordnet *wn, int pos, hme_str line,
                                hme_wordnet_lemma_fn fn, void *ctx, hme_error *err) {
    const char *s = line.ptr, *end = line.ptr + line.len;
    unsigned long long n_syn = 0, n_ptr = 0, n_sense = 0, off = 0;
    next_token(&s, end);   /* lemma */
    next_token(&s, end);   /* pos */
    int ok = parse_uint(next_token(&s, end), 10, &n_syn) && parse_uint(next_token(&s, end), 10, &n_ptr);
    for (unsigned long long i = 0; ok && i < n_ptr; i++) next_token(&s, end);
    ok = ok && parse_uint(next_token(&s, end), 10, &n_sense);
    next_token(&s, end);   /* tagsense_cnt */
    if (!ok) return hme_error_set(err, HME_ERR_DATA, 0, "WordNet: malformed line in index.%s", pos_suffix[pos]);
    for (unsigned long long i = 0; i < n_syn; i++) {
        if (!parse_uint(next_token(&s, end), 10, &off))
            return hme_error_set(err, HME_ERR_DATA, 0, "WordNet: malformed offset in index.%s", pos_suffix[pos]);
        HME_FORWARD_IF_ERROR(emit_synset(wn, pos, off, fn, ctx, err));
    }
    return HME_OK;
}

hme_code hme_wordnet_lemma_names(const hme_wordnet *wn, const char *word, size_t len,
                                 hme_wordnet_lemma_fn fn, void *ctx, hme_error *err) {
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)word[i] >= 0x80) return HME_OK;   /* WordNet 3.0 is ASCII only */
    hme_arena a;
    hme_arena_init(&a, wn->al, 4096);
    char *lw = hme_arena_alloc(&a, len + 1);
    if (!lw) { hme_arena_free(&a); return hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory"); }
    for (size_t i = 0; i < len; i++) lw[i] = (word[i] >= 'A' && word[i] <= 'Z') ? (char)(word[i] + 32) : word[i];
    lw[len] = '\0';
    hme_code rc = HME_OK;
    for (int p = 0; p < WN_NPOS && rc == HME_OK; p++) {
        form_list found = { 0 };
        if (!morphy(wn, p, (hme_str){ lw, len }, &found, &a)) { rc = hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory"); break; }
        for (size_t i = 0; i < found.n && rc == HME_OK; i++) rc = emit_index_line(wn, p, found.v[i], fn, ctx, err);
    }
    hme_arena_free(&a);
    return rc;
}
