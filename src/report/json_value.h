/* json_value.h - serialize a parsed JSON DOM value (compact). */
#ifndef HME_REPORT_JSON_VALUE_H
#define HME_REPORT_JSON_VALUE_H
#include "report/sink.h"
#include "read/json.h"

void sink_json_value(hme_sink s, const hme_jval *v);

#endif
