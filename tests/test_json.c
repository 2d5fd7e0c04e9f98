/* test_json.c - the NDJSON record parser: grammar, string decoding, numbers, limits,
 * strict UTF-8, and every line of the v2 dataset and golden files. Every case runs once
 * per structural-scan implementation the CPU has. */
#include "harness.h"
#include "read/json.h"
#include "scan_impls.h"

#include <math.h>

static hme_arena A;

static hme_code parse(const char *s, size_t n, hme_jval *v) {
    hme_error e;
    memset(&e, 0, sizeof e);
    hme_code c = hme_json_parse(s, n, &A, v, &e);
    if (c != HME_OK) CHECK_MSG(e.code == c && e.msg[0] != '\0', "error not filled for %s", hme_code_name(c));
    return c;
}
static hme_code parse_c(const char *s, hme_jval *v) { return parse(s, strlen(s), v); }

static void check_str(const char *json, const char *want, size_t want_len) {
    hme_jval v;
    hme_code c = parse_c(json, &v);
    CHECK_MSG(c == HME_OK && v.type == HME_JSTR && v.u.str.len == want_len &&
                  memcmp(v.u.str.ptr, want, want_len) == 0 && v.u.str.ptr[want_len] == '\0',
              "string %s (code %s)", json, hme_code_name(c));
}

static void check_num(const char *json, double want, bool is_int) {
    hme_jval v;
    hme_code c = parse_c(json, &v);
    CHECK_MSG(c == HME_OK && v.type == HME_JNUM, "number %s", json);
    if (c != HME_OK) return;
    CHECK_EQ_BITS(v.u.num.d, want);
    CHECK_MSG(v.u.num.is_int == is_int, "is_int of %s", json);
    const char *t = json;
    while (*t == ' ') t++;
    size_t tl = strlen(t);
    while (tl && t[tl - 1] == ' ') tl--;
    CHECK_MSG(v.u.num.raw_len == tl && memcmp(v.u.num.raw, t, tl) == 0 && v.u.num.raw[tl] == '\0', "raw of %s", json);
}

static void valid_scalars(void) {
    hme_jval v;
    CHECK(parse_c("true", &v) == HME_OK && v.type == HME_JBOOL && v.u.b);
    CHECK(parse_c(" false ", &v) == HME_OK && v.type == HME_JBOOL && !v.u.b);
    CHECK(parse_c("\t\r\nnull\n", &v) == HME_OK && v.type == HME_JNULL);
    check_num("0", 0.0, true);
    check_num("-0", -0.0, true);
    check_num("42", 42.0, true);
    check_num(" -17 ", -17.0, true);
    check_num("123456789012345", 123456789012345.0, true);
    check_num("9007199254740993", 9007199254740993.0, true);   /* 2^53+1: rounds */
    check_num("12345678901234567890", 12345678901234567890.0, true);
    check_num("0.5", 0.5, false);
    check_num("1e3", 1e3, false);
    check_num("1E+3", 1e3, false);
    check_num("-1.5E-3", -1.5e-3, false);
    check_num("0.1", 0.1, false);
    check_num("0.317948717948718", 0.317948717948718, false);
    check_num("8.939979100518709e-79", 8.939979100518709e-79, false);
    check_num("1.7976931348623157e308", 1.7976931348623157e308, false);
    check_num("5e-324", 5e-324, false);
    check_num("1e-400", 0.0, false);
    check_num("1e400", HUGE_VAL, false);
    check_num("2.2250738585072011e-308", 2.2250738585072011e-308, false);
}

static void valid_strings(void) {
    check_str("\"\"", "", 0);
    check_str("\"abc\"", "abc", 3);
    check_str("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t", 8);
    check_str("\"\\u0041\\u00e9\\u00E9\"", "A\xC3\xA9\xC3\xA9", 5);
    check_str("\"\\u20AC\"", "\xE2\x82\xAC", 3);
    check_str("\"\\u2019\"", "\xE2\x80\x99", 3);
    check_str("\"\\ud83d\\ude00\"", "\xF0\x9F\x98\x80", 4);
    check_str("\"\\uDBFF\\uDFFF\"", "\xF4\x8F\xBF\xBF", 4);
    check_str("\"a\\u0000b\"", "a\0b", 3);
    check_str("\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"", "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 9);
    check_str("\"\x7F\"", "\x7F", 1);
    check_str("\"x\\u200dy\"", "x\xE2\x80\x8Dy", 5);
}

