/* main.c - the hme command: dispatches to a subcommand. Argument parsing only; all the
 * work is libhme's (include/hme.h). */
#include <stdio.h>
#include <string.h>
#include "hme.h"
#include "cli/cli.h"

static void usage(FILE *f) {
    fprintf(f,
        "usage: hme <command> [options]\n\n"
        "commands:\n"
        "  eval    score a HarmMetric Eval dataset (v1/v2 rows) with metrics and judges\n"
        "  score   score reference/prediction pairs, one output line per input line\n\n"
        "hme <command> --help shows the command's options; hme --version prints the version.\n");
}

int main(int argc, char **argv) {
    if (argc < 2) { usage(stderr); return HME_EXIT_USAGE; }
    if (!strcmp(argv[1], "eval")) return hme_cli_eval(argc - 1, argv + 1);
    if (!strcmp(argv[1], "score")) return hme_cli_score(argc - 1, argv + 1);
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) { usage(stdout); return 0; }
    if (!strcmp(argv[1], "--version")) { printf("hme %s\n", hme_version()); return 0; }
    fprintf(stderr, "hme: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return HME_EXIT_USAGE;
}
