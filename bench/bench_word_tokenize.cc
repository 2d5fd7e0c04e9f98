// bench_word_tokenize.cc - nltk.word_tokenize throughput on the HarmMetric Eval v2 texts
// (every "response" of harmmetric/v2/dataset.jsonl), and its two stages alone:
// Punkt sentence splitting and the Treebank cascade (as word_tokenize runs it: the
// regex-free passes of treebank_fast.c on ASCII text, else PCRE2), plus the PCRE2 cascade
// alone (treebank.c, the oracle) for comparison.
// Run: ./build-bench/bench/bench_word_tokenize --benchmark_min_time=0.2
#include <benchmark/benchmark.h>

#include "bench_data.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

extern "C" {
#include "core/alloc.h"
#include "core/arena.h"
#include "read/json.h"
#include "tokenize/treebank.h"
#include "tokenize/word_tokenize.h"
}

namespace {

struct Corpus {
    std::vector<std::string> texts;
    size_t bytes = 0;
    hme_wordtok_model *model = nullptr;
    std::string error;
};

const Corpus &corpus() {
    static Corpus c = [] {
        Corpus c;
        hme_error err;
        if (hme_wordtok_open(bench_shared_path("nltk_data").c_str(), nullptr, &c.model, &err) != HME_OK) {
            c.error = err.msg;
            return c;
        }
        const BenchV2 &v2 = bench_v2();
        if (v2.texts.empty()) { c.error = v2.error; return c; }
        c.texts = v2.texts;
        c.bytes = v2.text_bytes;
        return c;
    }();
    return c;
}

enum Stage { kWordTokenize, kPunkt, kTreebank };

void run(benchmark::State &state, Stage stage) {
    const Corpus &c = corpus();
    if (!c.model || c.texts.empty()) { state.SkipWithError(c.error.empty() ? "no texts" : c.error.c_str()); return; }
    hme_wordtok *t = hme_wordtok_new(c.model);
    hme_arena a;
    hme_arena_init(&a, nullptr, 0);
    size_t units = 0;
    for (auto _ : state) {
        for (const std::string &s : c.texts) {
            hme_str *tk;
            hme_span *sp;
            size_t n = 0;
            hme_code rc = stage == kPunkt ? hme_punkt_sentences(t, s.data(), s.size(), &a, &sp, &n)
                        : stage == kTreebank ? hme_treebank_tokenize(t, s.data(), s.size(), &a, &tk, &n)
                                             : hme_word_tokenize(t, s.data(), s.size(), &a, &tk, &n);
            if (rc != HME_OK) { state.SkipWithError("tokenize failed"); break; }
            units += n;
            hme_arena_reset(&a);
        }
    }
    state.SetBytesProcessed((int64_t)(state.iterations() * c.bytes));
    state.SetItemsProcessed((int64_t)(state.iterations() * c.texts.size()));
    state.counters["tokens_or_sentences/s"] = benchmark::Counter((double)units, benchmark::Counter::kIsRate);
    hme_arena_free(&a);
    hme_wordtok_free(t);
}

// The PCRE2 cascade on whole texts (like BM_TreebankOnly, without the fast path).
void BM_TreebankCascadePcre2(benchmark::State &state) {
    const Corpus &c = corpus();
    if (!c.model || c.texts.empty()) { state.SkipWithError(c.error.empty() ? "no texts" : c.error.c_str()); return; }
    hme_treebank *tb = nullptr;
    hme_error err;
    if (hme_treebank_open(nullptr, &tb, &err) != HME_OK) { state.SkipWithError(err.msg); return; }
    hme_treebank_scratch *ts = hme_treebank_scratch_new(tb, nullptr);
    hme_tokvec toks = {};
    toks.al = hme_alloc_or_default(nullptr);
    hme_arena a;
    hme_arena_init(&a, nullptr, 0);
    size_t units = 0;
    for (auto _ : state) {
        for (const std::string &s : c.texts) {
            toks.n = 0;
            if (hme_treebank_append(tb, ts, s.data(), s.size(), &a, &toks) != HME_OK) { state.SkipWithError("tokenize failed"); break; }
            units += toks.n;
            hme_arena_reset(&a);
        }
    }
    state.SetBytesProcessed((int64_t)(state.iterations() * c.bytes));
    state.SetItemsProcessed((int64_t)(state.iterations() * c.texts.size()));
    state.counters["tokens_or_sentences/s"] = benchmark::Counter((double)units, benchmark::Counter::kIsRate);
    hme_arena_free(&a);
    hme_free(toks.al, toks.v);
    hme_treebank_scratch_free(ts);
    hme_treebank_close(tb);
}

void BM_WordTokenize(benchmark::State &state) { run(state, kWordTokenize); }
void BM_PunktSentences(benchmark::State &state) { run(state, kPunkt); }
void BM_TreebankOnly(benchmark::State &state) { run(state, kTreebank); }

}  // namespace

BENCHMARK(BM_WordTokenize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PunktSentences)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TreebankOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TreebankCascadePcre2)->Unit(benchmark::kMillisecond);
