/* test_punkt.c - Punkt's decisions driven by parameters loaded from a small punkt_tab
 * directory written here, so each heuristic is exercised on its own: abbreviation +
 * orthographic context, abbreviation + frequent sentence starter, number collocation,
 * initial + special orthographic rule, boundary realignment over closing brackets/quotes.
 * Expected sentences were produced by NLTK 3.8 with the same parameters:
 *   p = PunktParameters(); p.abbrev_types = {"xyz", "q"};
 *   p.collocations = {("##number##", "june")}; p.sent_starters = {"then"};
 *   p.ortho_context["the"] = 32; PunktSentenceTokenizer(p).tokenize(s) */
#include "harness.h"

#include <sys/stat.h>

#include "core/arena.h"
#include "tokenize/punkt.h"

static char dir[256];

static void write_file(const char *name, const char *content) {
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    CHECK(f != NULL);
    if (f) { fputs(content, f); fclose(f); }
}

typedef struct pcase {
    const char *text;
    const char *sents[8];
} pcase;

static const pcase CASES[] = {
    { "See xyz. The end. See xyz. the end. Call xyz. Foo bar. Call xyz. Then go.",
      { "See xyz.", "The end.", "See xyz. the end.", "Call xyz. Foo bar.", "Call xyz.", "Then go.", NULL } },
    { "On 5. June we met. It was 5. Fine. By J. Smith.",
      { "On 5. June we met.", "It was 5.", "Fine.", "By J. Smith.", NULL } },
    { "Go (now.) Then stop!\" he said. Ok",
      { "Go (now.)", "Then stop!\"", "he said.", "Ok", NULL } },
};

static void test_decisions(void) {
    write_file("abbrev_types.txt", "xyz\nq\n");
    write_file("collocations.tab", "##number##\tjune\n");
    write_file("sent_starters.txt", "then\n");
    write_file("ortho_context.tab", "the\t32\n");
    hme_punkt_params *p = NULL;
    hme_error err;
    CHECK_EQ_INT(hme_punkt_params_load(dir, NULL, &p, &err), HME_OK);
    if (!p) return;
    hme_punkt_scratch *s = hme_punkt_scratch_new(NULL);
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    for (size_t c = 0; c < sizeof CASES / sizeof CASES[0]; c++) {
        const pcase *k = &CASES[c];
        hme_span *sp;
        size_t n, want = 0;
        while (k->sents[want]) want++;
        CHECK_EQ_INT(hme_punkt_spans(p, s, k->text, strlen(k->text), &a, &sp, &n), HME_OK);
        CHECK_MSG(n == want, "case %zu: %zu sentences, want %zu", c, n, want);
        for (size_t i = 0; i < n && i < want; i++) {
            size_t len = sp[i].end - sp[i].start;
            CHECK_MSG(len == strlen(k->sents[i]) && memcmp(k->text + sp[i].start, k->sents[i], len) == 0,
                      "case %zu sentence %zu: \"%.*s\" != \"%s\"", c, i, (int)len, k->text + sp[i].start, k->sents[i]);
        }
    }
    hme_arena_free(&a);
    hme_punkt_scratch_free(s);
    hme_punkt_params_free(p);
}

static void test_bad_files(void) {
    hme_punkt_params *p = NULL;
    hme_error err;
    write_file("collocations.tab", "no-tab-here\n");
    CHECK_EQ_INT(hme_punkt_params_load(dir, NULL, &p, &err), HME_ERR_DATA);
    CHECK(strstr(err.msg, "collocations.tab line 1") != NULL);
    write_file("collocations.tab", "a\tb\n");
    write_file("ortho_context.tab", "the\t3x\n");
    CHECK_EQ_INT(hme_punkt_params_load(dir, NULL, &p, &err), HME_ERR_DATA);
    CHECK(strstr(err.msg, "ortho_context.tab") != NULL);
    CHECK(p == NULL);
    hme_punkt_params_free(NULL);
    hme_punkt_scratch_free(NULL);
}

int main(void) {
    snprintf(dir, sizeof dir, "/tmp/hme_test_punkt_XXXXXX");
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    RUN(test_decisions);
    RUN(test_bad_files);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return hme_t_summary();
}
