/* test_reader.c - the NDJSON line reader: every chunking (1 byte .. 1 MiB, random cuts,
 * read_fd from a file) must deliver exactly what a naive whole-buffer splitter delivers;
 * BOM, CRLF, blank lines, the record size limit, a 64 MiB line, stopping, and the v2
 * dataset. Runs per structural-scan implementation. */
#include "harness.h"
#include "read/json.h"
#include "read/reader.h"
#include "scan_impls.h"

#include <fcntl.h>
#include <stdlib.h>

/* ---- a list of delivered records ---- */
typedef struct rec { uint64_t line; size_t off, len; hme_code code; } rec;
typedef struct recs {
    rec *r; size_t n, cap;
    char *bytes; size_t blen, bcap;
    int stop_after;   /* return nonzero after this many records (0 = never) */
} recs;

static void recs_free(recs *L) { free(L->r); free(L->bytes); memset(L, 0, sizeof *L); }

static void recs_add(recs *L, uint64_t line, const char *s, size_t n, hme_code code) {
    if (L->n == L->cap) { L->cap = L->cap ? 2 * L->cap : 64; L->r = realloc(L->r, L->cap * sizeof *L->r); }
    if (L->blen + n > L->bcap) { while (L->blen + n > L->bcap) L->bcap = L->bcap ? 2 * L->bcap : 4096; L->bytes = realloc(L->bytes, L->bcap); }
    if (n) memcpy(L->bytes + L->blen, s, n);
    L->r[L->n++] = (rec){ line, L->blen, n, code };
    L->blen += n;
}

static int on_record(void *ctx, uint64_t line, const char *s, size_t n, hme_code code) {
    recs *L = ctx;
    recs_add(L, line, s, n, code);
    return L->stop_after && (int)L->n >= L->stop_after;
}

static bool recs_equal(const recs *a, const recs *b) {
    if (a->n != b->n || a->blen != b->blen) return false;
    for (size_t i = 0; i < a->n; i++)
        if (a->r[i].line != b->r[i].line || a->r[i].len != b->r[i].len || a->r[i].code != b->r[i].code) return false;
    return a->blen == 0 || memcmp(a->bytes, b->bytes, a->blen) == 0;
}

/* The oracle: the contract of reader.h applied to the whole buffer at once. */
static uint64_t naive_split(const char *s, size_t n, size_t max, recs *out) {
    size_t pos = 0;
    uint64_t line = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) pos = 3;
    while (pos < n) {
        const char *nl = memchr(s + pos, '\n', n - pos);
        size_t e = nl ? (size_t)(nl - s) : n;
        size_t len = e - pos;
        line++;
        if (nl && len && s[e - 1] == '\r') len--;
        bool blank = true;
        for (size_t i = 0; i < len; i++) blank &= s[pos + i] == ' ' || s[pos + i] == '\t' || s[pos + i] == '\r';
        if (len > max) recs_add(out, line, s + pos, max, HME_ERR_TOO_LONG);
        else if (!blank) recs_add(out, line, s + pos, len, HME_OK);
        pos = e + 1;
    }
    return line;
}

/* Feeds s in pieces of size chunk (chunk 0: random piece sizes from seed). */
static hme_code feed_chunked(const char *s, size_t n, size_t chunk, size_t max, uint64_t seed, recs *out, uint64_t *lines) {
    hme_reader *r = hme_reader_new(NULL, 0, max);
    hme_code c = HME_OK;
    for (size_t pos = 0; pos < n && c == HME_OK;) {
        size_t k = chunk;
        if (!k) { seed = seed * 6364136223846793005ULL + 1442695040888963407ULL; k = 1 + (seed >> 33) % 97; }
        if (k > n - pos) k = n - pos;
        c = hme_reader_feed(r, s + pos, k, on_record, out);
        pos += k;
    }
    if (c == HME_OK) c = hme_reader_finish(r, on_record, out);
    if (lines) *lines = hme_reader_lines(r);
    hme_reader_free(r);
    return c;
}