static void valid_containers(void) {
    hme_jval v;
    CHECK(parse_c("{}", &v) == HME_OK && v.type == HME_JOBJ && v.u.obj.n == 0);
    CHECK(parse_c("[]", &v) == HME_OK && v.type == HME_JARR && v.u.arr.n == 0);
    CHECK(parse_c(" [ ] ", &v) == HME_OK && v.type == HME_JARR && v.u.arr.n == 0);
    CHECK(parse_c("{ \"a\" : [1, {\"b\": null}, \"c\"] , \"d\":true}", &v) == HME_OK);
    CHECK(v.type == HME_JOBJ && v.u.obj.n == 2);
    const hme_jval *a = hme_json_get(&v, "a");
    CHECK(a && a->type == HME_JARR && a->u.arr.n == 3);
    if (a && a->type == HME_JARR && a->u.arr.n == 3) {
        CHECK(a->u.arr.items[0].type == HME_JNUM && a->u.arr.items[0].u.num.d == 1.0);
        CHECK(hme_json_get(&a->u.arr.items[1], "b") && hme_json_get(&a->u.arr.items[1], "b")->type == HME_JNULL);
        CHECK(a->u.arr.items[2].type == HME_JSTR && hme_str_eq_c(a->u.arr.items[2].u.str, "c"));
    }
    CHECK(hme_json_get(&v, "d") && hme_json_get(&v, "d")->u.b);
    CHECK(hme_json_get(&v, "b") == NULL);
    CHECK(hme_json_get(a, "a") == NULL); /* not an object */
    CHECK(hme_json_get(NULL, "a") == NULL);
    /* Duplicate keys are kept in order; lookup returns the last. */
    CHECK(parse_c("{\"k\":1,\"k\":2,\"x\\u0000y\":3}", &v) == HME_OK && v.u.obj.n == 3);
    CHECK(hme_json_get(&v, "k") && hme_json_get(&v, "k")->u.num.d == 2.0);
    CHECK(v.u.obj.n == 3 && v.u.obj.members[0].val.u.num.d == 1.0);
    CHECK(v.u.obj.n == 3 && v.u.obj.members[2].key.len == 3);
    /* Keys are decoded too. */
    CHECK(parse_c("{\"\\u0061\":5}", &v) == HME_OK && hme_json_get(&v, "a") && hme_json_get(&v, "a")->u.num.d == 5.0);
    /* Large containers outgrow the on-stack value stack. */
    char big[30000];
    size_t n = 0;
    big[n++] = '[';
    for (int i = 0; i < 5000; i++) n += (size_t)sprintf(big + n, "%s%d", i ? "," : "", i);
    big[n++] = ']';
    CHECK(parse(big, n, &v) == HME_OK && v.type == HME_JARR && v.u.arr.n == 5000);
    bool ok = true;
    for (size_t i = 0; v.type == HME_JARR && i < v.u.arr.n; i++) ok &= v.u.arr.items[i].u.num.d == (double)i;
    CHECK(ok);
}

static void depth_limit(void) {
    char buf[2 * (HME_JSON_MAX_DEPTH + 2) + 1];
    hme_jval v;
    for (int depth = HME_JSON_MAX_DEPTH; depth <= HME_JSON_MAX_DEPTH + 1; depth++) {
        size_t n = 0;
        for (int i = 0; i < depth; i++) buf[n++] = (i % 2) ? '[' : '[';
        for (int i = 0; i < depth; i++) buf[n++] = ']';
        hme_code c = parse(buf, n, &v);
        CHECK_EQ_INT(c, depth <= HME_JSON_MAX_DEPTH ? HME_OK : HME_ERR_JSON);
    }
    /* Objects count the same way, and hostile depth fails fast without a crash. */
    static char deep[200000];
    size_t n = 0;
    for (int i = 0; i < 100000; i++) { deep[n++] = '{'; }
    CHECK_EQ_INT(parse(deep, n, &v), HME_ERR_JSON);
    n = 0;
    for (int i = 0; i < 64; i++) { memcpy(deep + n, "{\"a\":", 5); n += 5; }
    deep[n++] = '1';
    for (int i = 0; i < 64; i++) deep[n++] = '}';
    CHECK_EQ_INT(parse(deep, n, &v), HME_OK);
}

