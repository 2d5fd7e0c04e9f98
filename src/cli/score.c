/* score.c - `hme score`: pair records in, one scores line out per record, input order. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"

static void usage(FILE *f) {
    fprintf(f,
        "usage: hme score [options] [FILE...]\n\n"
        "Reads records {\"id\"?: any, \"prediction\": str, \"reference\": str | \"references\": [str]}\n"
        "and prints, per record and in input order, {\"id\": <echoed>, \"scores\": {\"<metric>\": x}}.\n"
        "FILE '-' or none reads stdin.\n\n"
        "options:\n"
        "  --metrics LIST        comma-separated canonical metric names or 'all' (default)\n"
        "  --ref-reduce mean|max several references: mean of the scores (default), or the score\n"
        "                        of the reference that maximises the metric's key metric\n"
        "  --on-error skip|fail  bad records: report and skip (default), or stop\n"
        "  --nltk-data DIR       NLTK data (Punkt) directory\n"
        "  --wordnet DIR         WordNet 3.0 dictionary directory\n"
        "  --errors-out FILE   write each rejected record (input, line, reason, raw line) as NDJSON\n"
        "  --max-record-bytes N  reject longer records (default 67108864 = 64 MiB)\n"
        "  -h, --help            this help\n\n"
        "exit status: 0 done (rejected records reported on stderr); 1 a record was rejected under\n"
        "--on-error fail, an input could not be read, or a metric could not start; 2 bad command line.\n");
}

/* Score lines go to stdout as each record is scored. */
static hme_code read_input(void *scorer, const char *label, int fd, hme_error *err) {
    return hme_scorer_read_fd(scorer, label, fd, hme_cli_file_sink(stdout), err);
}

int hme_cli_score(int argc, char **argv) {
    hme_scorer_options o;
    hme_scorer_options_init(&o);
    char **files = calloc((size_t)argc, sizeof *files);
    size_t n_files = 0;
    int rc = HME_EXIT_USAGE;
    const char *errors_path = NULL;
    FILE *errors_file = NULL;
    hme_scorer *s = NULL;
    if (!files) { fprintf(stderr, "hme: out of memory\n"); return HME_EXIT_FAIL; }
    /* Hidden --chunk-size: the reader chunk size, so tests can prove any chunking gives the same result. */
    const hme_cli_common_opts common_opts = { &o.metrics, &o.nltk_data_dir, &o.wordnet_dir, &errors_path,
                                              &o.stop_on_error, &o.max_record_bytes, &o.chunk_size };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_VALUE() do { if (!v) { fprintf(stderr, "hme score: %s needs a value\n", a); goto done; } i++; } while (0)
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage(stdout); rc = HME_EXIT_OK; goto done; }
        int common = hme_cli_common_option("score", argc, argv, &i, &common_opts);
        if (common < 0) goto done;
        if (common) continue;
        if (!strcmp(a, "--ref-reduce")) {
            NEED_VALUE();
            if (!strcmp(v, "mean")) o.reduce = HME_REF_MEAN;
            else if (!strcmp(v, "max")) o.reduce = HME_REF_MAX;
            else { fprintf(stderr, "hme score: --ref-reduce wants mean or max\n"); goto done; }
        }
        else if (a[0] == '-' && a[1]) { fprintf(stderr, "hme score: unknown option '%s'\n", a); usage(stderr); goto done; }
        else files[n_files++] = argv[i];
#undef NEED_VALUE
    }
    rc = HME_EXIT_FAIL;
    if (errors_path) {
        if (!(errors_file = hme_cli_errors_out_open(errors_path))) goto done;
        o.on_reject = hme_cli_on_reject;
    }
    o.on_error = hme_cli_on_error;
    o.on_warning = hme_cli_on_warning;
    hme_error err = { HME_OK, 0, "" };
    if (hme_scorer_new(&o, &s, &err) != HME_OK) { fprintf(stderr, "hme: %s\n", err.msg); goto done; }
    if (!hme_cli_read_inputs(files, n_files, read_input, s)) goto done;
    rc = HME_EXIT_OK;
done:
    if (errors_file) { hme_cli_set_errors_out(NULL); if (fclose(errors_file) != 0) rc = HME_EXIT_FAIL; }
    hme_scorer_free(s);
    free(files);
    if (fflush(stdout) != 0) rc = HME_EXIT_FAIL;
    return rc;
}
