/* punkt.c - NLTK 3.8 PunktSentenceTokenizer inference (see punkt.h).
 *
 * Python source followed: nltk/tokenize/punkt.py (PunktLanguageVars, PunktToken,
 * PunktBaseClass._tokenize_words / _first_pass_annotation, PunktSentenceTokenizer.
 * _match_potential_end_contexts / _slices_from_text / _realign_boundaries /
 * text_contains_sentbreak / _second_pass_annotation / _ortho_heuristic).
 * "\s" below is Python's str.isspace (re's \s on str), "\d" str.isdecimal, "\w" isalnum|_.
 */
#include "tokenize/punkt.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/alloc.h"
#include "core/error.h"
#include "tokenize/unicode.h"

/* ---- orthographic context flags (punkt.py _ORTHO_*) ---- */
enum {
    ORTHO_BEG_UC = 1 << 1, ORTHO_MID_UC = 1 << 2, ORTHO_UNK_UC = 1 << 3,
    ORTHO_BEG_LC = 1 << 4, ORTHO_MID_LC = 1 << 5, ORTHO_UNK_LC = 1 << 6,
    ORTHO_UC = ORTHO_BEG_UC + ORTHO_MID_UC + ORTHO_UNK_UC,
    ORTHO_LC = ORTHO_BEG_LC + ORTHO_MID_LC + ORTHO_UNK_LC,
};

/* ---- a string -> int hash map (sets use value 1) ---- */
typedef struct smap_entry {
    const char *s;
    uint32_t len;
    uint32_t hash;
    int value;
} smap_entry;

typedef struct smap {
    smap_entry *e;   /* entries, n of them */
    size_t n;
    uint32_t *slot;  /* open addressing: entry index + 1, 0 = empty */
    size_t mask;
} smap;

static uint32_t hash_bytes(const char *s, size_t n) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 16777619u; }
    return h;
}

static const smap_entry *smap_find(const smap *m, const char *s, size_t n) {
    if (!m->slot) return NULL;
    uint32_t h = hash_bytes(s, n);
    for (size_t i = h & m->mask;; i = (i + 1) & m->mask) {
        uint32_t k = m->slot[i];
        if (!k) return NULL;
        const smap_entry *e = &m->e[k - 1];
        if (e->hash == h && e->len == n && memcmp(e->s, s, n) == 0) return e;
    }
}

/* Builds the slot table over m->e[0..n); a later duplicate key replaces the value. */
static bool smap_index(smap *m, const hme_allocator *al) {
    size_t cap = 16;
    while (cap < m->n * 2 + 2) cap *= 2;
    m->slot = hme_calloc(al, cap, sizeof *m->slot);
    if (!m->slot) return false;
    m->mask = cap - 1;
    for (size_t j = 0; j < m->n; j++) {
        smap_entry *e = &m->e[j];
        e->hash = hash_bytes(e->s, e->len);
        for (size_t i = e->hash & m->mask;; i = (i + 1) & m->mask) {
            uint32_t k = m->slot[i];
            if (!k) { m->slot[i] = (uint32_t)(j + 1); break; }
            smap_entry *o = &m->e[k - 1];
            if (o->hash == e->hash && o->len == e->len && memcmp(o->s, e->s, e->len) == 0) {
                o->value = e->value;
                break;
            }
        }
    }
    return true;
}

struct hme_punkt_params {
    const hme_allocator *al;
    char *blob[4];       /* file contents; map keys point into them */
    smap abbrev;         /* abbrev_types */
    smap colloc;         /* collocations, key "first\tsecond" (types never contain '\t') */
    smap starters;       /* sent_starters */
    smap ortho;          /* ortho_context */
};

/* ---- loading punkt_tab ---- */