static void invalid_syntax(void) {
    static const char *const bad[] = {
        "", "   ", "{", "}", "[", "]", "[1,]", "[,1]", "[1 2]", "{\"a\"}", "{\"a\":}", "{a:1}", "{\"a\":1,}",
        "{,}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "01", "-01", "1.", ".5", "1e", "1e+", "-", "+1", "1.e3", "0x10",
        "tru", "nul", "fals", "True", "NaN", "Infinity", "-Infinity", "'a'", "[1]x", "1 2", "{} {}", "\"abc",
        "\"a\\\"", "\"\\", "\xEF\xBB\xBF{}", "/* c */ 1", "[1,\n", "\"a\x01b\"", "\"tab\there\"", "\"nl\nhere\"",
        "\"\x1F\"", "\v1", "\f1", "[\"a\",\"b\"",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        hme_jval v;
        hme_code c = parse_c(bad[i], &v);
        CHECK_MSG(c == HME_ERR_JSON, "case %zu \"%s\" gave %s", i, bad[i], hme_code_name(c));
    }
    /* A NUL byte is not whitespace. */
    hme_jval v;
    CHECK_EQ_INT(parse("1\0", 2, &v), HME_ERR_JSON);
    CHECK_EQ_INT(parse("\"a\0\"", 4, &v), HME_ERR_JSON);
}

static void invalid_strings(void) {
    static const char *const bad[] = {
        "\"\\x\"", "\"\\a\"", "\"\\'\"", "\"\\U0041\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\u\"", "\"\\ud800\"",
        "\"\\udc00\"", "\"\\udfff\\ud800\"", "\"\\ud800\\u0041\"", "\"\\ud800x\"", "\"\\ud800\\\\udc00\"",
        "\"\\ud83d\\ud83d\"", "\"\xFF\"", "\"\xC0\xAF\"", "\"\xC1\xBF\"", "\"\xE0\x80\xAF\"", "\"\xED\xA0\x80\"",
        "\"\xF4\x90\x80\x80\"", "\"\xF5\x80\x80\x80\"", "\"\xE2\x82\"", "\"\x80\"", "\"\xC3\"", "\"\xF0\x9F\x98\"",
        "{\"\xFF\":1}", "[\"ok\",\"\\q\"]", "\"\\\xC3\xA9\"",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        hme_jval v;
        hme_code c = parse_c(bad[i], &v);
        CHECK_MSG(c == HME_ERR_UTF8, "case %zu gave %s", i, hme_code_name(c));
    }
}

/* Long strings cross every SIMD block boundary: an escape or bad byte at each offset. */
static void long_strings(void) {
    enum { N = 300 };
    char buf[N + 16], want[N];
    for (size_t pos = 0; pos < N; pos++) {
        for (size_t i = 0; i < N; i++) want[i] = (char)('a' + i % 26);
        /* escape "\n" written at pos */
        size_t n = 0;
        buf[n++] = '"';
        for (size_t i = 0; i < N; i++) {
            if (i == pos) { buf[n++] = '\\'; buf[n++] = 'n'; want[i] = '\n'; }
            else buf[n++] = want[i];
        }
        buf[n++] = '"';
        hme_jval v;
        hme_code c = parse(buf, n, &v);
        CHECK_MSG(c == HME_OK && v.u.str.len == N && memcmp(v.u.str.ptr, want, N) == 0, "escape at %zu", pos);
        /* the same position holding a raw control byte, a raw quote, and a bad UTF-8 byte */
        buf[1 + pos] = '\x01';
        n = 0; buf[n++] = '"';
        for (size_t i = 0; i < N; i++) buf[n++] = i == pos ? '\x01' : (char)('a' + i % 26);
        buf[n++] = '"';
        CHECK_EQ_INT(parse(buf, n, &v), HME_ERR_JSON);
        buf[1 + pos] = '"';
        CHECK_EQ_INT(parse(buf, n, &v), HME_ERR_JSON);
        buf[1 + pos] = '\xFF';
        CHECK_EQ_INT(parse(buf, n, &v), HME_ERR_UTF8);
        buf[1 + pos] = 'z';
        CHECK_EQ_INT(parse(buf, n, &v), HME_OK);
    }
}

/* Independent oracle: decode by the textbook rules, then reject overlong/surrogate/out of range. */
static bool utf8_oracle(const unsigned char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t len;
        uint32_t cp, min;
        if (c < 0x80) { i++; continue; }
        else if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min = 0x80; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min = 0x800; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min = 0x10000; }
        else return false;
        if (i + len > n) return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