static void basic_lines(void) {
    const char in[] = "a\nb\r\n\n  \t\r\n{\"x\":1}\r\r\nc";
    recs L = { 0 };
    uint64_t lines = 0;
    CHECK_EQ_INT(feed_chunked(in, sizeof in - 1, 1 << 20, 0, 0, &L, &lines), HME_OK);
    CHECK_EQ_INT(lines, 6);
    CHECK_EQ_INT(L.n, 4);
    if (L.n == 4) {
        CHECK(L.r[0].line == 1 && L.r[0].len == 1 && L.bytes[L.r[0].off] == 'a');
        CHECK(L.r[1].line == 2 && L.r[1].len == 1 && L.bytes[L.r[1].off] == 'b');
        CHECK(L.r[2].line == 5 && L.r[2].len == 8 && memcmp(L.bytes + L.r[2].off, "{\"x\":1}\r", 8) == 0); /* one '\r' dropped */
        CHECK(L.r[3].line == 6 && L.r[3].len == 1 && L.bytes[L.r[3].off] == 'c' && L.r[3].code == HME_OK);
    }
    recs_free(&L);
    /* BOM: dropped at the start only; a partial BOM is content. */
    const char *cases[][2] = {
        { "\xEF\xBB\xBF{}\n", "{}" }, { "\xEF\xBB\xBF{}", "{}" }, { "\xEF\xBB{}\n", "\xEF\xBB{}" },
        { "\xEF{}", "\xEF{}" }, { "\xEF\xBB", "\xEF\xBB" }, { "\xEF\xBB\xBF\xEF\xBB\xBF", "\xEF\xBB\xBF" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (size_t chunk = 1; chunk <= 4; chunk++) {
            recs M = { 0 };
            feed_chunked(cases[i][0], strlen(cases[i][0]), chunk, 0, 0, &M, NULL);
            CHECK_MSG(M.n == 1 && M.r[0].len == strlen(cases[i][1]) && memcmp(M.bytes, cases[i][1], M.r[0].len) == 0,
                      "BOM case %zu chunk %zu", i, chunk);
            recs_free(&M);
        }
    recs E = { 0 };
    CHECK_EQ_INT(feed_chunked("\xEF\xBB\xBF", 3, 1, 0, 0, &E, &lines), HME_OK);
    CHECK(E.n == 0 && lines == 0);
    CHECK_EQ_INT(feed_chunked("", 0, 1, 0, 0, &E, &lines), HME_OK);
    CHECK(E.n == 0 && lines == 0);
    CHECK_EQ_INT(feed_chunked("\n\n \n", 4, 1, 0, 0, &E, &lines), HME_OK);
    CHECK(E.n == 0 && lines == 3);
    recs_free(&E);
}

static void record_limit(void) {
    /* max 4: "abcd" fits, "abcd\r\n" fits ('\r' is the line break), "abcde" is too long
     * (delivered as its first 4 bytes), and reading continues on the next line. */
    const char in[] = "abcd\nabcd\r\nabcde\nxy\nabcdefghij\r\nz\n   \nlast-too-long";
    for (size_t chunk = 1; chunk <= 12; chunk++) {
        recs L = { 0 };
        uint64_t lines;
        CHECK_EQ_INT(feed_chunked(in, sizeof in - 1, chunk, 4, 0, &L, &lines), HME_OK);
        CHECK_EQ_INT(lines, 8);
        CHECK_EQ_INT(L.n, 7);
        if (L.n != 7) { recs_free(&L); continue; }
        static const hme_code want_code[7] = { HME_OK, HME_OK, HME_ERR_TOO_LONG, HME_OK, HME_ERR_TOO_LONG, HME_OK, HME_ERR_TOO_LONG };
        static const char *const want[7] = { "abcd", "abcd", "abcd", "xy", "abcd", "z", "last" };
        static const uint64_t want_line[7] = { 1, 2, 3, 4, 5, 6, 8 };
        for (int i = 0; i < 7; i++)
            CHECK_MSG(L.r[i].code == want_code[i] && L.r[i].line == want_line[i] && L.r[i].len == strlen(want[i]) &&
                          memcmp(L.bytes + L.r[i].off, want[i], L.r[i].len) == 0, "record %d chunk %zu", i, chunk);
        recs_free(&L);
    }
}

/* Adversarial stream: lines of every length class, CRLF, lone '\r', blank lines, long
 * lines around the limit, NUL and high bytes, no final newline. */
static char *make_stream(size_t *n_out, uint64_t seed, size_t max) {
    size_t cap = 1 << 16, n = 0;
    char *s = malloc(cap);
    if (seed & 1) { memcpy(s, "\xEF\xBB\xBF", 3); n = 3; }
    while (n < 20000) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        unsigned r = (unsigned)(seed >> 33);
        size_t len;
        switch (r % 6) {
        case 0: len = 0; break;
        case 1: len = r % 8; break;
        case 2: len = max - 2 + r % 5; break;    /* around the limit */
        case 3: len = r % 300; break;
        default: len = r % 40; break;
        }
        if (n + len + 4 > cap) break;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            unsigned b = (unsigned)(seed >> 40);
            s[n++] = (b % 11 == 0) ? ' ' : (b % 13 == 0) ? '\r' : (b % 17 == 0) ? (char)(b >> 8) : (char)('a' + b % 26);
        }
        if (r % 5 == 0) s[n++] = '\r';
        s[n++] = '\n';
    }
    if (seed & 2) { memcpy(s + n, "tail", 4); n += 4; }
    *n_out = n;
    return s;
}

