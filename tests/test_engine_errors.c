/* test_engine_errors.c - bad records never crash and never silently disappear: a stream
 * with malformed lines interleaved among the sample's valid rows gives the clean stream's
 * results, every bad line reaches on_reject (what --errors-out writes) byte for byte with
 * its line number, and the summary counts them by reason. */
#include "harness.h"
#include "hme.h"

#include <stdlib.h>

typedef struct buf { char *p; size_t len, cap; } buf;
static void buf_add(buf *b, const char *d, size_t n) {
    if (b->len + n + 1 > b->cap) { b->cap = (b->len + n + 1) * 2; b->p = realloc(b->p, b->cap); }
    memcpy(b->p + b->len, d, n);
    b->len += n;
    b->p[b->len] = '\0';
}
static void sink_write(void *ctx, const char *d, size_t n) { buf_add(ctx, d, n); }

typedef struct bad { const char *text; size_t len; hme_code code; } bad;
static const char long_prefix[] = "{\"harmful_prompt\": \"";

#define MAX_REJECTS 64
typedef struct rejects { size_t n; uint64_t line[MAX_REJECTS]; hme_code code[MAX_REJECTS]; buf raw[MAX_REJECTS]; } rejects;
static void on_reject(void *ctx, const char *input, const hme_error *err, const char *raw, size_t len) {
    rejects *r = ctx;
    (void)input;
    if (r->n == MAX_REJECTS) return;
    r->line[r->n] = err->line;
    r->code[r->n] = err->code;
    buf_add(&r->raw[r->n], raw, len);
    r->n++;
}

static char *metrics_json(const char *data, size_t len, rejects *rj, const hme_result **keep, hme_engine **eng) {
    hme_engine_options o;
    hme_engine_options_init(&o);
    o.metrics = "gcg,autodan,f1,rouge1,cosine";
    o.max_record_bytes = 4096;
    o.ctx = rj;
    o.on_reject = on_reject;
    hme_error err;
    if (hme_engine_new(&o, eng, &err) != HME_OK) { CHECK_MSG(0, "%s", err.msg); return NULL; }
    CHECK(hme_engine_read_buffer(*eng, "t", data, len, &err) == HME_OK);
    CHECK(hme_engine_finish(*eng, keep, &err) == HME_OK);
    buf out = { 0 };
    if (*keep) hme_report_json(*keep, (hme_sink){ sink_write, &out });
    /* the "metrics" object is what the valid rows decide */
    char *m = out.p ? strstr(out.p, "\"metrics\":") : NULL;
    char *r = m ? strdup(m) : NULL;
    free(out.p);
    return r;
}