static hme_code read_file(const hme_allocator *al, const char *dir, const char *name,
                          char **out, size_t *len, hme_error *err) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) return hme_error_set(err, HME_ERR_DATA, 0, "punkt: cannot open %s: %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0, r;
    char *buf = hme_malloc(al, cap + 1);
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = hme_realloc(al, buf, cap * 2 + 1);
            if (!nb) { hme_free(al, buf); buf = NULL; break; }
            buf = nb;
            cap *= 2;
        }
    }
    bool failed = ferror(f);
    fclose(f);
    if (!buf) return hme_error_set(err, HME_ERR_NOMEM, 0, "punkt: out of memory reading %s", path);
    if (failed) { hme_free(al, buf); return hme_error_set(err, HME_ERR_DATA, 0, "punkt: cannot read %s", path); }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return HME_OK;
}

/* NLTK 3.9 reads these files line by line; empty lines carry nothing (the pickle's sets
 * hold no empty string), anything else, spaces included (the abbreviation ". . "), is kept. */
typedef enum { FMT_SET, FMT_PAIR, FMT_INT } tab_format;

static hme_code parse_table(const hme_allocator *al, char *buf, size_t len, tab_format fmt,
                            smap *m, const char *name, hme_error *err) {
    size_t lines = 1;
    for (size_t i = 0; i < len; i++) lines += buf[i] == '\n';
    m->e = hme_calloc(al, lines, sizeof *m->e);
    if (!m->e) return hme_error_set(err, HME_ERR_NOMEM, 0, "punkt: out of memory");
    size_t lineno = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && buf[j] != '\n') j++;
        lineno++;
        size_t end = j;
        if (end > i && buf[end - 1] == '\r') end--;
        if (end > i) {
            smap_entry *e = &m->e[m->n++];
            e->s = buf + i;
            e->len = (uint32_t)(end - i);
            e->value = 1;
            char *tab = memchr(buf + i, '\t', end - i);
            if (fmt == FMT_PAIR && !tab)
                return hme_error_set(err, HME_ERR_DATA, 0, "punkt: %s line %zu: expected two tab-separated words", name, lineno);
            if (fmt == FMT_INT) {
                if (!tab || tab + 1 == buf + end)
                    return hme_error_set(err, HME_ERR_DATA, 0, "punkt: %s line %zu: expected word<TAB>flags", name, lineno);
                long v = 0;
                for (const char *p = tab + 1; p < buf + end; p++) {
                    if (*p < '0' || *p > '9' || v > 1000000)
                        return hme_error_set(err, HME_ERR_DATA, 0, "punkt: %s line %zu: bad flags", name, lineno);
                    v = v * 10 + (*p - '0');
                }
                e->len = (uint32_t)(tab - (buf + i));
                e->value = (int)v;
            }
        }
        i = j + 1;
    }
    if (!smap_index(m, al)) return hme_error_set(err, HME_ERR_NOMEM, 0, "punkt: out of memory");
    return HME_OK;
}

void hme_punkt_params_free(hme_punkt_params *p) {
    if (!p) return;
    const hme_allocator *al = p->al;
    smap *maps[4] = { &p->abbrev, &p->colloc, &p->starters, &p->ortho };
    for (int i = 0; i < 4; i++) {
        hme_free(al, maps[i]->e);
        hme_free(al, maps[i]->slot);
        hme_free(al, p->blob[i]);
    }
    hme_free(al, p);
}

hme_code hme_punkt_params_load(const char *dir, const hme_allocator *al,
                               hme_punkt_params **out, hme_error *err) {
    *out = NULL;
    al = hme_alloc_or_default(al);
    hme_punkt_params *p = hme_calloc(al, 1, sizeof *p);
    if (!p) return hme_error_set(err, HME_ERR_NOMEM, 0, "punkt: out of memory");
    p->al = al;
    static const char *const names[4] = { "abbrev_types.txt", "collocations.tab",
                                          "sent_starters.txt", "ortho_context.tab" };
    static const tab_format fmts[4] = { FMT_SET, FMT_PAIR, FMT_SET, FMT_INT };
    smap *maps[4] = { &p->abbrev, &p->colloc, &p->starters, &p->ortho };
    for (int i = 0; i < 4; i++) {
        size_t len;
        hme_code c = read_file(al, dir, names[i], &p->blob[i], &len, err);
        if (c == HME_OK) c = parse_table(al, p->blob[i], len, fmts[i], maps[i], names[i], err);
        if (c != HME_OK) { hme_punkt_params_free(p); return c; }
    }
    *out = p;
    return HME_OK;
}

