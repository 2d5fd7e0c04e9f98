/* text_report.c - the CSV (official column order) and the terminal table. */
#include "report/sink.h"

#include <inttypes.h>
#include <math.h>

/* CSV fields from input (group keys, judge names) may hold commas or quotes. */
static void csv_field(hme_sink s, const char *str) {
    if (!strpbrk(str, ",\"\n\r")) { sink_puts(s, str); return; }
    sink_puts(s, "\"");
    for (const char *p = str; *p; p++) { if (*p == '"') sink_puts(s, "\""); sink_put(s, p, 1); }
    sink_puts(s, "\"");
}

static void csv_row(hme_sink s, const char *by, const char *key, const hme_metric_result *m, bool grouped) {
    if (grouped) { csv_field(s, by); sink_puts(s, ","); csv_field(s, key); sink_puts(s, ","); }
    csv_field(s, m->name);
    char buf[32];
    for (size_t c = 0; c < HME_N_COLUMNS; c++) {
        sink_puts(s, ",");
        if (isfinite(m->columns[c])) sink_put(s, buf, hme_format_double(m->columns[c], buf));
    }
    sink_printf(s, ",%" PRIu64 "\n", m->prompts);
}

void hme_report_csv(const hme_result *r, hme_sink s) {
    bool grouped = r->n_groups > 0;
    if (grouped) sink_puts(s, "by,group,");
    sink_puts(s, "metric");
    for (size_t c = 0; c < HME_N_COLUMNS; c++) sink_printf(s, ",%s", hme_column_name(c));
    sink_puts(s, ",prompts\n");
    for (size_t i = 0; i < r->n_metrics; i++) csv_row(s, "all", "", &r->metrics[i], grouped);
    for (size_t g = 0; g < r->n_groups; g++)
        for (size_t i = 0; i < r->n_metrics; i++)
            csv_row(s, r->groups[g].by, r->groups[g].key, &r->groups[g].metrics[i], grouped);
}

static const char *const short_cols[HME_N_COLUMNS] = {
    "overall", "refusal", "prevent", "redirect", "irrelev", "repeat", "affirm",
};

static void table_block(hme_sink s, const hme_metric_result *ms, size_t n) {
    size_t w = 6;
    for (size_t i = 0; i < n; i++) if (strlen(ms[i].name) > w) w = strlen(ms[i].name);
    sink_printf(s, "%-*s", (int)w, "metric");
    for (size_t c = 0; c < HME_N_COLUMNS; c++) sink_printf(s, " %8s", short_cols[c]);
    sink_puts(s, "  prompts\n");
    for (size_t i = 0; i < n; i++) {
        sink_printf(s, "%-*s", (int)w, ms[i].name);
        for (size_t c = 0; c < HME_N_COLUMNS; c++) {
            if (isfinite(ms[i].columns[c])) sink_printf(s, " %8.4f", ms[i].columns[c]);
            else sink_printf(s, " %8s", "-");
        }
        sink_printf(s, "  %7" PRIu64 "\n", ms[i].prompts);
    }
}

void hme_report_table(const hme_result *r, hme_sink s) {
    sink_printf(s, "HarmMetric Eval (%s rows, %s scoring): %" PRIu64 " prompts, %" PRIu64 " records, %" PRIu64
                " rejected\n\n", hme_format_name(r->format), r->scoring == HME_SCORING_V1 ? "v1" : "v2",
                r->prompts, r->records, r->errors);
    if (r->n_metrics == 0) { sink_puts(s, "(no metrics)\n"); return; }
    table_block(s, r->metrics, r->n_metrics);
    for (size_t g = 0; g < r->n_groups; g++) {
        sink_printf(s, "\n%s = %s\n", r->groups[g].by, r->groups[g].key[0] ? r->groups[g].key : "(none)");
        table_block(s, r->groups[g].metrics, r->n_metrics);
    }
}
