/* punkt.h - NLTK 3.8's PunktSentenceTokenizer, inference only, with pretrained parameters
 * read from NLTK's punkt_tab text format.
 *
 * hme_punkt_spans() is PunktSentenceTokenizer.span_tokenize(text, realign_boundaries=True):
 * candidate ends are found as period_context_re does, each candidate's context
 * (previous word + end char + following token) is re-tokenized with Punkt's word regex and
 * run through the first (type-based) and second (orthographic / collocation / sentence
 * starter) annotation passes, and the slices are realigned over closing quotes/brackets.
 * Punkt's regexes are hand-written matchers here (they are small), stated next to the
 * Python pattern they reproduce. Offsets are bytes of the UTF-8 text; every character Punkt
 * compares positions on is ASCII, so byte arithmetic equals Python's index arithmetic.
 */
#ifndef HME_TOKENIZE_PUNKT_H
#define HME_TOKENIZE_PUNKT_H
#include <stddef.h>
#include "hme.h"
#include "core/arena.h"

/* A sentence: text[start, end) (byte offsets; Punkt sentences are substrings of the text). */
typedef struct hme_span {
    size_t start, end;
} hme_span;

typedef struct hme_punkt_params hme_punkt_params;   /* immutable once loaded */
typedef struct hme_punkt_scratch hme_punkt_scratch; /* per thread */

/* Loads dir/{abbrev_types.txt, collocations.tab, ortho_context.tab, sent_starters.txt}
 * (NLTK 3.9's punkt_tab layout: one entry per line, empty lines ignored, tab-separated
 * pairs, ortho_context values decimal). HME_ERR_DATA when a file is missing or malformed,
 * HME_ERR_NOMEM. al NULL = default allocator. */
hme_code hme_punkt_params_load(const char *dir, const hme_allocator *al,
                               hme_punkt_params **out, hme_error *err);
void hme_punkt_params_free(hme_punkt_params *p); /* NULL is a no-op */

hme_punkt_scratch *hme_punkt_scratch_new(const hme_allocator *al); /* NULL on OOM */
void hme_punkt_scratch_free(hme_punkt_scratch *s);                 /* NULL is a no-op */

/* Sentence spans of text[0..len) in order, array allocated in arena (*n may be 0).
 * HME_OK or HME_ERR_NOMEM. */
hme_code hme_punkt_spans(const hme_punkt_params *p, hme_punkt_scratch *s, const char *text,
                         size_t len, hme_arena *arena, hme_span **spans, size_t *n);

#endif
