/* tfidf_tok.h - scikit-learn 1.2 CountVectorizer/TfidfVectorizer default analyzer:
 *   re.compile(r"(?u)\b\w\w+\b").findall(doc.lower())
 * i.e. every maximal run of at least two \w characters (code points) of the lowered text.
 * Tokens are slices of the lowered text, allocated in the arena. */
#ifndef HME_TOKENIZE_TFIDF_TOK_H
#define HME_TOKENIZE_TFIDF_TOK_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/arena.h"
#include "core/str.h"

/* Sets *toks (n entries, possibly 0) and returns true; false on OOM. Thread-safe. */
bool hme_tfidf_tokenize(const char *s, size_t len, hme_arena *arena, hme_str **toks, size_t *n);

/* A bag of words the way CountVectorizer builds a row: the distinct tokens in order of
 * first appearance (that order decides scikit-learn's summation order) with their counts,
 * plus an open-addressing index to find a token. SQuAD F1's Counter uses it too. */
typedef struct hme_bag {
    size_t n_tokens;    /* tokens counted, with repeats */
    size_t n;           /* distinct tokens */
    hme_str *tok;       /* [n], first-appearance order */
    uint32_t *count;    /* [n] */
    uint64_t *hash;     /* [n] */
    uint32_t *slot;     /* [mask + 1]: index + 1 into tok, 0 = empty */
    size_t mask;
} hme_bag;

uint64_t hme_tok_hash(const char *p, size_t len);
/* Builds the bag of toks[0..n) in the arena; false on OOM. */
bool hme_bag_build(const hme_str *toks, size_t n, hme_arena *arena, hme_bag *out);
/* Index of tok (whose hme_tok_hash is hash) in b, or -1. */
long hme_bag_find(const hme_bag *b, hme_str tok, uint64_t hash);

#endif
