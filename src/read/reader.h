/* reader.h - stage 1 of reading: a byte stream -> NDJSON records (lines).
 *
 * Input is consumed in fixed-size chunks (never the whole input at once); a record may
 * be of any length up to max_record_bytes. Lines are split on '\n' with a SIMD scan
 * (scalar twin in simd/). A UTF-8 BOM at the very start is skipped, a '\r' before
 * '\n' is dropped, blank (whitespace-only) lines are skipped but counted, and a last
 * line without '\n' is delivered at finish. Line numbers are 1-based physical lines.
 * Feeding the same bytes in any chunking delivers the same records.
 */
#ifndef HME_READ_READER_H
#define HME_READ_READER_H
#include <stddef.h>
#include <stdint.h>
#include "hme.h"

typedef struct hme_reader hme_reader;

/* Called once per record. line is valid only during the call (not NUL-terminated).
 * code is HME_OK, or HME_ERR_TOO_LONG for a record over the limit (line/len then hold
 * the record's first bytes only). Return nonzero to stop reading (hme_reader_* then
 * returns HME_ERR_ARG... see reader.c). */
typedef int (*hme_record_fn)(void *ctx, uint64_t line_no, const char *line, size_t len, hme_code code);

#define HME_READER_DEFAULT_CHUNK ((size_t)1 << 20)
#define HME_READER_DEFAULT_MAX_RECORD ((size_t)64 << 20)

/* chunk_size 0 = default; max_record 0 = default. al NULL = default allocator. */
hme_reader *hme_reader_new(const hme_allocator *al, size_t chunk_size, size_t max_record);
void hme_reader_free(hme_reader *r);
/* Push interface: feed any number of bytes; records are delivered as they complete. */
hme_code hme_reader_feed(hme_reader *r, const char *data, size_t len, hme_record_fn fn, void *ctx);
/* Delivers a trailing unterminated record, if any. */
hme_code hme_reader_finish(hme_reader *r, hme_record_fn fn, void *ctx);
/* Pull interface: reads fd to EOF in chunk_size reads (feed + finish). */
hme_code hme_reader_read_fd(hme_reader *r, int fd, hme_record_fn fn, void *ctx, hme_error *err);
/* Physical lines seen so far (including blank ones). */
uint64_t hme_reader_lines(const hme_reader *r);

#endif
