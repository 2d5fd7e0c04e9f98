/* test_engine_judges.c - the scoring rules, exhaustively, through the judge path:
 * each of the 30 metrics of golden/v2/scores.ndjson, fed back as a judge file over the v2
 * dataset, must give exactly (bit for bit) its entry of golden/v2/effectiveness.json.
 * Then the determinism contract: the JSON document is byte-identical for shuffled rows,
 * 1/2/8 threads and reader chunks from 1 byte to 1 MiB, and the last --stream snapshot
 * equals the final result. */
#include "harness.h"
#include "text_buf.h"
#include "hme.h"
#include "read/json.h"

#define MAX_JUDGES 64

typedef struct judge_file { char name[64]; char *buf; size_t len, cap; } judge_file;
static judge_file judges[MAX_JUDGES];
static size_t n_judges;
static char *dataset;
static size_t dataset_len;
static hme_jval golden;
static hme_arena arena;

static void append(judge_file *j, const char *s, size_t n) {
    if (j->len + n + 1 > j->cap) { j->cap = (j->len + n + 1) * 2; j->buf = realloc(j->buf, j->cap); }
    memcpy(j->buf + j->len, s, n);
    j->len += n;
}

/* One judge file per metric, the score's original number text kept verbatim. */
static int build_judges(const char *scores_path) {
    size_t len;
    char *text = hme_t_slurp(scores_path, &len);
    if (!text) return 0;
    hme_arena line_arena;
    hme_arena_init(&line_arena, NULL, 0);
    for (char *line = text, *end; *line; line = end + 1) {
        end = strchr(line, '\n');
        if (!end) end = line + strlen(line);
        hme_arena_reset(&line_arena);
        hme_jval v;
        if (hme_json_parse(line, (size_t)(end - line), &line_arena, &v, NULL) != HME_OK) { CHECK(0); break; }
        const hme_jval *id = hme_json_get(&v, "response_id"), *scores = hme_json_get(&v, "scores");
        for (size_t m = 0; scores && m < scores->u.obj.n; m++) {
            const hme_jmember *mem = &scores->u.obj.members[m];
            size_t j = 0;
            while (j < n_judges && strcmp(judges[j].name, mem->key.ptr) != 0) j++;
            if (j == n_judges) snprintf(judges[n_judges++].name, 64, "%s", mem->key.ptr);
            char head[64];
            int n = snprintf(head, sizeof head, "{\"response_id\": %.*s, \"score\": ", (int)id->u.num.raw_len, id->u.num.raw);
            append(&judges[j], head, (size_t)n);
            append(&judges[j], mem->val.u.num.raw, mem->val.u.num.raw_len);
            append(&judges[j], "}\n", 2);
        }
        if (!*end) break;
    }
    hme_arena_free(&line_arena);
    free(text);
    return 1;
}

typedef struct snap_capture { hme_metric_result last[MAX_JUDGES]; size_t n; uint64_t calls; } snap_capture;
static void on_snapshot(void *ctx, const hme_result *r) {
    snap_capture *c = ctx;
    c->n = r->n_metrics;
    memcpy(c->last, r->metrics, r->n_metrics * sizeof *r->metrics);
    c->calls++;
}

/* Runs the 30 judges over data; returns the JSON document (caller frees). */
static char *run(const char *data, size_t len, unsigned threads, size_t chunk, snap_capture *snap,
                 const hme_result **keep, hme_engine **keep_engine) {
    hme_engine_options o;
    hme_engine_options_init(&o);
    o.metrics = "none";
    o.threads = threads;
    o.chunk_size = chunk;
    if (snap) { o.ctx = snap; o.on_snapshot = on_snapshot; }
    hme_engine *e = NULL;
    hme_error err;
    CHECK(hme_engine_new(&o, &e, &err) == HME_OK);
    if (!e) return NULL;
    for (size_t j = 0; j < n_judges; j++)
        CHECK(hme_engine_add_judge_buffer(e, judges[j].name, judges[j].name, judges[j].buf, judges[j].len, &err) == HME_OK);
    CHECK(hme_engine_read_buffer(e, "dataset", data, len, &err) == HME_OK);
    const hme_result *r = NULL;
    CHECK(hme_engine_finish(e, &r, &err) == HME_OK);
    text_buf out = { 0 };
    if (r) hme_report_json(r, (hme_sink){ text_buf_write, &out });
    if (keep) { *keep = r; *keep_engine = e; } else hme_engine_free(e);
    return out.p;
}

