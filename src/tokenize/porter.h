/* porter.h - NLTK's PorterStemmer in its default NLTK_EXTENSIONS mode, exactly:
 * the irregular-forms table and NLTK's departures from Porter (1980).
 * Input: one already-lowercased word, UTF-8 (what rouge-score and METEOR pass).
 * Output: the stem in out (cap >= len + 4 bytes suffices), returns its length.
 * Thread-safe, no allocation. */
#ifndef HME_TOKENIZE_PORTER_H
#define HME_TOKENIZE_PORTER_H
#include <stddef.h>

#define HME_PORTER_OUT_CAP(len) ((len) + 4)
size_t hme_porter_stem(const char *word, size_t len, char *out);

#endif
