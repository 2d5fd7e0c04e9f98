/* test_word_tokenize.c - word_tokenize and Punkt on hand-picked inputs (abbreviations, numbers,
 * ellipses, odd quotes, contractions, Unicode whitespace and case folding). Every expected
 * value below was produced by NLTK 3.8 itself:
 *   NLTK_DATA=... python3 -c 'import nltk; t = nltk.data.load("tokenizers/punkt/english.pickle");
 *                             print(t.tokenize(s), nltk.word_tokenize(s))'
 * Also: the model without Punkt parameters, the directory search, bad data, bad UTF-8. */
#include "harness.h"

#include <sys/stat.h>

#include "core/arena.h"
#include "tokenize/word_tokenize.h"

typedef struct tcase {
    const char *text;
    const char *sents[12];
    const char *toks[40];
} tcase;

static const tcase CASES[] = {
    { "Mr. Smith went to the U.S. in 2019. He liked it.",
      { "Mr. Smith went to the U.S. in 2019.", "He liked it.", NULL },
      { "Mr.", "Smith", "went", "to", "the", "U.S.", "in", "2019", ".", "He", "liked", "it", ".", NULL } },
    { "They cost $3.5 each, e.g. apples... Then prices rose.",
      { "They cost $3.5 each, e.g.", "apples... Then prices rose.", NULL },
      { "They", "cost", "$", "3.5", "each", ",", "e.g", ".", "apples", "...", "Then", "prices", "rose", ".", NULL } },
    { "Wait... What? No!! Really?! Yes.",
      { "Wait... What?", "No!!", "Really?!", "Yes.", NULL },
      { "Wait", "...", "What", "?", "No", "!", "!", "Really", "?", "!", "Yes", ".", NULL } },
    { "He said \"hi.\" Then he left. (See Fig. 3.) Next one.",
      { "He said \"hi.\"", "Then he left.", "(See Fig.", "3.)", "Next one.", NULL },
      { "He", "said", "``", "hi", ".", "''", "Then", "he", "left", ".", "(", "See", "Fig", ".", "3", ".", ")", "Next", "one", ".", NULL } },
    { "J. K. Rowling wrote it. She is rich.",
      { "J. K. Rowling wrote it.", "She is rich.", NULL },
      { "J.", "K.", "Rowling", "wrote", "it", ".", "She", "is", "rich", ".", NULL } },
    { "I can't, won't, and CANNOT go; gonna stay 'cause I'm tired. 'Tis true, d'ye hear?",
      { "I can't, won't, and CANNOT go; gonna stay 'cause I'm tired.", "'Tis true, d'ye hear?", NULL },
      { "I", "ca", "n't", ",", "wo", "n't", ",", "and", "CAN", "NOT", "go", ";", "gon", "na", "stay", "'cause", "I", "'m", "tired", ".", "'T", "is", "true", ",", "d", "'ye", "hear", "?", NULL } },
    { "Lemme see -- it's fine... . . . ok.",
      { "Lemme see -- it's fine... .", ".", ".", "ok.", NULL },
      { "Lem", "me", "see", "--", "it", "'s", "fine", "...", ".", ".", ".", "ok", ".", NULL } },
    { "\xe2\x80\x9c""Quoted,\xe2\x80\x9d"" she said. \xe2\x80\x98""Single\xe2\x80\x99"" \xc2\xab""guillemets\xc2\xbb"" \xe2\x80\x9e""low\xe2\x80\x9c""",
      { "\xe2\x80\x9c""Quoted,\xe2\x80\x9d"" she said.", "\xe2\x80\x98""Single\xe2\x80\x99"" \xc2\xab""guillemets\xc2\xbb"" \xe2\x80\x9e""low\xe2\x80\x9c""", NULL },
      { "\xe2\x80\x9c""", "Quoted", ",", "\xe2\x80\x9d""", "she", "said", ".", "\xe2\x80\x98""", "Single", "\xe2\x80\x99""", "\xc2\xab""", "guillemets", "\xc2\xbb""", "\xe2\x80\x9e""", "low", "\xe2\x80\x9c""", NULL } },
    { "C\xc4\xb0""NNOT cannot Cannot 'I\xc5\x9f"" '\xc5\xbf"" 'Kelvin",
      { "C\xc4\xb0""NNOT cannot Cannot 'I\xc5\x9f"" '\xc5\xbf"" 'Kelvin", NULL },
      { "C\xc4\xb0""NNOT", "can", "not", "Can", "not", "'I\xc5\x9f""", "'\xc5\xbf""", "'Kelvin", NULL } },
    { "Wanna go?\xc2\xa0""wanna\xe2\x80\xa8""leave. End",
      { "Wanna go?\xc2\xa0""wanna\xe2\x80\xa8""leave.", "End", NULL },
      { "Wan", "na", "go", "?", "wan", "na", "leave", ".", "End", NULL } },
    { "3.5 million. 1,000 people... -2.5 degrees.",
      { "3.5 million.", "1,000 people... -2.5 degrees.", NULL },
      { "3.5", "million", ".", "1,000", "people", "...", "-2.5", "degrees", ".", NULL } },
    { "Line one.\n\nLine two\nstill two. Last",
      { "Line one.", "Line two\nstill two.", "Last", NULL },
      { "Line", "one", ".", "Line", "two", "still", "two", ".", "Last", NULL } },
    { "The No. 1 song. I'm done.",
      { "The No.", "1 song.", "I'm done.", NULL },
      { "The", "No", ".", "1", "song", ".", "I", "'m", "done", ".", NULL } },
    { "Ends with abbreviation etc.",
      { "Ends with abbreviation etc.", NULL },
      { "Ends", "with", "abbreviation", "etc", ".", NULL } },
    { "a\x1c""b\xc2\x85""c. D e.",
      { "a\x1c""b\xc2\x85""c. D e.", NULL },
      { "a", "b", "c.", "D", "e", ".", NULL } },
};

