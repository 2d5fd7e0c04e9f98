/* test_word_tokenize_golden.c - Punkt sentences and word_tokenize tokens equal NLTK 3.8's
 * for every text of golden/v2/tokens.ndjson and golden/cases/tokens.ndjson (fields
 * "text", "sentences", "word_tokenize"), produced by running NLTK itself. */
#include "harness.h"

#include "core/arena.h"
#include "read/json.h"
#include "tokenize/word_tokenize.h"

static hme_wordtok_model *model;

static void print_str(const char *what, const char *p, size_t n) {
    fprintf(stderr, "  %s: \"%.*s\"\n", what, (int)(n > 300 ? 300 : n), p);
}

/* Compares one record; returns the number of mismatching fields. */
static int check_record(hme_wordtok *t, const hme_jval *rec, hme_arena *arena, size_t line) {
    const hme_jval *text = hme_json_get(rec, "text");
    const hme_jval *sents = hme_json_get(rec, "sentences");
    const hme_jval *toks = hme_json_get(rec, "word_tokenize");
    CHECK_MSG(text && text->type == HME_JSTR && sents && sents->type == HME_JARR && toks &&
              toks->type == HME_JARR, "line %zu: missing fields", line);
    if (!text || !sents || !toks || text->type != HME_JSTR) return 1;
    const char *s = text->u.str.ptr;
    size_t len = text->u.str.len;
    int bad = 0;

    hme_span *sp;
    size_t ns;
    CHECK_EQ_INT(hme_punkt_sentences(t, s, len, arena, &sp, &ns), HME_OK);
    bool same = ns == sents->u.arr.n;
    for (size_t i = 0; same && i < ns; i++) {
        hme_str want = sents->u.arr.items[i].u.str;
        hme_str got = { s + sp[i].start, sp[i].end - sp[i].start };
        same = hme_str_eq(want, got);
    }
    CHECK_MSG(same, "line %zu: sentences differ (got %zu, want %zu)", line, ns, sents->u.arr.n);
    if (!same) {
        bad++;
        for (size_t i = 0; i < ns && i < 40; i++) print_str("got ", s + sp[i].start, sp[i].end - sp[i].start);
        for (size_t i = 0; i < sents->u.arr.n && i < 40; i++)
            print_str("want", sents->u.arr.items[i].u.str.ptr, sents->u.arr.items[i].u.str.len);
    }

    hme_str *tk;
    size_t nt;
    CHECK_EQ_INT(hme_word_tokenize(t, s, len, arena, &tk, &nt), HME_OK);
    size_t first_diff = SIZE_MAX;
    for (size_t i = 0; i < nt || i < toks->u.arr.n; i++) {
        if (i >= nt || i >= toks->u.arr.n || !hme_str_eq(tk[i], toks->u.arr.items[i].u.str)) { first_diff = i; break; }
    }
    CHECK_MSG(first_diff == SIZE_MAX, "line %zu: tokens differ at %zu (got %zu, want %zu)", line,
              first_diff, nt, toks->u.arr.n);
    if (first_diff != SIZE_MAX) {
        bad++;
        for (size_t i = first_diff > 3 ? first_diff - 3 : 0; i < first_diff + 4; i++) {
            if (i < nt) print_str("got ", tk[i].ptr, tk[i].len);
            if (i < toks->u.arr.n) print_str("want", toks->u.arr.items[i].u.str.ptr, toks->u.arr.items[i].u.str.len);
        }
    }
    return bad;
}

static void run_file(const char *rel, size_t expect_records) {
    const char *path = hme_t_shared(rel);
    if (!path || !model) return;
    size_t len;
    char *buf = hme_t_slurp(path, &len);
    CHECK(buf != NULL);
    if (!buf) return;
    hme_wordtok *t = hme_wordtok_new(model);
    hme_arena arena;
    hme_arena_init(&arena, NULL, 0);
    size_t records = 0, bad_records = 0, line = 0;
    for (char *p = buf, *end = buf + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        line++;
        if (n) {
            hme_jval rec;
            hme_error err;
            hme_code c = hme_json_parse(p, n, &arena, &rec, &err);
            CHECK_MSG(c == HME_OK, "%s line %zu: %s", rel, line, err.msg);
            if (c == HME_OK) {
                records++;
                int bad = check_record(t, &rec, &arena, line);
                if (bad) bad_records++;
                if (bad_records > 20) { fprintf(stderr, "too many mismatches, stopping\n"); break; }
            }
            hme_arena_reset(&arena);
        }
        p += n + 1;
    }
    CHECK_EQ_INT(records, expect_records);
    printf("%s: %zu records, %zu mismatching\n", rel, records, bad_records);
    hme_arena_free(&arena);
    hme_wordtok_free(t);
    free(buf);
}

static void test_v2(void) { run_file("golden/v2/tokens.ndjson", 3562); }
static void test_cases(void) { run_file("golden/cases/tokens.ndjson", 132); }

int main(void) {
    const char *dir = hme_t_shared("nltk_data");
    if (dir) {
        hme_error err;
        hme_code c = hme_wordtok_open(dir, NULL, &model, &err);
        CHECK_MSG(c == HME_OK, "%s", err.msg);
        if (model) CHECK(hme_wordtok_has_punkt(model));
    }
    RUN(test_v2);
    RUN(test_cases);
    hme_wordtok_close(model);
    return hme_t_summary();
}
