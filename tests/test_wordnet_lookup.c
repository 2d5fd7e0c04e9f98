/* test_wordnet_lookup.c - the WordNet key tables (hash tables built at open) against a
 * straightforward reference built here from a linear read of the same files:
 *
 *   - index lines: every line of index.<pos> not starting with a space is keyed by its first
 *     token (NLTK's _lemma_pos_offset_map; a later equal key wins); exceptions: every line of
 *     <pos>.exc keyed by its first token (_exception_map). Looked up by bisecting a sorted copy.
 *   - hme_wordnet_index_line / hme_wordnet_exception must agree with it, for every POS, on
 *     every lemma and exception key of every file, their prefixes, inflections, case and
 *     punctuation variants ('_', '-', '.', digits, '/', '\''), keys with a space, newline or
 *     NUL inside, random strings, the empty word and very long words.
 *   - hme_wordnet_lemma_names must agree with a literal transcription of NLTK 3.8's
 *     synsets()/_morphy() (lists with repeats, then filter_forms with a seen set) over the
 *     reference dicts and the data files, on exception keys, lemmas with every detachment
 *     suffix added and random words.
 *   - METEOR's per-worker synonym cache (which starts small, doubles, and empties itself
 *     when full) must return, for every word, the set built from a fresh lemma_names call.
 *
 * WordNet is read from HME_WORDNET_DIR (default /usr/share/wordnet); missing = skip. */
#include "harness.h"
#include "metric/meteor.h"
#include "metric/wordnet.h"

#include <ctype.h>

enum { NPOS = 4 };
static const char *const SUFFIX[NPOS] = { "noun", "verb", "adj", "adv" };

typedef struct ref_key { const char *key; size_t klen; const char *val; size_t vlen; size_t order; } ref_key;
typedef struct ref_dict { ref_key *v; size_t n; } ref_dict;

static char *INDEX[NPOS], *DATA[NPOS], *EXC[NPOS];
static size_t INDEX_LEN[NPOS], DATA_LEN[NPOS], EXC_LEN[NPOS];
static ref_dict REF_INDEX[NPOS], REF_EXC[NPOS];
static hme_wordnet *WN;

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static int key_cmp(const char *a, size_t an, const char *b, size_t bn) {
    size_t n = an < bn ? an : bn;
    int c = n ? memcmp(a, b, n) : 0;
    return c ? c : (an < bn ? -1 : an > bn);
}

static int ref_cmp(const void *x, const void *y) {
    const ref_key *a = x, *b = y;
    int c = key_cmp(a->key, a->klen, b->key, b->klen);
    return c ? c : (a->order < b->order ? -1 : a->order > b->order);
}

/* Reads every line of a file into a dict: key = first token, val = the line (index files,
 * skipping lines that start with a space) or what follows the key (exception files). */
static ref_dict read_dict(const char *s, size_t len, int exc) {
    ref_dict d = { malloc((len / 8 + 1) * sizeof(ref_key)), 0 };
    const char *end = s + len;
    while (s < end) {
        const char *eol = memchr(s, '\n', (size_t)(end - s));
        if (!eol) eol = end;
        const char *k = s;
        if (exc)
            while (k < eol && is_space(*k)) k++;
        const char *ke = k;
        while (ke < eol && !is_space(*ke)) ke++;
        if (ke > k && !(!exc && *s == ' ')) {
            ref_key *r = &d.v[d.n];
            r->key = k;
            r->klen = (size_t)(ke - k);
            r->val = exc ? ke : s;
            r->vlen = (size_t)(eol - r->val);
            r->order = d.n++;
        }
        s = eol + 1;
    }
    qsort(d.v, d.n, sizeof *d.v, ref_cmp);
    return d;
}

/* The last entry (file order) with this key, as a dict assignment leaves it. */
static const ref_key *ref_find(const ref_dict *d, const char *w, size_t n) {
    size_t lo = 0, hi = d->n;   /* first entry with key > w */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (key_cmp(d->v[mid].key, d->v[mid].klen, w, n) <= 0) lo = mid + 1; else hi = mid;
    }
    if (lo > 0 && key_cmp(d->v[lo - 1].key, d->v[lo - 1].klen, w, n) == 0) return &d->v[lo - 1];
    return NULL;
}

static char *read_wn(const char *dir, const char *name, size_t *len) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return hme_t_slurp(path, len);
}

/* ---- table lookups ------------------------------------------------------------------- */

static size_t lookups, mismatches;