static void interleaved_bad_lines(void) {
    char big[6000];
    memcpy(big, long_prefix, sizeof long_prefix - 1);
    memset(big + sizeof long_prefix - 1, 'x', sizeof big - sizeof long_prefix + 1);
    const bad bads[] = {
        { "{\"prompt_id\": 1, ", 0, HME_ERR_JSON },                                          /* malformed */
        { "{\"harmful_prompt\": \"p\", \"response\": 7, \"response_category\": \"harmful response\", "
          "\"attack_method\": \"\", \"source\": \"s\", \"prompt_id\": 1, \"response_id\": 101}", 0, HME_ERR_FIELD },
        { "{\"harmful_prompt\": \"p\", \"response\": \"r\", \"response_category\": \"harmful response\", "
          "\"attack_method\": \"\", \"source\": \"s\", \"prompt_id\": 1, \"response_id\": 177}", 0, HME_ERR_SLOT },
        { "{\"harmful_prompt\": \"\\ud800\", \"response\": \"r\"}", 0, HME_ERR_UTF8 },          /* lone surrogate */
        { "\xff\xfe\"not utf8\"", 0, HME_ERR_JSON },
        { big, sizeof big, HME_ERR_TOO_LONG },                                                 /* over 4096 bytes */
        { "[1, 2, 3]", 0, HME_ERR_FORMAT },                                                  /* not a record */
    };
    const size_t n_bad = sizeof bads / sizeof bads[0];
    /* split the sample into lines */
    const char *d = (const char *)hme_sample_data;
    size_t n_lines = 0, starts[512] = { 0 }, lens[512] = { 0 };
    for (size_t off = 0; off < hme_sample_data_len && n_lines < 512;) {
        const char *nl = memchr(d + off, '\n', hme_sample_data_len - off);
        size_t end = nl ? (size_t)(nl - d) : hme_sample_data_len;
        starts[n_lines] = off; lens[n_lines] = end - off; n_lines++;
        off = end + 1;
    }
    CHECK(n_lines >= 156);
    /* dirty stream: a bad line after every 20th row, plus a duplicate of row 3 at the end */
    buf dirty = { 0 };
    uint64_t line = 0, expect_line[16];
    const char *expect_raw[16]; size_t expect_len[16]; hme_code expect_code[16];
    size_t n_expect = 0, next_bad = 0;
    for (size_t i = 0; i < n_lines; i++) {
        buf_add(&dirty, d + starts[i], lens[i]); buf_add(&dirty, "\n", 1); line++;
        if (i % 20 == 19 && next_bad < n_bad) {
            const bad *b = &bads[next_bad++];
            size_t len = b->len ? b->len : strlen(b->text);
            buf_add(&dirty, b->text, len); buf_add(&dirty, "\r\n", 2); line++;
            expect_line[n_expect] = line; expect_code[n_expect] = b->code;
            expect_raw[n_expect] = b->text; expect_len[n_expect] = b->code == HME_ERR_TOO_LONG ? 4096 : len;
            n_expect++;
        }
    }
    buf_add(&dirty, d + starts[3], lens[3]); buf_add(&dirty, "\n", 1); line++;
    expect_line[n_expect] = line; expect_code[n_expect] = HME_ERR_DUPLICATE;
    expect_raw[n_expect] = d + starts[3]; expect_len[n_expect] = lens[3]; n_expect++;
    CHECK_EQ_INT(next_bad, n_bad);

    rejects clean_r = { 0 }, dirty_r = { 0 };
    const hme_result *rc = NULL, *rd = NULL;
    hme_engine *ec = NULL, *ed = NULL;
    char *clean = metrics_json((const char *)hme_sample_data, hme_sample_data_len, &clean_r, &rc, &ec);
    char *dirt = metrics_json(dirty.p, dirty.len, &dirty_r, &rd, &ed);
    CHECK_EQ_INT(clean_r.n, 0);
    CHECK_MSG(clean && dirt && strcmp(clean, dirt) == 0, "valid rows must give the clean stream's metrics");
    CHECK_EQ_INT(dirty_r.n, n_expect);
    for (size_t i = 0; i < n_expect && i < dirty_r.n; i++) {
        CHECK_EQ_INT(dirty_r.line[i], expect_line[i]);
        CHECK_MSG(dirty_r.code[i] == expect_code[i], "reject %zu: code %s, want %s", i, hme_code_name(dirty_r.code[i]), hme_code_name(expect_code[i]));
        CHECK_MSG(dirty_r.raw[i].len == expect_len[i] && memcmp(dirty_r.raw[i].p, expect_raw[i], expect_len[i]) == 0,
                  "raw bytes of rejected line %zu", i);
    }
    if (rd && rc) {
        CHECK_EQ_INT(rd->records, rc->records);
        CHECK_EQ_INT(rd->errors, n_expect);
        uint64_t by_code_total = 0;
        for (int c = 0; c < HME_ERR__COUNT; c++) by_code_total += rd->errors_by_code[c];
        CHECK_EQ_INT(by_code_total, n_expect);
        CHECK_EQ_INT(rd->errors_by_code[HME_ERR_JSON], 2);
        CHECK_EQ_INT(rd->errors_by_code[HME_ERR_DUPLICATE], 1);
        CHECK_EQ_INT(rd->errors_by_code[HME_ERR_TOO_LONG], 1);
    }
    hme_engine_free(ec); hme_engine_free(ed);
    for (size_t i = 0; i < dirty_r.n; i++) free(dirty_r.raw[i].p);
    free(clean); free(dirt); free(dirty.p);
}

int main(void) {
    RUN(interleaved_bad_lines);
    return hme_t_summary();
}
