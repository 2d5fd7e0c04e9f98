/* treebank_fast.c - the Treebank rewrite cascade of treebank.c as hand-written passes over
 * bytes (see treebank_fast.h).
 *
 * Each pass_* below is one re.sub of NLTK 3.8's NLTKWordTokenizer, named after what it
 * rewrites; its comment gives the Python pattern and why the loop finds the same matches.
 * A pass returns the new length, or NO_MATCH when the pattern matched nowhere (the input
 * buffer is then kept, as treebank.c does). The common shape: scan for the leftmost match
 * from the end of the previous one, copy the gap, write the replacement.
 *
 * Replacements only add ASCII (spaces, backquotes, apostrophes). A non-ASCII character is
 * accepted only when no rule can react to it except through \w (see non_ascii_is_inert), so
 * byte tests are exact: its bytes are never ASCII, a match that ends or starts next to it
 * copies it whole, and \w and \b decode it (word_at, word_before).
 */
#include "tokenize/treebank_fast.h"

#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "tokenize/unicode.h"

#define NO_MATCH SIZE_MAX

struct hme_treebank_fast {
    const hme_allocator *al;
    char *buf[2];
    size_t cap[2];
};

/* ---- character classes (Python re / str semantics; ASCII bytes, decoded code points) ---- */

static inline bool is_word(unsigned char c) { /* \w */
    return (unsigned)((c | 0x20) - 'a') < 26 || (unsigned)(c - '0') < 10 || c == '_';
}
/* \w of the character that starts at in[i] (i < n), and of the one that ends just before
 * in[i] (i > 0): outside ASCII the code point is decoded (text is valid UTF-8). */
static inline bool word_at(const char *in, size_t n, size_t i, size_t *width) {
    unsigned char c = (unsigned char)in[i];
    if (c < 0x80) { *width = 1; return is_word(c); }
    uint32_t cp;
    *width = hme_utf8_next(in + i, n - i, &cp);
    return hme_py_isword(cp);
}
static inline bool word_before(const char *in, size_t n, size_t i) {
    unsigned char c = (unsigned char)in[i - 1];
    if (c < 0x80) return is_word(c);
    size_t st = i - 1, w;
    while (st > 0 && ((unsigned char)in[st] & 0xC0) == 0x80) st--;
    return word_at(in, n, st, &w);
}
static inline bool is_digit(unsigned char c) { return (unsigned)(c - '0') < 10; } /* \d */
static inline bool is_space(unsigned char c) { /* \s and str.split(): str.isspace() */
    return (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x20);
}
/* (?i) equality of a text byte with a pattern byte (letters given in lower case). */
static inline bool ci_eq(unsigned char c, char pat) {
    if (pat >= 'a' && pat <= 'z') return (c | 0x20) == (unsigned char)pat;
    return c == (unsigned char)pat;
}

/* Which rules a byte can trigger: a rule whose bytes are absent is skipped. */
enum {
    T_BACKTICK = 1 << 0, T_DQUOTE = 1 << 1, T_SQUOTE = 1 << 2, T_DOT = 1 << 3,
    T_COLON_COMMA = 1 << 4, T_SYMBOL = 1 << 5, T_QMARK_EXCL = 1 << 6, T_STAR = 1 << 7,
    T_BRACKET = 1 << 8, T_DASH = 1 << 9,
};
static const uint16_t TRIGGER[256] = {
    ['`'] = T_BACKTICK, ['"'] = T_DQUOTE, ['\''] = T_SQUOTE, ['.'] = T_DOT,
    [':'] = T_COLON_COMMA, [','] = T_COLON_COMMA,
    [';'] = T_SYMBOL, ['@'] = T_SYMBOL, ['#'] = T_SYMBOL, ['$'] = T_SYMBOL, ['%'] = T_SYMBOL, ['&'] = T_SYMBOL,
    ['?'] = T_QMARK_EXCL, ['!'] = T_QMARK_EXCL, ['*'] = T_STAR,
    ['['] = T_BRACKET, [']'] = T_BRACKET, ['('] = T_BRACKET, [')'] = T_BRACKET,
    ['{'] = T_BRACKET, ['}'] = T_BRACKET, ['<'] = T_BRACKET, ['>'] = T_BRACKET,
    ['-'] = T_DASH,
};

