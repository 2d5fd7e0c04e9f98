/* treebank.c - NLTKWordTokenizer.tokenize (NLTK 3.8, destructive.py) as a PCRE2 cascade.
 *
 * Python re vs PCRE2, and how the patterns below keep Python's meaning:
 *  - \s: Python's is str.isspace (includes U+001C..U+001F, U+0085); PCRE2's UCP \s is
 *    Unicode White_Space. Written as the explicit class PY_SPACE.
 *  - \d, \w, \b: under PCRE2_UCP they are \p{Nd}, [\p{L}\p{N}_] and its boundary, which is
 *    exactly Python's isdecimal / isalnum-or-underscore (see unicode.c).
 *  - (?i): Python also folds i~ı~İ, s~ſ, k~K (Kelvin sign) that PCRE2's caseless mode does
 *    not, so case-insensitive words are expanded into explicit classes (ci_expand).
 *  - $ without MULTILINE matches at the end or before a final '\n' in both.
 *  - re.sub: leftmost non-overlapping matches, \N and \g<N> in the template, unmatched
 *    group -> "". None of the patterns can match the empty string.
 */
#define _GNU_SOURCE 1 /* memmem: without it the implicit int declaration truncates the pointer */
#include "tokenize/treebank.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "tokenize/unicode.h"

#define PY_SPACE "[\\t-\\r\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}]"
/* \x01word\x02 marks a word matched case-insensitively the way Python's (?i) does. */
#define CI(w) "\x01" w "\x02"

typedef struct rule {
    const char *pat;
    const char *repl;    /* Python replacement template */
    const char *trigger; /* every match contains one of these bytes (a pre-filter) */
    const char *keyword; /* contractions: every ASCII-only match contains this, any case */
} rule;

/* In NLTK's order: STARTING_QUOTES, PUNCTUATION, PARENS_BRACKETS, DOUBLE_DASHES; then the
 * text is padded with a space on each side; then ENDING_QUOTES, CONTRACTIONS2, CONTRACTIONS3. */
