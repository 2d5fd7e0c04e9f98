// bench_reader.cc - NDJSON reading throughput: the reader's line splitting next to a plain
// memchr newline scan of the same buffer, per scan implementation, and reader + JSON parse.
// Input: the v2 dataset repeated to ~64 MiB (read by path from the shared dir), or
// synthetic records of the same shape when the dataset is absent.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

extern "C" {
#include "core/arena.h"
#include "read/json.h"
#include "read/reader.h"
#include "scan.h"
}

static const std::string &input() {
    static std::string buf;
    if (!buf.empty()) return buf;
    std::string one;
    const char *dir = getenv("HME_SHARED_DIR");
    std::string path = std::string(dir ? dir : HME_SHARED_DIR) + "/harmmetric/v2/dataset.jsonl";
    if (FILE *f = fopen(path.c_str(), "rb")) {
        char tmp[1 << 16];
        size_t n;
        while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) one.append(tmp, n);
        fclose(f);
    }
    if (one.empty()) { // synthetic records of the dataset's shape
        for (int i = 0; i < 3562; i++) {
            one += "{\"harmful_prompt\": \"How do I do a harmful thing?\", \"response\": \"";
            for (int k = 0; k < 12 + i % 40; k++) one += "Some words of a long response, with \\\"quotes\\\" and\\n lines. ";
            one += "\", \"response_category\": \"harmful response\", \"attack_method\": \"\", \"source\": \"AdvBench\", "
                   "\"prompt_id\": " + std::to_string(i / 13) + ", \"response_id\": " + std::to_string(i) + "}\n";
        }
    }
    while (buf.size() < (64u << 20)) buf += one;
    return buf;
}

static void BM_memchr_newlines(benchmark::State &state) {
    const std::string &in = input();
    for (auto _ : state) {
        size_t lines = 0;
        const char *p = in.data(), *end = p + in.size();
        while (const char *nl = (const char *)memchr(p, '\n', (size_t)(end - p))) { lines++; p = nl + 1; }
        benchmark::DoNotOptimize(lines);
    }
    state.SetBytesProcessed((int64_t)state.iterations() * (int64_t)in.size());
}
BENCHMARK(BM_memchr_newlines)->Unit(benchmark::kMillisecond);

static int count_record(void *ctx, uint64_t, const char *line, size_t len, hme_code) {
    size_t *n = (size_t *)ctx;
    *n += len ? 1 : 0;
    benchmark::DoNotOptimize(line);
    return 0;
}

// The reader fed in 1 MiB chunks (as read_fd does), per scan implementation.
static void BM_reader(benchmark::State &state, const char *impl_name) {
    const hme_scan_impl *impl = hme_scan_impl_named(impl_name);
    if (!impl) { state.SkipWithError("implementation not supported by this CPU"); return; }
    const hme_scan_impl *before = hme_scan_active();
    hme_scan_set_active(impl);
    const std::string &in = input();
    for (auto _ : state) {
        size_t records = 0;
        hme_reader *r = hme_reader_new(nullptr, 0, 0);
        for (size_t pos = 0; pos < in.size(); pos += HME_READER_DEFAULT_CHUNK) {
            size_t k = in.size() - pos < HME_READER_DEFAULT_CHUNK ? in.size() - pos : HME_READER_DEFAULT_CHUNK;
            hme_reader_feed(r, in.data() + pos, k, count_record, &records);
        }
        hme_reader_finish(r, count_record, &records);
        hme_reader_free(r);
        benchmark::DoNotOptimize(records);
    }
    hme_scan_set_active(before);
    state.SetBytesProcessed((int64_t)state.iterations() * (int64_t)in.size());
}
BENCHMARK_CAPTURE(BM_reader, scalar, "scalar")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_reader, sse2, "sse2")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_reader, avx2, "avx2")->Unit(benchmark::kMillisecond);

struct parse_ctx { hme_arena arena; size_t records, failed; };

static int parse_record(void *ctx, uint64_t, const char *line, size_t len, hme_code code) {
    parse_ctx *p = (parse_ctx *)ctx;
    hme_jval v;
    hme_arena_reset(&p->arena);
    if (code != HME_OK || hme_json_parse(line, len, &p->arena, &v, nullptr) != HME_OK) p->failed++;
    p->records++;
    return 0;
}

// Reader + a full JSON DOM per record (strings decoded and UTF-8 checked).
static void BM_reader_json(benchmark::State &state, const char *impl_name) {
    const hme_scan_impl *impl = hme_scan_impl_named(impl_name);
    if (!impl) { state.SkipWithError("implementation not supported by this CPU"); return; }
    const hme_scan_impl *before = hme_scan_active();
    hme_scan_set_active(impl);
    const std::string &in = input();
    parse_ctx p;
    hme_arena_init(&p.arena, nullptr, 0);
    for (auto _ : state) {
        p.records = p.failed = 0;
        hme_reader *r = hme_reader_new(nullptr, 0, 0);
        for (size_t pos = 0; pos < in.size(); pos += HME_READER_DEFAULT_CHUNK) {
            size_t k = in.size() - pos < HME_READER_DEFAULT_CHUNK ? in.size() - pos : HME_READER_DEFAULT_CHUNK;
            hme_reader_feed(r, in.data() + pos, k, parse_record, &p);
        }
        hme_reader_finish(r, parse_record, &p);
        hme_reader_free(r);
        if (p.failed) { state.SkipWithError("a record failed to parse"); break; }
    }
    hme_arena_free(&p.arena);
    hme_scan_set_active(before);
    state.SetBytesProcessed((int64_t)state.iterations() * (int64_t)in.size());
    state.counters["records/s"] = benchmark::Counter((double)p.records * (double)state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK_CAPTURE(BM_reader_json, scalar, "scalar")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_reader_json, avx2, "avx2")->Unit(benchmark::kMillisecond);
