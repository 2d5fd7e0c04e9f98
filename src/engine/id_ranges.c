#include "engine/id_ranges.h"

#include <string.h>
#include "core/alloc.h"

void hme_id_ranges_init(hme_id_ranges *s, const hme_allocator *al) {
    s->al = hme_alloc_or_default(al);
    s->r = NULL;
    s->n = s->cap = 0;
}

void hme_id_ranges_free(hme_id_ranges *s) {
    hme_free(s->al, s->r);
    s->r = NULL;
    s->n = s->cap = 0;
}

/* Index of the first range with hi >= id (n if none). */
static size_t lower_bound(const hme_id_ranges *s, int64_t id) {
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->r[mid].hi < id) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

bool hme_id_ranges_contains(const hme_id_ranges *s, int64_t id) {
    size_t i = lower_bound(s, id);
    return i < s->n && s->r[i].lo <= id;
}

bool hme_id_ranges_add(hme_id_ranges *s, int64_t id) {
    size_t i = lower_bound(s, id);
    if (i < s->n && s->r[i].lo <= id) return true;
    /* id sits between r[i-1] (hi < id) and r[i] (lo > id). */
    bool join_prev = i > 0 && s->r[i - 1].hi == id - 1 && id != INT64_MIN;
    bool join_next = i < s->n && s->r[i].lo == id + 1 && id != INT64_MAX;
    if (join_prev && join_next) {
        s->r[i - 1].hi = s->r[i].hi;
        memmove(&s->r[i], &s->r[i + 1], (s->n - i - 1) * sizeof *s->r);
        s->n--;
        return true;
    }
    if (join_prev) { s->r[i - 1].hi = id; return true; }
    if (join_next) { s->r[i].lo = id; return true; }
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        hme_id_range *nr = hme_realloc(s->al, s->r, cap * sizeof *nr);
        if (!nr) return false;
        s->r = nr;
        s->cap = cap;
    }
    memmove(&s->r[i + 1], &s->r[i], (s->n - i) * sizeof *s->r);
    s->r[i].lo = s->r[i].hi = id;
    s->n++;
    return true;
}