static const rule RULES[] = {
    /* STARTING_QUOTES */
    { "([«“‘„]|[`]+)", " \\1 ", "\xC2\xE2`", NULL },
    { "^\"", "``", "\"", NULL },
    { "(``)", " \\1 ", "`", NULL },
    { "([ \\(\\[{<])(\"|\\'{2})", "\\1 `` ", "\"'", NULL },
    { "(\\')(?!" CI("re") "|" CI("ve") "|" CI("ll") "|" CI("m") "|" CI("t") "|" CI("s") "|" CI("d") "|" CI("n") ")(\\w)\\b", "\\1 \\2", "'", NULL },
    /* PUNCTUATION */
    { "([^\\.])(\\.)([\\]\\)}>\"\\'»”’ ]*)" PY_SPACE "*$", "\\1 \\2 \\3 ", ".", NULL },
    { "([:,])([^\\d])", " \\1 \\2", ":,", NULL },
    { "([:,])$", " \\1 ", ":,", NULL },
    { "\\.{2,}", " \\g<0> ", ".", NULL },
    { "[;@#$%&]", " \\g<0> ", ";@#$%&", NULL },
    { "([^\\.])(\\.)([\\]\\)}>\"\\']*)" PY_SPACE "*$", "\\1 \\2\\3 ", ".", NULL },
    { "[?!]", " \\g<0> ", "?!", NULL },
    { "([^'])' ", "\\1 ' ", "'", NULL },
    { "[*]", " \\g<0> ", "*", NULL },
    /* PARENS_BRACKETS */
    { "[\\]\\[\\(\\)\\{\\}\\<\\>]", " \\g<0> ", "[](){}<>", NULL },
    /* DOUBLE_DASHES */
    { "--", " -- ", "-", NULL },
    /* ---- padding happens here ---- */
    /* ENDING_QUOTES */
    { "([»”’])", " \\1 ", "\xC2\xE2", NULL },
    { "''", " '' ", "'", NULL },
    { "\"", " '' ", "\"", NULL },
    { "([^' ])('[sS]|'[mM]|'[dD]|') ", "\\1 \\2 ", "'", NULL },
    { "([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "\\1 \\2 ", "'", NULL },
    /* CONTRACTIONS2 */
    { "\\b(" CI("can") ")(" CI("not") ")\\b", " \\1 \\2 ", NULL, "cannot" },
    { "\\b(" CI("d") ")('" CI("ye") ")\\b", " \\1 \\2 ", NULL, "d'ye" },
    { "\\b(" CI("gim") ")(" CI("me") ")\\b", " \\1 \\2 ", NULL, "gimme" },
    { "\\b(" CI("gon") ")(" CI("na") ")\\b", " \\1 \\2 ", NULL, "gonna" },
    { "\\b(" CI("got") ")(" CI("ta") ")\\b", " \\1 \\2 ", NULL, "gotta" },
    { "\\b(" CI("lem") ")(" CI("me") ")\\b", " \\1 \\2 ", NULL, "lemme" },
    { "\\b(" CI("more") ")('" CI("n") ")\\b", " \\1 \\2 ", NULL, "more'n" },
    { "\\b(" CI("wan") ")(" CI("na") ")(?=" PY_SPACE ")", " \\1 \\2 ", NULL, "wanna" },
    /* CONTRACTIONS3 */
    { " ('" CI("t") ")(" CI("is") ")\\b", " \\1 \\2 ", NULL, "'tis" },
    { " ('" CI("t") ")(" CI("was") ")\\b", " \\1 \\2 ", NULL, "'twas" },
};
#define N_RULES (sizeof RULES / sizeof RULES[0])
#define PAD_BEFORE 16 /* index of the first rule after " " + text + " " */

/* One piece of a replacement: literal bytes or a group reference. */
typedef struct rpart {
    int group;        /* -1: literal */
    const char *lit;
    size_t len;
} rpart;

typedef struct crule {
    pcre2_code *code;
    bool jit;         /* JIT-compiled: matched with pcre2_jit_match */
    rpart part[8];
    int nparts;
} crule;

struct hme_treebank {
    const hme_allocator *al;
    crule rule[N_RULES];
    uint32_t max_pairs;
};

struct hme_treebank_scratch {
    const hme_allocator *al;
    pcre2_match_data *md;
    char *buf[3];     /* [0], [1]: the text between rules; [2]: its ASCII-lowercased copy */
    size_t cap[3];
};

/* Expands \x01word\x02 into [wW][oO]... with Python's extra case equivalents. */
static size_t ci_expand(const char *pat, char *out) {
    size_t o = 0;
    bool in = false;
    for (const char *p = pat; *p; p++) {
        char c = *p;
        if (c == '\x01') { in = true; continue; }
        if (c == '\x02') { in = false; continue; }
        if (!in || !((c >= 'a' && c <= 'z'))) { out[o++] = c; continue; }
        const char *cls;
        char tmp[8];
        if (c == 'i') cls = "[iI\\x{131}\\x{130}]";
        else if (c == 's') cls = "[sS\\x{17f}]";
        else if (c == 'k') cls = "[kK\\x{212a}]";
        else { tmp[0] = '['; tmp[1] = c; tmp[2] = (char)(c - 32); tmp[3] = ']'; tmp[4] = 0; cls = tmp; }
        size_t n = strlen(cls);
        memcpy(out + o, cls, n);
        o += n;
    }
    out[o] = '\0';
    return o;
}

static void parse_template(const char *t, crule *r) {
    r->nparts = 0;
    const char *lit = t;
    for (const char *p = t;;) {
        int group = -1;
        const char *next = NULL;
        if (*p == '\\' && p[1] >= '0' && p[1] <= '9') { group = p[1] - '0'; next = p + 2; }
        else if (*p == '\\' && p[1] == 'g' && p[2] == '<') { group = p[3] - '0'; next = p + 5; }
        if (group >= 0 || !*p) {
            if (p > lit) r->part[r->nparts++] = (rpart){ -1, lit, (size_t)(p - lit) };
            if (!*p) break;
            r->part[r->nparts++] = (rpart){ group, NULL, 0 };
            p = lit = next;
            continue;
        }
        p++;
    }
}

void hme_treebank_close(hme_treebank *tb) {
    if (!tb) return;
    for (size_t i = 0; i < N_RULES; i++) pcre2_code_free(tb->rule[i].code);
    hme_free(tb->al, tb);
}

hme_code hme_treebank_open(const hme_allocator *al, hme_treebank **out, hme_error *err) {
    *out = NULL;
    al = hme_alloc_or_default(al);
    hme_treebank *tb = hme_calloc(al, 1, sizeof *tb);
    if (!tb) return hme_error_set(err, HME_ERR_NOMEM, 0, "treebank: out of memory");
    tb->al = al;
    for (size_t i = 0; i < N_RULES; i++) {
        char pat[1024];
        size_t n = ci_expand(RULES[i].pat, pat);
        int ec;
        PCRE2_SIZE eo;
        tb->rule[i].code = pcre2_compile((PCRE2_SPTR)pat, n, PCRE2_UTF | PCRE2_UCP, &ec, &eo, NULL);
        if (!tb->rule[i].code) {
            PCRE2_UCHAR msg[160];
            pcre2_get_error_message(ec, msg, sizeof msg);
            hme_treebank_close(tb);
            return hme_error_set(err, ec == PCRE2_ERROR_NOMEMORY ? HME_ERR_NOMEM : HME_ERR_ARG, 0,
                                 "treebank: pattern %zu: %s at %zu", i, (const char *)msg, (size_t)eo);
        }
        /* JIT is an optimisation: without it (unsupported CPU) pcre2_match interprets. */
        tb->rule[i].jit = pcre2_jit_compile(tb->rule[i].code, PCRE2_JIT_COMPLETE) == 0;
        uint32_t cap = 0;
        pcre2_pattern_info(tb->rule[i].code, PCRE2_INFO_CAPTURECOUNT, &cap);
        if (cap + 1 > tb->max_pairs) tb->max_pairs = cap + 1;
        parse_template(RULES[i].repl, &tb->rule[i]);
    }
    *out = tb;
    return HME_OK;
}

hme_treebank_scratch *hme_treebank_scratch_new(const hme_treebank *tb, const hme_allocator *al) {
    al = hme_alloc_or_default(al);
    hme_treebank_scratch *s = hme_calloc(al, 1, sizeof *s);
    if (!s) return NULL;
    s->al = al;
    s->md = pcre2_match_data_create(tb->max_pairs, NULL);
    if (!s->md) { hme_free(al, s); return NULL; }
    return s;
}

void hme_treebank_scratch_free(hme_treebank_scratch *s) {
    if (!s) return;
    pcre2_match_data_free(s->md);
    hme_free(s->al, s->buf[0]);
    hme_free(s->al, s->buf[1]);
    hme_free(s->al, s->buf[2]);
    hme_free(s->al, s);
}

static bool ensure(hme_treebank_scratch *s, int b, size_t need) {
    if (need <= s->cap[b]) return true;
    size_t nc = s->cap[b] ? s->cap[b] : 256;
    while (nc < need) nc *= 2;
    char *np = hme_realloc(s->al, s->buf[b], nc);
    if (!np) return false;
    s->buf[b] = np;
    s->cap[b] = nc;
    return true;
}

static bool put(hme_treebank_scratch *s, int b, size_t *o, const char *src, size_t n) {
    if (!ensure(s, b, *o + n + 2)) return false; /* +2: room for the final padding */
    memcpy(s->buf[b] + *o, src, n);
    *o += n;
    return true;
}

/* re.sub(rule, template, buf[from][0..len)) -> buf[!from]; returns the new length or
 * SIZE_MAX on OOM. When nothing matches the input buffer is kept (returns len, *to = from). */
static size_t apply_rule(const crule *r, hme_treebank_scratch *s, int from, size_t len, int *to) {
    const char *in = s->buf[from];
    int b = !from;
    size_t o = 0, copied = 0, start = 0;
    bool any = false;
    while (start <= len) {
        int rc = r->jit ? pcre2_jit_match(r->code, (PCRE2_SPTR)in, len, start, 0, s->md, NULL)
                        : pcre2_match(r->code, (PCRE2_SPTR)in, len, start, PCRE2_NO_UTF_CHECK, s->md, NULL);
        if (rc < 0) break; /* PCRE2_ERROR_NOMATCH; nothing else can occur on valid UTF-8 */
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
        size_t ms = ov[0], me = ov[1];
        any = true;
        if (!put(s, b, &o, in + copied, ms - copied)) return SIZE_MAX;
        for (int k = 0; k < r->nparts; k++) {
            const rpart *p = &r->part[k];
            if (p->group < 0) {
                if (!put(s, b, &o, p->lit, p->len)) return SIZE_MAX;
            } else if (p->group < rc && ov[2 * p->group] != PCRE2_UNSET) {
                if (!put(s, b, &o, in + ov[2 * p->group], ov[2 * p->group + 1] - ov[2 * p->group])) return SIZE_MAX;
            }
        }
        copied = me;
        if (me == ms) { /* cannot happen with these patterns; keep re.sub's progress rule */
            if (me >= len) break;
            uint32_t cp;
            size_t w = hme_utf8_next(in + me, len - me, &cp);
            if (!put(s, b, &o, in + me, w)) return SIZE_MAX;
            copied = me + w;
            start = me + w;
        } else {
            start = me;
        }
    }
    if (!any) { *to = from; return len; }
    if (!put(s, b, &o, in + copied, len - copied)) return SIZE_MAX;
    *to = b;
    return o;
}

static inline bool space_at(const char *s, size_t i, size_t end, size_t *w) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) { *w = 1; return (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x20); }
    uint32_t cp;
    *w = hme_utf8_next(s + i, end - i, &cp);
    return hme_py_isspace(cp);
}

