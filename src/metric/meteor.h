/* meteor.h - NLTK 3.8 single_meteor_score(reference, hypothesis) with its defaults
 * (preprocess=str.lower, PorterStemmer(), nltk.corpus.wordnet, alpha=0.9, beta=3.0,
 * gamma=0.5), bit for bit.
 *
 * Alignment follows _enum_align_words: exact matches on the lowercased words, then on the
 * Porter stems of what is left, then WordNet synonyms of what is left. In each stage the
 * hypothesis is walked from its last word to its first and each word takes the LAST
 * still-unmatched reference word that qualifies (NLTK pops both from its lists). After the
 * stem stage NLTK's lists hold stems, so the synonym stage looks up the hypothesis STEM
 * in WordNet and compares its lemma names (those without '_', plus the stem itself) with
 * the reference STEMS.
 */
#ifndef HME_METRIC_METEOR_H
#define HME_METRIC_METEOR_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "hme.h"
#include "core/arena.h"
#include "core/str.h"
#include "metric/wordnet.h"

/* One token as METEOR sees it: Python str.lower() of it and the Porter stem of that. */
typedef struct hme_meteor_word {
    hme_str lower;
    hme_str stem;
    uint64_t h_lower, h_stem;  /* hme_nltk_hash of each (metric/bleu.h) */
} hme_meteor_word;

/* Fills *w for token tok: lower = Python tok.lower(), stem = NLTK PorterStemmer().stem(lower),
 * both allocated in arena (NUL-terminated). Returns false on OOM. */
bool hme_meteor_word_make(hme_meteor_word *w, hme_str tok, hme_arena *arena);

/* Per-thread state: the WordNet handle and a bounded cache stem -> synonym set. */
typedef struct hme_meteor hme_meteor;

/* wn must outlive the handle. cache_words: how many distinct stems to cache before the
 * cache is emptied (0 = 65536). al NULL = default. NULL on OOM. */
hme_meteor *hme_meteor_new(const hme_wordnet *wn, const hme_allocator *al, size_t cache_words);
void hme_meteor_free(hme_meteor *m);   /* NULL is a no-op */

/* single_meteor_score(reference, hypothesis) -> *out. scratch: per-pair tables (the caller
 * resets it). Errors: HME_ERR_NOMEM, HME_ERR_DATA (WordNet). */
hme_code hme_meteor_single(hme_meteor *m, const hme_meteor_word *ref, size_t nref,
                           const hme_meteor_word *hyp, size_t nhyp, hme_arena *scratch,
                           double *out, hme_error *err);

/* The synonym set the synonym stage uses for a hypothesis stem: the distinct WordNet lemma
 * names without '_' plus the stem, in first-seen order. *syns stays valid until the next
 * call on m. Exposed for tests. */
hme_code hme_meteor_synonyms(hme_meteor *m, const char *stem, size_t len,
                             const hme_str **syns, size_t *n, hme_error *err);

#endif
