#!/usr/bin/env bash
# Thread scaling of `hme eval` with all 30 metrics: the v2 dataset repeated K times (distinct
# prompt ids, bench/repeat_v2.awk), timed for each thread count, and every output compared
# with the 1-thread document (it must be byte-identical).
# Usage: bash bench/scale_threads.sh [HME] [K] [THREADS...]
#   HME defaults to build-bench/hme; K to 16; THREADS to "1 2 4 8 12 16".
#   Data: HME_SHARED_DIR (default ../shared) for the dataset and Punkt, WORDNET (default /usr/share/wordnet).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
hme=${1:-build-bench/hme}
k=${2:-16}
shift 2 2>/dev/null || shift $#
threads=("$@"); [ ${#threads[@]} -gt 0 ] || threads=(1 2 4 8 12 16)
shared=${HME_SHARED_DIR:-$here/../../shared}
wordnet=${WORDNET:-/usr/share/wordnet}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
awk -v K="$k" -f "$here/repeat_v2.awk" "$shared/harmmetric/v2/dataset.jsonl" >"$tmp/data.jsonl"
echo "$(nproc) cores; $(wc -l <"$tmp/data.jsonl") records ($(du -h "$tmp/data.jsonl" | cut -f1))"
for t in "${threads[@]}"; do
  s=$(date +%s.%N)
  "$hme" eval --json --metrics all --threads "$t" --nltk-data "$shared/nltk_data" --wordnet "$wordnet" \
    "$tmp/data.jsonl" >"$tmp/out_$t.json"
  e=$(date +%s.%N)
  same=$(cmp -s "$tmp/out_${threads[0]}.json" "$tmp/out_$t.json" && echo identical || echo DIFFERS)
  awk -v a="$s" -v b="$e" -v t="$t" -v n="$(wc -l <"$tmp/data.jsonl")" -v same="$same" \
    'BEGIN { printf "threads=%-3s %7.3f s  %9.0f records/s  output %s\n", t, b - a, n / (b - a), same }'
done
