// bench_nltk.cc - METEOR and BLEU throughput on the HarmMetric Eval v2 pairs (each response
// against its prompt's slot-0 reference), and WordNet / family start-up time.
//
//   BM_WordNetOpen          hme_wordnet_open + close (maps index/data, parses *.exc)
//   BM_FamilyOpen           the whole nltk family: Punkt tables + WordNet
//   BM_MeteorFromTokens     single_meteor_score on pre-tokenized pairs (synonym cache warm)
//   BM_BleuFromTokens       sentence_bleu from word_tokenize's tokens, as the engine does it:
//                           the reference's index (token table, n-gram trie) built once per
//                           prompt, then each response scored straight from its token list
//   BM_BleuScorePreparedInCache  the family's score() on prepare()d texts (the worker builds
//                           the reference index on a prompt's first pair), with each
//                           prompt's texts read into cache first (untimed, not scored), as
//                           the engine has them: it prepare()s a response right before score()
//   BM_BleuRefIndex         the reference side alone: the index of each v2 reference
//                           (items = references)
//   BM_NltkEndToEnd         word_tokenize both texts + meteor + bleu, per pair
//
// Pairs run prompt by prompt with one prepared reference per prompt, as in the engine (each
// v2 reference serves its prompt's 12 responses). items_per_second = pairs/s. The texts are
// prepared up front (all 3,288 responses, tens of MB), so a pair reads its response's tokens
// from memory, where the engine finds them in cache right after prepare(): if anything,
// the *FromTokens rates are low (*InCache is the engine's case).
// bench/nltk_peer.sh runs NLTK on the same pairs and prints the ratios. Data is read from
// HME_SHARED_DIR (../shared).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "metric/bleu.h"
#include "metric/meteor.h"
#include "metric/metric.h"
#include "metric/nltk.h"
#include "metric/wordnet.h"
#include "read/json.h"
extern const hme_family hme_family_nltk;
}

namespace {

typedef nltk_text Prepared;   // what the family's prepare() returns

struct Data {
    std::vector<std::string> refs, preds;   // one entry per pair (reference text duplicated)
    std::vector<size_t> ref_of_pair;        // index into unique_refs
    std::vector<std::string> unique_refs;
    void *shared = nullptr, *worker = nullptr;
    hme_arena arena;                         // prepared texts for the *FromTokens benchmarks
    std::vector<const Prepared *> pref, ppred;   // pref: the pair's prompt's one prepared reference
    bool ok = false;
};

std::string shared_path(const char *rel) {
    const char *dir = getenv("HME_SHARED_DIR");
    return std::string(dir ? dir : HME_SHARED_DIR) + "/" + rel;
}

Data &data() {
    static Data d;
    static bool loaded = false;
    if (loaded) return d;
    loaded = true;
    FILE *f = fopen(shared_path("harmmetric/v2/dataset.jsonl").c_str(), "rb");
    if (!f) return d;
    std::vector<std::string> by_id(400000);
    std::vector<long> ids;
    hme_arena la;
    hme_arena_init(&la, nullptr, 0);
    char *line = nullptr;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        hme_jval v;
        if (hme_json_parse(line, (size_t)len, &la, &v, nullptr) != HME_OK) continue;
        const hme_jval *id = hme_json_get(&v, "response_id"), *r = hme_json_get(&v, "response");
        long rid = (long)id->u.num.d;
        if (rid >= 0 && rid < 400000) {
            by_id[rid].assign(r->u.str.ptr, r->u.str.len);
            ids.push_back(rid);
        }
        hme_arena_reset(&la);
    }
    free(line);
    fclose(f);
    hme_arena_free(&la);
    // The file lists slot by slot; the engine scores prompt by prompt (one prepared reference,
    // then its responses), and so does nltk_peer.py: pairs in response_id order.
    std::sort(ids.begin(), ids.end());
    std::vector<long> ref_index(400000, -1);
    for (long rid : ids) {
        if (rid % 100 == 0) continue;
        long ref = rid / 100 * 100;
        if (ref_index[ref] < 0) { ref_index[ref] = (long)d.unique_refs.size(); d.unique_refs.push_back(by_id[ref]); }
        d.ref_of_pair.push_back((size_t)ref_index[ref]);
        d.refs.push_back(by_id[ref]);
        d.preds.push_back(by_id[rid]);
    }
    std::string nltk_data = shared_path("nltk_data");
    hme_metric_config cfg{};
    cfg.nltk_data_dir = nltk_data.c_str();
    hme_error err;
    if (hme_family_nltk.open(&cfg, &d.shared, &err) != HME_OK) { fprintf(stderr, "nltk: %s\n", err.msg); return d; }
    d.worker = hme_family_nltk.worker_new(d.shared);
    hme_arena_init(&d.arena, nullptr, 1 << 20);
    std::vector<const Prepared *> unique;
    for (const std::string &r : d.unique_refs)
        unique.push_back((const Prepared *)hme_family_nltk.prepare(d.worker, hme_str{ r.data(), r.size() }, &d.arena));
    for (size_t i = 0; i < d.refs.size(); i++) {
        d.pref.push_back(unique[d.ref_of_pair[i]]);
        d.ppred.push_back((const Prepared *)hme_family_nltk.prepare(d.worker, hme_str{ d.preds[i].data(), d.preds[i].size() }, &d.arena));
    }
    d.ok = !d.refs.empty();
    return d;
}

