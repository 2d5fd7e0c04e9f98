/* word_tokenize.h - nltk.word_tokenize(text) of NLTK 3.8, bit for bit:
 *
 *   sentences = PunktSentenceTokenizer(<english params>).tokenize(text)
 *   tokens    = [t for s in sentences for t in NLTKWordTokenizer().tokenize(s)]
 *
 * i.e. word_tokenize(text, language="english", preserve_line=False). METEOR and BLEU
 * (src/metric/nltk.c) tokenize with it.
 *
 * The pretrained English Punkt parameters are read at run time from NLTK's punkt_tab text
 * format (tokenizers/punkt_tab/english/{abbrev_types.txt, collocations.tab,
 * ortho_context.tab, sent_starters.txt}); they are third-party data and never embedded.
 *
 * Life cycle:
 *   hme_wordtok_open()   once per process: loads the Punkt tables, compiles the regexes.
 *                        The model is immutable afterwards and may be shared by threads.
 *   hme_wordtok_new()    once per thread: scratch and regex match data.
 *   hme_word_tokenize()  per text.
 */
#ifndef HME_TOKENIZE_WORD_TOKENIZE_H
#define HME_TOKENIZE_WORD_TOKENIZE_H
#include <stdbool.h>
#include <stddef.h>
#include "hme.h"
#include "core/arena.h"
#include "core/str.h"
#include "tokenize/punkt.h" /* hme_span */

typedef struct hme_wordtok_model hme_wordtok_model;
typedef struct hme_wordtok hme_wordtok;

/* Loads the model. The punkt_tab directory "tokenizers/punkt_tab/english/" is looked for,
 * in order, under:
 *   nltk_data_dir (when not NULL; then ONLY there),
 *   each entry of $NLTK_DATA (colon-separated),
 *   NLTK's default locations: ~/nltk_data, /usr/share/nltk_data, /usr/local/share/nltk_data,
 *   /usr/lib/nltk_data, /usr/local/lib/nltk_data, and the sys.prefix ones
 *   (/usr/nltk_data, /usr/share/nltk_data, /usr/lib/nltk_data, /usr/local/...).
 * When no directory is found the call still SUCCEEDS: the model then does no sentence
 * splitting (the whole text is one sentence, like preserve_line=True) and
 * hme_wordtok_warning() says so; callers should surface it as a warning and in the metric
 * signature (hme_wordtok_has_punkt()). A directory that exists but is unreadable or
 * malformed is an error (HME_ERR_DATA). Other errors: HME_ERR_NOMEM.
 * al NULL = default allocator. err may be NULL. */
hme_code hme_wordtok_open(const char *nltk_data_dir, const hme_allocator *al,
                          hme_wordtok_model **out, hme_error *err);
/* NULL is a no-op. Every hme_wordtok made from the model must be freed first. */
void hme_wordtok_close(hme_wordtok_model *m);

/* True when Punkt parameters were loaded (sentence splitting on). Thread-safe. */
bool hme_wordtok_has_punkt(const hme_wordtok_model *m);
/* The punkt_tab directory that was loaded, or NULL. Thread-safe. */
const char *hme_wordtok_punkt_dir(const hme_wordtok_model *m);
/* NULL when Punkt was loaded; otherwise a human-readable warning, e.g.
 * "no punkt_tab/english found (searched ...): sentence splitting off". Thread-safe. */
const char *hme_wordtok_warning(const hme_wordtok_model *m);

/* Per-thread tokenizer state; NULL on OOM. Not thread-safe: one per thread. */
hme_wordtok *hme_wordtok_new(const hme_wordtok_model *m);
/* NULL is a no-op. */
void hme_wordtok_free(hme_wordtok *t);

/* nltk.word_tokenize(text). text[0..len) is UTF-8 (validated upstream; need not be
 * NUL-terminated). On success *tokens is an array of *n tokens allocated in arena; each
 * token's bytes are in arena too (NUL-terminated), so text may be freed afterwards.
 * Returns HME_OK, HME_ERR_UTF8 (invalid UTF-8) or HME_ERR_NOMEM. */
hme_code hme_word_tokenize(hme_wordtok *t, const char *text, size_t len, hme_arena *arena,
                           hme_str **tokens, size_t *n);

/* PunktSentenceTokenizer(english).span_tokenize(text) with realign_boundaries=True: the
 * sentence spans in order, allocated in arena. Without Punkt: one span covering the whole
 * text (none when len == 0). Returns HME_OK or HME_ERR_NOMEM. */
hme_code hme_punkt_sentences(hme_wordtok *t, const char *text, size_t len, hme_arena *arena,
                             hme_span **spans, size_t *n);

/* NLTKWordTokenizer().tokenize(text) alone (no sentence splitting, i.e. word_tokenize with
 * preserve_line=True), tokens and return codes as hme_word_tokenize. */
hme_code hme_treebank_tokenize(hme_wordtok *t, const char *text, size_t len, hme_arena *arena,
                               hme_str **tokens, size_t *n);

#endif
