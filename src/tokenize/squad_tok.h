/* squad_tok.h - the tokens of the SQuAD v1.1 evaluation script (the `f1` metric):
 *
 *   normalize_answer(s) = white_space_fix(remove_articles(remove_punc(lower(s))))
 *     lower:           Python str.lower()
 *     remove_punc:     drop every character of string.punctuation (ASCII only)
 *     remove_articles: re.sub(r"\b(a|an|the)\b", " ", text)   (Unicode \b)
 *     white_space_fix: " ".join(text.split())
 *   tokens = normalize_answer(s).split()
 *
 * Tokens are slices of one normalized buffer; everything is allocated in the arena. */
#ifndef HME_TOKENIZE_SQUAD_TOK_H
#define HME_TOKENIZE_SQUAD_TOK_H
#include <stdbool.h>
#include <stddef.h>
#include "core/arena.h"
#include "core/str.h"

/* Sets *toks (n entries, possibly 0) and returns true; false on OOM. Thread-safe. */
bool hme_squad_tokenize(const char *s, size_t len, hme_arena *arena, hme_str **toks, size_t *n);

#endif
