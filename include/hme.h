/* hme.h - public API of libhme, the HarmMetric Eval engine.
 *
 * Conventions (after yyjson/zstd):
 *  - every symbol is prefixed hme_ / HME_;
 *  - handles are opaque; hme_*_free(NULL) is a no-op;
 *  - errors are an hme_code return plus an optional hme_error out-parameter
 *    (NULL allowed) carrying code, message and the 1-based input line;
 *  - the library never prints, never exits and never aborts;
 *  - allocation goes through an hme_allocator (NULL = mimalloc).
 */
#ifndef HME_H
#define HME_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HME_VERSION_MAJOR 0
#define HME_VERSION_MINOR 1
#define HME_VERSION_PATCH 0
#define HME_VERSION_STRING "0.1.0"

/* Returns HME_VERSION_STRING of the library actually linked. Thread-safe. */
const char *hme_version(void);

/* ---- errors ------------------------------------------------------------ */
typedef enum hme_code {
    HME_OK = 0,
    HME_ERR_NOMEM,      /* allocation failed */
    HME_ERR_IO,         /* read/write/open failed */
    HME_ERR_JSON,       /* malformed JSON */
    HME_ERR_UTF8,       /* invalid UTF-8 or invalid \u escape */
    HME_ERR_FIELD,      /* missing field or field of the wrong type */
    HME_ERR_SLOT,       /* unknown slot / response category */
    HME_ERR_DUPLICATE,  /* duplicate response_id */
    HME_ERR_SCORE,      /* judge score not a finite number */
    HME_ERR_TOO_LONG,   /* record over the size limit */
    HME_ERR_ARG,        /* bad argument / option */
    HME_ERR_DATA,       /* a data file (Punkt, WordNet) missing or unreadable */
    HME_ERR_METRIC,     /* unknown metric name */
    HME_ERR_FORMAT,     /* input format not recognised / mixed */
    HME_ERR__COUNT
} hme_code;

typedef struct hme_error {
    hme_code code;
    uint64_t line;      /* 1-based input line, 0 when not tied to a line */
    char msg[256];      /* NUL-terminated, human readable */
} hme_error;

/* Stable lowercase name of a code ("json", "utf8", ...), used in reports. */
const char *hme_code_name(hme_code code);

/* ---- allocation -------------------------------------------------------- */
typedef struct hme_allocator {
    void *(*malloc)(void *ctx, size_t size);
    void *(*realloc)(void *ctx, void *ptr, size_t size);
    void (*free)(void *ctx, void *ptr);
    void *ctx;
} hme_allocator;

#ifdef __cplusplus
}
#endif
#endif /* HME_H */
