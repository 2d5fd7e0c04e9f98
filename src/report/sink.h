/* sink.h - small helpers the report writers use to emit text through an hme_sink. */
#ifndef HME_REPORT_SINK_H
#define HME_REPORT_SINK_H
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "hme.h"

static inline void sink_put(hme_sink s, const char *data, size_t len) { if (len) s.write(s.ctx, data, len); }
static inline void sink_puts(hme_sink s, const char *str) { sink_put(s, str, strlen(str)); }
__attribute__((format(printf, 2, 3)))
static inline void sink_printf(hme_sink s, const char *fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0) sink_put(s, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}
/* A JSON number for v, or null when v is not finite (JSON has no NaN). */
void sink_json_double(hme_sink s, double v);
/* A JSON string literal (quotes included), escaping per RFC 8259. */
void sink_json_string(hme_sink s, const char *str, size_t len);

#endif
