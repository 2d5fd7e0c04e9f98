/* eval.c - `hme eval`: options -> hme_engine_options, inputs -> the engine, result -> a
 * writer (table on a terminal, --json, --csv, --stream). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "read/json.h"

static void usage(FILE *f) {
    fprintf(f,
        "usage: hme eval [options] [FILE...]\n\n"
        "Scores a HarmMetric Eval dataset (v2 rows, one per response, or v1 rows, one per prompt;\n"
        "detected from the fields) with the official formula. FILE '-' or none reads stdin; with no\n"
        "FILE and stdin a terminal, the built-in sample dataset is used.\n\n"
        "options:\n"
        "  --metrics LIST      comma-separated canonical metric names, 'all' (default) or 'none'\n"
        "  --judge NAME=FILE   also score a judge's {\"response_id\",\"score\"} file (repeatable); a FILE\n"
        "                      argument holding such lines is a judge too, named after the file\n"
        "  --threads N         scoring threads (default 1)\n"
        "  --scoring v1|v2     formula (default: the dataset's format)\n"
        "  --by source|attack_method   add breakdown tables (repeatable)\n"
        "  --on-error skip|fail  bad records: report and skip (default), or stop\n"
        "  --json              print one JSON document\n"
        "  --csv               print CSV in the official column order\n"
        "  --stream            print an NDJSON snapshot after each completed prompt, then the document\n"
        "  --scores-out DIR    write per-response scores, one judge-format file per metric\n"
        "  --nltk-data DIR     NLTK data (Punkt) directory\n"
        "  --wordnet DIR       WordNet 3.0 dictionary directory\n"
        "  --errors-out FILE   write each rejected record (input, line, reason, raw line) as NDJSON\n"
        "  --max-record-bytes N  reject longer records (default 67108864 = 64 MiB)\n"
        "  --max-open-prompts N  prompts waiting for rows before the oldest is scored as is (default 100000)\n"
        "  -h, --help          this help\n\n"
        "exit status: 0 done (rejected records are reported on stderr and counted in\n"
        "dataset.errors); 1 a record was rejected under --on-error fail, an input could not be\n"
        "read, or a metric could not start; 2 bad command line.\n");
}

typedef enum { OUT_AUTO, OUT_TABLE, OUT_JSON, OUT_CSV } out_kind;

typedef struct scores_out {
    FILE **files;     /* one per result metric, opened lazily */
    size_t n;
    const char *dir;
    const char **names;
    bool failed;
} scores_out;

typedef struct eval_ctx {
    scores_out so;
    hme_sink out;
} eval_ctx;

static void on_snapshot(void *ctx, const hme_result *r) {
    eval_ctx *c = ctx;
    hme_report_snapshot(r, c->out);
}

/* Judge names are user text: keep file names to a safe alphabet. */
static void safe_name(const char *name, char *buf, size_t cap) {
    size_t o = 0;
    for (const char *p = name; *p && o + 1 < cap; p++)
        buf[o++] = (strchr("/\\", *p) || (unsigned char)*p < 0x20) ? '_' : *p;
    buf[o] = '\0';
}

static void on_score(void *ctx, size_t metric, int64_t response_id, double score) {
    eval_ctx *c = ctx;
    scores_out *so = &c->so;
    if (metric >= so->n || so->failed) return;
    if (!so->files[metric]) {
        char name[256], path[4096];
        safe_name(so->names[metric], name, sizeof name);
        snprintf(path, sizeof path, "%s/%s.ndjson", so->dir, name);
        so->files[metric] = fopen(path, "w");
        if (!so->files[metric]) { fprintf(stderr, "hme: %s: %s\n", path, strerror(errno)); so->failed = true; return; }
    }
    hme_report_score_line(response_id, score, hme_cli_file_sink(so->files[metric]));
}

static bool parse_judge(char *arg, char **name, char **file) {
    char *eq = strchr(arg, '=');
    if (!eq || eq == arg || !eq[1]) return false;
    *eq = '\0';
    *name = arg;
    *file = eq + 1;
    return true;
}

/* A FILE argument whose first record is {"response_id", "score"} (no "response") is a judge's
 * score file: it is scored like --judge NAME=FILE, NAME being the file name without its
 * directory and extension. Only regular files are looked at (stdin cannot be read twice). */
