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
 * The database (WordNet 3.0 in /usr/share/wordnet on Debian) is memory-mapped. At open, one
 * pass over index.* and *.exc builds a hash table from every lemma and exception key to where
 * NLTK's dicts would find it (its index line per POS, its exception line per POS), so a morphy
 * candidate costs one probe, usually one cache line, whatever the POS; data lines are read
 * by offset only for the synsets found. The handle is immutable after open and may be shared
 * by threads.
 */
#ifndef HME_METRIC_WORDNET_H
#define HME_METRIC_WORDNET_H
#include <stdbool.h>
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

/* For tests: the line of index.<pos> (pos 0 noun, 1 verb, 2 adj, 3 adv) whose lemma is exactly
 * word[0..len) (no lowercasing), without its '\n'; the last such line, as NLTK's lemma map
 * keeps it. false (and *line NULL, *line_len 0) when there is none. Thread-safe. */
bool hme_wordnet_index_line(const hme_wordnet *wn, int pos, const char *word, size_t len,
                            const char **line, size_t *line_len);
/* For tests: what follows the key on the last line of <pos>.exc whose first token is exactly
 * word[0..len) (the base forms, space separated, up to the '\n'); false when none. */
bool hme_wordnet_exception(const hme_wordnet *wn, int pos, const char *word, size_t len,
                           const char **bases, size_t *bases_len);

#endif
