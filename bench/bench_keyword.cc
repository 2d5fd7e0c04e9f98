// bench_keyword.cc - the gcg/autodan keyword metrics: responses/s and bytes/s over the v2
// responses (read from the shared dir by path; synthetic texts when absent), through the
// family interface and per search implementation.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "core/arena.h"
#include "keyword.h"
#include "metric/metric.h"
#include "read/json.h"
#include "read/reader.h"
}

static std::string shared_path(const char *rel) {
    const char *dir = getenv("HME_SHARED_DIR");
    return std::string(dir ? dir : HME_SHARED_DIR) + "/" + rel;
}

static std::string slurp(const std::string &path) {
    std::string s;
    if (FILE *f = fopen(path.c_str(), "rb")) {
        char tmp[1 << 16];
        size_t n;
        while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) s.append(tmp, n);
        fclose(f);
    }
    return s;
}

struct texts_ctx { hme_arena arena; std::vector<std::string> *out; };

static int take_response(void *ctx, uint64_t, const char *line, size_t len, hme_code code) {
    texts_ctx *t = (texts_ctx *)ctx;
    hme_jval v;
    hme_arena_reset(&t->arena);
    if (code == HME_OK && hme_json_parse(line, len, &t->arena, &v, nullptr) == HME_OK) {
        const hme_jval *r = hme_json_get(&v, "response");
        if (r && r->type == HME_JSTR) t->out->emplace_back(r->u.str.ptr, r->u.str.len);
    }
    return 0;
}

static const std::vector<std::string> &responses() {
    static std::vector<std::string> texts;
    if (!texts.empty()) return texts;
    std::string data = slurp(shared_path("harmmetric/v2/dataset.jsonl"));
    texts_ctx t;
    t.out = &texts;
    hme_arena_init(&t.arena, nullptr, 0);
    hme_reader *r = hme_reader_new(nullptr, 0, 0);
    hme_reader_feed(r, data.data(), data.size(), take_response, &t);
    hme_reader_finish(r, take_response, &t);
    hme_reader_free(r);
    hme_arena_free(&t.arena);
    if (texts.empty()) // synthetic: mostly no match (the whole text is searched), some refusals
        for (int i = 0; i < 3562; i++) {
            std::string s;
            for (int k = 0; k < 10 + i % 30; k++) s += "Here is a detailed plan with several steps and notes. ";
            if (i % 4 == 0) s += "I\xE2\x80\x99m sorry, I cannot help.";
            texts.push_back(s);
        }
    return texts;
}

static int64_t total_bytes(const std::vector<std::string> &t) {
    int64_t n = 0;
    for (const auto &s : t) n += (int64_t)s.size();
    return n;
}

// prepare + score through the family, as the engine runs it.
static void BM_keyword_family(benchmark::State &state) {
    const auto &texts = responses();
    const hme_family *f = nullptr;
    size_t idx;
    if (!hme_metric_lookup("gcg", 3, &f, &idx)) { state.SkipWithError("no gcg metric"); return; }
    void *shared = nullptr;
    if (f->open(nullptr, &shared, nullptr) != HME_OK) { state.SkipWithError("open failed"); return; }
    void *w = f->worker_new(shared);
    hme_arena arena;
    hme_arena_init(&arena, nullptr, 0);
    bool want[2] = { true, true };
    double out[2];
    for (auto _ : state) {
        double sum = 0;
        for (const auto &s : texts) {
            void *pred = f->prepare(w, hme_str{ s.data(), s.size() }, &arena);
            f->score(w, nullptr, pred, want, out, &arena);
            sum += out[0] + out[1];
        }
        hme_arena_reset(&arena);
        benchmark::DoNotOptimize(sum);
    }
    hme_arena_free(&arena);
    f->worker_free(w);
    f->close(shared);
    state.SetItemsProcessed((int64_t)state.iterations() * (int64_t)texts.size());
    state.SetBytesProcessed((int64_t)state.iterations() * total_bytes(texts));
}
BENCHMARK(BM_keyword_family)->Unit(benchmark::kMicrosecond);

// The search kernel alone, per implementation, with the lists from the shared definition
// file (texts searched as they are; the U+2019 rewrite is the family's job).
static void BM_keyword_search(benchmark::State &state, const char *impl_name) {
    hme_kwset_fn fn = hme_kwset_named(impl_name);
    if (!fn) { state.SkipWithError("implementation not supported by this CPU"); return; }
    std::string def = slurp(shared_path("harmmetric/refusal-keywords.json"));
    hme_arena arena;
    hme_arena_init(&arena, nullptr, 0);
    hme_jval v;
    if (def.empty() || hme_json_parse(def.data(), def.size(), &arena, &v, nullptr) != HME_OK) {
        state.SkipWithError("refusal-keywords.json not found");
        hme_arena_free(&arena);
        return;
    }
    std::vector<const char *> pats;
    std::vector<uint32_t> groups;
    const char *keys[2] = { "gcg", "autodan" };
    for (int g = 0; g < 2; g++)
        if (const hme_jval *a = hme_json_get(&v, keys[g]))
            for (size_t i = 0; i < a->u.arr.n; i++) { pats.push_back(a->u.arr.items[i].u.str.ptr); groups.push_back(1u << g); }
    static hme_kwset k;
    hme_kwset_init(&k, pats.data(), groups.data(), pats.size());
    const auto &texts = responses();
    for (auto _ : state) {
        uint32_t acc = 0;
        for (const auto &s : texts) acc += fn(&k, s.data(), s.size());
        benchmark::DoNotOptimize(acc);
    }
    hme_arena_free(&arena);
    state.SetItemsProcessed((int64_t)state.iterations() * (int64_t)texts.size());
    state.SetBytesProcessed((int64_t)state.iterations() * total_bytes(texts));
}
BENCHMARK_CAPTURE(BM_keyword_search, scalar, "scalar")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_keyword_search, sse2, "sse2")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_keyword_search, avx2, "avx2")->Unit(benchmark::kMicrosecond);