void BM_WordNetOpen(benchmark::State &st) {
    for (auto _ : st) {
        hme_wordnet *wn = nullptr;
        if (hme_wordnet_open(nullptr, nullptr, &wn, nullptr) != HME_OK) { st.SkipWithError("no WordNet"); return; }
        hme_wordnet_close(wn);
    }
}
BENCHMARK(BM_WordNetOpen)->Unit(benchmark::kMillisecond);

void BM_FamilyOpen(benchmark::State &st) {
    std::string nltk_data = shared_path("nltk_data");
    hme_metric_config cfg{};
    cfg.nltk_data_dir = nltk_data.c_str();
    for (auto _ : st) {
        void *sh = nullptr;
        if (hme_family_nltk.open(&cfg, &sh, nullptr) != HME_OK) { st.SkipWithError("cannot open"); return; }
        hme_family_nltk.close(sh);
    }
}
BENCHMARK(BM_FamilyOpen)->Unit(benchmark::kMillisecond);

// The family's score() for METEOR over every v2 pair of prepared texts. The first pass fills
// the worker's synonym cache; the timed passes are its steady state.
void BM_MeteorFromTokens(benchmark::State &st) {
    Data &d = data();
    if (!d.ok) { st.SkipWithError("no data"); return; }
    hme_arena scratch;
    hme_arena_init(&scratch, nullptr, 0);
    bool want[2] = { true, false };
    double out[2];
    for (auto _ : st) {
        for (size_t i = 0; i < d.pref.size(); i++) {
            hme_family_nltk.score(d.worker, d.pref[i], d.ppred[i], want, out, &scratch);
            benchmark::DoNotOptimize(out[0]);
            hme_arena_reset(&scratch);
        }
    }
    st.SetItemsProcessed((int64_t)st.iterations() * (int64_t)d.pref.size());
    hme_arena_free(&scratch);
}
BENCHMARK(BM_MeteorFromTokens)->Unit(benchmark::kMillisecond);

// What sentence_bleu([ref], hyp) costs from token lists: the reference's index once per
// prompt, then each pair from the response's tokens.
void BM_BleuFromTokens(benchmark::State &st) {
    Data &d = data();
    if (!d.ok) { st.SkipWithError("no data"); return; }
    hme_arena refa, scratch;
    hme_arena_init(&refa, nullptr, 0);
    hme_arena_init(&scratch, nullptr, 0);
    for (auto _ : st) {
        const Prepared *cur = nullptr;
        const hme_bleu_ref *ref = nullptr;
        for (size_t i = 0; i < d.pref.size(); i++) {
            if (d.pref[i] != cur) {
                cur = d.pref[i];
                hme_arena_reset(&refa);
                ref = hme_bleu_ref_build(cur->tok, cur->n, &refa);
            }
            double b = hme_bleu_score(ref, d.ppred[i]->tok, d.ppred[i]->n, &scratch);
            benchmark::DoNotOptimize(b);
            hme_arena_reset(&scratch);
        }
    }
    st.SetItemsProcessed((int64_t)st.iterations() * (int64_t)d.pref.size());
    hme_arena_free(&refa);
    hme_arena_free(&scratch);
}
BENCHMARK(BM_BleuFromTokens)->Unit(benchmark::kMillisecond);

// Reads a prepared text's tokens (the array and each token's bytes) so that they are in
// cache; returns a checksum the caller keeps.
uint64_t touch_bleu_text(const Prepared *p) {
    uint64_t sum = p->n + p->serial;
    for (size_t i = 0; i < p->n; i++) {
        sum += p->tok[i].len;
        if (p->tok[i].len) sum += (unsigned char)p->tok[i].ptr[0] + (unsigned char)p->tok[i].ptr[p->tok[i].len - 1];
    }
    return sum;
}

