/* json_value.c - writes a parsed JSON value back out (hme score echoes each record's "id"
 * as given). Numbers keep their original text. */
#include "report/json_value.h"

void sink_json_value(hme_sink s, const hme_jval *v) {
    switch (v->type) {
    case HME_JNULL: sink_puts(s, "null"); break;
    case HME_JBOOL: sink_puts(s, v->u.b ? "true" : "false"); break;
    case HME_JNUM: sink_put(s, v->u.num.raw, v->u.num.raw_len); break;
    case HME_JSTR: sink_json_string(s, v->u.str.ptr, v->u.str.len); break;
    case HME_JARR:
        sink_puts(s, "[");
        for (size_t i = 0; i < v->u.arr.n; i++) { if (i) sink_puts(s, ","); sink_json_value(s, &v->u.arr.items[i]); }
        sink_puts(s, "]");
        break;
    case HME_JOBJ:
        sink_puts(s, "{");
        for (size_t i = 0; i < v->u.obj.n; i++) {
            if (i) sink_puts(s, ",");
            sink_json_string(s, v->u.obj.members[i].key.ptr, v->u.obj.members[i].key.len);
            sink_puts(s, ":");
            sink_json_value(s, &v->u.obj.members[i].val);
        }
        sink_puts(s, "}");
        break;
    }
}