static hme_wordtok_model *model;

static size_t count(const char *const *v) { size_t n = 0; while (v[n]) n++; return n; }

static void expect_tokens(const char *what, const hme_str *tk, size_t nt, const char *const *want) {
    size_t nw = count(want);
    CHECK_MSG(nt == nw, "%s: %zu tokens, want %zu", what, nt, nw);
    for (size_t i = 0; i < nt && i < nw; i++) {
        CHECK_MSG(hme_str_eq_c(tk[i], want[i]), "%s: token %zu \"%.*s\" != \"%s\"", what, i, (int)tk[i].len, tk[i].ptr, want[i]);
        CHECK(tk[i].ptr[tk[i].len] == '\0');
    }
}

static void test_nltk_cases(void) {
    hme_wordtok *t = hme_wordtok_new(model);
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    for (size_t c = 0; c < sizeof CASES / sizeof CASES[0]; c++) {
        const tcase *k = &CASES[c];
        size_t len = strlen(k->text);
        hme_span *sp;
        size_t ns;
        CHECK_EQ_INT(hme_punkt_sentences(t, k->text, len, &a, &sp, &ns), HME_OK);
        CHECK_MSG(ns == count(k->sents), "case %zu: %zu sentences, want %zu", c, ns, count(k->sents));
        for (size_t i = 0; i < ns && k->sents[i]; i++) {
            size_t n = sp[i].end - sp[i].start;
            CHECK_MSG(n == strlen(k->sents[i]) && memcmp(k->text + sp[i].start, k->sents[i], n) == 0,
                      "case %zu sentence %zu: \"%.*s\" != \"%s\"", c, i, (int)n, k->text + sp[i].start, k->sents[i]);
        }
        hme_str *tk;
        size_t nt;
        CHECK_EQ_INT(hme_word_tokenize(t, k->text, len, &a, &tk, &nt), HME_OK);
        expect_tokens(k->text, tk, nt, k->toks);
        hme_arena_reset(&a);
    }
    hme_arena_free(&a);
    hme_wordtok_free(t);
}

