/* error.h - internal error helpers (zstd style). */
#ifndef HME_CORE_ERROR_H
#define HME_CORE_ERROR_H
#include "hme.h"

/* Fills *err (if not NULL) and returns code. printf-style message. */
hme_code hme_error_set(hme_error *err, hme_code code, uint64_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#define HME_RETURN_ERROR_IF(cond, err, code, ...) \
    do { if (cond) return hme_error_set((err), (code), 0, __VA_ARGS__); } while (0)
#define HME_FORWARD_IF_ERROR(expr) \
    do { hme_code hme_fwd_ = (expr); if (hme_fwd_ != HME_OK) return hme_fwd_; } while (0)

#endif
