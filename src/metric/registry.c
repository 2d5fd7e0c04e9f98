/* registry.c - the list of metric families, in canonical output order. */
#include "metric/metric.h"

#include <string.h>

extern const hme_family hme_family_keyword; /* gcg, autodan            (keyword.c) */
extern const hme_family hme_family_nltk;    /* meteor, bleu            (nltk.c)    */
extern const hme_family hme_family_squad;   /* f1                      (squad_f1.c) */
extern const hme_family hme_family_tfidf;   /* cosine                  (tfidf_cosine.c) */
extern const hme_family hme_family_rouge;   /* rouge1..rougeLsum x 6   (rouge.c)   */

static const hme_family *const families[] = {
    &hme_family_keyword, &hme_family_nltk, &hme_family_squad, &hme_family_tfidf, &hme_family_rouge,
};

size_t hme_family_count(void) { return sizeof families / sizeof families[0]; }

const hme_family *hme_family_at(size_t i) { return i < hme_family_count() ? families[i] : NULL; }

bool hme_metric_lookup(const char *name, size_t len, const hme_family **family, size_t *index) {
    for (size_t f = 0; f < hme_family_count(); f++) {
        const hme_family *fam = families[f];
        for (size_t i = 0; i < fam->n_metrics; i++) {
            const char *m = fam->metric_names[i];
            if (strlen(m) == len && memcmp(m, name, len) == 0) {
                if (family) *family = fam;
                if (index) *index = i;
                return true;
            }
        }
    }
    return false;
}

size_t hme_metric_count(void) {
    size_t n = 0;
    for (size_t f = 0; f < hme_family_count(); f++) n += families[f]->n_metrics;
    return n;
}

const char *hme_metric_name_at(size_t i, const hme_family **family, size_t *index) {
    for (size_t f = 0; f < hme_family_count(); f++) {
        const hme_family *fam = families[f];
        if (i < fam->n_metrics) {
            if (family) *family = fam;
            if (index) *index = i;
            return fam->metric_names[i];
        }
        i -= fam->n_metrics;
    }
    return NULL;
}