/* Position of the first c in in[from..n), or n. memchr is vectorised by libc: the passes
 * jump from one candidate byte to the next instead of testing every byte. */
static inline size_t find_byte(const char *in, size_t from, size_t n, char c) {
    if (from >= n) return n;
    const char *p = memchr(in + from, c, n - from);
    return p ? (size_t)(p - in) : n;
}

/* ---- re.sub output ---- */

typedef struct sub {
    const char *in;
    char *out;
    size_t o;      /* bytes written */
    size_t copied; /* input consumed up to here */
    bool any;      /* a match was replaced */
} sub;

/* Copies the unmatched input up to the start of a match at ms. */
static inline void gap(sub *s, size_t ms) {
    size_t k = ms - s->copied;
    memcpy(s->out + s->o, s->in + s->copied, k);
    s->o += k;
    s->any = true;
}
static inline void put(sub *s, const char *p, size_t k) { memcpy(s->out + s->o, p, k); s->o += k; }
static inline void put1(sub *s, char c) { s->out[s->o++] = c; }
static inline size_t finish(sub *s, size_t n) {
    if (!s->any) return NO_MATCH;
    gap(s, n);
    return s->o;
}

/* ---- the passes, in NLTK's order ---- */

/* `[`]+` -> " \1 " (STARTING_QUOTES[0]; its other alternatives are non-ASCII): a leftmost
 * greedy match is a whole run; `\.{2,}` -> " \g<0> " (PUNCTUATION[3]) likewise pads each
 * run of two dots or more (a lone dot is skipped, the next one starts the next try). */
static size_t pass_pad_runs(const char *in, size_t n, char *out, char ch, size_t min_run) {
    sub s = { in, out, 0, 0, false };
    for (size_t i = find_byte(in, 0, n, ch); i < n; i = find_byte(in, i, n, ch)) {
        size_t j = i;
        while (j < n && in[j] == ch) j++;
        if (j - i >= min_run) {
            gap(&s, i);
            put1(&s, ' ');
            put(&s, in + i, j - i);
            put1(&s, ' ');
            s.copied = j;
        }
        i = j;
    }
    return finish(&s, n);
}

/* `^\"` -> "``" (STARTING_QUOTES[1]): only at position 0 (no MULTILINE). */
static size_t pass_leading_dquote(const char *in, size_t n, char *out) {
    if (n == 0 || in[0] != '"') return NO_MATCH;
    out[0] = out[1] = '`';
    memcpy(out + 2, in + 1, n - 1);
    return n + 1;
}

/* `(``)` -> " \1 " (STARTING_QUOTES[2]), `--` -> " -- " (DOUBLE_DASHES), `''` -> " '' "
 * (ENDING_QUOTES[1]): non-overlapping pairs from the left, so "---" gives " -- -". */
static size_t pass_pad_pairs(const char *in, size_t n, char *out, char ch) {
    sub s = { in, out, 0, 0, false };
    for (size_t i = find_byte(in, 0, n, ch); i + 1 < n; i = find_byte(in, i, n, ch)) {
        if (in[i + 1] == ch) {
            gap(&s, i);
            put1(&s, ' '); put1(&s, ch); put1(&s, ch); put1(&s, ' ');
            s.copied = i += 2;
        } else {
            i += 2; /* in[i + 1] is not ch, so no pair starts there either */
        }
    }
    return finish(&s, n);
}

/* `([ \(\[{<])(\"|\'{2})` -> "\1 `` " (STARTING_QUOTES[3]): the alternation tries `"` first. */
static size_t pass_opening_quotes(const char *in, size_t n, char *out) {
    sub s = { in, out, 0, 0, false };
    for (size_t i = 0; i + 1 < n;) {
        char c = in[i];
        if (c == ' ' || c == '(' || c == '[' || c == '{' || c == '<') {
            size_t me = 0;
            if (in[i + 1] == '"') me = i + 2;
            else if (in[i + 1] == '\'' && i + 2 < n && in[i + 2] == '\'') me = i + 3;
            if (me) {
                gap(&s, i);
                put1(&s, c);
                put(&s, " `` ", 4);
                s.copied = i = me;
                continue;
            }
        }
        i++;
    }
    return finish(&s, n);
}