/* ---- Python character predicates Punkt needs beyond unicode.h ---- */

/* str.isupper()/islower() of one character: the Uppercase/Lowercase derived properties,
 * i.e. category Lu/Ll plus Other_Uppercase/Other_Lowercase (ranges from Python 3.11). */
static bool py_islower(uint32_t c) {
    if (c < 0x80) return c >= 'a' && c <= 'z';
    static const uint32_t other[][2] = {
        {0xAA, 0xAA}, {0xBA, 0xBA}, {0x2B0, 0x2B8}, {0x2C0, 0x2C1}, {0x2E0, 0x2E4},
        {0x345, 0x345}, {0x37A, 0x37A}, {0x1D2C, 0x1D6A}, {0x1D78, 0x1D78}, {0x1D9B, 0x1DBF},
        {0x2071, 0x2071}, {0x207F, 0x207F}, {0x2090, 0x209C}, {0x2170, 0x217F},
        {0x24D0, 0x24E9}, {0x2C7C, 0x2C7D}, {0xA69C, 0xA69D}, {0xA770, 0xA770},
        {0xA7F8, 0xA7F9}, {0xAB5C, 0xAB5F}, {0x10780, 0x10780}, {0x10783, 0x10785},
        {0x10787, 0x107B0}, {0x107B2, 0x107BA},
    };
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        if (c >= other[i][0] && c <= other[i][1]) return true;
    return utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_LL;
}

static bool py_isupper(uint32_t c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    static const uint32_t other[][2] = {
        {0x2160, 0x216F}, {0x24B6, 0x24CF}, {0x1F130, 0x1F149}, {0x1F150, 0x1F169}, {0x1F170, 0x1F189},
    };
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        if (c >= other[i][0] && c <= other[i][1]) return true;
    return utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_LU;
}

static inline uint32_t cp_at(const char *s, size_t i, size_t end, size_t *w) {
    uint32_t c;
    *w = hme_utf8_next(s + i, end - i, &c);
    return c;
}

static inline bool space_at(const char *s, size_t i, size_t end, size_t *w) {
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) { *w = 1; return (b >= 9 && b <= 13) || (b >= 0x1c && b <= 0x20); }
    return hme_py_isspace(cp_at(s, i, end, w));
}

/* _re_non_word_chars: (?:[)\";}\]\*:@\'\({\[!?]) */
static inline bool is_non_word_char(char c) {
    switch (c) {
    case ')': case '"': case ';': case '}': case ']': case '*': case ':': case '@':
    case '\'': case '(': case '{': case '[': case '!': case '?':
        return true;
    default:
        return false;
    }
}

/* Excluded by _re_word_start: [^\(\"\`{\[:;&\#\*@\)}\]\-,] */
static inline bool not_word_start(char c) {
    switch (c) {
    case '(': case '"': case '`': case '{': case '[': case ':': case ';': case '&':
    case '#': case '*': case '@': case ')': case '}': case ']': case '-': case ',':
        return true;
    default:
        return false;
    }
}

/* _re_multi_char_punct at s[i]: (?:\-{2,}|\.{2,}|(?:\.\s){2,}\.) -> match length or 0. */
static size_t multi_char_punct(const char *s, size_t i, size_t end) {
    if (i + 1 >= end) return 0;
    if ((s[i] == '-' || s[i] == '.') && s[i + 1] == s[i]) {
        size_t j = i + 2;
        while (j < end && s[j] == s[i]) j++;
        return j - i;
    }
    if (s[i] != '.') return 0;
    /* Greedy (?:\.\s){2,} then \. with backtracking: k pairs fit; the match ends after a
     * final '.', which follows k pairs if present, else is the first char of pair k. */
    size_t pos = i, k = 0, before_last = i;
    for (;;) {
        size_t w;
        if (pos + 1 < end && s[pos] == '.' && space_at(s, pos + 1, end, &w)) {
            before_last = pos;
            pos += 1 + w;
            k++;
        } else {
            break;
        }
    }
    if (k >= 2 && pos < end && s[pos] == '.') return pos + 1 - i;
    if (k >= 3) return before_last + 1 - i;
    return 0;
}