/* Python's (?i) folds i with ı and İ, which PCRE2's caseless mode would not. */
static void test_case_folding(void) {
    hme_wordtok *t = hme_wordtok_new(model);
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    const char *s = "It was 'tıs and 'TİS, not 'tis.";
    const char *want[] = { "It", "was", "'t", "ıs", "and", "'T", "İS", ",", "not", "'t", "is", ".", NULL };
    hme_str *tk;
    size_t nt;
    CHECK_EQ_INT(hme_word_tokenize(t, s, strlen(s), &a, &tk, &nt), HME_OK);
    expect_tokens("case folding", tk, nt, want);
    hme_arena_free(&a);
    hme_wordtok_free(t);
}

static const char *TWO = "Mr. Smith left. He said \"bye.\" Then: done";

/* NLTKWordTokenizer alone = word_tokenize(preserve_line=True): only the final period splits. */
static void test_treebank_alone(void) {
    hme_wordtok *t = hme_wordtok_new(model);
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    const char *whole[] = { "Mr.", "Smith", "left.", "He", "said", "``", "bye.", "''", "Then", ":", "done", NULL };
    const char *split[] = { "Mr.", "Smith", "left", ".", "He", "said", "``", "bye", ".", "''", "Then", ":", "done", NULL };
    hme_str *tk;
    size_t nt;
    CHECK_EQ_INT(hme_treebank_tokenize(t, TWO, strlen(TWO), &a, &tk, &nt), HME_OK);
    expect_tokens("treebank", tk, nt, whole);
    CHECK_EQ_INT(hme_word_tokenize(t, TWO, strlen(TWO), &a, &tk, &nt), HME_OK);
    expect_tokens("word_tokenize", tk, nt, split);
    hme_arena_free(&a);
    hme_wordtok_free(t);
}

static void test_empty_and_invalid(void) {
    hme_wordtok *t = hme_wordtok_new(model);
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    hme_str *tk;
    size_t nt = 99;
    hme_span *sp;
    size_t ns = 99;
    CHECK_EQ_INT(hme_word_tokenize(t, "", 0, &a, &tk, &nt), HME_OK);
    CHECK_EQ_INT(nt, 0);
    CHECK_EQ_INT(hme_word_tokenize(t, " \n\t ", 4, &a, &tk, &nt), HME_OK);
    CHECK_EQ_INT(nt, 0);
    CHECK_EQ_INT(hme_punkt_sentences(t, " \n\t ", 4, &a, &sp, &ns), HME_OK);
    CHECK_EQ_INT(ns, 0);
    CHECK_EQ_INT(hme_word_tokenize(t, "ab\xff. Cd.", 8, &a, &tk, &nt), HME_ERR_UTF8);
    CHECK_EQ_INT(hme_word_tokenize(t, "a\xc0\xaf", 3, &a, &tk, &nt), HME_ERR_UTF8);
    hme_arena_free(&a);
    hme_wordtok_free(t);
}

static char tmpdir[256];

static void write_file(const char *dir, const char *name, const char *content) {
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    if (f) { fputs(content, f); fclose(f); }
}

/* Without a punkt_tab directory the model still works, with the whole text as one sentence
 * (NLTK's preserve_line=True), and says so. */
