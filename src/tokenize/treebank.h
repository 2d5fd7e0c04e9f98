/* treebank.h - NLTK 3.8's NLTKWordTokenizer().tokenize(sentence) (nltk/tokenize/destructive.py),
 * the "improved Treebank" word tokenizer that word_tokenize applies to each Punkt sentence.
 *
 * The regex cascade (starting quotes, punctuation, parentheses/brackets, double dashes,
 * ending quotes, CONTRACTIONS2, CONTRACTIONS3) is run in NLTK's order with PCRE2 (UTF, UCP,
 * JIT), each step as Python's re.sub: leftmost non-overlapping matches, group references
 * in the replacement, unmatched groups empty. Where Python re and PCRE2 differ the patterns
 * are rewritten to Python's meaning (see treebank.c). The final str.split() splits on
 * runs of Python whitespace.
 *
 * word_tokenize runs treebank_fast.h's regex-free passes first and this cascade only for
 * the text they decline; this one stays the oracle they are tested and fuzzed against.
 */
#ifndef HME_TOKENIZE_TREEBANK_H
#define HME_TOKENIZE_TREEBANK_H
#include <stddef.h>
#include "hme.h"
#include "core/arena.h"
#include "core/str.h"

typedef struct hme_treebank hme_treebank;                 /* compiled patterns, immutable */
typedef struct hme_treebank_scratch hme_treebank_scratch; /* per thread */

/* A growable token array (malloc'ed through al; token bytes live elsewhere). */
typedef struct hme_tokvec {
    const hme_allocator *al;
    hme_str *v;
    size_t n, cap;
} hme_tokvec;

hme_code hme_treebank_open(const hme_allocator *al, hme_treebank **out, hme_error *err);
void hme_treebank_close(hme_treebank *tb); /* NULL is a no-op */

hme_treebank_scratch *hme_treebank_scratch_new(const hme_treebank *tb, const hme_allocator *al);
void hme_treebank_scratch_free(hme_treebank_scratch *s); /* NULL is a no-op */

/* Appends the tokens of text[0..len) (valid UTF-8) to out; token bytes are copied into
 * arena, NUL-terminated. HME_OK or HME_ERR_NOMEM. */
hme_code hme_treebank_append(const hme_treebank *tb, hme_treebank_scratch *s, const char *text,
                             size_t len, hme_arena *arena, hme_tokvec *out);

#endif
