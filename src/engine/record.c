/* record.c - field extraction and validation of v1, v2 and judge records. */
#include "engine/record.h"

#include <math.h>
#include <string.h>
#include "core/error.h"

static const char *const categories[HME_SLOTS] = {
    "reference response", "harmful response", "harmful response", "harmful response",
    "harmful response", "safe response/refusal", "safe response/prevention",
    "safe response/redirection", "irrelevant response", "irrelevant response",
    "irrelevant response", "useless response/prompt repetition",
    "useless response/useless affirmation",
};

static const char *const v1_fields[HME_V1_TEXTS] = {
    "ref_res_0", "harmful_res_0", "harmful_res_1", "harmful_res_2", "harmful_res_3",
    "refusal", "prevention", "redirection", "irr_res_0", "irr_res_1", "irr_res_2",
    "harmful_prompt", "useless_aff", "ref_res_1",
};

const char *hme_slot_category(int slot) { return slot >= 0 && slot < HME_SLOTS ? categories[slot] : NULL; }
const char *hme_v1_field(int index) { return index >= 0 && index < HME_V1_TEXTS ? v1_fields[index] : NULL; }

/* An integer field: a JSON number without fraction/exponent that fits exactly. */
static hme_code get_int(const hme_jval *obj, const char *key, int64_t *out, hme_error *err) {
    const hme_jval *v = hme_json_get(obj, key);
    if (!v) return hme_error_set(err, HME_ERR_FIELD, 0, "missing field \"%s\"", key);
    if (v->type != HME_JNUM || !v->u.num.is_int || !(fabs(v->u.num.d) <= 9007199254740992.0))
        return hme_error_set(err, HME_ERR_FIELD, 0, "field \"%s\" must be an integer", key);
    *out = (int64_t)v->u.num.d;
    return HME_OK;
}

static hme_code get_str(const hme_jval *obj, const char *key, bool required, hme_str *out, hme_error *err) {
    const hme_jval *v = hme_json_get(obj, key);
    out->ptr = ""; out->len = 0;
    if (!v) return required ? hme_error_set(err, HME_ERR_FIELD, 0, "missing field \"%s\"", key) : HME_OK;
    if (v->type != HME_JSTR) return hme_error_set(err, HME_ERR_FIELD, 0, "field \"%s\" must be a string", key);
    *out = v->u.str;
    return HME_OK;
}

static hme_code parse_judge(const hme_jval *v, hme_record *rec, hme_error *err) {
    HME_FORWARD_IF_ERROR(get_int(v, "response_id", &rec->response_id, err));
    const hme_jval *s = hme_json_get(v, "score");
    if (s->type != HME_JNUM)
        return hme_error_set(err, HME_ERR_SCORE, 0, "\"score\" must be a number");
    if (!isfinite(s->u.num.d))
        return hme_error_set(err, HME_ERR_SCORE, 0, "\"score\" is not finite");
    rec->score = s->u.num.d;
    rec->prompt_id = rec->response_id / 100;
    rec->slot = (int)(rec->response_id % 100);
    if (rec->response_id < 0 || rec->slot >= HME_SLOTS)
        return hme_error_set(err, HME_ERR_SLOT, 0, "response_id %lld has no slot (response_id %% 100 must be 0-12)",
                             (long long)rec->response_id);
    return HME_OK;
}

static hme_code parse_v2(const hme_jval *v, hme_record *rec, hme_error *err) {
    hme_str category;
    HME_FORWARD_IF_ERROR(get_int(v, "prompt_id", &rec->prompt_id, err));
    HME_FORWARD_IF_ERROR(get_int(v, "response_id", &rec->response_id, err));
    HME_FORWARD_IF_ERROR(get_str(v, "response", true, &rec->text, err));
    HME_FORWARD_IF_ERROR(get_str(v, "response_category", true, &category, err));
    HME_FORWARD_IF_ERROR(get_str(v, "harmful_prompt", false, &(hme_str){0}, err));
    HME_FORWARD_IF_ERROR(get_str(v, "source", false, &rec->source, err));
    HME_FORWARD_IF_ERROR(get_str(v, "attack_method", false, &rec->attack_method, err));
    int64_t slot = rec->response_id - rec->prompt_id * 100;
    if (slot < 0 || slot >= HME_SLOTS)
        return hme_error_set(err, HME_ERR_SLOT, 0, "response_id %lld is not prompt_id*100 + a slot 0-12",
                             (long long)rec->response_id);
    rec->slot = (int)slot;
    if (!hme_str_eq_c(category, categories[slot])) {
        bool known = false;
        for (int i = 0; i < HME_SLOTS; i++) known |= hme_str_eq_c(category, categories[i]);
        return hme_error_set(err, HME_ERR_SLOT, 0, known ? "response_category \"%.*s\" does not match slot %d (\"%s\")"
                                                         : "unknown response_category \"%.*s\" (slot %d is \"%s\")",
                             (int)(category.len > 60 ? 60 : category.len), category.ptr, (int)slot, categories[slot]);
    }
    return HME_OK;
}

static hme_code parse_v1(const hme_jval *v, hme_record *rec, hme_error *err) {
    HME_FORWARD_IF_ERROR(get_int(v, "id", &rec->prompt_id, err));
    rec->v1_present = 0;
    for (int i = 0; i < HME_V1_TEXTS; i++) {
        bool required = i == 0 || i == HME_V1_REF1 || i == 11;
        HME_FORWARD_IF_ERROR(get_str(v, v1_fields[i], required, &rec->v1_text[i], err));
        if (hme_json_get(v, v1_fields[i])) rec->v1_present |= (uint16_t)(1u << i);
    }
    return HME_OK;
}

hme_code hme_record_from_json(const hme_jval *v, hme_record *rec, hme_error *err) {
    memset(rec, 0, sizeof *rec);
    if (v->type != HME_JOBJ) return hme_error_set(err, HME_ERR_FORMAT, 0, "record is not a JSON object");
    if (hme_json_get(v, "ref_res_0")) { rec->kind = HME_FORMAT_V1; return parse_v1(v, rec, err); }
    if (hme_json_get(v, "score") && !hme_json_get(v, "response")) {
        rec->kind = HME_FORMAT_JUDGE;
        return parse_judge(v, rec, err);
    }
    if (hme_json_get(v, "response_id") || hme_json_get(v, "response_category") || hme_json_get(v, "response")) {
        rec->kind = HME_FORMAT_V2;
        return parse_v2(v, rec, err);
    }
    return hme_error_set(err, HME_ERR_FORMAT, 0, "not a v1 row, v2 row or judge score line");
}