/* The lookahead that ends a word in _word_tokenize_fmt, at s[q]:
 *   \s | $ | NonWord | MultiChar | ,(?=$|\s|NonWord|MultiChar) */
static bool word_ends_at(const char *s, size_t q, size_t end) {
    size_t w;
    if (q >= end) return true;
    if (space_at(s, q, end, &w) || is_non_word_char(s[q]) || multi_char_punct(s, q, end)) return true;
    if (s[q] == ',') {
        size_t r = q + 1;
        return r >= end || space_at(s, r, end, &w) || is_non_word_char(s[r]) || multi_char_punct(s, r, end);
    }
    return false;
}

/* ---- tokens of a decision context ---- */

typedef struct ptok {
    const char *tok;
    size_t len;
    const char *type; /* tok.lower(), or "##number##" */
    size_t type_len;
    bool period_final, sentbreak, abbr, ellipsis;
} ptok;

struct hme_punkt_scratch {
    const hme_allocator *al;
    char *ctx;     size_t ctx_cap;   /* the decision context string */
    char *low;     size_t low_cap;   /* lowered token types */
    char *key;     size_t key_cap;   /* lookup keys */
    ptok *tok;     size_t tok_cap;
    hme_span *sl;  size_t sl_cap;    /* slices before realignment */
};

hme_punkt_scratch *hme_punkt_scratch_new(const hme_allocator *al) {
    al = hme_alloc_or_default(al);
    hme_punkt_scratch *s = hme_calloc(al, 1, sizeof *s);
    if (s) s->al = al;
    return s;
}

void hme_punkt_scratch_free(hme_punkt_scratch *s) {
    if (!s) return;
    hme_free(s->al, s->ctx);
    hme_free(s->al, s->low);
    hme_free(s->al, s->key);
    hme_free(s->al, s->tok);
    hme_free(s->al, s->sl);
    hme_free(s->al, s);
}

static bool reserve(const hme_allocator *al, void **p, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap) return true;
    size_t nc = *cap ? *cap : 64;
    while (nc < need) nc *= 2;
    void *np = hme_realloc(al, *p, nc * elem);
    if (!np) return false;
    *p = np;
    *cap = nc;
    return true;
}
#define RESERVE(s, field, capf, need) reserve((s)->al, (void **)&(s)->field, &(s)->capf, (need), sizeof *(s)->field)

/* _RE_NUMERIC on the lowered token: ^-?[\.,]?\d[\d,\.-]*\.?$ (the trailing \.? is
 * subsumed by the class, and the three leading parts match disjoint characters). */
static bool is_numeric(const char *s, size_t n) {
    size_t i = 0, w;
    if (i < n && s[i] == '-') i++;
    if (i < n && (s[i] == '.' || s[i] == ',')) i++;
    if (i >= n || !hme_py_isdecimal(cp_at(s, i, n, &w))) return false;
    for (i += w; i < n; i += w) {
        char c = s[i];
        if (c == ',' || c == '.' || c == '-') { w = 1; continue; }
        if (!hme_py_isdecimal(cp_at(s, i, n, &w))) return false;
    }
    return true;
}

/* _RE_INITIAL: [^\W\d]\.$ */
static bool is_initial(const ptok *t) {
    size_t w;
    if (t->len < 2 || t->tok[t->len - 1] != '.') return false;
    uint32_t c = cp_at(t->tok, 0, t->len, &w);
    return w + 1 == t->len && hme_py_isword(c) && !hme_py_isdecimal(c);
}

static bool first_upper(const ptok *t) { size_t w; return py_isupper(cp_at(t->tok, 0, t->len, &w)); }
static bool first_lower(const ptok *t) { size_t w; return py_islower(cp_at(t->tok, 0, t->len, &w)); }

static size_t type_no_period_len(const ptok *t) {
    return t->type_len > 1 && t->type[t->type_len - 1] == '.' ? t->type_len - 1 : t->type_len;
}
static size_t type_no_sentperiod_len(const ptok *t) {
    return t->sentbreak ? type_no_period_len(t) : t->type_len;
}

