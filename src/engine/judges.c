/* judges.c - the judges of a run (--judge NAME=FILE): each a response_id -> score map,
 * complete before any dataset row is read so workers only ever read it. */
#include "engine/engine_impl.h"

#include <stdio.h>
#include <string.h>
#include "core/alloc.h"
#include "core/error.h"

hme_code hme_judges_add(struct hme_engine *e, const char *name, const char *label, hme_judge **out, hme_error *err) {
    HME_RETURN_ERROR_IF(!name || !*name, err, HME_ERR_ARG, "a judge needs a name");
    HME_RETURN_ERROR_IF(e->counters, err, HME_ERR_ARG, "judges must be added before the dataset is read");
    for (size_t m = 0; m < e->ms.n_metrics; m++)
        HME_RETURN_ERROR_IF(strcmp(e->ms.names[m], name) == 0, err, HME_ERR_ARG,
                            "judge name \"%s\" is also a requested metric", name);
    for (size_t j = 0; j < e->n_judges; j++)
        HME_RETURN_ERROR_IF(strcmp(e->judges[j].name, name) == 0, err, HME_ERR_ARG, "judge \"%s\" given twice", name);
    HME_RETURN_ERROR_IF(e->ms.n_metrics + e->n_judges >= HME_MAX_METRICS * 4, err, HME_ERR_ARG, "too many judges");
    hme_judge *nj = hme_realloc(e->al, e->judges, (e->n_judges + 1) * sizeof *nj);
    HME_RETURN_ERROR_IF(!nj, err, HME_ERR_NOMEM, "out of memory");
    e->judges = nj;
    hme_judge *j = &nj[e->n_judges];
    memset(j, 0, sizeof *j);
    j->name = hme_strndup(e->al, name, strlen(name));
    char sig[512];
    snprintf(sig, sizeof sig, "judge|file:%s|hme-%s", label ? label : "-", HME_VERSION_STRING);
    j->signature = hme_strndup(e->al, sig, strlen(sig));
    hme_id_map_init(&j->scores, e->al);
    if (!j->name || !j->signature) {
        hme_free(e->al, j->name); hme_free(e->al, j->signature);
        return hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory");
    }
    e->n_judges++;
    *out = j;
    return HME_OK;
}

void hme_judges_free(struct hme_engine *e) {
    for (size_t j = 0; j < e->n_judges; j++) {
        hme_free(e->al, e->judges[j].name);
        hme_free(e->al, e->judges[j].signature);
        hme_id_map_free(&e->judges[j].scores);
    }
    hme_free(e->al, e->judges);
    e->judges = NULL;
    e->n_judges = 0;
}
