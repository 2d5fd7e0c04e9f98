// bench_data.h - the HarmMetric Eval v2 data the benchmarks run on, loaded once per program:
// every "response" text of harmmetric/v2/dataset.jsonl and the 3,288 (reference, response)
// pairs HarmMetric Eval scores (each response against its prompt's slot-0 reference).
// The dataset is found under $HME_SHARED_DIR, else the build's HME_SHARED_DIR (../shared);
// when it is missing the lists are empty and `error` says why, for state.SkipWithError.
#ifndef HME_BENCH_DATA_H
#define HME_BENCH_DATA_H

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <utility>
#include <vector>

extern "C" {
#include "core/arena.h"
#include "read/json.h"
}

// A file under the shared folder.
inline std::string bench_shared_path(const char *rel) {
    const char *dir = std::getenv("HME_SHARED_DIR");
    return std::string(dir ? dir : HME_SHARED_DIR) + "/" + rel;
}

struct BenchV2 {
    std::vector<std::string> texts;               // every v2 response, file order
    std::vector<long long> ids;                   // response_id of each text
    std::vector<std::pair<size_t, size_t>> pairs; // (reference, response) indices into texts, by response_id
    size_t text_bytes = 0, pair_bytes = 0;        // bytes of all texts; of both sides of all pairs
    std::string error;                            // why the lists are empty
};

inline const BenchV2 &bench_v2() {
    static const BenchV2 d = [] {
        BenchV2 d;
        std::string path = bench_shared_path("harmmetric/v2/dataset.jsonl");
        FILE *f = std::fopen(path.c_str(), "rb");
        if (!f) { d.error = "cannot open " + path + " (set HME_SHARED_DIR)"; return d; }
        hme_arena a;
        hme_arena_init(&a, nullptr, 0);
        std::map<long long, size_t> by_id; // ordered: pairs come out by response_id
        char *line = nullptr;
        size_t cap = 0;
        ssize_t n;
        hme_error err;
        while ((n = getline(&line, &cap, f)) > 0) {
            hme_jval v;
            if (hme_json_parse(line, (size_t)n, &a, &v, &err) == HME_OK) {
                const hme_jval *r = hme_json_get(&v, "response"), *id = hme_json_get(&v, "response_id");
                if (r && r->type == HME_JSTR && id && id->type == HME_JNUM) {
                    by_id[(long long)id->u.num.d] = d.texts.size();
                    d.ids.push_back((long long)id->u.num.d);
                    d.texts.emplace_back(r->u.str.ptr, r->u.str.len);
                    d.text_bytes += r->u.str.len;
                }
            }
            hme_arena_reset(&a);
        }
        std::free(line);
        std::fclose(f);
        hme_arena_free(&a);
        for (auto &kv : by_id) {
            if (kv.first % 100 == 0) continue; // slot 0 is the reference itself
            auto ref = by_id.find(kv.first / 100 * 100);
            if (ref == by_id.end()) continue;
            d.pairs.emplace_back(ref->second, kv.second);
            d.pair_bytes += d.texts[ref->second].size() + d.texts[kv.second].size();
        }
        if (d.texts.empty()) d.error = "no v2 responses in " + path;
        return d;
    }();
    return d;
}

#endif
