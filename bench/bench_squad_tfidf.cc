// bench_squad_tfidf.cc - SQuAD F1 and TF-IDF cosine throughput on the HarmMetric Eval v2
// pairs (each of the 3,288 responses against its prompt's slot-0 reference).
//
//   BM_SquadTokenize / BM_TfidfTokenize   the tokenizers alone, over all 3,562 texts
//   BM_F1EndToEnd / BM_CosineEndToEnd     prepare both texts + score, per pair
//   BM_F1Score / BM_CosineScore           score only, the texts prepared beforehand (the
//                                         engine prepares a reference once per prompt)
//
// items_per_second = pairs/s (texts/s for the tokenizers), bytes_per_second = text bytes.
// Data is read from HME_SHARED_DIR (../shared).
#include <benchmark/benchmark.h>

#include "bench_data.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "metric/metric.h"
#include "read/json.h"
#include "tokenize/squad_tok.h"
#include "tokenize/tfidf_tok.h"
}

namespace {

using Data = BenchV2;

const Data &data() { return bench_v2(); }

hme_str str_of(const std::string &s) { return hme_str{s.data(), s.size()}; }

template <bool (*Tokenize)(const char *, size_t, hme_arena *, hme_str **, size_t *)>
void BM_Tokenize(benchmark::State &state) {
    const Data &d = data();
    if (d.pairs.empty()) { state.SkipWithError(d.error.c_str()); return; }
    hme_arena a;
    hme_arena_init(&a, nullptr, 0);
    for (auto _ : state) {
        for (const std::string &t : d.texts) {
            hme_str *toks;
            size_t n;
            Tokenize(t.data(), t.size(), &a, &toks, &n);
            benchmark::DoNotOptimize(n);
            hme_arena_reset(&a);
        }
    }
    state.SetItemsProcessed((int64_t)(state.iterations() * d.texts.size()));
    state.SetBytesProcessed((int64_t)(state.iterations() * d.text_bytes));
    hme_arena_free(&a);
}

struct Family {
    const hme_family *fam = nullptr;
    void *shared = nullptr, *worker = nullptr;
    explicit Family(const char *metric) {
        size_t idx;
        hme_metric_config cfg{};
        if (!hme_metric_lookup(metric, strlen(metric), &fam, &idx) || fam->open(&cfg, &shared, nullptr) != HME_OK)
            fam = nullptr;
        else
            worker = fam->worker_new(shared);
    }
    ~Family() {
        if (!fam) return;
        fam->worker_free(worker);
        fam->close(shared);
    }
};

void end_to_end(benchmark::State &state, const char *metric) {
    const Data &d = data();
    Family f(metric);
    if (d.pairs.empty() || !f.fam) { state.SkipWithError("v2 dataset or family missing"); return; }
    hme_arena a;
    hme_arena_init(&a, nullptr, 0);
    bool want[1] = {true};
    double out[1];
    for (auto _ : state) {
        for (auto &p : d.pairs) {
            void *r = f.fam->prepare(f.worker, str_of(d.texts[p.first]), &a);
            void *q = f.fam->prepare(f.worker, str_of(d.texts[p.second]), &a);
            f.fam->score(f.worker, r, q, want, out, &a);
            benchmark::DoNotOptimize(out[0]);
            hme_arena_reset(&a);
        }
    }
    state.SetItemsProcessed((int64_t)(state.iterations() * d.pairs.size()));
    state.SetBytesProcessed((int64_t)(state.iterations() * d.pair_bytes));
    hme_arena_free(&a);
}

void score_only(benchmark::State &state, const char *metric) {
    const Data &d = data();
    Family f(metric);
    if (d.pairs.empty() || !f.fam) { state.SkipWithError("v2 dataset or family missing"); return; }
    hme_arena prep, scratch;
    hme_arena_init(&prep, nullptr, 0);
    hme_arena_init(&scratch, nullptr, 0);
    std::vector<void *> prepared(d.texts.size());
    for (size_t i = 0; i < d.texts.size(); i++) prepared[i] = f.fam->prepare(f.worker, str_of(d.texts[i]), &prep);
    bool want[1] = {true};
    double out[1];
    for (auto _ : state) {
        for (auto &p : d.pairs) {
            f.fam->score(f.worker, prepared[p.first], prepared[p.second], want, out, &scratch);
            benchmark::DoNotOptimize(out[0]);
            hme_arena_reset(&scratch);
        }
    }
    state.SetItemsProcessed((int64_t)(state.iterations() * d.pairs.size()));
    hme_arena_free(&prep);
    hme_arena_free(&scratch);
}

void BM_SquadTokenize(benchmark::State &s) { BM_Tokenize<hme_squad_tokenize>(s); }
void BM_TfidfTokenize(benchmark::State &s) { BM_Tokenize<hme_tfidf_tokenize>(s); }
void BM_F1EndToEnd(benchmark::State &s) { end_to_end(s, "f1"); }
void BM_CosineEndToEnd(benchmark::State &s) { end_to_end(s, "cosine"); }
void BM_F1Score(benchmark::State &s) { score_only(s, "f1"); }
void BM_CosineScore(benchmark::State &s) { score_only(s, "cosine"); }

}  // namespace

BENCHMARK(BM_SquadTokenize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TfidfTokenize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_F1EndToEnd)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CosineEndToEnd)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_F1Score)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CosineScore)->Unit(benchmark::kMillisecond);
