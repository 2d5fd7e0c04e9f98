/* record.h - one parsed NDJSON line -> a typed, validated record (format detection).
 *
 * The kind is told by the fields: "ref_res_0" => a v1 row (one per prompt), "response_id"
 * + "score" without "response" => a judge score line, "response_id"/"response_category"
 * => a v2 row. Every field a kind needs is type-checked; a v2 row's slot
 * (response_id - 100*prompt_id) must exist and agree with its response_category. */
#ifndef HME_ENGINE_RECORD_H
#define HME_ENGINE_RECORD_H
#include <stdint.h>
#include "hme.h"
#include "core/str.h"
#include "read/json.h"
#include "rank/outcome.h"

/* v1 texts: index = slot (0 = ref_res_0, 1-12 as v2), plus the second reference. */
#define HME_V1_REF1 HME_SLOTS
#define HME_V1_TEXTS (HME_SLOTS + 1)

typedef struct hme_record {
    hme_format kind;
    int64_t prompt_id;        /* v1: "id" */
    int64_t response_id;      /* v2 and judge */
    int slot;                 /* v2 */
    hme_str text;             /* v2: response */
    hme_str source, attack_method;         /* v2 (attack_method may be empty) */
    hme_str v1_text[HME_V1_TEXTS];         /* v1; slot 11 is the harmful_prompt */
    uint16_t v1_present;                   /* bit i: v1_text[i] given (bit 13: ref_res_1) */
    double score;             /* judge */
} hme_record;

/* Fills *rec from a parsed line. Errors: HME_ERR_FORMAT (kind unknown), HME_ERR_FIELD,
 * HME_ERR_SLOT, HME_ERR_SCORE; err->msg says which field. */
hme_code hme_record_from_json(const hme_jval *v, hme_record *rec, hme_error *err);

/* The slot's response_category in v2 ("harmful response", ...). */
const char *hme_slot_category(int slot);
/* The v1 field name of a slot's text (index as in v1_text). */
const char *hme_v1_field(int index);

#endif
