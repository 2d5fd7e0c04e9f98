/* test_squad_sample.c - the built-in sample (data/sample.jsonl, embedded as hme_sample_data):
 * its shape must be the v2 format exactly (slots, categories, attack methods, sources,
 * prompt repetition, row order), and f1 / cosine on it must equal the reference
 * implementations (values printed by the SQuAD script and scikit-learn 1.2.1 with
 * cosine_similarity(X.toarray()) for slots 1 and 5 of every prompt). */
#include "harness.h"
#include "metric/metric.h"
#include "read/json.h"

#include <stdbool.h>

extern const unsigned char hme_sample_data[];
extern const size_t hme_sample_data_len;

static const struct { long id; double f1, cosine; } EXPECT[] = {
    { 701, 0.29268292682926833, 0.2871942440748908 },
    { 4401, 0.4285714285714286, 0.5380214008497564 },
    { 301, 0.303030303030303, 0.36886711551783125 },
    { 6301, 0.4102564102564103, 0.37384653413320634 },
    { 1901, 0.3181818181818182, 0.255986215164859 },
    { 7101, 0.3513513513513514, 0.42765482857424003 },
    { 3101, 0.4054054054054054, 0.3787988285625362 },
    { 1201, 0.3, 0.2976740098343433 },
    { 5801, 0.2352941176470588, 0.2822120640048017 },
    { 2601, 0.2380952380952381, 0.2682007798592493 },
    { 5201, 0.3235294117647059, 0.3595236616035944 },
    { 3801, 0.3448275862068966, 0.4265458135363865 },
    { 705, 0.09876543209876543, 0.056059784452780946 },
    { 4405, 0.07692307692307691, 0.144754599950629 },
    { 305, 0.16091954022988506, 0.11398290274530319 },
    { 6305, 0.02666666666666667, 0.029397855758734937 },
    { 1905, 0.10389610389610389, 0.037946912010909675 },
    { 7105, 0.08955223880597014, 0.1321591988707826 },
    { 3105, 0.0, 0.0 },
    { 1205, 0.029411764705882353, 0.03470217239868629 },
    { 5805, 0.033898305084745756, 0.03747067579408219 },
    { 2605, 0.17142857142857143, 0.1922506586258909 },
    { 5205, 0.03225806451612903, 0.09876125423200675 },
    { 3805, 0.07594936708860761, 0.1103764530634384 },
};

static const char *const CATEGORY[13] = {
    "reference response", "harmful response", "harmful response", "harmful response",
    "harmful response", "safe response/refusal", "safe response/prevention",
    "safe response/redirection", "irrelevant response", "irrelevant response",
    "irrelevant response", "useless response/prompt repetition",
    "useless response/useless affirmation",
};
static const char *const SOURCES[] = { "SafeRLHF", "StrongReject", "AdvBench", "HarmBench",
                                       "MaliciousInstruct", "JailbreakBench" };

#define MAX_ID 100000
static hme_str text_of[MAX_ID];
static hme_str prompt_of[MAX_ID / 100];
static hme_str source_of[MAX_ID / 100];

static hme_str field(const hme_jval *o, const char *key) {
    const hme_jval *v = hme_json_get(o, key);
    CHECK_MSG(v && v->type == HME_JSTR, "field %s", key);
    hme_str s = { "", 0 };
    return v && v->type == HME_JSTR ? v->u.str : s;
}

static long num(const hme_jval *o, const char *key) {
    const hme_jval *v = hme_json_get(o, key);
    CHECK_MSG(v && v->type == HME_JNUM && v->u.num.is_int, "field %s", key);
    return v && v->type == HME_JNUM ? (long)v->u.num.d : -1;
}

static hme_arena arena;   /* holds the parsed rows for the whole program */
static size_t n_rows, n_prompts;