static void check_word(const char *w, size_t n) {
    for (int p = 0; p < NPOS; p++) {
        const char *line, *bases;
        size_t ll, bl;
        const ref_key *ri = ref_find(&REF_INDEX[p], w, n), *re = ref_find(&REF_EXC[p], w, n);
        bool fi = hme_wordnet_index_line(WN, p, w, n, &line, &ll);
        bool fe = hme_wordnet_exception(WN, p, w, n, &bases, &bl);
        lookups += 2;
        /* the library answers inside its own mapping of the files: compare the bytes (index
         * lines are distinct; of two exception lines for one key, the last must win) */
        int ok_i = ri ? (fi && ll == ri->vlen && memcmp(line, ri->val, ll) == 0) : (!fi && line == NULL && ll == 0);
        int ok_e = re ? (fe && bl == re->vlen && memcmp(bases, re->val, bl) == 0) : (!fe && bases == NULL && bl == 0);
        if ((!ok_i || !ok_e) && mismatches++ < 20)
            CHECK_MSG(0, "'%.*s' (%zu bytes) in %s: index %s (reference %s), exception %s (reference %s)",
                      (int)n, w, n, SUFFIX[p], fi ? "found" : "absent", ri ? "found" : "absent",
                      fe ? "found" : "absent", re ? "found" : "absent");
    }
}

static void check_str(const char *w) { check_word(w, strlen(w)); }