hme_code hme_treebank_append(const hme_treebank *tb, hme_treebank_scratch *s, const char *text,
                             size_t len, hme_arena *arena, hme_tokvec *out) {
    int cur = 0;
    size_t n = 0;
    if (!put(s, 0, &n, text, len)) return HME_ERR_NOMEM;
    /* Pre-filters, so most rules never reach PCRE2: the bytes the text may contain (those
     * of the input plus the literals of every replacement made so far), and for the
     * contractions their ASCII-lowercased keyword, unless a byte of a non-ASCII letter
     * that Python's (?i) folds onto ASCII (İ ı ſ K: lead bytes C4, C5, E2) is present. */
    bool present[256] = { false };
    for (size_t i = 0; i < len; i++) present[(unsigned char)text[i]] = true;
    bool fold_bytes = present[0xC4] || present[0xC5] || present[0xE2];
    bool lowered = false;
    for (size_t i = 0; i < N_RULES; i++) {
        if (i == PAD_BEFORE) { /* text = " " + text + " " */
            int b = !cur;
            if (!ensure(s, b, n + 4)) return HME_ERR_NOMEM;
            s->buf[b][0] = ' ';
            memcpy(s->buf[b] + 1, s->buf[cur], n);
            s->buf[b][n + 1] = ' ';
            n += 2;
            cur = b;
            present[' '] = true;
            lowered = false;
        }
        const rule *R = &RULES[i];
        if (R->trigger) {
            bool any = false;
            for (const char *c = R->trigger; *c && !any; c++) any = present[(unsigned char)*c];
            if (!any) continue;
        }
        if (R->keyword && !fold_bytes) {
            if (!lowered) {
                if (!ensure(s, 2, n + 1)) return HME_ERR_NOMEM;
                const char *in = s->buf[cur];
                for (size_t k = 0; k < n; k++) {
                    char c = in[k];
                    s->buf[2][k] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
                }
                lowered = true;
            }
            if (!memmem(s->buf[2], n, R->keyword, strlen(R->keyword))) continue;
        }
        int to;
        n = apply_rule(&tb->rule[i], s, cur, n, &to);
        if (n == SIZE_MAX) return HME_ERR_NOMEM;
        if (to != cur) {
            cur = to;
            lowered = false;
            const crule *r = &tb->rule[i];
            for (int k = 0; k < r->nparts; k++)
                for (size_t j = 0; j < r->part[k].len; j++) present[(unsigned char)r->part[k].lit[j]] = true;
        }
    }
    /* str.split(): the tokens are copied once into the arena and NUL-terminated in place
     * (a NUL overwrites the first byte of the whitespace that ends each token). */
    char *a = hme_arena_alloc(arena, n + 1);
    if (!a) return HME_ERR_NOMEM;
    memcpy(a, s->buf[cur], n);
    a[n] = '\0';
    for (size_t i = 0, w; i < n;) {
        if (space_at(a, i, n, &w)) { i += w; continue; }
        size_t st = i;
        while (i < n && !space_at(a, i, n, &w)) i += w;
        if (out->n == out->cap) {
            size_t nc = out->cap ? out->cap * 2 : 64;
            hme_str *nv = hme_realloc(out->al, out->v, nc * sizeof *nv);
            if (!nv) return HME_ERR_NOMEM;
            out->v = nv;
            out->cap = nc;
        }
        out->v[out->n++] = (hme_str){ a + st, i - st };
        if (i < n) { a[i] = '\0'; i += w; }
    }
    return HME_OK;
}