/* `(?i)(\')(?!re|ve|ll|m|t|s|d|n)(\w)\b` -> "\1 \2" (STARTING_QUOTES[4]): an apostrophe,
 * one word character, then a non-word character or the end. "re", "ve", "ll" would need a
 * second word character, which \b already rules out, so the lookahead only excludes a
 * single m t s d n of either case. */
static size_t pass_quote_single_char(const char *in, size_t n, char *out) {
    sub s = { in, out, 0, 0, false };
    for (size_t i = find_byte(in, 0, n, '\''); i + 1 < n; i = find_byte(in, i + 1, n, '\'')) {
        size_t w, w2;
        if (!word_at(in, n, i + 1, &w) || (i + 1 + w < n && word_at(in, n, i + 1 + w, &w2))) continue;
        unsigned char l = (unsigned char)in[i + 1] | 0x20; /* ſ and K, which fold to s and k, are declined */
        if (l == 'm' || l == 't' || l == 's' || l == 'd' || l == 'n') continue;
        gap(&s, i);
        put1(&s, '\''); put1(&s, ' '); put(&s, in + i + 1, w);
        s.copied = i + 1 + w;
    }
    return finish(&s, n);
}

static inline bool in_closers(unsigned char c, bool with_space) { /* []\)}>"'] (+ space) */
    return c == ']' || c == ')' || c == '}' || c == '>' || c == '"' || c == '\'' || (with_space && c == ' ');
}

/* PUNCTUATION[0]  `([^\.])(\.)([\]\)}>"\'»”’ ]*)\s*$` -> "\1 \2 \3 "   (with_space)
 * PUNCTUATION[5]  `([^\.])(\.)([\]\)}>"\']*)\s*$`     -> "\1 \2\3 "    (!with_space)
 * The period must be followed by closers, then whitespace, to the end ($ before a final
 * "\n" adds nothing: \s* would have taken the "\n"). Let t start the trailing whitespace
 * and u the run of closers that ends at t: the only period that can match is at u - 1 (a
 * period is not a closer), so there is one match at most and it runs to the end. Group 3
 * is the greedy closer run from u, which with_space may carry past t over spaces; the
 * whitespace after it is dropped. */
static size_t pass_final_period(const char *in, size_t n, char *out, bool with_space) {
    size_t t = n;
    while (t > 0 && is_space((unsigned char)in[t - 1])) t--;
    size_t u = t;
    while (u > 0 && in_closers((unsigned char)in[u - 1], with_space)) u--;
    if (u < 2 || in[u - 1] != '.' || in[u - 2] == '.') return NO_MATCH;
    size_t p = t;
    while (p < n && in_closers((unsigned char)in[p], with_space)) p++;
    memcpy(out, in, u - 1);
    size_t o = u - 1;
    out[o++] = ' ';
    out[o++] = '.';
    if (with_space) out[o++] = ' ';
    memcpy(out + o, in + u, p - u);
    o += p - u;
    out[o++] = ' ';
    return o;
}

/* `([:,])([^\d])` -> " \1 \2" (PUNCTUATION[1]): the next character is consumed, so in
 * ",," the second comma is not matched again. */
static size_t pass_colon_comma(const char *in, size_t n, char *out) {
    sub s = { in, out, 0, 0, false };
    size_t comma = find_byte(in, 0, n, ','), colon = find_byte(in, 0, n, ':');
    for (size_t from = 0;;) {
        size_t i = comma < colon ? comma : colon;
        if (i + 1 >= n) break;
        if (!is_digit((unsigned char)in[i + 1])) {
            gap(&s, i);
            put1(&s, ' '); put1(&s, in[i]); put1(&s, ' '); put1(&s, in[i + 1]);
            s.copied = from = i + 2;
        } else {
            from = i + 1;
        }
        if (comma < from) comma = find_byte(in, from, n, ',');
        if (colon < from) colon = find_byte(in, from, n, ':');
    }
    return finish(&s, n);
}

