/* float_repr.c - doubles printed the way Python's repr() prints them: the shortest
 * digit string that parses back to the same double, fixed notation for decimal
 * exponents -4..15 and scientific otherwise, always with a '.' or an exponent.
 * Matching repr (not just round-tripping) keeps our JSON byte-comparable with files
 * Python writes. */
#include "report/sink.h"

#include <math.h>
#include <stdlib.h>

/* Shortest significand digits and decimal exponent of |v| (v finite, nonzero). */
static int shortest_digits(double v, char digits[24], int *exp10) {
    char buf[40];
    for (int prec = 0; prec <= 16; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec, v);
        if (strtod(buf, NULL) == v || prec == 16) break;
    }
    /* buf = d[.ddd]e[+-]XX */
    int n = 0;
    const char *p = buf;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9') digits[n++] = *p;
    *exp10 = atoi(p + 1);
    while (n > 1 && digits[n - 1] == '0') n--; /* %.*e may pad with zeros */
    digits[n] = '\0';
    return n;
}

size_t hme_format_double(double v, char out[32]) {
    if (isnan(v)) { memcpy(out, "NaN", 4); return 3; }
    if (isinf(v)) { strcpy(out, v < 0 ? "-inf" : "inf"); return strlen(out); }
    size_t o = 0;
    if (signbit(v)) { out[o++] = '-'; v = -v; }
    if (v == 0.0) { memcpy(out + o, "0.0", 4); return o + 3; }
    char d[24];
    int e, n = shortest_digits(v, d, &e);
    if (e >= -4 && e < 16) {
        if (e >= 0) {
            for (int i = 0; i <= e; i++) out[o++] = i < n ? d[i] : '0';
            out[o++] = '.';
            if (n > e + 1) for (int i = e + 1; i < n; i++) out[o++] = d[i];
            else out[o++] = '0';
        } else {
            out[o++] = '0'; out[o++] = '.';
            for (int i = 0; i < -e - 1; i++) out[o++] = '0';
            for (int i = 0; i < n; i++) out[o++] = d[i];
        }
        out[o] = '\0';
        return o;
    }
    out[o++] = d[0];
    if (n > 1) { out[o++] = '.'; for (int i = 1; i < n; i++) out[o++] = d[i]; }
    o += (size_t)snprintf(out + o, 32 - o, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    return o;
}

void sink_json_double(hme_sink s, double v) {
    if (!isfinite(v)) { sink_puts(s, "null"); return; }
    char buf[32];
    sink_put(s, buf, hme_format_double(v, buf));
}

void sink_json_string(hme_sink s, const char *str, size_t len) {
    static const char hex[] = "0123456789abcdef";
    sink_put(s, "\"", 1);
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)str[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        sink_put(s, str + start, i - start);
        char esc[7] = { '\\', 0 };
        size_t n = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default: esc[1] = 'u'; esc[2] = '0'; esc[3] = '0'; esc[4] = hex[c >> 4]; esc[5] = hex[c & 15]; n = 6;
        }
        sink_put(s, esc, n);
        start = i + 1;
    }
    sink_put(s, str + start, len - start);
    sink_put(s, "\"", 1);
}
