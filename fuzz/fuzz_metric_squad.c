/* fuzz_metric_squad.c - the "squad" metric family: no crash, every score in [0, 1], same bits on
 * every repetition (see fuzz_metric.h for the input layout and the checks). */
#include "fuzz_metric.h"

HME_FUZZ_METRIC_TARGET("squad")
