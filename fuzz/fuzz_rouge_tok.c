/* fuzz_rouge_tok.c - rouge-score's tokenizer against a naive oracle written from its
 * definition (rouge_tok.h): lower the text, take the maximal [a-z0-9] runs, id them with
 * hme_token_id, stem those longer than 3 characters with the Porter stemmer, and note
 * which token ends each '\n'-separated line that has tokens. The tokenizer (with its stem
 * cache, run twice so the second run hits the cache) must produce exactly that. Invalid
 * UTF-8 is skipped: the engine validates before tokenizing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hash/token_id.h"
#include "read/json.h"
#include "tokenize/porter.h"
#include "tokenize/rouge_tok.h"
#include "tokenize/unicode.h"
#include "fuzz_lower.h"

static int is_tok(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

static void check(const hme_rouge_toks *t, const char *low, size_t n) {
    uint32_t k = 0, s = 0;
    char *stem = malloc(HME_PORTER_OUT_CAP(n) + 1);
    if (!stem) abort();
    size_t i = 0;
    uint32_t line_tokens = 0;
    while (i <= n) {
        if (i == n || low[i] == '\n') {
            if (line_tokens) {
                if (s >= t->n_sent || t->sent_end[s] != k) { fprintf(stderr, "line end %u differs\n", s); abort(); }
                s++;
            }
            line_tokens = 0;
            i++;
            continue;
        }
        if (!is_tok(low[i])) { i++; continue; }
        size_t j = i;
        while (j < n && is_tok(low[j])) j++;
        if (k >= t->n) { fprintf(stderr, "too few tokens\n"); abort(); }
        if (t->plain[k] != hme_token_id(low + i, j - i)) { fprintf(stderr, "token %u differs\n", k); abort(); }
        uint64_t sid = hme_token_id(low + i, j - i);
        if (j - i > 3) {
            size_t sl = hme_porter_stem(low + i, j - i, stem);
            sid = hme_token_id(stem, sl);
        }
        if (t->stem[k] != sid) { fprintf(stderr, "stem of token %u differs\n", k); abort(); }
        k++;
        line_tokens++;
        i = j;
    }
    if (k != t->n || s != t->n_sent) { fprintf(stderr, "counts differ: %u/%u tokens, %u/%u lines\n", k, t->n, s, t->n_sent); abort(); }
    free(stem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static hme_rouge_tok *tok;
    if (!tok && !(tok = hme_rouge_tok_new(NULL))) abort();
    const char *text = (const char *)data;
    size_t n;
    char *low = fuzz_lowered(data, size, &n);
    if (!low) return 0;
    hme_arena arena;
    hme_arena_init(&arena, NULL, 0);
    for (int pass = 0; pass < 2; pass++) {
        hme_rouge_toks t;
        if (!hme_rouge_tokenize(tok, text, size, &arena, &t)) abort();
        check(&t, low, n);
    }
    hme_arena_free(&arena);
    free(low);
    return 0;
}