// The family's score() with the texts in cache, as the engine has them: it prepare()s each
// response right before score(). Before each prompt (untimed) its texts are read, not
// scored, so the branch predictor has not seen these pairs; then each pair is scored once.
void BM_BleuScorePreparedInCache(benchmark::State &st) {
    Data &d = data();
    if (!d.ok) { st.SkipWithError("no data"); return; }
    hme_arena scratch;
    hme_arena_init(&scratch, nullptr, 0);
    bool want[2] = { false, true };
    double out[2];
    uint64_t sum = 0;
    for (auto _ : st) {
        for (size_t lo = 0; lo < d.pref.size();) {
            size_t hi = lo;
            while (hi < d.pref.size() && d.pref[hi] == d.pref[lo]) hi++;
            st.PauseTiming();
            sum += touch_bleu_text(d.pref[lo]);
            for (size_t i = lo; i < hi; i++) sum += touch_bleu_text(d.ppred[i]);
            st.ResumeTiming();
            for (size_t i = lo; i < hi; i++) {
                hme_family_nltk.score(d.worker, d.pref[i], d.ppred[i], want, out, &scratch);
                benchmark::DoNotOptimize(out[1]);
                hme_arena_reset(&scratch);
            }
            lo = hi;
        }
    }
    benchmark::DoNotOptimize(sum);
    st.SetItemsProcessed((int64_t)st.iterations() * (int64_t)d.pref.size());
    hme_arena_free(&scratch);
}
BENCHMARK(BM_BleuScorePreparedInCache)->Unit(benchmark::kMillisecond);

void BM_BleuRefIndex(benchmark::State &st) {
    Data &d = data();
    if (!d.ok) { st.SkipWithError("no data"); return; }
    std::vector<const Prepared *> refs;
    for (size_t i = 0; i < d.pref.size(); i++)
        if (refs.empty() || refs.back() != d.pref[i]) refs.push_back(d.pref[i]);
    hme_arena a;
    hme_arena_init(&a, nullptr, 0);
    for (auto _ : st) {
        for (const Prepared *r : refs) {
            const hme_bleu_ref *idx = hme_bleu_ref_build(r->tok, r->n, &a);
            benchmark::DoNotOptimize(idx);
            hme_arena_reset(&a);
        }
    }
    st.SetItemsProcessed((int64_t)st.iterations() * (int64_t)refs.size());
    hme_arena_free(&a);
}
BENCHMARK(BM_BleuRefIndex)->Unit(benchmark::kMillisecond);

// What the engine does per pair: tokenize the response (the reference once per prompt, so
// its cost is shared by 12 responses), then both metrics.
void BM_NltkEndToEnd(benchmark::State &st) {
    Data &d = data();
    if (!d.ok) { st.SkipWithError("no data"); return; }
    hme_arena arena, scratch;
    hme_arena_init(&arena, nullptr, 0);
    hme_arena_init(&scratch, nullptr, 0);
    bool want[2] = { true, true };
    double out[2];
    int64_t bytes = 0;
    for (auto _ : st) {
        size_t cur_ref = (size_t)-1;
        const void *ref = nullptr;
        for (size_t i = 0; i < d.preds.size(); i++) {
            if (d.ref_of_pair[i] != cur_ref) {
                hme_arena_reset(&arena);
                cur_ref = d.ref_of_pair[i];
                const std::string &r = d.unique_refs[cur_ref];
                ref = hme_family_nltk.prepare(d.worker, hme_str{ r.data(), r.size() }, &arena);
                bytes += (int64_t)r.size();
            }
            const void *p = hme_family_nltk.prepare(d.worker, hme_str{ d.preds[i].data(), d.preds[i].size() }, &scratch);
            hme_family_nltk.score(d.worker, ref, p, want, out, &scratch);
            benchmark::DoNotOptimize(out[0]);
            bytes += (int64_t)d.preds[i].size();
            hme_arena_reset(&scratch);
        }
    }
    st.SetItemsProcessed((int64_t)st.iterations() * (int64_t)d.preds.size());
    st.SetBytesProcessed(bytes);
    hme_arena_free(&arena);
    hme_arena_free(&scratch);
}
BENCHMARK(BM_NltkEndToEnd)->Unit(benchmark::kMillisecond);

}  // namespace
