/* rouge_tok.h - rouge-score 0.1.2's tokenize(text, stemmer) as token ids, for both
 * settings at once, plus the line structure rougeLsum needs.
 *
 *   text = text.lower()                      (Python, full Unicode: via hme_py_lower)
 *   tokens = maximal runs of [a-z0-9]         (re.sub("[^a-z0-9]+", " ") + split)
 *   stemmed: PorterStemmer().stem(t) if len(t) > 3 else t
 *
 * Ids are hme_token_id() values (src/hash/token_id.h): a pure function of the token, so
 * any two prepared texts compare. rougeLsum tokenizes each non-empty line on its own; a
 * token never spans a '\n' (it is a separator), so the per-line token lists are exactly
 * consecutive slices of the whole-text list: sent_end records where the lines that have
 * tokens end (lines without tokens change no rougeLsum value, see rouge.c).
 */
#ifndef HME_TOKENIZE_ROUGE_TOK_H
#define HME_TOKENIZE_ROUGE_TOK_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "hme.h"
#include "core/arena.h"
#include "core/str.h"

typedef struct hme_rouge_toks {
    uint32_t n;          /* number of tokens (same for both settings) */
    uint64_t *plain;     /* [n] ids of the tokens */
    uint64_t *stem;      /* [n] ids of the stemmed tokens */
    uint32_t n_sent;     /* lines holding at least one token */
    uint32_t *sent_end;  /* [n_sent] token index one past each such line's last token */
    /* Tokens over HME_TOKEN_PACK_MAX characters have hashed ids; their strings are kept
     * (copied into the arena) so that equal ids can be checked for a hash collision. */
    uint32_t n_long;     /* tokens whose plain or stemmed id is hashed */
    uint32_t *long_at;   /* [n_long] their token indices, ascending */
    hme_str *long_plain; /* [n_long] the token */
    hme_str *long_stem;  /* [n_long] its stem (the token itself when not stemmed) */
} hme_rouge_toks;

/* Per-thread state: a cache token -> stem (bounded; cleared when full). */
typedef struct hme_rouge_tok hme_rouge_tok;

hme_rouge_tok *hme_rouge_tok_new(const hme_allocator *al); /* NULL on OOM */
void hme_rouge_tok_free(hme_rouge_tok *t);                 /* NULL is a no-op */

/* Tokenizes text[0..len) (valid UTF-8) into out, allocating in arena. false on OOM. */
bool hme_rouge_tokenize(hme_rouge_tok *t, const char *text, size_t len, hme_arena *arena, hme_rouge_toks *out);

#endif
