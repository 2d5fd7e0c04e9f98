#!/usr/bin/env bash
# ab_bleu.sh - is this src/metric/bleu.c faster than another one? Both are compiled into one
# program (bench/ab_bleu.c, the other's symbols renamed) that runs them interleaved on the
# v2 pairs (word_tokenize tokens from ../shared/golden/v2/tokens.ndjson) and prints rdtsc
# ticks per pair for each, their ratio, and how many scores differ (must be 0).
# Usage: bash bench/ab_bleu.sh OLD [ROUNDS] [BUILD_DIR]
#   OLD        a git revision (its bleu.c and bleu.h; the API must be hme_bleu_ref_build(tok,
#              n, arena) / hme_bleu_score(ref, tok, n, scratch), as since fb74b5e) or a
#              path to a bleu.c that builds against the working tree's bleu.h
#   ROUNDS     passes over v2 (default 10)
#   BUILD_DIR  a Release build to link libhme.a from (default build-bench)
# Environment, for experiments:
#   AB_NEW=FILE     the "new" side is FILE (a variant of bleu.c kept outside the tree; it
#                   builds against the working tree's headers) instead of src/metric/bleu.c
#   AB_CFLAGS=...   extra compiler flags for both sides (e.g. -g for callgrind's annotations)
#   AB_WRAP=CMD     run the program under CMD, e.g.
#                   AB_WRAP="valgrind --tool=callgrind" AB_CFLAGS=-g bash bench/ab_bleu.sh HEAD 1
# x86-64 with gcc only (rdtsc).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
old=${1:?usage: ab_bleu.sh OLD [ROUNDS] [BUILD_DIR]}
rounds=${2:-10}
build=${3:-$root/build-bench}
shared=${HME_SHARED_DIR:-$root/../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/old/metric"
if [ -f "$old" ]; then
  cp "$old" "$tmp/old/bleu.c"
  rmdir "$tmp/old/metric"
else
  git -C "$root" show "$old:src/metric/bleu.c" >"$tmp/old/bleu.c"
  git -C "$root" show "$old:src/metric/bleu.h" >"$tmp/old/metric/bleu.h"
fi
/usr/bin/python3 - "$shared/golden/v2/tokens.ndjson" "$tmp/pairs.txt" <<'PY'
import json, sys
rows = {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    rows[r["response_id"]] = r["word_tokenize"]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    cur = None
    for i in sorted(i for i in rows if i % 100 != 0):
        if i // 100 * 100 != cur:
            cur = i // 100 * 100
            out.write("R\t" + "\x1f".join(rows[cur]) + "\n")
        out.write("H\t" + "\x1f".join(rows[i]) + "\n")
PY
# the library's Release flags (CMakeLists.txt)
cflags="${AB_CFLAGS:-} -O3 -DNDEBUG -ffp-contract=off -fno-fast-math -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L
        -I$root/src -I$root/include -I$root/simd"
gcc $cflags -c "$tmp/old/bleu.c" -o "$tmp/old.o"
for sym in $(nm --defined-only -g "$tmp/old.o" | awk '{print $3}'); do
  objcopy --redefine-sym "$sym=ab_old_$sym" "$tmp/old.o"
done
gcc $cflags -c "${AB_NEW:-$root/src/metric/bleu.c}" -o "$tmp/new.o"
gcc $cflags -c "$here/ab_bleu.c" -o "$tmp/ab.o"
gcc "$tmp/ab.o" "$tmp/old.o" "$tmp/new.o" "$build/libhme.a" -lmimalloc -lm -lpthread -o "$tmp/ab_bleu"
${AB_WRAP:-} "$tmp/ab_bleu" "$tmp/pairs.txt" "$rounds"
