#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>

static const char *const code_names[HME_ERR__COUNT] = {
    [HME_OK] = "ok",           [HME_ERR_NOMEM] = "nomem",   [HME_ERR_IO] = "io",
    [HME_ERR_JSON] = "json",   [HME_ERR_UTF8] = "utf8",     [HME_ERR_FIELD] = "field",
    [HME_ERR_SLOT] = "slot",   [HME_ERR_DUPLICATE] = "duplicate", [HME_ERR_SCORE] = "score",
    [HME_ERR_TOO_LONG] = "too_long", [HME_ERR_ARG] = "arg", [HME_ERR_DATA] = "data",
    [HME_ERR_METRIC] = "metric", [HME_ERR_FORMAT] = "format",
};

const char *hme_code_name(hme_code code) {
    if ((unsigned)code >= HME_ERR__COUNT) return "unknown";
    return code_names[code];
}

hme_code hme_error_set(hme_error *err, hme_code code, uint64_t line, const char *fmt, ...) {
    if (err) {
        err->code = code;
        err->line = line;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

const char *hme_version(void) { return HME_VERSION_STRING; }
