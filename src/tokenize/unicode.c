/* unicode.c - Python 3.11 str semantics (lower, isalnum, isspace, re's \w) on UTF-8.
 *
 * Character properties come from utf8proc's tables (general category, simple lowercase);
 * what utf8proc lacks is spelled out here, each list checked against Python 3.11 over all
 * code points 0..0x10FFFF:
 *  - isalnum/isnumeric: in Python's database every N? character has a numeric value and no
 *    character outside categories L? and N? has one, so isalnum == category L? or N?.
 *  - isspace: CPython's rule (bidi WS/B/S or category Zs) yields a short fixed list.
 *  - lower(): the only unconditional multi-character lowercase mapping is U+0130, and the
 *    Final_Sigma condition needs the Cased and Case_Ignorable properties (below).
 *
 * Python 3.11 uses Unicode 14.0, utf8proc 2.8 uses Unicode 15.0. Compared over every code
 * point (a dump from Python against one from this file), the only differences are 4430
 * characters unassigned in Unicode 14 and assigned in 15: utf8proc gives them a category,
 * so is*() or the sigma context (Mn = case-ignorable) differ from Python 3.11 for
 *   U+0ECE U+10EFD-10EFF U+1123F-11241 U+11F00-11F02 U+11F04-11F10 U+11F12-11F33
 *   U+11F36-11F3A U+11F40 U+11F42 U+11F50-11F59 U+1342F U+13439-13455 U+1B132 U+1B155
 *   U+1D2C0-1D2D3 U+1DF25-1DF2A U+1E030-1E06D U+1E08F U+1E4D0-1E4F9 U+2B739 U+31350-323AF.
 * lower() of every single code point is identical. None of these occurs in the datasets.
 */
#include "tokenize/unicode.h"

#include <stddef.h>
#include <utf8proc.h>

size_t hme_utf8_next(const char *s, size_t len, uint32_t *cp) {
    const unsigned char *u = (const unsigned char *)s;
    unsigned char b0 = u[0];
    if (b0 < 0x80) { *cp = b0; return 1; }
    uint32_t c, min;
    size_t n;
    if (b0 >= 0xC2 && b0 <= 0xDF) { n = 2; c = b0 & 0x1F; min = 0x80; }
    else if (b0 >= 0xE0 && b0 <= 0xEF) { n = 3; c = b0 & 0x0F; min = 0x800; }
    else if (b0 >= 0xF0 && b0 <= 0xF4) { n = 4; c = b0 & 0x07; min = 0x10000; }
    else goto invalid;
    if (len < n) goto invalid;
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80) goto invalid;
        c = (c << 6) | (u[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) goto invalid;
    *cp = c;
    return n;
invalid:
    *cp = 0xFFFD;
    return 1;
}

size_t hme_utf8_put(uint32_t cp, char *out) {
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) { o[0] = (unsigned char)(0xC0 | (cp >> 6)); o[1] = (unsigned char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12)); o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18)); o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* ---- character classes ---------------------------------------------------------------- */

bool hme_py_isalpha(uint32_t cp) {
    if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
        return true;
    default:
        return false;
    }
}

bool hme_py_isdecimal(uint32_t cp) {
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_ND;
}

/* Python: isalpha or isdecimal or isdigit or isnumeric. Every character with a numeric
 * value is in N* (checked over Unicode 14), so this is L* or N*. */
bool hme_py_isalnum(uint32_t cp) {
    if (cp < 0x80) return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || (cp >= '0' && cp <= '9');
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

bool hme_py_isword(uint32_t cp) { return cp == '_' || hme_py_isalnum(cp); }

/* CPython's _PyUnicode_IsWhitespace: bidi class WS, B or S, or category Zs. The set has not
 * changed since Unicode 6.3 (U+180E left it), so it is listed rather than looked up. */
bool hme_py_isspace(uint32_t cp) {
    if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
    if (cp < 0x2000) return cp == 0x85 || cp == 0xA0 || cp == 0x1680;
    return cp <= 0x200A || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* ---- lower() ---------------------------------------------------------------------------- */

/* Case_Ignorable: categories Mn Me Cf Lm Sk, plus Word_Break MidLetter/MidNumLet/Single_Quote. */
static bool is_case_ignorable(uint32_t cp) {
    switch (cp) {
    case 0x27: case 0x2E: case 0x3A: case 0xB7: case 0x387: case 0x55F: case 0x5F4:
    case 0x2018: case 0x2019: case 0x2024: case 0x2027: case 0xFE13: case 0xFE52: case 0xFE55:
    case 0xFF07: case 0xFF0E: case 0xFF1A:
        return true;
    }
    if (cp < 0x80) return cp == '^' || cp == '`';   /* Sk in ASCII */
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_SK:
        return true;
    default:
        return false;
    }
}

/* Cased: Lu Ll Lt plus Other_Lowercase/Other_Uppercase. Only asked about characters that
 * are not case-ignorable, and among those the Other_* members outside Lu/Ll/Lt are these. */
static bool is_cased(uint32_t cp) {
    if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (cp == 0xAA || cp == 0xBA || (cp >= 0x2160 && cp <= 0x217F) || (cp >= 0x24B6 && cp <= 0x24E9) ||
        (cp >= 0x1F130 && cp <= 0x1F149) || (cp >= 0x1F150 && cp <= 0x1F169) || (cp >= 0x1F170 && cp <= 0x1F189))
        return true;
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT;
}

/* Decodes the code point that ends just before s[i] (i > 0), returns its start. */
static size_t utf8_prev(const char *s, size_t i, uint32_t *cp) {
    size_t j = i - 1;
    size_t stop = i >= 4 ? i - 4 : 0;
    while (j > stop && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
    size_t n = hme_utf8_next(s + j, i - j, cp);
    if (j + n != i) { /* not a well-formed sequence ending at i: treat the last byte alone */
        j = i - 1;
        hme_utf8_next(s + j, 1, cp);
    }
    return j;
}

/* CPython's handle_capital_sigma: U+03A3 at s[i..i+2) lowers to final sigma when
 * \p{cased} \p{case-ignorable}* SIGMA !(\p{case-ignorable}* \p{cased}). */
static bool sigma_is_final(const char *s, size_t len, size_t i) {
    uint32_t c = 0;
    size_t j = i;
    bool found = false;
    while (j > 0) {
        j = utf8_prev(s, j, &c);
        if (!is_case_ignorable(c)) { found = true; break; }
    }
    if (!found || !is_cased(c)) return false;
    for (size_t k = i + 2; k < len;) {
        k += hme_utf8_next(s + k, len - k, &c);
        if (!is_case_ignorable(c)) return !is_cased(c);
    }
    return true;
}

size_t hme_py_lower(const char *s, size_t len, char *out) {
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            out[o++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = hme_utf8_next(s + i, len - i, &cp);
        if (cp == 0xFFFD && n == 1) { /* invalid byte: kept as is, so output never outgrows 2*len */
            out[o++] = (char)b;
            i++;
            continue;
        }
        if (cp == 0x130) {            /* SpecialCasing: LATIN CAPITAL I WITH DOT ABOVE -> i + U+0307 */
            out[o++] = 'i';
            o += hme_utf8_put(0x307, out + o);
        } else if (cp == 0x3A3) {
            o += hme_utf8_put(sigma_is_final(s, len, i) ? 0x3C2 : 0x3C3, out + o);
        } else {
            o += hme_utf8_put((uint32_t)utf8proc_tolower((utf8proc_int32_t)cp), out + o);
        }
        i += n;
    }
    return o;
}
