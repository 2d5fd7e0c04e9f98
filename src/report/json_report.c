/* json_report.c - the --json document, --stream snapshot lines and judge-file lines.
 * Compact, one line, keys in a fixed order so output is byte-comparable across runs. */
#include "report/sink.h"

#include <inttypes.h>

static void metric_object(const hme_metric_result *m, hme_sink s, bool with_signature) {
    sink_puts(s, "{");
    for (size_t c = 0; c < HME_N_COLUMNS; c++) {
        sink_printf(s, "%s\"%s\":", c ? "," : "", hme_column_name(c));
        sink_json_double(s, m->columns[c]);
    }
    sink_printf(s, ",\"prompts\":%" PRIu64, m->prompts);
    if (m->fallbacks) sink_printf(s, ",\"fallbacks\":%" PRIu64, m->fallbacks);
    if (with_signature && m->signature) {
        sink_puts(s, ",\"signature\":");
        sink_json_string(s, m->signature, strlen(m->signature));
    }
    sink_puts(s, "}");
}

static void metrics_map(const hme_metric_result *ms, size_t n, hme_sink s, bool with_signature) {
    sink_puts(s, "{");
    for (size_t i = 0; i < n; i++) {
        if (i) sink_puts(s, ",");
        sink_json_string(s, ms[i].name, strlen(ms[i].name));
        sink_puts(s, ":");
        metric_object(&ms[i], s, with_signature);
    }
    sink_puts(s, "}");
}

static const char *scoring_name(hme_scoring sc) { return sc == HME_SCORING_V1 ? "v1" : "v2"; }

static void dataset_object(const hme_result *r, hme_sink s) {
    sink_printf(s, "{\"format\":\"%s\",\"scoring\":\"%s\",\"prompts\":%" PRIu64 ",\"records\":%" PRIu64
                ",\"errors\":%" PRIu64, hme_format_name(r->format), scoring_name(r->scoring),
                r->prompts, r->records, r->errors);
    if (r->errors) { /* {"json":2,"duplicate":1}: only the reasons that occurred */
        sink_puts(s, ",\"errors_by_reason\":{");
        bool first = true;
        for (int c = 1; c < HME_ERR__COUNT; c++) {
            if (!r->errors_by_code[c]) continue;
            sink_printf(s, "%s\"%s\":%" PRIu64, first ? "" : ",", hme_code_name((hme_code)c), r->errors_by_code[c]);
            first = false;
        }
        sink_puts(s, "}");
    }
    sink_puts(s, "}");
}

/* Groups are sorted by (by, key): emit {"source":{"A":{metrics},...},"attack_method":{...}}. */
static void breakdown_object(const hme_result *r, hme_sink s) {
    sink_puts(s, "{");
    const char *open_by = NULL;
    for (size_t g = 0; g < r->n_groups; g++) {
        const hme_group_result *gr = &r->groups[g];
        if (!open_by || strcmp(open_by, gr->by) != 0) {
            if (open_by) sink_puts(s, "},");
            sink_json_string(s, gr->by, strlen(gr->by));
            sink_puts(s, ":{");
            open_by = gr->by;
        } else {
            sink_puts(s, ",");
        }
        sink_json_string(s, gr->key, strlen(gr->key));
        sink_puts(s, ":");
        metrics_map(gr->metrics, r->n_metrics, s, false);
    }
    if (open_by) sink_puts(s, "}");
    sink_puts(s, "}");
}

void hme_report_json(const hme_result *r, hme_sink s) {
    sink_puts(s, "{\"hme\":{\"version\":\"" HME_VERSION_STRING "\"},\"dataset\":");
    dataset_object(r, s);
    sink_puts(s, ",\"metrics\":");
    metrics_map(r->metrics, r->n_metrics, s, true);
    if (r->n_groups) {
        sink_puts(s, ",\"breakdown\":");
        breakdown_object(r, s);
    }
    sink_puts(s, "}\n");
}

void hme_report_snapshot(const hme_result *r, hme_sink s) {
    sink_puts(s, "{\"snapshot\":{\"prompts\":");
    sink_printf(s, "%" PRIu64 ",\"records\":%" PRIu64 ",\"errors\":%" PRIu64 "},\"metrics\":",
                r->prompts, r->records, r->errors);
    metrics_map(r->metrics, r->n_metrics, s, false);
    sink_puts(s, "}\n");
}

void hme_report_score_line(int64_t response_id, double score, hme_sink s) {
    sink_printf(s, "{\"response_id\": %" PRId64 ", \"score\": ", response_id);
    sink_json_double(s, score);
    sink_puts(s, "}\n");
}