static bool is_judge_file(const char *path) {
    if (!strcmp(path, "-")) return false;
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return false;
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char line[65536];
    bool judge = false;
    while (fgets(line, sizeof line, f)) {
        size_t n = strlen(line), skip = 0;
        if (n >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) skip = 3;
        while (skip < n && strchr(" \t\r\n", line[skip])) skip++;
        if (skip == n) continue; /* blank line */
        hme_arena a;
        hme_arena_init(&a, NULL, 0);
        hme_jval v;
        if (hme_json_parse(line + skip, n - skip, &a, &v, NULL) == HME_OK && v.type == HME_JOBJ)
            judge = hme_json_get(&v, "response_id") && hme_json_get(&v, "score") && !hme_json_get(&v, "response");
        hme_arena_free(&a);
        break;
    }
    fclose(f);
    return judge;
}

/* "dir/my-judge.ndjson" -> "my-judge" (in buf). */
static const char *judge_name_of(const char *path, char *buf, size_t cap) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(buf, cap, "%s", base);
    char *dot = strrchr(buf, '.');
    if (dot && dot != buf) *dot = '\0';
    return buf;
}

static hme_code read_input(void *engine, const char *label, int fd, hme_error *err) {
    return hme_engine_read_fd(engine, label, fd, err);
}

int hme_cli_eval(int argc, char **argv) {
    hme_engine_options o;
    hme_engine_options_init(&o);
    out_kind kind = OUT_AUTO;
    bool stream = false;
    const char *scores_dir = NULL;
    char **judges = calloc((size_t)argc, sizeof *judges);
    char **files = calloc((size_t)argc, sizeof *files);
    char **judge_files = calloc((size_t)argc, sizeof *judge_files);
    size_t n_judges = 0, n_files = 0, n_judge_files = 0;
    int rc = HME_EXIT_USAGE;
    const char *errors_path = NULL;
    FILE *errors_file = NULL;
    hme_engine *e = NULL;
    eval_ctx ctx = { { 0 }, hme_cli_file_sink(stdout) };
    if (!judges || !files || !judge_files) { fprintf(stderr, "hme: out of memory\n"); goto done; }

    /* Hidden --chunk-size: the reader chunk size, so tests can prove any chunking gives the same result. */
    const hme_cli_common_opts common_opts = { &o.metrics, &o.nltk_data_dir, &o.wordnet_dir, &errors_path,
                                              &o.stop_on_error, &o.max_record_bytes, &o.chunk_size };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_VALUE() do { if (!v) { fprintf(stderr, "hme eval: %s needs a value\n", a); goto done; } i++; } while (0)
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage(stdout); rc = HME_EXIT_OK; goto done; }
        int common = hme_cli_common_option("eval", argc, argv, &i, &common_opts);
        if (common < 0) goto done;
        if (common) continue;
        if (!strcmp(a, "--judge")) {
            NEED_VALUE();
            judges[n_judges++] = argv[i];
            char *nm, *fl;
            char tmp[4096];
            snprintf(tmp, sizeof tmp, "%s", v);
            if (!parse_judge(tmp, &nm, &fl)) { fprintf(stderr, "hme eval: --judge wants NAME=FILE, got '%s'\n", v); goto done; }
        }
        else if (!strcmp(a, "--threads")) {
            NEED_VALUE();
            size_t n;
            if (!hme_cli_parse_size(v, &n) || n > 1024) { fprintf(stderr, "hme eval: --threads wants 1-1024\n"); goto done; }
            o.threads = (unsigned)n;
        }
        else if (!strcmp(a, "--scoring")) {
            NEED_VALUE();
            if (!strcmp(v, "v1")) o.scoring = HME_SCORING_V1;
            else if (!strcmp(v, "v2")) o.scoring = HME_SCORING_V2;
            else { fprintf(stderr, "hme eval: --scoring wants v1 or v2\n"); goto done; }
        }
        else if (!strcmp(a, "--by")) {
            NEED_VALUE();
            if (!strcmp(v, "source")) o.by |= HME_BY_SOURCE;
            else if (!strcmp(v, "attack_method")) o.by |= HME_BY_ATTACK_METHOD;
            else { fprintf(stderr, "hme eval: --by wants source or attack_method\n"); goto done; }
        }
        else if (!strcmp(a, "--json")) kind = OUT_JSON;
        else if (!strcmp(a, "--csv")) kind = OUT_CSV;
        else if (!strcmp(a, "--table")) kind = OUT_TABLE;
        else if (!strcmp(a, "--stream")) stream = true;
        else if (!strcmp(a, "--scores-out")) { NEED_VALUE(); scores_dir = v; }
        else if (!strcmp(a, "--max-open-prompts")) {
            NEED_VALUE();
            if (!hme_cli_parse_size(v, &o.max_open_prompts)) { fprintf(stderr, "hme eval: --max-open-prompts wants a count > 0\n"); goto done; }
        }
        else if (a[0] == '-' && a[1]) { fprintf(stderr, "hme eval: unknown option '%s'\n", a); usage(stderr); goto done; }
        else files[n_files++] = argv[i];
