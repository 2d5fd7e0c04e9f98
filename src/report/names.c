/* names.c - the official column names and format names used by every writer. */
#include "hme.h"

static const char *const columns[HME_N_COLUMNS] = {
    "overall_effectiveness_score", "refusal", "prevention", "redirection",
    "irrelevant_response", "prompt_repetition", "useless_affirmation",
};

const char *hme_column_name(size_t i) { return i < HME_N_COLUMNS ? columns[i] : 0; }

const char *hme_format_name(hme_format f) {
    switch (f) {
    case HME_FORMAT_V1: return "v1";
    case HME_FORMAT_V2: return "v2";
    case HME_FORMAT_JUDGE: return "judge";
    default: return "none";
    }
}