static void test_no_punkt(void) {
    hme_wordtok_model *m = NULL;
    hme_error err;
    CHECK_EQ_INT(hme_wordtok_open(tmpdir, NULL, &m, &err), HME_OK);
    if (!m) return;
    CHECK(!hme_wordtok_has_punkt(m));
    CHECK(hme_wordtok_punkt_dir(m) == NULL);
    const char *w = hme_wordtok_warning(m);
    CHECK(w && strstr(w, "sentence splitting off") && strstr(w, tmpdir));
    hme_wordtok *t = hme_wordtok_new(m);
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    hme_span *sp;
    size_t ns;
    CHECK_EQ_INT(hme_punkt_sentences(t, TWO, strlen(TWO), &a, &sp, &ns), HME_OK);
    CHECK_EQ_INT(ns, 1);
    if (ns == 1) { CHECK_EQ_INT(sp[0].start, 0); CHECK_EQ_INT(sp[0].end, strlen(TWO)); }
    const char *whole[] = { "Mr.", "Smith", "left.", "He", "said", "``", "bye.", "''", "Then", ":", "done", NULL };
    hme_str *tk;
    size_t nt;
    CHECK_EQ_INT(hme_word_tokenize(t, TWO, strlen(TWO), &a, &tk, &nt), HME_OK);
    expect_tokens("no punkt", tk, nt, whole);
    hme_arena_free(&a);
    hme_wordtok_free(t);
    hme_wordtok_close(m);
}

/* $NLTK_DATA is a colon-separated list searched in order; a malformed table is an error. */
static void test_search_and_bad_data(void) {
    const char *shared = hme_t_shared("nltk_data");
    if (!shared) return;
    char env[1024];
    snprintf(env, sizeof env, "%s::%s", tmpdir, shared);
    setenv("NLTK_DATA", env, 1);
    hme_wordtok_model *m = NULL;
    CHECK_EQ_INT(hme_wordtok_open(NULL, NULL, &m, NULL), HME_OK);
    if (m) {
        CHECK(hme_wordtok_has_punkt(m));
        CHECK(hme_wordtok_warning(m) == NULL);
        const char *d = hme_wordtok_punkt_dir(m);
        CHECK(d && strncmp(d, shared, strlen(shared)) == 0);
    }
    hme_wordtok_close(m);

    char p[512];
    snprintf(p, sizeof p, "%s/tokenizers", tmpdir); mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/tokenizers/punkt_tab", tmpdir); mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/tokenizers/punkt_tab/english", tmpdir); mkdir(p, 0700);
    write_file(p, "abbrev_types.txt", "dr\nmr\n");
    write_file(p, "collocations.tab", "##number##\tabreast\n");
    write_file(p, "sent_starters.txt", "however\n");
    write_file(p, "ortho_context.tab", "a\t126\nbroken line\n");
    hme_error err;
    m = NULL;
    CHECK_EQ_INT(hme_wordtok_open(NULL, NULL, &m, &err), HME_ERR_DATA); /* tmpdir comes first */
    CHECK(m == NULL);
    CHECK(strstr(err.msg, "ortho_context.tab") != NULL);
    snprintf(p, sizeof p, "%s/tokenizers/punkt_tab/english/ortho_context.tab", tmpdir);
    unlink(p);
    CHECK_EQ_INT(hme_wordtok_open(tmpdir, NULL, &m, &err), HME_ERR_DATA);
    CHECK(strstr(err.msg, "ortho_context.tab") != NULL);
    unsetenv("NLTK_DATA");
}

int main(void) {
    const char *dir = hme_t_shared("nltk_data");
    snprintf(tmpdir, sizeof tmpdir, "/tmp/hme_test_wordtok_XXXXXX");
    if (!mkdtemp(tmpdir)) { perror("mkdtemp"); return 1; }
    if (dir) {
        hme_error err;
        CHECK_EQ_INT(hme_wordtok_open(dir, NULL, &model, &err), HME_OK);
    }
    if (model) {
        CHECK(hme_wordtok_has_punkt(model));
        RUN(test_nltk_cases);
        RUN(test_case_folding);
        RUN(test_treebank_alone);
        RUN(test_empty_and_invalid);
    }
    RUN(test_no_punkt);
    RUN(test_search_and_bad_data);
    hme_wordtok_close(model);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
    return hme_t_summary();
}
