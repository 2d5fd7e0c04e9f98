/* word_tokenize.c - nltk.word_tokenize: Punkt sentences, then NLTKWordTokenizer on each
 * (see word_tokenize.h). Also finds the punkt_tab directory the way nltk.data.path does. */
#include "tokenize/word_tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "core/error.h"
#include "read/json.h" /* hme_utf8_valid */
#include "tokenize/punkt.h"
#include "tokenize/treebank.h"
#include "tokenize/treebank_fast.h"

#define PUNKT_SUBDIR "tokenizers/punkt_tab/english"

struct hme_wordtok_model {
    const hme_allocator *al;
    hme_punkt_params *punkt; /* NULL: sentence splitting off */
    hme_treebank *tb;
    char *punkt_dir;
    char *warning;
};

struct hme_wordtok {
    const hme_wordtok_model *m;
    hme_punkt_scratch *ps;
    hme_treebank_scratch *ts;
    hme_treebank_fast *fs;
    hme_tokvec toks;
};

static bool is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* nltk.data.path on POSIX: $NLTK_DATA entries, ~/nltk_data, sys.prefix's (/usr) three,
 * then the four fixed locations. The first holding punkt_tab/english wins. */
static bool search_punkt(const char *explicit_dir, char *found, size_t cap, char *searched, size_t scap) {
    const char *fixed[] = { "/usr/nltk_data", "/usr/share/nltk_data", "/usr/lib/nltk_data",
                            "/usr/share/nltk_data", "/usr/local/share/nltk_data",
                            "/usr/lib/nltk_data", "/usr/local/lib/nltk_data" };
    size_t sl = 0;
    searched[0] = '\0';
#define TRY(dir, dlen)                                                                    \
    do {                                                                                  \
        snprintf(found, cap, "%.*s/" PUNKT_SUBDIR, (int)(dlen), (dir));                   \
        if (is_dir(found)) return true;                                                   \
        if (sl < scap) sl += (size_t)snprintf(searched + sl, scap - sl, "%s%.*s",         \
                                              sl ? ":" : "", (int)(dlen), (dir));          \
    } while (0)
    if (explicit_dir) {
        TRY(explicit_dir, strlen(explicit_dir));
        return false;
    }
    const char *env = getenv("NLTK_DATA");
    if (env) {
        for (const char *p = env; *p;) {
            const char *e = strchr(p, ':');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            if (n) TRY(p, n);
            p += n + (e ? 1 : 0);
        }
    }
    const char *home = getenv("HOME");
    if (home && *home) {
        char h[2048];
        snprintf(h, sizeof h, "%s/nltk_data", home);
        TRY(h, strlen(h));
    }
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) TRY(fixed[i], strlen(fixed[i]));
#undef TRY
    return false;
}

hme_code hme_wordtok_open(const char *nltk_data_dir, const hme_allocator *al,
                          hme_wordtok_model **out, hme_error *err) {
    *out = NULL;
    al = hme_alloc_or_default(al);
    hme_wordtok_model *m = hme_calloc(al, 1, sizeof *m);
    if (!m) return hme_error_set(err, HME_ERR_NOMEM, 0, "word_tokenize: out of memory");
    m->al = al;
    hme_code c = hme_treebank_open(al, &m->tb, err);
    if (c != HME_OK) { hme_wordtok_close(m); return c; }
    char found[4096], searched[2048];
    if (search_punkt(nltk_data_dir, found, sizeof found, searched, sizeof searched)) {
        c = hme_punkt_params_load(found, al, &m->punkt, err);
        if (c != HME_OK) { hme_wordtok_close(m); return c; }
        m->punkt_dir = hme_strndup(al, found, strlen(found));
        if (!m->punkt_dir) { hme_wordtok_close(m); return hme_error_set(err, HME_ERR_NOMEM, 0, "word_tokenize: out of memory"); }
    } else {
        char w[2400];
        snprintf(w, sizeof w, "no " PUNKT_SUBDIR " found (searched %s): sentence splitting off", searched);
        m->warning = hme_strndup(al, w, strlen(w));
        if (!m->warning) { hme_wordtok_close(m); return hme_error_set(err, HME_ERR_NOMEM, 0, "word_tokenize: out of memory"); }
    }
    *out = m;
    return HME_OK;
}

