// bench_wordnet.cc - WordNet start-up and cold-cache lookups (METEOR's synonym stage).
//
//   BM_WordNetOpen        hme_wordnet_open + close: everything a run pays before its first lookup
//   BM_LemmaNamesWords    hme_wordnet_lemma_names on every distinct lowercased word_tokenize token
//                         of the v2 texts (golden/v2/tokens.ndjson), once each: a cold synonym
//                         cache, as each fresh worker of `hme eval` sees it (items = words)
//   BM_LemmaNamesStems    the same on the distinct Porter stems of those words: what METEOR's
//                         synonym stage actually asks WordNet for
//   BM_OpenAndStems       open + every distinct stem + close: the WordNet share of one run
//
// WordNet is read from HME_WORDNET_DIR (default /usr/share/wordnet), the tokens from
// HME_SHARED_DIR (../shared); a benchmark whose data is missing reports an error and skips.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

extern "C" {
#include "metric/wordnet.h"
#include "read/json.h"
#include "tokenize/porter.h"
#include "tokenize/unicode.h"
}

namespace {

struct Words {
    std::vector<std::string> words, stems;   // distinct, in first-seen order
};

const Words &words() {
    static Words w;
    static bool loaded = false;
    if (loaded) return w;
    loaded = true;
    const char *dir = getenv("HME_SHARED_DIR");
    std::string path = std::string(dir ? dir : HME_SHARED_DIR) + "/golden/v2/tokens.ndjson";
    FILE *f = fopen(path.c_str(), "rb");
    if (!f) return w;
    std::set<std::string> seen_w, seen_s;
    hme_arena a;
    hme_arena_init(&a, nullptr, 0);
    char *line = nullptr;
    size_t cap = 0;
    ssize_t len;
    std::vector<char> lo, st;
    while ((len = getline(&line, &cap, f)) > 0) {
        hme_jval v;
        if (hme_json_parse(line, (size_t)len, &a, &v, nullptr) == HME_OK) {
            const hme_jval *toks = hme_json_get(&v, "word_tokenize");
            for (size_t i = 0; toks && toks->type == HME_JARR && i < toks->u.arr.n; i++) {
                const hme_str t = toks->u.arr.items[i].u.str;
                lo.resize(hme_py_lower_cap(t.len) + 1);
                size_t ln = hme_py_lower(t.ptr, t.len, lo.data());
                std::string lw(lo.data(), ln);
                if (seen_w.insert(lw).second) w.words.push_back(lw);
                st.resize(HME_PORTER_OUT_CAP(ln) + 1);
                size_t sn = hme_porter_stem(lw.data(), ln, st.data());
                std::string sw(st.data(), sn);
                if (seen_s.insert(sw).second) w.stems.push_back(sw);
            }
        }
        hme_arena_reset(&a);
    }
    free(line);
    fclose(f);
    hme_arena_free(&a);
    return w;
}

void count_name(void *ctx, const char *, size_t len) { *(size_t *)ctx += len; }

hme_wordnet *open_or_skip(benchmark::State &st) {
    hme_wordnet *wn = nullptr;
    hme_error err;
    if (hme_wordnet_open(getenv("HME_WORDNET_DIR"), nullptr, &wn, &err) != HME_OK) {
        st.SkipWithError(err.msg);
        return nullptr;
    }
    return wn;
}

void BM_WordNetOpen(benchmark::State &st) {
    for (auto _ : st) {
        hme_wordnet *wn = open_or_skip(st);
        if (!wn) return;
        hme_wordnet_close(wn);
    }
}
BENCHMARK(BM_WordNetOpen)->Unit(benchmark::kMillisecond);

void lookups(benchmark::State &st, const std::vector<std::string> &list) {
    if (list.empty()) { st.SkipWithError("golden/v2/tokens.ndjson not found under HME_SHARED_DIR"); return; }
    hme_wordnet *wn = open_or_skip(st);
    if (!wn) return;
    size_t bytes = 0;
    for (auto _ : st)
        for (const std::string &s : list)
            if (hme_wordnet_lemma_names(wn, s.data(), s.size(), count_name, &bytes, nullptr) != HME_OK) {
                st.SkipWithError("lookup failed");
                break;
            }
    benchmark::DoNotOptimize(bytes);
    st.SetItemsProcessed((int64_t)(st.iterations() * list.size()));
    st.counters["words"] = (double)list.size();
    hme_wordnet_close(wn);
}

void BM_LemmaNamesWords(benchmark::State &st) { lookups(st, words().words); }
BENCHMARK(BM_LemmaNamesWords)->Unit(benchmark::kMillisecond);

void BM_LemmaNamesStems(benchmark::State &st) { lookups(st, words().stems); }
BENCHMARK(BM_LemmaNamesStems)->Unit(benchmark::kMillisecond);

void BM_OpenAndStems(benchmark::State &st) {
    const std::vector<std::string> &list = words().stems;
    if (list.empty()) { st.SkipWithError("golden/v2/tokens.ndjson not found under HME_SHARED_DIR"); return; }
    size_t bytes = 0;
    for (auto _ : st) {
        hme_wordnet *wn = open_or_skip(st);
        if (!wn) return;
        for (const std::string &s : list) hme_wordnet_lemma_names(wn, s.data(), s.size(), count_name, &bytes, nullptr);
        hme_wordnet_close(wn);
    }
    benchmark::DoNotOptimize(bytes);
    st.SetItemsProcessed((int64_t)(st.iterations() * list.size()));
}
BENCHMARK(BM_OpenAndStems)->Unit(benchmark::kMillisecond);

}  // namespace