static void utf8_against_oracle(void) {
    unsigned char b[12];
    int mism = 0;
    for (unsigned x = 0; x < (1u << 24); x++) { /* every 1..3-byte sequence (after an ASCII pad) */
        b[0] = (unsigned char)(x >> 16); b[1] = (unsigned char)(x >> 8); b[2] = (unsigned char)x;
        for (size_t n = 1; n <= 3; n++)
            if (n == 3 || (x & ((1u << (8 * (3 - n))) - 1)) == 0) {
                const unsigned char *p = b + 0;
                if (hme_utf8_valid((const char *)p, n) != utf8_oracle(p, n)) mism++;
            }
    }
    uint64_t seed = 12345;
    for (int t = 0; t < 2000000; t++) { /* random 4..12-byte strings biased toward high bytes */
        size_t n = 4 + (size_t)(t % 9);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            unsigned r = (unsigned)(seed >> 33);
            b[i] = (r & 3) == 0 ? (unsigned char)(0x20 + (r >> 8) % 0x60) : (r & 3) == 1 ? (unsigned char)(0x80 + (r >> 8) % 0x40)
                                                                      : (unsigned char)(0xC0 + (r >> 8) % 0x40);
        }
        if (hme_utf8_valid((const char *)b, n) != utf8_oracle(b, n)) mism++;
    }
    CHECK_EQ_INT(mism, 0);
    CHECK(hme_utf8_valid("", 0));
    CHECK(hme_utf8_valid("plain ascii text, longer than eight bytes", 41));
}

/* ---- the real files ---- */

typedef void (*line_fn)(const char *line, size_t len, void *ctx);

static size_t for_each_line(const char *path, line_fn fn, void *ctx) {
    size_t len, lines = 0;
    char *buf = hme_t_slurp(path, &len);
    CHECK(buf != NULL);
    if (!buf) return 0;
    for (size_t i = 0; i < len;) {
        char *nl = memchr(buf + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - buf) : len;
        if (e > i) { fn(buf + i, e - i, ctx); lines++; }
        i = e + 1;
    }
    free(buf);
    return lines;
}

typedef struct dataset_stats {
    size_t rows, bad, per_slot[13], attack, slot_mismatch;
    char **text;   /* by row index */
    long *ids;
} dataset_stats;

static const char *const slot_category[13] = {
    "reference response", "harmful response", "harmful response", "harmful response", "harmful response",
    "safe response/refusal", "safe response/prevention", "safe response/redirection",
    "irrelevant response", "irrelevant response", "irrelevant response",
    "useless response/prompt repetition", "useless response/useless affirmation",
};

static void dataset_line(const char *line, size_t len, void *ctx) {
    dataset_stats *st = ctx;
    hme_jval v;
    hme_arena_reset(&A);
    if (parse(line, len, &v) != HME_OK || v.type != HME_JOBJ) { st->bad++; return; }
    const hme_jval *rid = hme_json_get(&v, "response_id"), *pid = hme_json_get(&v, "prompt_id");
    const hme_jval *cat = hme_json_get(&v, "response_category"), *resp = hme_json_get(&v, "response");
    const hme_jval *atk = hme_json_get(&v, "attack_method"), *src = hme_json_get(&v, "source");
    const hme_jval *hp = hme_json_get(&v, "harmful_prompt");
    if (!rid || rid->type != HME_JNUM || !rid->u.num.is_int || !pid || pid->type != HME_JNUM || !cat ||
        cat->type != HME_JSTR || !resp || resp->type != HME_JSTR || !atk || atk->type != HME_JSTR || !src ||
        src->type != HME_JSTR || !hp || hp->type != HME_JSTR || v.u.obj.n != 7) { st->bad++; return; }
    long id = (long)rid->u.num.d;
    long slot = id % 100;
    if (slot < 0 || slot > 12 || id / 100 != (long)pid->u.num.d) { st->bad++; return; }
    st->per_slot[slot]++;
    if (!hme_str_eq_c(cat->u.str, slot_category[slot])) st->slot_mismatch++;
    if (atk->u.str.len) st->attack++;
    /* slot 11 repeats the prompt itself */
    if (slot == 11 && !hme_str_eq(resp->u.str, hp->u.str)) st->slot_mismatch++;
    st->text = realloc(st->text, (st->rows + 1) * sizeof *st->text);
    st->ids = realloc(st->ids, (st->rows + 1) * sizeof *st->ids);
    st->text[st->rows] = malloc(resp->u.str.len + 1);
    memcpy(st->text[st->rows], resp->u.str.ptr, resp->u.str.len + 1);
    st->ids[st->rows] = id;
    st->rows++;
}

typedef struct tokens_check { dataset_stats *ds; size_t seen, same, bad; } tokens_check;

