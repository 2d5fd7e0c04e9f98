/* groups.c - --by breakdowns: a prompt folds into the group of its source and into the
 * group of each distinct attack_method of its rows (v2 sets it on two harmful responses
 * per prompt; a prompt without any is in group ""). Groups are created by the reading
 * thread before the prompt is dispatched, so workers only see finished counter blocks. */
#include "engine/engine_impl.h"

#include <string.h>
#include "core/alloc.h"

static hme_counters *group_counters(struct hme_engine *e, unsigned by, const char *key) {
    for (size_t g = 0; g < e->n_groups; g++)
        if (e->groups[g].by == by && strcmp(e->groups[g].key, key) == 0) return e->groups[g].counters;
    if (e->n_groups == e->cap_groups) {
        size_t cap = e->cap_groups ? e->cap_groups * 2 : 16;
        hme_group *ng = hme_realloc(e->al, e->groups, cap * sizeof *ng);
        if (!ng) return NULL;
        e->groups = ng;
        e->cap_groups = cap;
    }
    hme_group *g = &e->groups[e->n_groups];
    g->by = by;
    g->key = hme_strndup(e->al, key, strlen(key));
    g->counters = hme_calloc(e->al, e->n_out ? e->n_out : 1, sizeof *g->counters);
    if (!g->key || !g->counters) { hme_free(e->al, g->key); hme_free(e->al, g->counters); return NULL; }
    for (size_t m = 0; m < e->n_out; m++) hme_counters_init(&g->counters[m]);
    e->n_groups++;
    return g->counters;
}

static bool add(struct hme_engine *e, hme_prompt *p, unsigned by, const char *key) {
    hme_counters *c = group_counters(e, by, key);
    if (!c) return false;
    for (size_t i = 0; i < p->n_groups; i++) if (p->groups[i] == c) return true;
    p->groups[p->n_groups++] = c;
    return true;
}

hme_code hme_groups_assign(struct hme_engine *e, hme_prompt *p) {
    p->n_groups = 0;
    if ((e->opt.by & HME_BY_SOURCE) && !add(e, p, HME_BY_SOURCE, p->source ? p->source : ""))
        return HME_ERR_NOMEM;
    if (e->opt.by & HME_BY_ATTACK_METHOD) {
        bool any = false;
        for (int s = 0; s < HME_SLOTS; s++) {
            if (!p->attack[s]) continue;
            any = true;
            if (!add(e, p, HME_BY_ATTACK_METHOD, p->attack[s])) return HME_ERR_NOMEM;
        }
        if (!any && !add(e, p, HME_BY_ATTACK_METHOD, "")) return HME_ERR_NOMEM;
    }
    return HME_OK;
}

void hme_groups_free(struct hme_engine *e) {
    for (size_t g = 0; g < e->n_groups; g++) { hme_free(e->al, e->groups[g].key); hme_free(e->al, e->groups[g].counters); }
    hme_free(e->al, e->groups);
    e->groups = NULL;
    e->n_groups = e->cap_groups = 0;
}
