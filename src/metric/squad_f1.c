/* squad_f1.c - PLACEHOLDER until the squad family lands: it has its canonical names so the
 * registry and the CLI work, and open() fails so nothing can silently use it. */
#include "metric/metric.h"
#include "core/error.h"

static const char *const names[] = { "f1", };

static hme_code open_(const hme_metric_config *cfg, void **shared, hme_error *err) {
    (void)cfg; *shared = NULL;
    return hme_error_set(err, HME_ERR_METRIC, 0, "metric family 'squad' is not implemented yet");
}

const hme_family hme_family_squad = {
    .name = "squad", .n_metrics = sizeof names / sizeof names[0], .metric_names = names,
    .needs_reference = true, .open = open_,
};