static void every_chunking(void) {
    const size_t max = 64;
    for (uint64_t seed = 1; seed <= 4; seed++) {
        size_t n;
        char *s = make_stream(&n, seed, max);
        recs want = { 0 };
        uint64_t want_lines = naive_split(s, n, max, &want);
        int bad = 0;
        static const size_t big[] = { 511, 512, 4096, 65536, 1 << 20 };
        for (size_t chunk = 1; chunk <= 300 + sizeof big / sizeof big[0]; chunk++) {
            size_t c = chunk <= 300 ? chunk : big[chunk - 301];
            recs got = { 0 };
            uint64_t lines;
            hme_code code = feed_chunked(s, n, c, max, 0, &got, &lines);
            if (code != HME_OK || lines != want_lines || !recs_equal(&got, &want)) {
                if (bad++ < 5) fprintf(stderr, "seed %llu chunk %zu differs\n", (unsigned long long)seed, c);
            }
            recs_free(&got);
        }
        for (uint64_t rs = 1; rs <= 20; rs++) {
            recs got = { 0 };
            uint64_t lines;
            hme_code code = feed_chunked(s, n, 0, max, rs, &got, &lines);
            if (code != HME_OK || lines != want_lines || !recs_equal(&got, &want)) bad++;
            recs_free(&got);
        }
        CHECK_EQ_INT(bad, 0);
        CHECK(want.n > 100);
        recs_free(&want);
        free(s);
    }
}

/* read_fd from a real file, with chunk sizes that cut records everywhere. */
static void read_fd_chunks(void) {
    size_t n;
    char *s = make_stream(&n, 3, 64);
    char path[] = "/tmp/hme-test-reader-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0) { free(s); return; }
    CHECK((size_t)write(fd, s, n) == n);
    recs want = { 0 };
    uint64_t want_lines = naive_split(s, n, 64, &want);
    static const size_t chunks[] = { 1, 2, 3, 7, 64, 65, 4096, 1 << 20 };
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        lseek(fd, 0, SEEK_SET);
        hme_reader *r = hme_reader_new(NULL, chunks[i], 64);
        recs got = { 0 };
        hme_error err;
        CHECK_EQ_INT(hme_reader_read_fd(r, fd, on_record, &got, &err), HME_OK);
        CHECK_MSG(recs_equal(&got, &want) && hme_reader_lines(r) == want_lines, "chunk %zu", chunks[i]);
        recs_free(&got);
        hme_reader_free(r);
    }
    close(fd);
    unlink(path);
    recs_free(&want);
    free(s);
    /* A failing read is an IO error, not a crash. */
    hme_reader *r = hme_reader_new(NULL, 0, 0);
    hme_error err;
    recs got = { 0 };
    CHECK_EQ_INT(hme_reader_read_fd(r, -1, on_record, &got, &err), HME_ERR_IO);
    CHECK(err.code == HME_ERR_IO && err.msg[0]);
    hme_reader_free(r);
    hme_reader_free(NULL);
}

static void stop_early(void) {
    const char in[] = "1\n2\n3\n4\n";
    recs L = { 0 };
    L.stop_after = 2;
    hme_reader *r = hme_reader_new(NULL, 0, 0);
    CHECK_EQ_INT(hme_reader_feed(r, in, sizeof in - 1, on_record, &L), HME_ERR_ARG);
    CHECK_EQ_INT(L.n, 2);
    CHECK_EQ_INT(hme_reader_feed(r, in, sizeof in - 1, on_record, &L), HME_ERR_ARG);
    CHECK_EQ_INT(hme_reader_finish(r, on_record, &L), HME_ERR_ARG);
    CHECK_EQ_INT(L.n, 2);
    hme_reader_free(r);
    recs_free(&L);
}

/* A 64 MiB record fits the default limit exactly; one byte more is too long; the next
 * line is still read. Fed in 1 MiB chunks, as read_fd would. */
typedef struct big_ctx { size_t n; uint64_t line[4]; size_t len[4]; hme_code code[4]; bool content_ok[4]; } big_ctx;