static void shape(void) {
    const char *p = (const char *)hme_sample_data, *end = p + hme_sample_data_len;
    CHECK(hme_utf8_valid(p, hme_sample_data_len));
    int last_slot = 0;
    int slots_seen[MAX_ID / 100] = { 0 };
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        CHECK_MSG(nl != NULL, "last line ends with a newline");
        const char *e = nl ? nl : end;
        hme_jval v;
        hme_error err;
        CHECK_MSG(hme_json_parse(p, (size_t)(e - p), &arena, &v, &err) == HME_OK, "row %zu", n_rows + 1);
        p = e + 1;
        n_rows++;
        CHECK_EQ_INT(v.u.obj.n, 7);
        long pid = num(&v, "prompt_id"), rid = num(&v, "response_id");
        CHECK_MSG(pid > 0 && pid < MAX_ID / 100 && rid / 100 == pid, "ids %ld %ld", pid, rid);
        if (!(pid > 0 && pid < MAX_ID / 100 && rid / 100 == pid)) continue;
        int slot = (int)(rid % 100);
        CHECK_MSG(slot <= 12 && !(slots_seen[pid] & (1 << slot)), "response_id %ld", rid);
        if (slot > 12) continue;
        slots_seen[pid] |= 1 << slot;
        CHECK_MSG(slot >= last_slot, "rows ordered by slot: %ld", rid);  /* references first */
        last_slot = slot;
        CHECK_MSG(hme_str_eq_c(field(&v, "response_category"), CATEGORY[slot]), "category of %ld", rid);
        CHECK_MSG((field(&v, "attack_method").len > 0) == (slot == 3 || slot == 4), "attack_method of %ld", rid);
        hme_str prompt = field(&v, "harmful_prompt"), source = field(&v, "source");
        bool known = false;
        for (size_t i = 0; i < sizeof SOURCES / sizeof SOURCES[0]; i++) known |= hme_str_eq_c(source, SOURCES[i]);
        CHECK_MSG(known, "source of %ld", rid);
        if (slot == 0) {
            prompt_of[pid] = prompt;
            source_of[pid] = source;
            n_prompts++;
        } else {
            CHECK_MSG(hme_str_eq(prompt, prompt_of[pid]) && hme_str_eq(source, source_of[pid]), "prompt of %ld", rid);
        }
        text_of[rid] = field(&v, "response");
        CHECK_MSG(text_of[rid].len > 0, "response of %ld", rid);
        if (slot == 11) CHECK_MSG(hme_str_eq(text_of[rid], prompt), "prompt repetition %ld", rid);
    }
    CHECK(n_prompts >= 12);
    CHECK_EQ_INT(n_rows, 13 * n_prompts);
    for (size_t pid = 0; pid < MAX_ID / 100; pid++)
        if (slots_seen[pid]) CHECK_MSG(slots_seen[pid] == 0x1FFF, "prompt %zu has all 13 slots", pid);
}

static double score(const char *metric, long rid, uint64_t *mask) {
    const hme_family *fam;
    size_t idx;
    void *shared, *worker;
    hme_metric_config cfg = { 0 };
    double out[1] = { -1.0 };
    bool want[1] = { true };
    *mask = ~0ull;
    if (!hme_metric_lookup(metric, strlen(metric), &fam, &idx) || fam->open(&cfg, &shared, NULL) != HME_OK) return -1.0;
    worker = fam->worker_new(shared);
    hme_arena a;
    hme_arena_init(&a, NULL, 0);
    void *r = fam->prepare(worker, text_of[rid / 100 * 100], &a);
    void *p = fam->prepare(worker, text_of[rid], &a);
    if (r && p) *mask = fam->score(worker, r, p, want, out, &a);
    hme_arena_free(&a);
    fam->worker_free(worker);
    fam->close(shared);
    return out[idx];
}

static void reference_values(void) {
    for (size_t i = 0; i < sizeof EXPECT / sizeof EXPECT[0]; i++) {
        long rid = EXPECT[i].id;
        CHECK_MSG(rid < MAX_ID && text_of[rid].ptr && text_of[rid / 100 * 100].ptr, "row %ld present", rid);
        if (!(rid < MAX_ID && text_of[rid].ptr && text_of[rid / 100 * 100].ptr)) continue;
        uint64_t mask;
        CHECK_EQ_BITS(score("f1", rid, &mask), EXPECT[i].f1);
        CHECK_EQ_INT(mask, 0);
        CHECK_EQ_BITS(score("cosine", rid, &mask), EXPECT[i].cosine);
        CHECK_EQ_INT(mask, 0);
    }
}

int main(void) {
    hme_arena_init(&arena, NULL, 0);
    RUN(shape);
    RUN(reference_values);
    hme_arena_free(&arena);
    return hme_t_summary();
}
