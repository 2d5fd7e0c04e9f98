/* porter.c - NLTK 3.8 PorterStemmer (mode NLTK_EXTENSIONS), rule for rule.
 *
 * NLTK works on Python str, i.e. on code points. Every rule only looks at ASCII letters,
 * treats any other code point as a consonant, and compares two code points only in the
 * "double consonant" test, which always looks at the last two characters of the current
 * word. And every step either truncates the word or appends ASCII, so the result is
 * always  (a prefix of the input's code points) + (ASCII).  Hence the stemmer runs on a
 * one-byte-per-code-point image of the word (built in `out`, so no allocation and no
 * length limit): ASCII stays itself, a non-ASCII code point becomes 0x80 or 0x81 such that
 * neighbours are equal exactly when the code points are. At the end each non-ASCII byte
 * is replaced by the input's code point at the same index.
 *
 * NLTK's stem() starts with word.lower(): ASCII A-Z is lowered here; non-ASCII input must
 * already be lowercase (porter.h's contract; both callers pass lowercased words), since
 * Python's full lowercasing can change the length.
 */
#include "tokenize/porter.h"

#include <stdbool.h>
#include <string.h>

typedef struct word {
    char *w;   /* one byte per code point */
    size_t n;
} word;

static bool is_vowel_letter(unsigned char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* NLTK's _is_consonant: 'y' is a consonant at 0 or after a vowel, recursively; over a run
 * of y's the answer alternates, starting from what precedes the run. */
static bool is_cons(const char *w, size_t i) {
    unsigned char c = (unsigned char)w[i];
    if (is_vowel_letter(c)) return false;
    if (c != 'y') return true;
    size_t j = i;
    while (j > 0 && w[j - 1] == 'y') j--;
    bool first = j == 0 ? true : is_vowel_letter((unsigned char)w[j - 1]);
    return ((i - j) & 1) ? !first : first;
}

/* Consonant-ness of w[i] given that of w[i-1] (is_cons in one forward step, so scans of a
 * whole word stay linear even over long runs of y). */
static inline bool cons_after(unsigned char c, size_t i, bool prev_cons) {
    if (is_vowel_letter(c)) return false;
    if (c != 'y') return true;
    return i == 0 ? true : !prev_cons;
}

/* Number of "vc" pairs in the consonant/vowel pattern of w[0..k). */
static size_t measure(const char *w, size_t k) {
    size_t m = 0;
    bool prev = true, prev_vowel = false;
    for (size_t i = 0; i < k; i++) {
        bool c = cons_after((unsigned char)w[i], i, prev);
        if (c && prev_vowel) m++;
        prev_vowel = !c;
        prev = c;
    }
    return m;
}

static bool contains_vowel(const char *w, size_t k) {
    bool prev = true;
    for (size_t i = 0; i < k; i++) {
        prev = cons_after((unsigned char)w[i], i, prev);
        if (!prev) return true;
    }
    return false;
}

static bool ends_double_consonant(const char *w, size_t k) {
    return k >= 2 && w[k - 1] == w[k - 2] && is_cons(w, k - 1);
}

/* Condition *o, with NLTK's extra two-letter vc case. */
static bool ends_cvc(const char *w, size_t k) {
    if (k >= 3 && is_cons(w, k - 3) && !is_cons(w, k - 2) && is_cons(w, k - 1)) {
        char c = w[k - 1];
        if (c != 'w' && c != 'x' && c != 'y') return true;
    }
    return k == 2 && !is_cons(w, 0) && is_cons(w, 1);
}

/* The last byte first: most words end in none of a rule list's suffixes, and that one
 * compare rejects them without a call. */
static bool ends_with(const word *x, const char *suf, size_t sl) {
    return x->n >= sl && (sl == 0 || x->w[x->n - 1] == suf[sl - 1]) && memcmp(x->w + x->n - sl, suf, sl) == 0;
}

static void set_tail(word *x, size_t keep, const char *rep) {
    size_t rl = strlen(rep);
    memcpy(x->w + keep, rep, rl);
    x->n = keep + rl;
}

/* Conditions of the rule lists; `stem` is w[0..k). */
typedef enum cond { C_NONE, C_M_GT0, C_M_GT1, C_ION, C_LOGI } cond;

typedef struct rule {
    const char *suffix;
    const char *rep;
    cond c;
    unsigned char sl;   /* strlen(suffix), filled in at compile time by R() */
} rule;
#define R(suffix, rep, c) { suffix, rep, c, sizeof suffix - 1 }

static bool check(const word *x, size_t k, cond c) {
    switch (c) {
    case C_NONE: return true;
    case C_M_GT0: return measure(x->w, k) > 0;
    case C_M_GT1: return measure(x->w, k) > 1;
    case C_ION: return measure(x->w, k) > 1 && (x->w[k - 1] == 's' || x->w[k - 1] == 't');
    case C_LOGI: return measure(x->w, x->n - 3) > 0; /* NLTK: word[:-3], keeps the 'l' */
    }
    return false;
}

/* _apply_rule_list without the "*d" and "" special rules (only step 1b has those).
 * The first rule whose suffix matches decides: applied if its condition holds, else the
 * word is returned unchanged. */
static void apply_rules(word *x, const rule *rules, size_t nr) {
    for (size_t i = 0; i < nr; i++) {
        size_t sl = rules[i].sl;
        if (ends_with(x, rules[i].suffix, sl)) {
            size_t k = x->n - sl;
            if (check(x, k, rules[i].c)) set_tail(x, k, rules[i].rep);
            return;
        }
    }
}

static void step1a(word *x) {
    if (ends_with(x, "ies", 3) && x->n == 4) { set_tail(x, 1, "ie"); return; }
    static const rule r[] = { R("sses", "ss", C_NONE), R("ies", "i", C_NONE), R("ss", "ss", C_NONE), R("s", "", C_NONE) };
    apply_rules(x, r, 4);
}

static void step1b(word *x) {
    if (ends_with(x, "ied", 3)) { set_tail(x, x->n - 3, x->n == 4 ? "ie" : "i"); return; }
    if (ends_with(x, "eed", 3)) {
        if (measure(x->w, x->n - 3) > 0) set_tail(x, x->n - 3, "ee");
        return;
    }
    size_t k;
    if (ends_with(x, "ed", 2) && contains_vowel(x->w, x->n - 2)) k = x->n - 2;
    else if (ends_with(x, "ing", 3) && contains_vowel(x->w, x->n - 3)) k = x->n - 3;
    else return;
    x->n = k; /* the intermediate stem */
    if (ends_with(x, "at", 2)) { set_tail(x, k - 2, "ate"); return; }
    if (ends_with(x, "bl", 2)) { set_tail(x, k - 2, "ble"); return; }
    if (ends_with(x, "iz", 2)) { set_tail(x, k - 2, "ize"); return; }
    /* "*d": NLTK also matches a literal "*d" suffix (then w[k-1] is 'd', so the condition holds). */
    if (ends_double_consonant(x->w, k) || ends_with(x, "*d", 2)) {
        char last = x->w[k - 1];
        if (last != 'l' && last != 's' && last != 'z') {
            x->w[k - 2] = last;
            x->n = k - 1;
        }
        return;
    }
    if (measure(x->w, k) == 1 && ends_cvc(x->w, k)) set_tail(x, k, "e");
}

static void step1c(word *x) {
    if (ends_with(x, "y", 1)) {
        size_t k = x->n - 1;
        if (k > 1 && is_cons(x->w, k - 1)) x->w[k] = 'i';
    }
}

static void step2(word *x) {
    while (ends_with(x, "alli", 4) && measure(x->w, x->n - 4) > 0) set_tail(x, x->n - 4, "al");
    static const rule r[] = {
        R("ational", "ate", C_M_GT0), R("tional", "tion", C_M_GT0), R("enci", "ence", C_M_GT0),
        R("anci", "ance", C_M_GT0),   R("izer", "ize", C_M_GT0),    R("bli", "ble", C_M_GT0),
        R("alli", "al", C_M_GT0),     R("entli", "ent", C_M_GT0),   R("eli", "e", C_M_GT0),
        R("ousli", "ous", C_M_GT0),   R("ization", "ize", C_M_GT0), R("ation", "ate", C_M_GT0),
        R("ator", "ate", C_M_GT0),    R("alism", "al", C_M_GT0),    R("iveness", "ive", C_M_GT0),
        R("fulness", "ful", C_M_GT0), R("ousness", "ous", C_M_GT0), R("aliti", "al", C_M_GT0),
        R("iviti", "ive", C_M_GT0),   R("biliti", "ble", C_M_GT0),  R("fulli", "ful", C_M_GT0),
        R("logi", "log", C_LOGI),
    };
    apply_rules(x, r, sizeof r / sizeof r[0]);
}

static void step3(word *x) {
    static const rule r[] = {
        R("icate", "ic", C_M_GT0), R("ative", "", C_M_GT0), R("alize", "al", C_M_GT0), R("iciti", "ic", C_M_GT0),
        R("ical", "ic", C_M_GT0),  R("ful", "", C_M_GT0),   R("ness", "", C_M_GT0),
    };
    apply_rules(x, r, sizeof r / sizeof r[0]);
}

static void step4(word *x) {
    static const rule r[] = {
        R("al", "", C_M_GT1),   R("ance", "", C_M_GT1), R("ence", "", C_M_GT1), R("er", "", C_M_GT1),
        R("ic", "", C_M_GT1),   R("able", "", C_M_GT1), R("ible", "", C_M_GT1), R("ant", "", C_M_GT1),
        R("ement", "", C_M_GT1), R("ment", "", C_M_GT1), R("ent", "", C_M_GT1), R("ion", "", C_ION),
        R("ou", "", C_M_GT1),   R("ism", "", C_M_GT1),  R("ate", "", C_M_GT1),  R("iti", "", C_M_GT1),
        R("ous", "", C_M_GT1),  R("ive", "", C_M_GT1),  R("ize", "", C_M_GT1),
    };
    apply_rules(x, r, sizeof r / sizeof r[0]);
}

static void step5a(word *x) {
    if (!ends_with(x, "e", 1)) return;
    size_t k = x->n - 1;
    size_t m = measure(x->w, k);
    if (m > 1 || (m == 1 && !ends_cvc(x->w, k))) x->n = k;
}

static void step5b(word *x) {
    if (ends_with(x, "ll", 2) && measure(x->w, x->n - 1) > 1) x->n -= 1;
}

/* NLTK's table of irregular forms (looked up on the word as given). */
static const char *irregular(const char *w, size_t n) {
    static const struct { const char *word, *stem; unsigned char n; } pairs[] = {
#define I(word, stem) { word, stem, sizeof word - 1 }
        I("sky", "sky"), I("skies", "sky"), I("dying", "die"), I("lying", "lie"),
        I("tying", "tie"), I("news", "news"), I("innings", "inning"), I("inning", "inning"),
        I("outings", "outing"), I("outing", "outing"), I("cannings", "canning"), I("canning", "canning"),
        I("howe", "howe"), I("proceed", "proceed"), I("exceed", "exceed"), I("succeed", "succeed"),
#undef I
    };
    if (n < 3 || n > 8) return NULL;
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (pairs[i].n == n && pairs[i].word[0] == w[0] && memcmp(pairs[i].word, w, n) == 0) return pairs[i].stem;
    return NULL;
}

static size_t utf8_len_of_lead(unsigned char b) {
    if (b < 0x80) return 1;
    if (b >= 0xF0) return 4;
    if (b >= 0xE0) return 3;
    if (b >= 0xC0) return 2;
    return 1; /* stray continuation byte: one unit, as an invalid byte */
}

size_t hme_porter_stem(const char *word_in, size_t len, char *out) {
    const char *irr = irregular(word_in, len);
    if (irr) {
        size_t l = strlen(irr);
        memcpy(out, irr, l);
        return l;
    }
    /* Build the one-byte-per-code-point image in out (ASCII lowercased, as str.lower()). */
    word x = { out, 0 };
    unsigned char prev_img = 0;
    size_t prev_at = 0, prev_len = 0;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)word_in[i];
        size_t l = utf8_len_of_lead(b);
        if (i + l > len) l = len - i;
        unsigned char img;
        if (b < 0x80) {
            img = (b >= 'A' && b <= 'Z') ? (unsigned char)(b + 32) : b;
        } else if (prev_img >= 0x80 && l == prev_len && memcmp(word_in + prev_at, word_in + i, l) == 0) {
            img = prev_img;
        } else {
            img = prev_img == 0x80 ? 0x81 : 0x80;
        }
        out[x.n++] = (char)img;
        prev_img = img; prev_at = i; prev_len = l;
        i += l;
    }
    /* len(word) <= 2 in code points: returned lowercased, unstemmed. */
    if (x.n > 2) {
        step1a(&x); step1b(&x); step1c(&x); step2(&x); step3(&x); step4(&x); step5a(&x); step5b(&x);
    }
    /* The result is (a prefix of the input, in code points) + ASCII, so everything before
     * the last non-ASCII image byte is the input itself (ASCII lowercased): rebuild it from
     * the input, then move the ASCII tail behind it. It fits in len bytes (no step lengthens). */
    size_t p = x.n;
    while (p > 0 && (unsigned char)out[p - 1] < 0x80) p--;
    if (p == 0) return x.n;
    size_t off = 0;
    for (size_t k = 0; k < p && off < len; k++) {
        size_t l = utf8_len_of_lead((unsigned char)word_in[off]);
        off += l;
    }
    if (off > len) off = len;
    size_t tail = x.n - p;
    memmove(out + off, out + p, tail);
    for (size_t i = 0; i < off; i++) {
        unsigned char b = (unsigned char)word_in[i];
        out[i] = (char)((b >= 'A' && b <= 'Z') ? b + 32 : b);
    }
    return off + tail;
}