/* `([:,])$` -> " \1 " (PUNCTUATION[2]): $ is the end or just before a final "\n". */
static size_t pass_colon_comma_end(const char *in, size_t n, char *out) {
    size_t i;
    if (n >= 1 && (in[n - 1] == ':' || in[n - 1] == ',')) i = n - 1;
    else if (n >= 2 && in[n - 1] == '\n' && (in[n - 2] == ':' || in[n - 2] == ',')) i = n - 2;
    else return NO_MATCH;
    memcpy(out, in, i);
    out[i] = ' ';
    out[i + 1] = in[i];
    out[i + 2] = ' ';
    memcpy(out + i + 3, in + i + 1, n - i - 1);
    return n + 2;
}

/* `[;@#$%&]`, `[?!]`, `[*]`, `[\]\[\(\)\{\}\<\>]` -> " \g<0> ": every such byte padded. */
static size_t pass_pad_class(const char *in, size_t n, char *out, uint16_t cls) {
    sub s = { in, out, 0, 0, false };
    for (size_t i = 0; i < n; i++) {
        if (!(TRIGGER[(unsigned char)in[i]] & cls)) continue;
        gap(&s, i);
        put1(&s, ' '); put1(&s, in[i]); put1(&s, ' ');
        s.copied = i + 1;
    }
    return finish(&s, n);
}

/* `[*]` -> " \g<0> " (PUNCTUATION[8]): as pass_pad_class for one byte, found by memchr. */
static size_t pass_pad_byte(const char *in, size_t n, char *out, char ch) {
    sub s = { in, out, 0, 0, false };
    for (size_t i = find_byte(in, 0, n, ch); i < n; i = find_byte(in, i + 1, n, ch)) {
        gap(&s, i);
        put1(&s, ' '); put1(&s, ch); put1(&s, ' ');
        s.copied = i + 1;
    }
    return finish(&s, n);
}

/* `([^'])' ` -> "\1 ' " (PUNCTUATION[7]). */
static size_t pass_quote_space(const char *in, size_t n, char *out) {
    sub s = { in, out, 0, 0, false };
    /* q: the quote of a candidate match, which starts at q - 1 >= the search start */
    for (size_t from = 0, q = find_byte(in, 1, n, '\''); q + 1 < n; q = find_byte(in, q + 1, n, '\'')) {
        size_t i = q - 1;
        if (i < from || in[i] == '\'' || in[q + 1] != ' ') continue;
        gap(&s, i);
        put1(&s, in[i]); put(&s, " ' ", 3);
        s.copied = from = q + 2;
    }
    return finish(&s, n);
}

/* `"` -> " '' " (ENDING_QUOTES[2]). */
static size_t pass_closing_dquote(const char *in, size_t n, char *out) {
    sub s = { in, out, 0, 0, false };
    for (size_t i = find_byte(in, 0, n, '"'); i < n; i = find_byte(in, i + 1, n, '"')) {
        gap(&s, i);
        put(&s, " '' ", 4);
        s.copied = i + 1;
    }
    return finish(&s, n);
}

/* `([^' ])('[sS]|'[mM]|'[dD]|') ` -> "\1 \2 " (ENDING_QUOTES[3]): "'s " etc. first, else
 * a bare "' "; a clitic letter not followed by a space leaves no match at all. */
static size_t pass_clitic_short(const char *in, size_t n, char *out) {
    sub s = { in, out, 0, 0, false };
    /* q: the quote of a candidate match, which starts at q - 1 >= the search start */
    for (size_t from = 0, q = find_byte(in, 1, n, '\''); q + 1 < n; q = find_byte(in, q + 1, n, '\'')) {
        size_t i = q - 1, me = 0;
        if (i < from || in[i] == '\'' || in[i] == ' ') continue;
        unsigned char l = (unsigned char)in[q + 1] | 0x20;
        if ((l == 's' || l == 'm' || l == 'd') && q + 2 < n && in[q + 2] == ' ') me = q + 3;
        else if (in[q + 1] == ' ') me = q + 2;
        if (!me) continue;
        gap(&s, i);
        put1(&s, in[i]); put1(&s, ' ');
        put(&s, in + q, me - q); /* the clitic and its space */
        s.copied = from = me;
        q = me - 1;
    }
    return finish(&s, n);
}

