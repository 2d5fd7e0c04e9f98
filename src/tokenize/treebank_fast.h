/* treebank_fast.h - NLTKWordTokenizer().tokenize(sentence) without regexes.
 *
 * The same rewrite cascade as treebank.c (NLTK 3.8 destructive.py), rule for rule and in the
 * same order, but each re.sub is a hand-written byte loop that finds exactly the matches
 * Python's re finds (leftmost, non-overlapping, same groups) and writes the same
 * replacement. It accepts ASCII text, and text whose non-ASCII characters no rule reacts to
 * except as \w / non-\w: that keeps every class simple (\d is [0-9], \s is Python's ASCII
 * whitespace, (?i) is ASCII case folding, the rules on « “ ‘ „ » ” ’ cannot match). Text with
 * those quotes, non-ASCII whitespace or decimal digits, or İ ı ſ K (which (?i) folds onto
 * i, s, k) is declined, and the caller runs the PCRE2 cascade (treebank.c), which stays the
 * oracle that tests and fuzz/fuzz_treebank_diff.c compare this against.
 */
#ifndef HME_TOKENIZE_TREEBANK_FAST_H
#define HME_TOKENIZE_TREEBANK_FAST_H
#include <stdbool.h>
#include <stddef.h>
#include "hme.h"
#include "core/arena.h"
#include "tokenize/treebank.h" /* hme_tokvec */

typedef struct hme_treebank_fast hme_treebank_fast; /* per-thread scratch buffers */

/* NULL on OOM. al NULL = default allocator. */
hme_treebank_fast *hme_treebank_fast_new(const hme_allocator *al);
void hme_treebank_fast_free(hme_treebank_fast *f); /* NULL is a no-op */

/* True when hme_treebank_fast_append handles text[0..len) (valid UTF-8), see above. */
bool hme_treebank_fast_accepts(const char *text, size_t len);

/* When the text is accepted: appends its tokens to out exactly as hme_treebank_append would
 * (token bytes copied into arena, NUL-terminated), sets *handled = true and returns HME_OK
 * or HME_ERR_NOMEM. Otherwise sets *handled = false, touches nothing and returns HME_OK. */
hme_code hme_treebank_fast_append(hme_treebank_fast *f, const char *text, size_t len,
                                  hme_arena *arena, hme_tokvec *out, bool *handled);

#endif