static int ortho_of(const hme_punkt_params *p, const char *s, size_t n) {
    const smap_entry *e = smap_find(&p->ortho, s, n);
    return e ? e->value : 0;
}

/* PunktBaseClass._tokenize_words over ctx[0..len): lines split on '\n', blank lines
 * (str.strip() empty) skipped, each line tokenized by _word_tokenizer_re().findall. */
static bool tokenize_words(hme_punkt_scratch *s, const char *t, size_t len, size_t *ntok) {
    size_t n = 0;
    for (size_t ls = 0; ls <= len;) {
        size_t le = ls;
        while (le < len && t[le] != '\n') le++;
        for (size_t i = ls; i < le;) {
            size_t w, start = i;
            if (space_at(t, i, le, &w)) { i += w; continue; }
            size_t m = multi_char_punct(t, i, le);
            if (m) {
                i += m;
            } else if (!not_word_start(t[i])) {
                /* (?=WordStart)\S+?(?=end): lazily extend over non-space characters */
                cp_at(t, i, le, &w);
                i += w;
                while (!word_ends_at(t, i, le)) { cp_at(t, i, le, &w); i += w; }
            } else {
                cp_at(t, i, le, &w); /* \S */
                i += w;
            }
            if (!RESERVE(s, tok, tok_cap, n + 1)) return false;
            ptok *k = &s->tok[n++];
            memset(k, 0, sizeof *k);
            k->tok = t + start;
            k->len = i - start;
        }
        ls = le + 1;
    }
    *ntok = n;
    return true;
}

/* PunktToken's type and _first_pass_annotation. */
static bool first_pass(const hme_punkt_params *p, hme_punkt_scratch *s, ptok *tk, size_t n, size_t ctx_len) {
    /* every type, and one lowered tok[:-1] at a time, fit in low[] */
    size_t cap = 2 * hme_py_lower_cap(ctx_len) + 16 * n + 16;
    if (!RESERVE(s, low, low_cap, cap)) return false;
    char *o = s->low;
    for (size_t i = 0; i < n; i++) {
        ptok *t = &tk[i];
        size_t ln = hme_py_lower(t->tok, t->len, o);
        if (is_numeric(o, ln)) { memcpy(o, "##number##", 10); ln = 10; }
        t->type = o;
        t->type_len = ln;
        o += ln;
        t->period_final = t->tok[t->len - 1] == '.';
    }
    char *tmp = o;
    for (size_t i = 0; i < n; i++) {
        ptok *t = &tk[i];
        if (t->len == 1 && (t->tok[0] == '.' || t->tok[0] == '?' || t->tok[0] == '!')) {
            t->sentbreak = true;
        } else if (t->len >= 2 && t->tok[0] == '.' && t->tok[1] == '.' &&
                   strspn(t->tok, ".") >= t->len) { /* _RE_ELLIPSIS: \.\.+$ */
            t->ellipsis = true;
        } else if (t->period_final && !(t->len >= 2 && t->tok[t->len - 2] == '.')) {
            size_t ln = hme_py_lower(t->tok, t->len - 1, tmp);
            const char *last = tmp;
            for (size_t j = 0; j < ln; j++) if (tmp[j] == '-') last = tmp + j + 1;
            if (smap_find(&p->abbrev, tmp, ln) || smap_find(&p->abbrev, last, (size_t)(tmp + ln - last)))
                t->abbr = true;
            else
                t->sentbreak = true;
        }
    }
    return true;
}

/* _ortho_heuristic: 1 = True, 0 = False, -1 = "unknown". */
static int ortho_heuristic(const hme_punkt_params *p, const ptok *t) {
    if (t->len == 1 && memchr(";:,.!?", t->tok[0], 6)) return 0;
    int oc = ortho_of(p, t->type, type_no_sentperiod_len(t));
    if (first_upper(t) && (oc & ORTHO_LC) && !(oc & ORTHO_MID_UC)) return 1;
    if (first_lower(t) && ((oc & ORTHO_UC) || !(oc & ORTHO_BEG_LC))) return 0;
    return -1;
}