#undef NEED_VALUE
    }
    /* Judge score files given as FILE arguments become judges; the rest are the dataset. */
    size_t n_data = 0;
    for (size_t f = 0; f < n_files; f++) {
        if (is_judge_file(files[f])) judge_files[n_judge_files++] = files[f];
        else files[n_data++] = files[f];
    }
    if (n_judge_files && !n_data) {
        fprintf(stderr, "hme eval: only judge score files given: the dataset (v1 or v2 rows) is needed too\n");
        goto done;
    }
    n_files = n_data;
    if (kind == OUT_AUTO) kind = (stream || !isatty(STDOUT_FILENO)) ? OUT_JSON : OUT_TABLE;
    if (stream && kind != OUT_JSON) { fprintf(stderr, "hme eval: --stream prints JSON; drop --csv/--table\n"); goto done; }
    if (scores_dir) {
        struct stat st;
        if (stat(scores_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            fprintf(stderr, "hme eval: --scores-out %s: not a directory\n", scores_dir);
            goto done;
        }
    }

    rc = HME_EXIT_FAIL;
    if (errors_path) {
        if (!(errors_file = hme_cli_errors_out_open(errors_path))) goto done;
        o.on_reject = hme_cli_on_reject;
    }
    o.ctx = &ctx;
    o.on_error = hme_cli_on_error;
    o.on_warning = hme_cli_on_warning;
    if (stream) o.on_snapshot = on_snapshot;
    if (scores_dir) o.on_score = on_score;
    hme_error err = { HME_OK, 0, "" };
    if (hme_engine_new(&o, &e, &err) != HME_OK) { fprintf(stderr, "hme: %s\n", err.msg); goto done; }
    for (size_t j = 0; j < n_judges + n_judge_files; j++) {
        char *name = NULL, *file = NULL;
        char name_buf[256];
        if (j < n_judges) parse_judge(judges[j], &name, &file);
        else { file = judge_files[j - n_judges]; name = (char *)judge_name_of(file, name_buf, sizeof name_buf); }
        int fd = hme_cli_open(file);
        if (fd < 0) goto done;
        hme_code c = hme_engine_add_judge_fd(e, name, file, fd, &err);
        if (fd != STDIN_FILENO) close(fd);
        if (c != HME_OK) {
            if (c != err.code || !err.line) fprintf(stderr, "hme: %s: %s\n", file, err.msg);
            goto done;
        }
    }
    if (scores_dir) {
        size_t n = 0;
        while (hme_engine_metric_name(e, n)) n++;
        ctx.so.dir = scores_dir;
        ctx.so.files = calloc(n ? n : 1, sizeof *ctx.so.files);
        ctx.so.names = calloc(n ? n : 1, sizeof *ctx.so.names);
        if (!ctx.so.files || !ctx.so.names) { fprintf(stderr, "hme: out of memory\n"); goto done; }
        for (size_t m = 0; m < n; m++) ctx.so.names[m] = hme_engine_metric_name(e, m);
        ctx.so.n = n;
    }
    if (n_files == 0 && isatty(STDIN_FILENO)) {
        fprintf(stderr, "hme: no input given and stdin is a terminal: evaluating the built-in sample dataset "
                        "(hme eval --help for usage)\n");
        if (hme_engine_read_buffer(e, "sample", (const char *)hme_sample_data, hme_sample_data_len, &err) != HME_OK) {
            if (!err.line) fprintf(stderr, "hme: sample: %s\n", err.msg);
            goto done;
        }
    } else {
        if (!hme_cli_read_inputs(files, n_files, read_input, e)) goto done;
    }
    const hme_result *r;
    if (hme_engine_finish(e, &r, &err) != HME_OK) { fprintf(stderr, "hme: %s\n", err.msg); goto done; }
    if (kind == OUT_JSON) hme_report_json(r, ctx.out);
    else if (kind == OUT_CSV) hme_report_csv(r, ctx.out);
    else hme_report_table(r, ctx.out);
    rc = ctx.so.failed ? HME_EXIT_FAIL : HME_EXIT_OK;
done:
    if (errors_file) { hme_cli_set_errors_out(NULL); if (fclose(errors_file) != 0) rc = HME_EXIT_FAIL; }
    for (size_t m = 0; m < ctx.so.n; m++) if (ctx.so.files[m] && fclose(ctx.so.files[m]) != 0) rc = HME_EXIT_FAIL;
    free(ctx.so.files);
    free(ctx.so.names);
    hme_engine_free(e);
    free(judges);
    free(judge_files);
    free(files);
    if (fflush(stdout) != 0) rc = HME_EXIT_FAIL;
    return rc;
}