/* `([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ` -> "\1 \2 " (ENDING_QUOTES[4]); case-sensitive. */
static size_t pass_clitic_long(const char *in, size_t n, char *out) {
    static const char ALT[8][4] = { "'ll", "'LL", "'re", "'RE", "'ve", "'VE", "n't", "N'T" };
    sub s = { in, out, 0, 0, false };
    /* Every alternative holds a quote at offset 1 or 2 of the match: for each quote q the
     * candidate starts q - 2 (n't) and q - 1 ('ll...) are tried, leftmost first. */
    for (size_t from = 0, q = find_byte(in, 1, n, '\''); q < n; q = find_byte(in, q + 1, n, '\'')) {
        for (size_t back = 2; back >= 1; back--) {
            if (q < back || q - back < from) continue;
            size_t i = q - back;
            bool m = false;
            if (i + 4 < n && in[i] != '\'' && in[i] != ' ' && in[i + 4] == ' ')
                for (int a = 0; a < 8 && !m; a++) m = memcmp(in + i + 1, ALT[a], 3) == 0;
            if (!m) continue;
            gap(&s, i);
            put1(&s, in[i]); put1(&s, ' ');
            put(&s, in + i + 1, 4);
            s.copied = from = i + 5;
            break;
        }
        if (from > q) q = from - 1;
    }
    return finish(&s, n);
}

/* CONTRACTIONS2 `(?i)\b(w1)(w2)\b` (`(?=\s)` at the end for wanna) and CONTRACTIONS3
 * `(?i) (w1)(w2)\b`, all -> " \1 \2 ". Each word starts and ends with a letter or is
 * preceded by the literal space, so \b before it means "no word character before" and \b
 * after it "no word character after". */
typedef struct contraction {
    const char *w1, *w2;
    bool lead_space; /* CONTRACTIONS3: the match starts with a space */
    bool space_after; /* (?=\s) instead of \b */
} contraction;

static const contraction CONTRACTIONS[] = {
    { "can", "not", false, false }, { "d", "'ye", false, false }, { "gim", "me", false, false },
    { "gon", "na", false, false },  { "got", "ta", false, false }, { "lem", "me", false, false },
    { "more", "'n", false, false }, { "wan", "na", false, true },
    { "'t", "is", true, false },    { "'t", "was", true, false },
};
#define N_CONTRACTIONS (sizeof CONTRACTIONS / sizeof CONTRACTIONS[0])

static inline bool ci_word_at(const char *in, size_t n, size_t i, const char *w) {
    for (; *w; w++, i++)
        if (i >= n || !ci_eq((unsigned char)in[i], *w)) return false;
    return true;
}

static size_t pass_contraction(const char *in, size_t n, char *out, const contraction *c) {
    size_t l1 = strlen(c->w1), l2 = strlen(c->w2), lead = c->lead_space ? 1 : 0;
    sub s = { in, out, 0, 0, false };
    for (size_t i = 0; i + lead + l1 + l2 <= n;) {
        size_t w = i + lead, e = w + l1 + l2;
        size_t we;
        bool m = (lead ? in[i] == ' ' : (i == 0 || !word_before(in, n, i))) &&
                 ci_word_at(in, n, w, c->w1) && ci_word_at(in, n, w + l1, c->w2) &&
                 (c->space_after ? e < n && is_space((unsigned char)in[e])
                                 : e == n || !word_at(in, n, e, &we));
        if (!m) { i++; continue; }
        gap(&s, i);
        put1(&s, ' '); put(&s, in + w, l1); put1(&s, ' '); put(&s, in + w + l1, l2); put1(&s, ' ');
        s.copied = i = e;
    }
    return finish(&s, n);
}

/* Bit k: contraction k's first (FIRST) or second (SECOND) byte, any case; a position is a
 * candidate when both its byte and the next one agree on some k. */
#define CI2(c, m) [c] = (m), [(c) - 32] = (m)
static const uint16_t FIRST[256] = {
    CI2('c', 1 << 0), CI2('d', 1 << 1), CI2('g', 7 << 2), CI2('l', 1 << 5), CI2('m', 1 << 6),
    CI2('w', 1 << 7), ['\''] = 3 << 8,
};
static const uint16_t SECOND[256] = {
    CI2('a', 1 << 0 | 1 << 7), ['\''] = 1 << 1, CI2('i', 1 << 2), CI2('o', 1 << 3 | 1 << 4 | 1 << 6),
    CI2('e', 1 << 5), CI2('t', 3 << 8),
};
#undef CI2