/* _second_pass_annotation(t1, t2). */
static bool second_pass(const hme_punkt_params *p, hme_punkt_scratch *s, ptok *t1, const ptok *t2) {
    if (!t1->period_final) return true;
    size_t typ_len = type_no_period_len(t1), next_len = type_no_sentperiod_len(t2);
    bool tok_is_initial = is_initial(t1);
    if (!RESERVE(s, key, key_cap, typ_len + next_len + 1)) return false;
    memcpy(s->key, t1->type, typ_len);
    s->key[typ_len] = '\t';
    memcpy(s->key + typ_len + 1, t2->type, next_len);
    if (smap_find(&p->colloc, s->key, typ_len + 1 + next_len)) {
        t1->sentbreak = false;
        t1->abbr = true;
        return true;
    }
    if ((t1->abbr || t1->ellipsis) && !tok_is_initial) {
        if (ortho_heuristic(p, t2) == 1) { t1->sentbreak = true; return true; }
        if (first_upper(t2) && smap_find(&p->starters, t2->type, next_len)) { t1->sentbreak = true; return true; }
    }
    if (tok_is_initial || (typ_len == 10 && memcmp(t1->type, "##number##", 10) == 0)) {
        int h = ortho_heuristic(p, t2);
        if (h == 0) { t1->sentbreak = false; t1->abbr = true; return true; }
        if (h == -1 && tok_is_initial && first_upper(t2) &&
            !(ortho_of(p, t2->type, next_len) & ORTHO_LC)) {
            t1->sentbreak = false;
            t1->abbr = true;
        }
    }
    return true;
}

/* text_contains_sentbreak: a token marked as a sentence break that is followed by another
 * token. Returns -1 on OOM. */
static int contains_sentbreak(const hme_punkt_params *p, hme_punkt_scratch *s, size_t ctx_len) {
    size_t n;
    if (!tokenize_words(s, s->ctx, ctx_len, &n)) return -1;
    if (!first_pass(p, s, s->tok, n, ctx_len)) return -1;
    for (size_t i = 0; i + 1 < n; i++) {
        if (!second_pass(p, s, &s->tok[i], &s->tok[i + 1])) return -1;
        if (s->tok[i].sentbreak) return 1;
    }
    return 0;
}

/* One match of period_context_re:  [\.\?!](?=(?P<after_tok>NonWord|\s+(?P<next_tok>\S+))) */
typedef struct pmatch {
    size_t pos;                      /* the end character; match is [pos, pos+1) */
    size_t after_end;                /* after_tok = [pos+1, after_end) */
    size_t next_tok;                 /* start of next_tok, or SIZE_MAX */
} pmatch;

static bool period_context_at(const char *t, size_t len, size_t i, pmatch *m) {
    size_t j = i + 1, w;
    if (j >= len) return false;
    if (is_non_word_char(t[j])) {
        m->pos = i; m->after_end = j + 1; m->next_tok = SIZE_MAX;
        return true;
    }
    if (!space_at(t, j, len, &w)) return false;
    for (j += w; j < len && space_at(t, j, len, &w); j += w) {}
    if (j >= len) return false;
    size_t k = j;
    while (k < len && !space_at(t, k, len, &w)) k += w;
    m->pos = i; m->after_end = k; m->next_tok = j;
    return true;
}

/* Decides one candidate from _match_potential_end_contexts and extends the slices as
 * _slices_from_text does. */
static hme_code decide(const hme_punkt_params *p, hme_punkt_scratch *s, const char *t,
                       const pmatch *m, size_t ws, size_t we, size_t *last_break, size_t *nsl) {
    size_t wlen = we - ws, alen = m->after_end - (m->pos + 1);
    size_t clen = wlen + 1 + alen;
    if (!RESERVE(s, ctx, ctx_cap, clen + 1)) return HME_ERR_NOMEM;
    memcpy(s->ctx, t + ws, wlen);
    s->ctx[wlen] = t[m->pos];
    memcpy(s->ctx + wlen + 1, t + m->pos + 1, alen);
    s->ctx[clen] = '\0';
    int r = contains_sentbreak(p, s, clen);
    if (r < 0) return HME_ERR_NOMEM;
    if (r) {
        if (!RESERVE(s, sl, sl_cap, *nsl + 1)) return HME_ERR_NOMEM;
        s->sl[(*nsl)++] = (hme_span){ *last_break, m->pos + 1 };
        *last_break = m->next_tok != SIZE_MAX ? m->next_tok : m->pos + 1;
    }
    return HME_OK;
}