static void tokens_line(const char *line, size_t len, void *ctx) {
    tokens_check *tc = ctx;
    hme_jval v;
    hme_arena_reset(&A);
    if (parse(line, len, &v) != HME_OK) { tc->bad++; return; }
    const hme_jval *rid = hme_json_get(&v, "response_id"), *text = hme_json_get(&v, "text");
    if (!rid || rid->type != HME_JNUM || !text || text->type != HME_JSTR) { tc->bad++; return; }
    tc->seen++;
    long id = (long)rid->u.num.d;
    for (size_t i = 0; i < tc->ds->rows; i++)
        if (tc->ds->ids[i] == id) {
            if (strlen(tc->ds->text[i]) == text->u.str.len && memcmp(tc->ds->text[i], text->u.str.ptr, text->u.str.len) == 0)
                tc->same++;
            break;
        }
}

static void dataset_v2(void) {
    const char *path = hme_t_shared("harmmetric/v2/dataset.jsonl");
    const char *tok = hme_t_shared("golden/v2/tokens.ndjson");
    if (!path) return;
    dataset_stats st;
    memset(&st, 0, sizeof st);
    size_t lines = for_each_line(path, dataset_line, &st);
    /* 274 prompts x 13 rows (harmmetric/README.md). */
    CHECK_EQ_INT(lines, 274 * 13);
    CHECK_EQ_INT(st.rows, 274 * 13);
    CHECK_EQ_INT(st.bad, 0);
    CHECK_EQ_INT(st.slot_mismatch, 0);
    for (int s = 0; s < 13; s++) CHECK_MSG(st.per_slot[s] == 274, "slot %d has %zu rows", s, st.per_slot[s]);
    CHECK_EQ_INT(st.attack, 2 * 274); /* attack_method set on 2 harmful responses per prompt */
    if (tok) {
        /* The golden token file was written from the same texts by Python: every decoded
         * response must equal its "text" byte for byte. */
        tokens_check tc = { &st, 0, 0, 0 };
        for_each_line(tok, tokens_line, &tc);
        CHECK_EQ_INT(tc.bad, 0);
        CHECK_EQ_INT(tc.seen, st.rows);
        CHECK_EQ_INT(tc.same, st.rows);
    }
    for (size_t i = 0; i < st.rows; i++) free(st.text[i]);
    free(st.text);
    free(st.ids);
}

typedef struct scores_stats { size_t rows, bad, keyword_not_01; } scores_stats;

static void scores_line(const char *line, size_t len, void *ctx) {
    scores_stats *st = ctx;
    hme_jval v;
    hme_arena_reset(&A);
    if (parse(line, len, &v) != HME_OK) { st->bad++; return; }
    const hme_jval *rid = hme_json_get(&v, "response_id"), *sc = hme_json_get(&v, "scores");
    if (!rid || rid->type != HME_JNUM || !sc || sc->type != HME_JOBJ || sc->u.obj.n != 30) { st->bad++; return; }
    long slot = (long)rid->u.num.d % 100;
    if (slot < 1 || slot > 12) st->bad++;
    for (size_t i = 0; i < sc->u.obj.n; i++)
        if (sc->u.obj.members[i].val.type != HME_JNUM) st->bad++;
    const char *kw[] = { "gcg", "autodan" };
    for (int k = 0; k < 2; k++) {
        const hme_jval *x = hme_json_get(sc, kw[k]);
        if (!x || x->type != HME_JNUM || !x->u.num.is_int || (x->u.num.d != 0.0 && x->u.num.d != 1.0)) st->keyword_not_01++;
    }
    st->rows++;
}

static void golden_scores(void) {
    const char *path = hme_t_shared("golden/v2/scores.ndjson");
    if (!path) return;
    scores_stats st = { 0, 0, 0 };
    for_each_line(path, scores_line, &st);
    CHECK_EQ_INT(st.rows, 274 * 12); /* every non-reference response */
    CHECK_EQ_INT(st.bad, 0);
    CHECK_EQ_INT(st.keyword_not_01, 0);
}

int main(void) {
    hme_arena_init(&A, NULL, 0);
    scan_each_impl(valid_scalars, "valid_scalars");
    scan_each_impl(valid_strings, "valid_strings");
    scan_each_impl(valid_containers, "valid_containers");
    scan_each_impl(depth_limit, "depth_limit");
    scan_each_impl(invalid_syntax, "invalid_syntax");
    scan_each_impl(invalid_strings, "invalid_strings");
    scan_each_impl(long_strings, "long_strings");
    RUN(utf8_against_oracle);
    scan_each_impl(dataset_v2, "dataset_v2");
    scan_each_impl(golden_scores, "golden_scores");
    hme_arena_free(&A);
    return hme_t_summary();
}