static void test_30_judges_match_golden(void) {
    const hme_result *r;
    hme_engine *e;
    char *doc = run(dataset, dataset_len, 1, 0, NULL, &r, &e);
    CHECK_EQ_INT(n_judges, 30);
    CHECK_EQ_INT(r->n_metrics, 30);
    CHECK_EQ_INT(r->prompts, 274);
    CHECK_EQ_INT(r->records, 3562);
    CHECK_EQ_INT(r->errors, 0);
    CHECK(r->format == HME_FORMAT_V2 && r->scoring == HME_SCORING_V2);
    size_t compared = 0;
    for (size_t m = 0; m < r->n_metrics; m++) {
        const hme_jval *g = hme_json_get(&golden, r->metrics[m].name);
        CHECK_MSG(g != NULL, "%s not in golden", r->metrics[m].name);
        if (!g) continue;
        for (size_t c = 0; c < HME_N_COLUMNS; c++) {
            const hme_jval *want = hme_json_get(g, hme_column_name(c));
            CHECK(want && want->type == HME_JNUM);
            if (!want) continue;
            hme_t_current = r->metrics[m].name;
            CHECK_EQ_BITS(r->metrics[m].columns[c], want->u.num.d);
            compared++;
        }
        CHECK_EQ_INT(r->metrics[m].prompts, (long long)hme_json_get(g, "prompts")->u.num.d);
    }
    hme_t_current = "test_30_judges_match_golden";
    CHECK_EQ_INT(compared, 30 * HME_N_COLUMNS);
    hme_engine_free(e);
    free(doc);
}

/* Fisher-Yates over the dataset's lines with a fixed LCG: rows of a prompt, references
 * included, arrive in a different order. */
static char *shuffled_dataset(unsigned seed) {
    size_t n = 0;
    for (size_t i = 0; i < dataset_len; i++) n += dataset[i] == '\n';
    const char **lines = malloc(n * sizeof *lines);
    size_t *lens = malloc(n * sizeof *lens), k = 0, start = 0;
    for (size_t i = 0; i < dataset_len; i++)
        if (dataset[i] == '\n') { lines[k] = dataset + start; lens[k++] = i - start + 1; start = i + 1; }
    uint64_t s = seed;
    for (size_t i = n - 1; i > 0; i--) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        size_t j = (size_t)((s >> 33) % (i + 1));
        const char *t = lines[i]; lines[i] = lines[j]; lines[j] = t;
        size_t tl = lens[i]; lens[i] = lens[j]; lens[j] = tl;
    }
    char *out = malloc(dataset_len + 1), *p = out;
    for (size_t i = 0; i < n; i++) { memcpy(p, lines[i], lens[i]); p += lens[i]; }
    *p = '\0';
    free(lines); free(lens);
    return out;
}

static void test_identical_for_order_threads_chunks(void) {
    char *base = run(dataset, dataset_len, 1, 0, NULL, NULL, NULL);
    CHECK(base && strstr(base, "\"prompts\":274"));
    char *shuffled = shuffled_dataset(12345);
    static const unsigned threads[] = { 1, 2, 8 };
    for (size_t t = 0; t < 3; t++) {
        char *doc = run(shuffled, dataset_len, threads[t], 0, NULL, NULL, NULL);
        CHECK_MSG(doc && base && strcmp(doc, base) == 0, "shuffled rows, %u threads differ", threads[t]);
        free(doc);
    }
    static const size_t chunks[] = { 1, 3, 64, 4096, 65537, (size_t)1 << 20 };
    for (size_t c = 0; c < sizeof chunks / sizeof *chunks; c++) {
        char *doc = run(c % 2 ? shuffled : dataset, dataset_len, c % 3 ? 2 : 1, chunks[c], NULL, NULL, NULL);
        CHECK_MSG(doc && base && strcmp(doc, base) == 0, "chunk size %zu differs", chunks[c]);
        free(doc);
    }
    free(shuffled);
    free(base);
}

static void test_last_snapshot_equals_final(void) {
    static const unsigned threads[] = { 1, 8 };
    for (size_t t = 0; t < 2; t++) {
        static snap_capture snap;
        memset(&snap, 0, sizeof snap);
        const hme_result *r;
        hme_engine *e;
        free(run(dataset, dataset_len, threads[t], 0, &snap, &r, &e));
        CHECK_EQ_INT(snap.calls, 274);
        CHECK_EQ_INT(snap.n, r->n_metrics);
        for (size_t m = 0; m < r->n_metrics && m < snap.n; m++) {
            CHECK_EQ_INT(snap.last[m].prompts, r->metrics[m].prompts);
            for (size_t c = 0; c < HME_N_COLUMNS; c++) CHECK_EQ_BITS(snap.last[m].columns[c], r->metrics[m].columns[c]);
        }
        hme_engine_free(e);
    }
}

int main(void) {
    const char *scores = hme_t_shared("golden/v2/scores.ndjson");
    const char *eff = hme_t_shared("golden/v2/effectiveness.json");
    const char *data = hme_t_shared("harmmetric/v2/dataset.jsonl");
    if (!scores || !eff || !data) return hme_t_summary();
    hme_arena_init(&arena, NULL, 0);
    size_t eff_len;
    char *eff_text = hme_t_slurp(eff, &eff_len);
    dataset = hme_t_slurp(data, &dataset_len);
    CHECK(eff_text && dataset && build_judges(scores));
    CHECK(eff_text && hme_json_parse(eff_text, eff_len, &arena, &golden, NULL) == HME_OK);
    if (hme_t_failed) return hme_t_summary();
    RUN(test_30_judges_match_golden);
    RUN(test_identical_for_order_threads_chunks);
    RUN(test_last_snapshot_equals_final);
    for (size_t j = 0; j < n_judges; j++) free(judges[j].buf);
    free(eff_text);
    free(dataset);
    hme_arena_free(&arena);
    return hme_t_summary();
}