/* len(text.rstrip()) */
static size_t rstrip_len(const char *t, size_t len) {
    while (len > 0) {
        size_t i = len - 1, w;
        while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80 && len - i < 4) i--;
        if (!space_at(t, i, len, &w) || i + w != len) break;
        len = i;
    }
    return len;
}

/* re_boundary_realignment.match(text[a:b]):  ["\')\]}]+?(?:\s+|(?=--)|$)  (MULTILINE).
 * Returns the match length, or 0; *closers = length of the ["')\]}] part (= its rstrip). */
static size_t realign_match(const char *t, size_t a, size_t b, size_t *closers) {
    for (size_t q = a; q < b && memchr("\"')]}", t[q], 5); ) {
        q++;
        size_t w;
        if (q < b && space_at(t, q, b, &w)) {
            size_t e = q + w;
            while (e < b && space_at(t, e, b, &w)) e += w;
            *closers = q - a;
            return e - a;
        }
        if ((q + 1 < b && t[q] == '-' && t[q + 1] == '-') || q == b) {
            *closers = q - a;
            return q - a;
        }
    }
    return 0;
}

hme_code hme_punkt_spans(const hme_punkt_params *p, hme_punkt_scratch *s, const char *t,
                         size_t len, hme_arena *arena, hme_span **spans, size_t *n) {
    *spans = NULL;
    *n = 0;
    size_t nsl = 0, last_break = 0;

    /* _match_potential_end_contexts: each candidate's previous word starts after the last
     * ASCII whitespace (string.whitespace) between the previous candidate and this one;
     * a candidate is decided only once the next one shows the words do not overlap. */
    bool have_prev = false;
    pmatch prev = { 0, 0, 0 };
    size_t ps = 0, pe = 0; /* previous_slice */
    for (size_t i = 0; i < len; i++) {
        char c = t[i];
        if (c != '.' && c != '?' && c != '!') continue;
        pmatch m;
        if (!period_context_at(t, len, i, &m)) continue;
        size_t idx = 0;
        for (size_t k = i; k > pe; k--) {
            char b = t[k - 1];
            if (b == ' ' || (b >= '\t' && b <= '\r')) { idx = k - 1 - pe; break; }
        }
        size_t ws = idx ? idx + pe + 1 : ps;
        if (have_prev && pe <= ws) HME_FORWARD_IF_ERROR(decide(p, s, t, &prev, ps, pe, &last_break, &nsl));
        prev = m;
        have_prev = true;
        ps = ws;
        pe = i;
    }
    if (have_prev) HME_FORWARD_IF_ERROR(decide(p, s, t, &prev, ps, pe, &last_break, &nsl));
    if (!RESERVE(s, sl, sl_cap, nsl + 1)) return HME_ERR_NOMEM;
    s->sl[nsl++] = (hme_span){ last_break, rstrip_len(t, len) };

    /* _realign_boundaries */
    hme_span *out = hme_arena_alloc(arena, nsl * sizeof *out);
    if (!out) return HME_ERR_NOMEM;
    size_t no = 0, realign = 0;
    for (size_t k = 0; k < nsl; k++) {
        hme_span s1 = { s->sl[k].start + realign, s->sl[k].end };
        if (k + 1 == nsl) {
            if (s1.start < s1.end) out[no++] = s1;
            continue;
        }
        hme_span s2 = s->sl[k + 1];
        size_t closers, mlen = s2.start < s2.end ? realign_match(t, s2.start, s2.end, &closers) : 0;
        if (mlen) {
            out[no++] = (hme_span){ s1.start, s2.start + closers };
            realign = mlen;
        } else {
            realign = 0;
            if (s1.start < s1.end) out[no++] = s1;
        }
    }
    *spans = out;
    *n = no;
    return HME_OK;
}