/* Variants of a key: prefixes, suffixes, case, punctuation and separators inside. */
static void check_variants(const char *k, size_t n) {
    char b[256];
    if (n + 2 > sizeof b) return;
    for (size_t cut = 1; cut <= n && cut <= 3; cut++) check_word(k, n - cut);
    check_word(k, n / 2);
    static const char *const add[] = { "s", "es", "_", "-", ".", "1", "'", "/", "x" };
    for (size_t i = 0; i < sizeof add / sizeof add[0]; i++) {
        size_t m = strlen(add[i]);
        memcpy(b, k, n);
        memcpy(b + n, add[i], m);
        check_word(b, n + m);
        memcpy(b, add[i], m);   /* ... and in front */
        memcpy(b + m, k, n);
        check_word(b, n + m);
    }
    memcpy(b, k, n);
    b[0] = (char)toupper((unsigned char)b[0]);
    check_word(b, n);
    memcpy(b, k, n);
    for (size_t i = 0; i < n; i++) b[i] = b[i] == '_' ? '-' : b[i] == '-' ? '_' : b[i];
    check_word(b, n);
    static const char seps[] = { ' ', '\n', '\t', '\0' };
    for (size_t i = 0; i < sizeof seps; i++) {   /* a separator inside or after: no key */
        memcpy(b, k, n);
        b[n] = seps[i];
        check_word(b, n + 1);
        if (n > 1) { b[n / 2] = seps[i]; check_word(b, n); }
    }
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next_rand(void) {
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static void tables_match_reference(void) {
    lookups = mismatches = 0;
    for (int p = 0; p < NPOS; p++) {
        for (size_t i = 0; i < REF_INDEX[p].n; i++) {   /* every lemma, every POS */
            const ref_key *r = &REF_INDEX[p].v[i];
            check_word(r->key, r->klen);
            if (i % 7 == 0) check_variants(r->key, r->klen);
        }
        for (size_t i = 0; i < REF_EXC[p].n; i++) {      /* every exception key and its bases */
            const ref_key *r = &REF_EXC[p].v[i];
            check_word(r->key, r->klen);
            check_variants(r->key, r->klen);
            const char *s = r->val, *e = r->val + r->vlen;
            while (s < e) {
                while (s < e && is_space(*s)) s++;
                const char *t = s;
                while (t < e && !is_space(*t)) t++;
                if (t > s) check_word(s, (size_t)(t - s));
                s = t;
            }
        }
    }
    static const char alphabet[] = "aeinorstlcdu_-.0123456789'/";
    char b[32];
    for (int i = 0; i < 30000; i++) {
        size_t n = 1 + next_rand() % 8;
        for (size_t j = 0; j < n; j++) b[j] = alphabet[next_rand() % (sizeof alphabet - 1)];
        check_word(b, n);
    }
    check_str("");
    char longw[2000];
    memset(longw, 'a', sizeof longw);
    check_word(longw, sizeof longw);
    check_word(longw, 70);
    check_str("\xc3\xa9t\xc3\xa9");
    CHECK_MSG(mismatches == 0, "%zu of %zu lookups differ from the reference", mismatches, lookups);
    CHECK(lookups > 1000000);   /* the loops above really ran over the files */
}

/* ---- lemma_names against a transcription of NLTK ---------------------------------------- */

typedef struct strv { char **v; size_t n, cap; } strv;

static void strv_push(strv *l, const char *s, size_t n) {
    if (l->n == l->cap) { l->cap = l->cap ? 2 * l->cap : 16; l->v = realloc(l->v, l->cap * sizeof *l->v); }
    char *c = malloc(n + 1);
    memcpy(c, s, n);
    c[n] = '\0';
    l->v[l->n++] = c;
}
static void strv_free(strv *l) {
    for (size_t i = 0; i < l->n; i++) free(l->v[i]);
    free(l->v);
    *l = (strv){ 0 };
}

typedef struct rule { const char *old, *new_; } rule;
static const rule NOUN[] = { {"s", ""}, {"ses", "s"}, {"ves", "f"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"},
                             {"shes", "sh"}, {"men", "man"}, {"ies", "y"}, {NULL, NULL} };
static const rule VERB[] = { {"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""},
                             {"ing", "e"}, {"ing", ""}, {NULL, NULL} };
static const rule ADJ[] = { {"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}, {NULL, NULL} };
static const rule ADV[] = { {NULL, NULL} };
static const rule *const RULES[NPOS] = { NOUN, VERB, ADJ, ADV };

/* [form[:-len(old)] + new for form in forms for old, new in substitutions if form.endswith(old)] */
static strv apply_rules(const strv *forms, int pos) {
    strv out = { 0 };
    char b[4096];
    for (size_t i = 0; i < forms->n; i++)
        for (const rule *r = RULES[pos]; r->old; r++) {
            size_t fl = strlen(forms->v[i]), ol = strlen(r->old), nl = strlen(r->new_);
            if (fl < ol || strcmp(forms->v[i] + fl - ol, r->old) != 0 || fl - ol + nl >= sizeof b) continue;
            memcpy(b, forms->v[i], fl - ol);
            memcpy(b + fl - ol, r->new_, nl);
            strv_push(&out, b, fl - ol + nl);
        }
    return out;
}

/* filter_forms: in the lemma map for pos, first occurrences only */
static strv filter_forms(const strv *forms, int pos) {
    strv out = { 0 };
    for (size_t i = 0; i < forms->n; i++) {
        if (!ref_find(&REF_INDEX[pos], forms->v[i], strlen(forms->v[i]))) continue;
        int seen = 0;
        for (size_t j = 0; j < out.n; j++) seen |= strcmp(out.v[j], forms->v[i]) == 0;
        if (!seen) strv_push(&out, forms->v[i], strlen(forms->v[i]));
    }
    return out;
}

static strv morphy(const char *form, int pos) {
    strv first = { 0 }, forms, res;
    strv_push(&first, form, strlen(form));
    const ref_key *ex = ref_find(&REF_EXC[pos], form, strlen(form));
    if (ex) {
        const char *s = ex->val, *e = ex->val + ex->vlen;
        while (s < e) {
            while (s < e && is_space(*s)) s++;
            const char *t = s;
            while (t < e && !is_space(*t)) t++;
            if (t > s) strv_push(&first, s, (size_t)(t - s));
            s = t;
        }
        res = filter_forms(&first, pos);
        strv_free(&first);
        return res;
    }
    forms = apply_rules(&first, pos);
    for (size_t i = 0; i < forms.n; i++) strv_push(&first, forms.v[i], strlen(forms.v[i]));
    res = filter_forms(&first, pos);
    strv_free(&first);
    while (res.n == 0 && forms.n > 0) {
        strv next = apply_rules(&forms, pos);
        strv_free(&forms);
        forms = next;
        strv_free(&res);
        res = filter_forms(&forms, pos);
    }
    strv_free(&forms);
    return res;
}

/* The i-th space-separated token of s[0..n) (n up to the newline). */
static const char *token(const char **s, const char *end, size_t *len) {
    while (*s < end && **s == ' ') (*s)++;
    const char *t = *s;
    while (*s < end && **s != ' ' && **s != '\n') (*s)++;
    *len = (size_t)(*s - t);
    return t;
}

/* synsets(word) -> lemma names, appended to out */
static void ref_lemma_names(const char *word, size_t n, strv *out) {
    char lw[4096];
    if (n >= sizeof lw) return;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)word[i] >= 0x80) return;
        lw[i] = (char)tolower((unsigned char)word[i]);
    }
    lw[n] = '\0';
    if (memchr(lw, '\0', n)) return;   /* C strings below */
    for (int p = 0; p < NPOS; p++) {
        strv forms = morphy(lw, p);
        for (size_t f = 0; f < forms.n; f++) {
            const ref_key *r = ref_find(&REF_INDEX[p], forms.v[f], strlen(forms.v[f]));
            const char *s = r->val, *end = r->val + r->vlen;
            size_t tl;
            token(&s, end, &tl);                                   /* lemma */
            token(&s, end, &tl);                                   /* pos */
            long n_syn = strtol(token(&s, end, &tl), NULL, 10);
            long n_ptr = strtol(token(&s, end, &tl), NULL, 10);
            for (long i = 0; i < n_ptr; i++) token(&s, end, &tl);
            token(&s, end, &tl);                                   /* sense_cnt */
            token(&s, end, &tl);                                   /* tagsense_cnt */
            for (long i = 0; i < n_syn; i++) {
                long off = strtol(token(&s, end, &tl), NULL, 10);
                const char *d = DATA[p] + off, *de = DATA[p] + DATA_LEN[p];
                token(&d, de, &tl); token(&d, de, &tl); token(&d, de, &tl);   /* offset lex_filenum ss_type */
                long w_cnt = strtol(token(&d, de, &tl), NULL, 16);
                for (long w = 0; w < w_cnt; w++) {
                    const char *name = token(&d, de, &tl);
                    size_t nl = tl;
                    token(&d, de, &tl);                            /* lex_id */
                    if (nl && name[nl - 1] == ')') {               /* strip "(a)", "(p)", "(ip)" */
                        const char *paren = memchr(name, '(', nl);
                        if (paren) nl = (size_t)(paren - name);
                    }
                    strv_push(out, name, nl);
                }
            }
        }
        strv_free(&forms);
    }
}

static void collect(void *ctx, const char *name, size_t len) { strv_push(ctx, name, len); }

static size_t words_checked, names_checked, word_mismatches;

static void check_names(const char *w, size_t n) {
    strv want = { 0 }, got = { 0 };
    ref_lemma_names(w, n, &want);
    hme_error err;
    hme_code rc = hme_wordnet_lemma_names(WN, w, n, collect, &got, &err);
    int same = rc == HME_OK && got.n == want.n;
    for (size_t i = 0; same && i < got.n; i++) same = strcmp(got.v[i], want.v[i]) == 0;
    words_checked++;
    names_checked += want.n;
    if (!same && word_mismatches++ < 20)
        CHECK_MSG(0, "'%.*s': %zu names, reference %zu", (int)n, w, got.n, want.n);
    strv_free(&want);
    strv_free(&got);
}

static void lemma_names_match_transcription(void) {
    static const char *const suffixes[] = { "", "s", "es", "ies", "ses", "ves", "xes", "zes", "ches", "shes",
                                            "men", "ed", "ing", "er", "est", "ss", "ings", "eds" };
    char b[512];
    for (int p = 0; p < NPOS; p++) {
        for (size_t i = 0; i < REF_EXC[p].n; i++) check_names(REF_EXC[p].v[i].key, REF_EXC[p].v[i].klen);
        for (size_t i = 0; i < REF_INDEX[p].n; i += 23) {
            const ref_key *r = &REF_INDEX[p].v[i];
            if (r->klen + 8 > sizeof b) continue;
            for (size_t s = 0; s < sizeof suffixes / sizeof suffixes[0]; s++) {
                size_t m = strlen(suffixes[s]);
                memcpy(b, r->key, r->klen);
                memcpy(b + r->klen, suffixes[s], m);
                check_names(b, r->klen + m);
            }
            memcpy(b, r->key, r->klen);
            b[0] = (char)toupper((unsigned char)b[0]);   /* synsets() lowercases */
            check_names(b, r->klen);
        }
    }
    static const char alphabet[] = "aeinorstdgm_-.19s";
    for (int i = 0; i < 5000; i++) {
        size_t n = 1 + next_rand() % 10;
        for (size_t j = 0; j < n; j++) b[j] = alphabet[next_rand() % (sizeof alphabet - 1)];
        check_names(b, n);
    }
    char longw[300];
    memset(longw, 's', sizeof longw);   /* many detachment rounds */
    check_names(longw, sizeof longw);
    check_names("", 0);
    CHECK_MSG(word_mismatches == 0, "%zu of %zu words differ from the transcription", word_mismatches, words_checked);
    CHECK(words_checked > 20000 && names_checked > 50000);
}

/* ---- METEOR's synonym cache ------------------------------------------------------------ */

static void synonym_cache_equals_fresh_sets(void) {
    /* words: every 5th noun lemma without '_' (all have synonyms) plus misses */
    strv words = { 0 };
    for (size_t i = 0; i < REF_INDEX[0].n; i += 5)
        if (!memchr(REF_INDEX[0].v[i].key, '_', REF_INDEX[0].v[i].klen))
            strv_push(&words, REF_INDEX[0].v[i].key, REF_INDEX[0].v[i].klen);
    for (int i = 0; i < 3000; i++) {
        char b[8];
        for (int j = 0; j < 7; j++) b[j] = (char)('a' + next_rand() % 26);
        strv_push(&words, b, 7);
    }
    static const size_t sizes[] = { 4, 3000, 0 };   /* resets often; grows then resets; grows */
    size_t bad = 0, checked = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        hme_meteor *m = hme_meteor_new(WN, NULL, sizes[z]);
        CHECK(m != NULL);
        if (!m) break;
        for (int round = 0; round < 2; round++)   /* the second round hits the cache */
            for (size_t w = 0; w < words.n; w++) {
                const char *word = words.v[w];
                strv names = { 0 }, want = { 0 };
                hme_wordnet_lemma_names(WN, word, strlen(word), collect, &names, NULL);
                for (size_t i = 0; i <= names.n; i++) {
                    const char *c = i < names.n ? names.v[i] : word;
                    if (i < names.n && strchr(c, '_')) continue;
                    int dup = 0;
                    for (size_t j = 0; j < want.n; j++) dup |= strcmp(want.v[j], c) == 0;
                    if (!dup) strv_push(&want, c, strlen(c));
                }
                const hme_str *syns;
                size_t n = 0;
                int same = hme_meteor_synonyms(m, word, strlen(word), &syns, &n, NULL) == HME_OK && n == want.n;
                for (size_t i = 0; same && i < n; i++)
                    same = syns[i].len == strlen(want.v[i]) && memcmp(syns[i].ptr, want.v[i], syns[i].len) == 0;
                checked++;
                if (!same && bad++ < 10) CHECK_MSG(0, "cache %zu: synonyms of '%s' differ", sizes[z], word);
                strv_free(&names);
                strv_free(&want);
            }
        hme_meteor_free(m);
    }
    CHECK_MSG(bad == 0, "%zu of %zu synonym sets differ", bad, checked);
    CHECK(checked > 50000);
    strv_free(&words);
}

int main(void) {
    const char *dir = getenv("HME_WORDNET_DIR");
    if (!dir) dir = "/usr/share/wordnet";
    hme_error err;
    if (hme_wordnet_open(dir, NULL, &WN, &err) != HME_OK) {
        fprintf(stderr, "SKIP: WordNet not available: %s\n", err.msg);
        hme_t_skipped++;
        return hme_t_summary();
    }
    char name[64];
    for (int p = 0; p < NPOS; p++) {
        snprintf(name, sizeof name, "index.%s", SUFFIX[p]);
        INDEX[p] = read_wn(dir, name, &INDEX_LEN[p]);
        snprintf(name, sizeof name, "data.%s", SUFFIX[p]);
        DATA[p] = read_wn(dir, name, &DATA_LEN[p]);
        snprintf(name, sizeof name, "%s.exc", SUFFIX[p]);
        EXC[p] = read_wn(dir, name, &EXC_LEN[p]);
        CHECK(INDEX[p] && DATA[p] && EXC[p]);
        if (!INDEX[p] || !DATA[p] || !EXC[p]) return hme_t_summary();
        REF_INDEX[p] = read_dict(INDEX[p], INDEX_LEN[p], 0);
        REF_EXC[p] = read_dict(EXC[p], EXC_LEN[p], 1);
    }
    RUN(tables_match_reference);
    RUN(lemma_names_match_transcription);
    RUN(synonym_cache_equals_fresh_sets);
    hme_wordnet_close(WN);
    for (int p = 0; p < NPOS; p++) {
        free(INDEX[p]); free(DATA[p]); free(EXC[p]);
        free(REF_INDEX[p].v); free(REF_EXC[p].v);
    }
    return hme_t_summary();
}
