// bench_rouge.cc - the ROUGE family's stages on the HarmMetric Eval v2 data:
//   RougeTokenize     rouge-score tokenizer, both settings (MB/s over every v2 text)
//   PorterStem        NLTK Porter stemmer alone (words/s over the v2 tokens longer than 3)
//   Lcs{Bp,Dp}/N      LCS length of two N-token sequences, bit-parallel vs the DP oracle
//   RougePairs*       score() of the 3,288 v2 (reference, response) pairs on prepared texts,
//                     all four ROUGE types stemmed, and all 24 metrics (pairs/s)
//   RougePrepareScore prepare() of each response plus score(), references prepared once
// Run: ./build-bench/bench/bench_rouge --benchmark_min_time=0.2
#include <benchmark/benchmark.h>

#include "bench_data.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

extern "C" {
#include "core/arena.h"
#include "hash/token_id.h"
#include "metric/lcs.h"
#include "metric/metric.h"
#include "read/json.h"
#include "tokenize/porter.h"
#include "tokenize/rouge_tok.h"
extern const hme_family hme_family_rouge;
}

namespace {

struct Data {
    std::vector<std::string> texts;               // every v2 response
    std::vector<std::pair<size_t, size_t>> pairs; // (reference text, response text) indices
    std::vector<std::string> words;               // rouge tokens longer than 3 chars
    size_t bytes = 0;
    std::string error;
};

const Data &data() {
    static Data d = [] {
        Data d;
        const BenchV2 &v2 = bench_v2();
        d.error = v2.error;
        d.texts = v2.texts;
        d.pairs = v2.pairs;
        d.bytes = v2.text_bytes;
        for (const std::string &t : d.texts) {
            size_t i = 0;
            while (i < t.size()) {
                while (i < t.size() && !std::isalnum((unsigned char)t[i])) i++;
                size_t s = i;
                while (i < t.size() && std::isalnum((unsigned char)t[i])) i++;
                if (i - s > 3) {
                    std::string w = t.substr(s, i - s);
                    for (char &c : w) c = (char)std::tolower((unsigned char)c);
                    d.words.push_back(w);
                }
            }
        }
        return d;
    }();
    return d;
}

void RougeTokenize(benchmark::State &state) {
    const Data &d = data();
    if (d.texts.empty()) { state.SkipWithError(d.error.c_str()); return; }
    hme_rouge_tok *t = hme_rouge_tok_new(nullptr);
    hme_arena a;
    hme_arena_init(&a, nullptr, 0);
    size_t tokens = 0;
    for (auto _ : state) {
        for (const std::string &s : d.texts) {
            hme_rouge_toks out;
            hme_rouge_tokenize(t, s.data(), s.size(), &a, &out);
            tokens += out.n;
        }
        hme_arena_reset(&a);
    }
    state.SetBytesProcessed((int64_t)(state.iterations() * d.bytes));
    state.counters["tokens/s"] = benchmark::Counter((double)tokens, benchmark::Counter::kIsRate);
    hme_arena_free(&a);
    hme_rouge_tok_free(t);
}
BENCHMARK(RougeTokenize)->Unit(benchmark::kMillisecond);

void PorterStem(benchmark::State &state) {
    const Data &d = data();
    if (d.words.empty()) { state.SkipWithError(d.error.c_str()); return; }
    char out[512];
    size_t total = 0;
    for (auto _ : state) {
        for (const std::string &w : d.words) {
            if (w.size() + 4 > sizeof out) continue;
            total += hme_porter_stem(w.data(), w.size(), out);
        }
    }
    benchmark::DoNotOptimize(total);
    state.SetItemsProcessed((int64_t)(state.iterations() * d.words.size()));
}
BENCHMARK(PorterStem)->Unit(benchmark::kMillisecond);

// Two sequences of n tokens over a vocabulary of n/3 words (word repeats like real text).
struct LcsInput {
    std::vector<uint32_t> a, b, work;
    std::vector<uint64_t> pm, v;
    uint32_t alpha;
    explicit LcsInput(size_t n) : a(n), b(n), work(n + 1) {
        std::mt19937 rng(42);
        alpha = (uint32_t)(n / 3 + 1);
        for (size_t i = 0; i < n; i++) { a[i] = rng() % alpha; b[i] = rng() % alpha; }
        size_t words = hme_lcs_words(n);
        pm.assign((size_t)alpha * words, 0);
        v.resize(words);
        hme_lcs_pm_set(pm.data(), words, b.data(), n);
    }
};

void LcsBp(benchmark::State &state) {
    LcsInput in((size_t)state.range(0));
    size_t n = in.a.size();
    for (auto _ : state)
        benchmark::DoNotOptimize(hme_lcs_length_bp(in.a.data(), n, in.pm.data(), in.alpha, n, in.v.data()));
    state.SetItemsProcessed((int64_t)state.iterations());
}
BENCHMARK(LcsBp)->Arg(60)->Arg(150)->Arg(700);

void LcsDp(benchmark::State &state) {
    LcsInput in((size_t)state.range(0));
    size_t n = in.a.size();
    for (auto _ : state)
        benchmark::DoNotOptimize(hme_lcs_length_dp(in.a.data(), n, in.b.data(), n, in.work.data()));
    state.SetItemsProcessed((int64_t)state.iterations());
}
BENCHMARK(LcsDp)->Arg(60)->Arg(150)->Arg(700);

struct Family {
    void *shared = nullptr, *worker = nullptr;
    Family() {
        hme_family_rouge.open(nullptr, &shared, nullptr);
        worker = hme_family_rouge.worker_new(shared);
    }
    ~Family() {
        hme_family_rouge.worker_free(worker);
        hme_family_rouge.close(shared);
    }
};

// all: all 24 metrics; otherwise the 12 stemmed ones (the four ROUGE types, stemmed).
void score_pairs(benchmark::State &state, bool all, bool prepare_responses) {
    const Data &d = data();
    if (d.pairs.empty()) { state.SkipWithError(d.error.c_str()); return; }
    Family f;
    const hme_family *F = &hme_family_rouge;
    hme_arena texts, scratch, resp;
    hme_arena_init(&texts, nullptr, 0);
    hme_arena_init(&scratch, nullptr, 0);
    hme_arena_init(&resp, nullptr, 0);
    std::vector<void *> prep(d.texts.size());
    for (size_t i = 0; i < d.texts.size(); i++)
        prep[i] = F->prepare(f.worker, hme_str{ d.texts[i].data(), d.texts[i].size() }, &texts);
    bool want[24];
    for (int i = 0; i < 24; i++) want[i] = all || (i % 6) < 3;
    double out[24];
    for (auto _ : state) {
        for (auto &p : d.pairs) {
            void *pred = prep[p.second];
            if (prepare_responses) {
                const std::string &s = d.texts[p.second];
                pred = F->prepare(f.worker, hme_str{ s.data(), s.size() }, &resp);
            }
            F->score(f.worker, prep[p.first], pred, want, out, &scratch);
            hme_arena_reset(&scratch);
            if (prepare_responses) hme_arena_reset(&resp);
        }
    }
    benchmark::DoNotOptimize(out);
    state.SetItemsProcessed((int64_t)(state.iterations() * d.pairs.size()));
    state.counters["pairs/s"] = benchmark::Counter((double)(state.iterations() * d.pairs.size()), benchmark::Counter::kIsRate);
    hme_arena_free(&texts);
    hme_arena_free(&scratch);
    hme_arena_free(&resp);
}

void RougePairsStemmed(benchmark::State &state) { score_pairs(state, false, false); }
void RougePairsAll24(benchmark::State &state) { score_pairs(state, true, false); }
void RougePrepareScore(benchmark::State &state) { score_pairs(state, true, true); }
BENCHMARK(RougePairsStemmed)->Unit(benchmark::kMillisecond);
BENCHMARK(RougePairsAll24)->Unit(benchmark::kMillisecond);
BENCHMARK(RougePrepareScore)->Unit(benchmark::kMillisecond);

} // namespace