static int on_big(void *ctx, uint64_t line, const char *s, size_t n, hme_code code) {
    big_ctx *b = ctx;
    if (b->n < 4) {
        b->line[b->n] = line; b->len[b->n] = n; b->code[b->n] = code;
        bool ok = true;
        for (size_t i = 0; i < n && ok; i += 4093) ok = s[i] == (char)('a' + i % 26);
        b->content_ok[b->n] = ok && (n == 0 || s[n - 1] == (char)('a' + (n - 1) % 26));
    }
    b->n++;
    return 0;
}

static void line_64mib(void) {
    const size_t M = HME_READER_DEFAULT_MAX_RECORD;
    char *buf = malloc(1 << 20);
    hme_reader *r = hme_reader_new(NULL, 0, 0);
    big_ctx b;
    memset(&b, 0, sizeof b);
    hme_code c = HME_OK;
    for (int rec_i = 0; rec_i < 2; rec_i++) {
        size_t len = M + (size_t)rec_i; /* then the newline */
        for (size_t pos = 0; pos < len && c == HME_OK;) {
            size_t k = len - pos < (1 << 20) ? len - pos : (1 << 20);
            for (size_t i = 0; i < k; i++) buf[i] = (char)('a' + (pos + i) % 26);
            c = hme_reader_feed(r, buf, k, on_big, &b);
            pos += k;
        }
        if (c == HME_OK) c = hme_reader_feed(r, "\r\n", 2, on_big, &b);
    }
    if (c == HME_OK) c = hme_reader_feed(r, "{}", 2, on_big, &b);
    if (c == HME_OK) c = hme_reader_finish(r, on_big, &b);
    CHECK_EQ_INT(c, HME_OK);
    CHECK_EQ_INT(b.n, 3);
    CHECK(b.line[0] == 1 && b.len[0] == M && b.code[0] == HME_OK && b.content_ok[0]);
    CHECK(b.line[1] == 2 && b.len[1] == M && b.code[1] == HME_ERR_TOO_LONG && b.content_ok[1]);
    CHECK(b.line[2] == 3 && b.len[2] == 2 && b.code[2] == HME_OK);
    CHECK_EQ_INT(hme_reader_lines(r), 3);
    hme_reader_free(r);
    free(buf);
}

/* The v2 dataset through read_fd: 3,562 records, each a JSON object, one per line. */
typedef struct ds_ctx { size_t n, json_ok; uint64_t last_line; bool lines_in_order; hme_arena arena; } ds_ctx;

static int on_dataset(void *ctx, uint64_t line, const char *s, size_t n, hme_code code) {
    ds_ctx *d = ctx;
    hme_jval v;
    hme_arena_reset(&d->arena);
    if (code == HME_OK && hme_json_parse(s, n, &d->arena, &v, NULL) == HME_OK && v.type == HME_JOBJ &&
        hme_json_get(&v, "response_id"))
        d->json_ok++;
    if (line != d->last_line + 1) d->lines_in_order = false;
    d->last_line = line;
    d->n++;
    return 0;
}

static void dataset_v2(void) {
    const char *path = hme_t_shared("harmmetric/v2/dataset.jsonl");
    if (!path) return;
    static const size_t chunks[] = { 4093, 1 << 16, 1 << 20 };
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        int fd = open(path, O_RDONLY);
        CHECK(fd >= 0);
        if (fd < 0) return;
        ds_ctx d;
        memset(&d, 0, sizeof d);
        d.lines_in_order = true;
        hme_arena_init(&d.arena, NULL, 0);
        hme_reader *r = hme_reader_new(NULL, chunks[i], 0);
        CHECK_EQ_INT(hme_reader_read_fd(r, fd, on_dataset, &d, NULL), HME_OK);
        CHECK_EQ_INT(d.n, 274 * 13);
        CHECK_EQ_INT(d.json_ok, 274 * 13);
        CHECK(d.lines_in_order);
        CHECK_EQ_INT(hme_reader_lines(r), 274 * 13);
        hme_reader_free(r);
        hme_arena_free(&d.arena);
        close(fd);
    }
}

int main(void) {
    scan_each_impl(basic_lines, "basic_lines");
    scan_each_impl(record_limit, "record_limit");
    scan_each_impl(every_chunking, "every_chunking");
    scan_each_impl(read_fd_chunks, "read_fd_chunks");
    RUN(stop_early);
    RUN(line_64mib);
    scan_each_impl(dataset_v2, "dataset_v2");
    return hme_t_summary();
}