/* Whether some contraction's letters occur anywhere (any case): the passes only run then.
 * Looser than the patterns (no boundaries), so skipping is always safe. */
static bool may_hold_contraction(const char *in, size_t n) {
    for (size_t i = 0; i + 1 < n; i++) {
        uint16_t m = FIRST[(unsigned char)in[i]] & SECOND[(unsigned char)in[i + 1]];
        for (size_t k = 0; m; k++, m >>= 1) {
            const contraction *r = &CONTRACTIONS[k];
            if ((m & 1) && ci_word_at(in, n, i, r->w1) && ci_word_at(in, n, i + strlen(r->w1), r->w2))
                return true;
        }
    }
    return false;
}

/* ---- driver ---- */

hme_treebank_fast *hme_treebank_fast_new(const hme_allocator *al) {
    al = hme_alloc_or_default(al);
    hme_treebank_fast *f = hme_calloc(al, 1, sizeof *f);
    if (f) f->al = al;
    return f;
}

void hme_treebank_fast_free(hme_treebank_fast *f) {
    if (!f) return;
    hme_free(f->al, f->buf[0]);
    hme_free(f->al, f->buf[1]);
    hme_free(f->al, f);
}

static bool ensure(hme_treebank_fast *f, int b, size_t need) {
    if (need <= f->cap[b]) return true;
    size_t nc = f->cap[b] ? f->cap[b] : 256;
    while (nc < need) nc *= 2;
    char *np = hme_realloc(f->al, f->buf[b], nc);
    if (!np) return false;
    f->buf[b] = np;
    f->cap[b] = nc;
    return true;
}

/* Non-ASCII characters the passes treat as plain letters or symbols (decoding them only
 * for \w). Declined: the quotes « “ ‘ „ » ” ’ that rules rewrite, Python whitespace (\s,
 * str.split()), decimal digits (\d), and İ ı ſ K, which (?i) matches to i, s and k. */
static bool non_ascii_is_inert(const char *text, size_t len) {
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) { i++; continue; }
        uint32_t cp;
        i += hme_utf8_next(text + i, len - i, &cp);
        switch (cp) {
        case 0xAB: case 0x201C: case 0x2018: case 0x201E: case 0xBB: case 0x201D: case 0x2019:
        case 0x130: case 0x131: case 0x17F: case 0x212A:
            return false;
        }
        if (hme_py_isspace(cp) || hme_py_isdecimal(cp)) return false;
    }
    return true;
}

bool hme_treebank_fast_accepts(const char *text, size_t len) {
    unsigned char hi = 0;
    for (size_t i = 0; i < len; i++) hi |= (unsigned char)text[i];
    return !(hi & 0x80) || non_ascii_is_inert(text, len);
}

enum pass_id {
    P_BACKTICK_RUNS, P_LEADING_DQUOTE, P_BACKTICK_PAIRS, P_OPENING_QUOTES, P_QUOTE_SINGLE_CHAR,
    P_FINAL_PERIOD_SPACED, P_COLON_COMMA, P_COLON_COMMA_END, P_DOT_RUNS, P_SYMBOLS,
    P_FINAL_PERIOD, P_QMARK_EXCL, P_QUOTE_SPACE, P_STAR, P_BRACKETS, P_DOUBLE_DASH,
    P_SINGLEQUOTE_PAIRS, P_CLOSING_DQUOTE, P_CLITIC_SHORT, P_CLITIC_LONG,
};

