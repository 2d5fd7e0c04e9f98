#!/usr/bin/env bash
# nltk_peer.sh - hme vs NLTK 3.8 on the same v2 pairs: runs bench_nltk (hme) and
# nltk_peer.py (NLTK) alternately, ROUNDS times, and prints pairs/s and the ratios.
# Usage: bash bench/nltk_peer.sh [BUILD_DIR] [PAIRS] [ROUNDS]
#   BUILD_DIR: a build with -DHME_BUILD_BENCH=ON (default build-bench); PAIRS for NLTK's
#   METEOR and end-to-end runs (default 600; 0 = all 3,288 - NLTK's METEOR needs minutes for
#   all of them). NLTK's BLEU always runs on all pairs (a few seconds). ROUNDS (default 3):
#   hme then NLTK, that many times; each round gives one ratio per row.
# The machine's clock wanders (+-30% between runs here), and the two sides cannot run at the
# same moment: a round pairs two runs made seconds apart, and the table shows each side's
# median pairs/s, the ratio of the medians, and the lowest and highest of the rounds' ratios.
# Both sides walk the pairs prompt by prompt (response_id order), each reference tokenized
# (hme: prepared) once per prompt. The hme BLEU rows: "from tokens" builds the reference
# index once per prompt and scores each response from its token list, like NLTK's input of
# token lists (the lists come from memory); "tokens in cache" is the family's score() with
# each prompt's tokens just read, as the engine has them right after word_tokenize (both
# are compared with NLTK's sentence_bleu from tokens).
# Needs NLTK_DATA with punkt and WordNet (bash ../shared/peers/nltk-peer.sh sets it up).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build-bench}
pairs=${2:-600}
rounds=${3:-3}
export NLTK_DATA=${NLTK_DATA:-/tmp/hme-nltk-data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for r in $(seq 1 "$rounds"); do
  "$build/bench/bench_nltk" --benchmark_filter='FromTokens|Prepared|EndToEnd' --benchmark_min_time=0.5 \
    --benchmark_format=json >"$tmp/hme.$r.json" 2>/dev/null
  /usr/bin/python3 "$here/nltk_peer.py" --pairs "$pairs" >"$tmp/nltk.$r.txt"
done
/usr/bin/python3 - "$tmp" "$rounds" <<'PY'
import json, statistics, sys
tmp, rounds = sys.argv[1], int(sys.argv[2])
hme, peer = [], []
for r in range(1, rounds + 1):
    hme.append({b["name"]: b.get("items_per_second", 0.0)
                for b in json.load(open("%s/hme.%d.json" % (tmp, r)))["benchmarks"]})
    peer.append(dict(l.split() for l in open("%s/nltk.%d.txt" % (tmp, r)).read().splitlines()))
rows = [("METEOR (from tokens)", "BM_MeteorFromTokens", "meteor_from_tokens"),
        ("BLEU (from tokens)", "BM_BleuFromTokens", "bleu_from_tokens"),
        ("BLEU (tokens in cache)", "BM_BleuScorePreparedInCache", "bleu_from_tokens"),
        ("word_tokenize + METEOR + BLEU", "BM_NltkEndToEnd", "end_to_end")]
print("NLTK timed on %s pairs (BLEU: %s); hme on all v2 pairs; one thread; %d rounds"
      % (peer[0]["pairs"], peer[0]["bleu_pairs"], rounds))
print("%-32s %12s %12s %8s %15s" % ("pairs/s (medians)", "hme", "NLTK 3.8", "ratio", "rounds' ratios"))
for label, hk, pk in rows:
    h = [x.get(hk, 0.0) for x in hme]
    p = [float(x[pk]) for x in peer]
    each = [a / b for a, b in zip(h, p) if b]
    hm, pm = statistics.median(h), statistics.median(p)
    print("%-32s %12.0f %12.1f %7.0fx %7.0f-%.0fx" % (label, hm, pm, hm / pm if pm else float("nan"),
                                                     min(each), max(each)))
PY
