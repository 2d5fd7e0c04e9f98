/* metric_set.h - the metrics a run asked for (--metrics), grouped by family, with each
 * family opened once per process. Output order is the canonical order (registry.c). */
#ifndef HME_ENGINE_METRIC_SET_H
#define HME_ENGINE_METRIC_SET_H
#include <stdbool.h>
#include <stddef.h>
#include "metric/metric.h"

#define HME_MAX_FAMILIES 16
#define HME_MAX_FAMILY_METRICS 32
#define HME_MAX_METRICS 64

typedef struct hme_family_use {
    const hme_family *fam;
    void *shared;                              /* from open() */
    bool opened;
    bool want[HME_MAX_FAMILY_METRICS];         /* metric i of the family was asked for */
    size_t out[HME_MAX_FAMILY_METRICS];        /* its index in the set's output order */
} hme_family_use;

typedef struct hme_metric_set {
    hme_family_use fams[HME_MAX_FAMILIES];     /* only families with a wanted metric */
    size_t n_fams;
    size_t n_metrics;
    const char *names[HME_MAX_METRICS];
    const char *signatures[HME_MAX_METRICS];
    size_t fam_of[HME_MAX_METRICS];            /* index into fams */
    size_t idx_of[HME_MAX_METRICS];            /* metric index inside the family */
} hme_metric_set;

/* list: NULL or "all" = every metric, "none" = no metric, else comma-separated canonical
 * names (repeats ignored). Opens the families needed. On error nothing stays open. */
hme_code hme_metric_set_open(hme_metric_set *ms, const char *list, const hme_metric_config *cfg, hme_error *err);
void hme_metric_set_close(hme_metric_set *ms);

#endif
