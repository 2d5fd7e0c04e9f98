/* keyword_scalar.c - building a keyword set, and its scalar search (the oracle). */
#include "keyword.h"

#include <string.h>

bool hme_kwset_init(hme_kwset *k, const char *const *pats, const uint32_t *groups, size_t n) {
    memset(k, 0, sizeof *k);
    if (n > HME_KW_MAX_PATTERNS) return false;
    k->n = n;
    for (size_t i = 0; i < n; i++) {
        k->pat[i] = pats[i];
        k->len[i] = strlen(pats[i]);
        k->group[i] = groups[i];
        k->all_groups |= groups[i];
        if (k->len[i] < 2) return false;
        memcpy(&k->head[i], pats[i], k->len[i] < 4 ? k->len[i] : 4);
        unsigned key = (unsigned)(unsigned char)pats[i][0] << 8 | (unsigned char)pats[i][1];
        if (!k->pair_of[key]) {
            k->first[k->npairs] = (uint8_t)pats[i][0];
            k->second[k->npairs] = (uint8_t)pats[i][1];
            k->pair_of[key] = (uint8_t)++k->npairs;
        }
    }
    /* bucket the patterns by pair, keeping list order inside a bucket */
    size_t m = 0;
    for (size_t j = 0; j < k->npairs; j++) {
        k->start[j] = (uint16_t)m;
        for (size_t i = 0; i < n; i++)
            if ((uint8_t)k->pat[i][0] == k->first[j] && (uint8_t)k->pat[i][1] == k->second[j]) k->order[m++] = (uint8_t)i;
    }
    k->start[k->npairs] = (uint16_t)m;
    return true;
}

uint32_t hme_kwset_match_scalar(const hme_kwset *k, const char *text, size_t n) {
    const unsigned char *s = (const unsigned char *)text;
    uint32_t found = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned p1 = k->pair_of[(unsigned)s[i] << 8 | s[i + 1]];
        if (p1) {
            found |= hme_kwset_verify(k, text, n, i, p1);
            if (found == k->all_groups) break;
        }
    }
    return found;
}
