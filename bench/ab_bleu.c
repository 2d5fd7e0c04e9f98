// ab_bleu.c - two builds of src/metric/bleu.c side by side in one process (see ab_bleu.sh):
// the old one's symbols renamed ab_old_*, the new one's as they are. Every v2 prompt's
// reference index and 12 pairs are run by both, back to back, the order alternating from
// prompt to prompt and round to round, timed with rdtsc. On a machine whose clock wanders
// between runs (this one: +-30%), only a comparison made this way is worth a few percent.
// Also counts the pairs where the two disagree in any bit (they must not).
// Input: ab_bleu.sh's pairs file, one text per line: "R\t" reference or "H\t" response,
// tokens separated by 0x1f; a response belongs to the reference above it.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <x86intrin.h>
#include "metric/bleu.h"

hme_bleu_ref *ab_old_hme_bleu_ref_build(const hme_str *tok, size_t n, hme_arena *arena);
double ab_old_hme_bleu_score(const hme_bleu_ref *ref, const hme_str *hyp, size_t n, hme_arena *scratch);

typedef struct text { hme_str *t; size_t n; } text;
typedef struct prompt { text ref; text hyp[64]; int nh; } prompt;

static text split(char *s) {
    size_t n = 1;
    for (char *c = s; *c; c++) n += *c == 0x1f;
    text x = { malloc(n * sizeof(hme_str)), 0 };
    char *start = s;
    for (char *c = s;; c++)
        if (*c == 0x1f || *c == 0) {
            int end = *c == 0;
            *c = 0;
            x.t[x.n++] = (hme_str){ start, (size_t)(c - start) };
            start = c + 1;
            if (end) break;
        }
    return x;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: ab_bleu PAIRS_FILE [ROUNDS]\n"); return 2; }
    int rounds = argc > 2 ? atoi(argv[2]) : 10;
    FILE *f = fopen(argv[1], "r");
    if (!f) { perror(argv[1]); return 1; }
    static prompt ps[1000];
    int np = 0, pairs = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] == '\n') line[--len] = 0;
        if (len < 2) continue;
        text t = split(strdup(line + 2));
        if (line[0] == 'R' && np < 1000) { ps[np].ref = t; ps[np++].nh = 0; }
        else if (line[0] == 'H' && np > 0 && ps[np - 1].nh < 64) { ps[np - 1].hyp[ps[np - 1].nh++] = t; pairs++; }
    }
    fclose(f);
    hme_arena a, s;
    hme_arena_init(&a, NULL, 0);
    hme_arena_init(&s, NULL, 0);
    long differ = 0;
    for (int p = 0; p < np; p++) {
        hme_bleu_ref *ro = ab_old_hme_bleu_ref_build(ps[p].ref.t, ps[p].ref.n, &a);
        hme_bleu_ref *rn = hme_bleu_ref_build(ps[p].ref.t, ps[p].ref.n, &a);
        for (int h = 0; h < ps[p].nh; h++) {
            double x = ab_old_hme_bleu_score(ro, ps[p].hyp[h].t, ps[p].hyp[h].n, &s);
            double y = hme_bleu_score(rn, ps[p].hyp[h].t, ps[p].hyp[h].n, &s);
            differ += memcmp(&x, &y, sizeof x) != 0;
            hme_arena_reset(&s);
        }
        hme_arena_reset(&a);
    }
    unsigned long long t_old = 0, t_new = 0, ref_old = 0, ref_new = 0;
    double sink = 0;
    for (int r = 0; r < rounds; r++)
        for (int p = 0; p < np; p++)
            for (int side = 0; side < 2; side++) {
                int old = (side ^ (p & 1) ^ (r & 1)) == 0;
                unsigned long long t0 = __rdtsc();
                hme_bleu_ref *ref = old ? ab_old_hme_bleu_ref_build(ps[p].ref.t, ps[p].ref.n, &a)
                                        : hme_bleu_ref_build(ps[p].ref.t, ps[p].ref.n, &a);
                unsigned long long t1 = __rdtsc();
                for (int h = 0; h < ps[p].nh; h++) {
                    sink += old ? ab_old_hme_bleu_score(ref, ps[p].hyp[h].t, ps[p].hyp[h].n, &s)
                                : hme_bleu_score(ref, ps[p].hyp[h].t, ps[p].hyp[h].n, &s);
                    hme_arena_reset(&s);
                }
                unsigned long long t2 = __rdtsc();
                hme_arena_reset(&a);
                if (old) { t_old += t2 - t0; ref_old += t1 - t0; }
                else { t_new += t2 - t0; ref_new += t1 - t0; }
            }
    double n = (double)rounds * pairs;
    printf("%d prompts, %d pairs, %d rounds (rdtsc ticks per pair, reference index included)\n", np, pairs, rounds);
    printf("old %8.1f  (index %6.1f)\nnew %8.1f  (index %6.1f)\nnew/old %.3f   pairs that differ: %ld\n",
           t_old / n, ref_old / n, t_new / n, ref_new / n, (double)t_new / (double)t_old, differ);
    volatile double keep = sink;   /* the scores are used: the calls cannot be dropped */
    (void)keep;
    return differ != 0;
}