static size_t run_pass(int id, const char *in, size_t n, char *out) {
    switch (id) {
    case P_BACKTICK_RUNS: return pass_pad_runs(in, n, out, '`', 1);
    case P_LEADING_DQUOTE: return pass_leading_dquote(in, n, out);
    case P_BACKTICK_PAIRS: return pass_pad_pairs(in, n, out, '`');
    case P_OPENING_QUOTES: return pass_opening_quotes(in, n, out);
    case P_QUOTE_SINGLE_CHAR: return pass_quote_single_char(in, n, out);
    case P_FINAL_PERIOD_SPACED: return pass_final_period(in, n, out, true);
    case P_COLON_COMMA: return pass_colon_comma(in, n, out);
    case P_COLON_COMMA_END: return pass_colon_comma_end(in, n, out);
    case P_DOT_RUNS: return pass_pad_runs(in, n, out, '.', 2);
    case P_SYMBOLS: return pass_pad_class(in, n, out, T_SYMBOL);
    case P_FINAL_PERIOD: return pass_final_period(in, n, out, false);
    case P_QMARK_EXCL: return pass_pad_class(in, n, out, T_QMARK_EXCL);
    case P_QUOTE_SPACE: return pass_quote_space(in, n, out);
    case P_STAR: return pass_pad_byte(in, n, out, '*');
    case P_BRACKETS: return pass_pad_class(in, n, out, T_BRACKET);
    case P_DOUBLE_DASH: return pass_pad_pairs(in, n, out, '-');
    case P_SINGLEQUOTE_PAIRS: return pass_pad_pairs(in, n, out, '\'');
    case P_CLOSING_DQUOTE: return pass_closing_dquote(in, n, out);
    case P_CLITIC_SHORT: return pass_clitic_short(in, n, out);
    case P_CLITIC_LONG: return pass_clitic_long(in, n, out);
    }
    return NO_MATCH;
}

/* The cascade before the padding, then after it; each pass with the bytes it needs. */
static const struct { int id; uint16_t needs; } BEFORE_PAD[] = {
    { P_BACKTICK_RUNS, T_BACKTICK }, { P_LEADING_DQUOTE, T_DQUOTE }, { P_BACKTICK_PAIRS, T_BACKTICK },
    { P_OPENING_QUOTES, T_DQUOTE | T_SQUOTE }, { P_QUOTE_SINGLE_CHAR, T_SQUOTE },
    { P_FINAL_PERIOD_SPACED, T_DOT }, { P_COLON_COMMA, T_COLON_COMMA }, { P_COLON_COMMA_END, T_COLON_COMMA },
    { P_DOT_RUNS, T_DOT }, { P_SYMBOLS, T_SYMBOL }, { P_FINAL_PERIOD, T_DOT },
    { P_QMARK_EXCL, T_QMARK_EXCL }, { P_QUOTE_SPACE, T_SQUOTE }, { P_STAR, T_STAR },
    { P_BRACKETS, T_BRACKET }, { P_DOUBLE_DASH, T_DASH },
}, AFTER_PAD[] = {
    { P_SINGLEQUOTE_PAIRS, T_SQUOTE }, { P_CLOSING_DQUOTE, T_DQUOTE },
    { P_CLITIC_SHORT, T_SQUOTE }, { P_CLITIC_LONG, T_SQUOTE },
};

/* Bytes a pass may add that other passes trigger on. */
static uint16_t adds(int id) {
    switch (id) {
    case P_LEADING_DQUOTE: case P_OPENING_QUOTES: return T_BACKTICK;
    case P_CLOSING_DQUOTE: return T_SQUOTE;
    default: return 0;
    }
}

/* Worst growth of one pass: `"` -> " '' " makes one byte four. */
#define ROOM(n) (4 * (n) + 8)

