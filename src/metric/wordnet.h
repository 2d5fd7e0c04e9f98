/* wordnet.h - the part of NLTK 3.8's WordNetCorpusReader that METEOR uses:
 *
 *   chain.from_iterable(ss.lemma_names() for ss in wordnet.synsets(word))
 *
 * i.e. for each POS in (noun, verb, adj, adv): the forms _morphy(word, pos) finds (the
 * exception list *.exc first, else the detachment rules applied once and then repeatedly
 * until some form is in index.<pos>), each form's synset offsets from index.<pos>, and each
 * synset's lemma names from data.<pos> (case kept, syntactic markers "(a)" "(p)" "(ip)"
 * stripped), in NLTK's order, duplicates included.
 *
 * The database (WordNet 3.0 in /usr/share/wordnet on Debian) is read lazily: index.* and
 * data.* are memory-mapped, index lookups bisect the sorted index files, data lines are read
 * by offset. Only the small exception lists are parsed at open. The handle is immutable
 * after open and may be shared by threads.
 */
#ifndef HME_METRIC_WORDNET_H
#define HME_METRIC_WORDNET_H
#include <stddef.h>
#include "hme.h"

typedef struct hme_wordnet hme_wordnet;

/* dir NULL = /usr/share/wordnet. Errors: HME_ERR_DATA (a file missing or malformed),
 * HME_ERR_NOMEM. al NULL = default allocator; err may be NULL. */
hme_code hme_wordnet_open(const char *dir, const hme_allocator *al, hme_wordnet **out, hme_error *err);
/* NULL is a no-op. */
void hme_wordnet_close(hme_wordnet *wn);

/* Called once per lemma name, in NLTK's order. name is not NUL-terminated and is valid
 * only during the call. */
typedef void (*hme_wordnet_lemma_fn)(void *ctx, const char *name, size_t len);

/* The lemma names of wordnet.synsets(word), as above. word is lowercased first (ASCII
 * letters: WordNet 3.0 is pure ASCII, so a word with any non-ASCII byte has no synsets;
 * callers pass Python-lowercased text). Thread-safe.
 * Errors: HME_ERR_DATA (a data line not at its offset), HME_ERR_NOMEM. */
hme_code hme_wordnet_lemma_names(const hme_wordnet *wn, const char *word, size_t len,
                                 hme_wordnet_lemma_fn fn, void *ctx, hme_error *err);

#endif
