/* nltk.h - the `nltk` family's prepared text (what its prepare() returns and score()
 * takes), for benchmarks that time score() on prepared texts (bench/bench_nltk.cc). */
#ifndef HME_METRIC_NLTK_H
#define HME_METRIC_NLTK_H
#include <stddef.h>
#include <stdint.h>
#include "core/str.h"
#include "metric/meteor.h"

typedef struct nltk_text {
    size_t n;
    hme_str *tok;              /* word_tokenize's tokens */
    hme_meteor_word *words;    /* METEOR's view of each token (lowercased, stemmed, hashed) */
    uint64_t serial;           /* unique in the process, never 0 */
} nltk_text;

#endif
