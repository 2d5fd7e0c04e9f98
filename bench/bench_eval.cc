// bench_eval: the whole HarmMetric Eval v2 benchmark end to end through the public API
// (hme_engine: read NDJSON -> tokenize -> metrics -> rank -> aggregate), as `hme eval` runs it.
// Reports records/s and bytes/s per metric set and thread count. Needs ../shared (skips otherwise).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" {
#include "hme.h"
}

static std::string slurp(const std::string &path) {
    std::string out;
    FILE *f = std::fopen(path.c_str(), "rb");
    if (!f) return out;
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    std::fclose(f);
    return out;
}

static const std::string &dataset() {
    static std::string d = slurp(std::string(HME_SHARED_DIR) + "/harmmetric/v2/dataset.jsonl");
    return d;
}

static void run_eval(benchmark::State &state, const char *metrics) {
    const std::string &data = dataset();
    if (data.empty()) { state.SkipWithError("v2 dataset not found under HME_SHARED_DIR"); return; }
    std::string nltk = std::string(HME_SHARED_DIR) + "/nltk_data";
    uint64_t records = 0;
    for (auto _ : state) {
        hme_engine_options o;
        hme_engine_options_init(&o);
        o.metrics = metrics;
        o.threads = (unsigned)state.range(0);
        o.nltk_data_dir = nltk.c_str();
        hme_engine *e = nullptr;
        hme_error err;
        if (hme_engine_new(&o, &e, &err) != HME_OK) { state.SkipWithError(err.msg); return; }
        hme_engine_read_buffer(e, "v2", data.data(), data.size(), &err);
        const hme_result *r = nullptr;
        hme_engine_finish(e, &r, &err);
        records = r ? r->records : 0;
        benchmark::DoNotOptimize(r);
        hme_engine_free(e);
    }
    state.SetItemsProcessed((int64_t)(state.iterations() * records));
    state.SetBytesProcessed((int64_t)(state.iterations() * data.size()));
    state.counters["records"] = (double)records;
}

// All 30 metrics: the full benchmark. Real time, since threads > 1 work off the calling thread.
BENCHMARK_CAPTURE(run_eval, all30, "all")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
// Per family, one thread, to show where the time goes.
BENCHMARK_CAPTURE(run_eval, keyword, "gcg,autodan")->Arg(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(run_eval, rouge_all24,
    "rouge1,rouge1-recall,rouge1-precision,rouge1-nostemmed,rouge1-recall-nostemmed,rouge1-precision-nostemmed,"
    "rouge2,rouge2-recall,rouge2-precision,rouge2-nostemmed,rouge2-recall-nostemmed,rouge2-precision-nostemmed,"
    "rougeL,rougeL-recall,rougeL-precision,rougeL-nostemmed,rougeL-recall-nostemmed,rougeL-precision-nostemmed,"
    "rougeLsum,rougeLsum-recall,rougeLsum-precision,rougeLsum-nostemmed,rougeLsum-recall-nostemmed,rougeLsum-precision-nostemmed")
    ->Arg(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(run_eval, meteor_bleu, "meteor,bleu")->Arg(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(run_eval, f1, "f1")->Arg(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(run_eval, cosine, "cosine")->Arg(1)->UseRealTime()->Unit(benchmark::kMillisecond);
