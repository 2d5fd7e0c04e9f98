/* rouge.c - PLACEHOLDER until the rouge family lands: it has its canonical names so the
 * registry and the CLI work, and open() fails so nothing can silently use it. */
#include "metric/metric.h"
#include "core/error.h"

static const char *const names[] = { "rouge1", "rouge1-recall", "rouge1-precision", "rouge1-nostemmed", "rouge1-recall-nostemmed", "rouge1-precision-nostemmed", "rouge2", "rouge2-recall", "rouge2-precision", "rouge2-nostemmed", "rouge2-recall-nostemmed", "rouge2-precision-nostemmed", "rougeL", "rougeL-recall", "rougeL-precision", "rougeL-nostemmed", "rougeL-recall-nostemmed", "rougeL-precision-nostemmed", "rougeLsum", "rougeLsum-recall", "rougeLsum-precision", "rougeLsum-nostemmed", "rougeLsum-recall-nostemmed", "rougeLsum-precision-nostemmed", };

static hme_code open_(const hme_metric_config *cfg, void **shared, hme_error *err) {
    (void)cfg; *shared = NULL;
    return hme_error_set(err, HME_ERR_METRIC, 0, "metric family 'rouge' is not implemented yet");
}

const hme_family hme_family_rouge = {
    .name = "rouge", .n_metrics = sizeof names / sizeof names[0], .metric_names = names,
    .needs_reference = true, .open = open_,
};