static const uint8_t SPACE[256] = {
    ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1,
    [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, [' '] = 1,
};

/* str.split(): the text is copied once into the arena and each token NUL-terminated in
 * place (over the whitespace byte that ends it). Token ends are unpredictable branches, so
 * each 64-byte block is first turned into a whitespace bit mask (branch-free), and token
 * starts and ends are read off its 0->1 and 1->0 edges. */
static hme_code split_tokens(const char *text, size_t n, hme_arena *arena, hme_tokvec *out) {
    char *a = hme_arena_alloc(arena, n + 1);
    if (!a) return HME_ERR_NOMEM;
    memcpy(a, text, n);
    a[n] = '\0';
    size_t most = out->n + n / 2 + 1; /* tokens are separated by whitespace */
    if (most > out->cap) {
        size_t nc = out->cap ? out->cap : 64;
        while (nc < most) nc *= 2;
        hme_str *nv = hme_realloc(out->al, out->v, nc * sizeof *nv);
        if (!nv) return HME_ERR_NOMEM;
        out->v = nv;
        out->cap = nc;
    }
    hme_str *v = out->v;
    size_t k = out->n, start = 0;
    bool open = false;
    uint64_t before = 1; /* whitespace just before the block (the text start counts as one) */
    for (size_t b = 0; b < n; b += 64) {
        size_t m = n - b < 64 ? n - b : 64;
        uint64_t ws = m < 64 ? ~0ull << m : 0; /* past the end: whitespace */
        for (size_t j = 0; j < m; j++) ws |= (uint64_t)SPACE[(unsigned char)a[b + j]] << j;
        uint64_t prev = ws << 1 | before; /* bit j: whitespace at j - 1 */
        uint64_t starts = ~ws & prev, ends = ws & ~prev;
        before = ws >> 63;
        for (;;) {
            if (open) {
                if (!ends) break;
                size_t e = b + (size_t)__builtin_ctzll(ends);
                ends &= ends - 1;
                v[k++] = (hme_str){ a + start, e - start };
                a[e] = '\0';
                open = false;
            } else {
                if (!starts) break;
                start = b + (size_t)__builtin_ctzll(starts);
                starts &= starts - 1;
                open = true;
            }
        }
    }
    if (open) v[k++] = (hme_str){ a + start, n - start }; /* ends at a multiple of 64 */
    out->n = k;
    return HME_OK;
}

hme_code hme_treebank_fast_append(hme_treebank_fast *f, const char *text, size_t len,
                                  hme_arena *arena, hme_tokvec *out, bool *handled) {
    unsigned char hi = 0;
    uint16_t present = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        hi |= c;
        present |= TRIGGER[c];
    }
    *handled = false;
    if ((hi & 0x80) && !non_ascii_is_inert(text, len)) return HME_OK;
    *handled = true;

    /* buf[cur] holds the text after the passes so far; pass k writes buf[!cur]. The text
     * starts at offset 1 of buf[0] so that the padding needs no copy when no pass before
     * it matched. */
    if (!ensure(f, 0, ROOM(len)) || !ensure(f, 1, ROOM(len))) return HME_ERR_NOMEM;
    int cur = 0;
    size_t n = len;
    char *text0 = f->buf[0] + 1;
    memcpy(text0, text, len);
    bool at_offset = true; /* buf[cur] + 1 holds the text (only until a pass matches) */
    for (size_t k = 0; k < sizeof BEFORE_PAD / sizeof BEFORE_PAD[0]; k++) {
        if (!(present & BEFORE_PAD[k].needs)) continue;
        const char *in = at_offset ? text0 : f->buf[cur];
        size_t m = run_pass(BEFORE_PAD[k].id, in, n, f->buf[!cur]);
        if (m == NO_MATCH) continue;
        cur = !cur;
        n = m;
        at_offset = false;
        present |= adds(BEFORE_PAD[k].id);
        if (!ensure(f, !cur, ROOM(n))) return HME_ERR_NOMEM;
    }
    /* text = " " + text + " " */
    if (at_offset) {
        f->buf[0][0] = ' ';
        f->buf[0][n + 1] = ' ';
    } else {
        char *o = f->buf[!cur];
        o[0] = ' ';
        memcpy(o + 1, f->buf[cur], n);
        o[n + 1] = ' ';
        cur = !cur;
    }
    n += 2;
    if (!ensure(f, !cur, ROOM(n))) return HME_ERR_NOMEM;
    for (size_t k = 0; k < sizeof AFTER_PAD / sizeof AFTER_PAD[0]; k++) {
        if (!(present & AFTER_PAD[k].needs)) continue;
        size_t m = run_pass(AFTER_PAD[k].id, f->buf[cur], n, f->buf[!cur]);
        if (m == NO_MATCH) continue;
        cur = !cur;
        n = m;
        present |= adds(AFTER_PAD[k].id);
        if (!ensure(f, !cur, ROOM(n))) return HME_ERR_NOMEM;
    }
    if (may_hold_contraction(f->buf[cur], n)) {
        for (size_t k = 0; k < N_CONTRACTIONS; k++) {
            size_t m = pass_contraction(f->buf[cur], n, f->buf[!cur], &CONTRACTIONS[k]);
            if (m == NO_MATCH) continue;
            cur = !cur;
            n = m;
            if (!ensure(f, !cur, ROOM(n))) return HME_ERR_NOMEM;
        }
    }

    return split_tokens(f->buf[cur], n, arena, out);
}
