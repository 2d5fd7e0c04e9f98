/* metric_set.c - parse --metrics, open the families it needs. */
#include "engine/metric_set.h"

#include <string.h>
#include "core/error.h"

static hme_code mark_wanted(bool wanted[HME_MAX_METRICS], const char *list, hme_error *err) {
    size_t total = hme_metric_count();
    if (!list || strcmp(list, "all") == 0) {
        for (size_t i = 0; i < total; i++) wanted[i] = true;
        return HME_OK;
    }
    if (strcmp(list, "none") == 0) return HME_OK;
    for (const char *p = list; *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        bool found = false;
        for (size_t i = 0; i < total && !found; i++) {
            const char *name = hme_metric_name_at(i, NULL, NULL);
            if (strlen(name) == len && memcmp(name, p, len) == 0) { wanted[i] = true; found = true; }
        }
        if (!found)
            return hme_error_set(err, HME_ERR_METRIC, 0, "unknown metric \"%.*s\" (see --help for the 30 names)",
                                 (int)(len > 80 ? 80 : len), p);
        p += len;
        if (*p == ',') p++;
    }
    return HME_OK;
}

hme_code hme_metric_set_open(hme_metric_set *ms, const char *list, const hme_metric_config *cfg, hme_error *err) {
    memset(ms, 0, sizeof *ms);
    bool wanted[HME_MAX_METRICS] = { false };
    HME_RETURN_ERROR_IF(hme_metric_count() > HME_MAX_METRICS, err, HME_ERR_METRIC, "too many metrics in the registry");
    HME_FORWARD_IF_ERROR(mark_wanted(wanted, list, err));
    for (size_t i = 0; i < hme_metric_count(); i++) {
        if (!wanted[i]) continue;
        const hme_family *fam;
        size_t idx;
        const char *name = hme_metric_name_at(i, &fam, &idx);
        size_t f = 0;
        while (f < ms->n_fams && ms->fams[f].fam != fam) f++;
        if (f == ms->n_fams) {
            HME_RETURN_ERROR_IF(f == HME_MAX_FAMILIES || fam->n_metrics > HME_MAX_FAMILY_METRICS, err,
                                HME_ERR_METRIC, "family %s too large", fam->name);
            ms->fams[f].fam = fam;
            ms->n_fams++;
        }
        ms->fams[f].want[idx] = true;
        ms->fams[f].out[idx] = ms->n_metrics;
        ms->names[ms->n_metrics] = name;
        ms->fam_of[ms->n_metrics] = f;
        ms->idx_of[ms->n_metrics] = idx;
        ms->n_metrics++;
    }
    for (size_t f = 0; f < ms->n_fams; f++) {
        hme_family_use *u = &ms->fams[f];
        hme_code rc = u->fam->open(cfg, &u->shared, err);
        if (rc != HME_OK) { hme_metric_set_close(ms); return rc; }
        u->opened = true;
    }
    for (size_t m = 0; m < ms->n_metrics; m++) {
        hme_family_use *u = &ms->fams[ms->fam_of[m]];
        ms->signatures[m] = u->fam->signature ? u->fam->signature(u->shared, ms->idx_of[m]) : u->fam->name;
    }
    return HME_OK;
}

void hme_metric_set_close(hme_metric_set *ms) {
    for (size_t f = 0; f < ms->n_fams; f++)
        if (ms->fams[f].opened && ms->fams[f].fam->close) ms->fams[f].fam->close(ms->fams[f].shared);
    memset(ms, 0, sizeof *ms);
}