void hme_wordtok_close(hme_wordtok_model *m) {
    if (!m) return;
    hme_punkt_params_free(m->punkt);
    hme_treebank_close(m->tb);
    hme_free(m->al, m->punkt_dir);
    hme_free(m->al, m->warning);
    hme_free(m->al, m);
}

bool hme_wordtok_has_punkt(const hme_wordtok_model *m) { return m->punkt != NULL; }
const char *hme_wordtok_punkt_dir(const hme_wordtok_model *m) { return m->punkt_dir; }
const char *hme_wordtok_warning(const hme_wordtok_model *m) { return m->warning; }

hme_wordtok *hme_wordtok_new(const hme_wordtok_model *m) {
    hme_wordtok *t = hme_calloc(m->al, 1, sizeof *t);
    if (!t) return NULL;
    t->m = m;
    t->toks.al = m->al;
    t->ps = hme_punkt_scratch_new(m->al);
    t->ts = hme_treebank_scratch_new(m->tb, m->al);
    t->fs = hme_treebank_fast_new(m->al);
    if (!t->ps || !t->ts || !t->fs) { hme_wordtok_free(t); return NULL; }
    return t;
}

void hme_wordtok_free(hme_wordtok *t) {
    if (!t) return;
    hme_punkt_scratch_free(t->ps);
    hme_treebank_scratch_free(t->ts);
    hme_treebank_fast_free(t->fs);
    hme_free(t->m->al, t->toks.v);
    hme_free(t->m->al, t);
}

hme_code hme_punkt_sentences(hme_wordtok *t, const char *text, size_t len, hme_arena *arena,
                             hme_span **spans, size_t *n) {
    if (t->m->punkt) return hme_punkt_spans(t->m->punkt, t->ps, text, len, arena, spans, n);
    *n = 0;
    *spans = hme_arena_alloc(arena, sizeof **spans);
    if (!*spans) return HME_ERR_NOMEM;
    if (len) { (*spans)[0] = (hme_span){ 0, len }; *n = 1; }
    return HME_OK;
}

/* One sentence through the Treebank cascade: the regex-free passes of treebank_fast.c
 * when they accept the text, else the PCRE2 cascade; both give NLTK's tokens. */
static hme_code treebank_append(hme_wordtok *t, const char *text, size_t len, hme_arena *arena) {
    bool handled;
    HME_FORWARD_IF_ERROR(hme_treebank_fast_append(t->fs, text, len, arena, &t->toks, &handled));
    if (handled) return HME_OK;
    return hme_treebank_append(t->m->tb, t->ts, text, len, arena, &t->toks);
}

/* Moves the collected tokens into the arena. */
static hme_code finish(hme_wordtok *t, hme_arena *arena, hme_str **tokens, size_t *n) {
    *tokens = hme_arena_alloc(arena, t->toks.n * sizeof **tokens);
    if (!*tokens) return HME_ERR_NOMEM;
    if (t->toks.n) memcpy(*tokens, t->toks.v, t->toks.n * sizeof **tokens);
    *n = t->toks.n;
    return HME_OK;
}

hme_code hme_treebank_tokenize(hme_wordtok *t, const char *text, size_t len, hme_arena *arena,
                               hme_str **tokens, size_t *n) {
    *tokens = NULL;
    *n = 0;
    if (!hme_utf8_valid(text, len)) return HME_ERR_UTF8;
    t->toks.n = 0;
    HME_FORWARD_IF_ERROR(treebank_append(t, text, len, arena));
    return finish(t, arena, tokens, n);
}

hme_code hme_word_tokenize(hme_wordtok *t, const char *text, size_t len, hme_arena *arena,
                           hme_str **tokens, size_t *n) {
    *tokens = NULL;
    *n = 0;
    if (!hme_utf8_valid(text, len)) return HME_ERR_UTF8;
    hme_span *sp;
    size_t ns;
    HME_FORWARD_IF_ERROR(hme_punkt_sentences(t, text, len, arena, &sp, &ns));
    t->toks.n = 0;
    for (size_t i = 0; i < ns; i++)
        HME_FORWARD_IF_ERROR(treebank_append(t, text + sp[i].start, sp[i].end - sp[i].start, arena));
    return finish(t, arena, tokens, n);
}
