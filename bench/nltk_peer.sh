#!/usr/bin/env bash
# nltk_peer.sh - hme vs NLTK 3.8 on the same v2 pairs: runs bench_nltk (hme) and
# nltk_peer.py (NLTK) one after the other on this machine and prints pairs/s and the ratio.
# Usage: bash bench/nltk_peer.sh [BUILD_DIR] [PAIRS]
#   BUILD_DIR: a build with -DHME_BUILD_BENCH=ON (default build-bench); PAIRS for NLTK's
#   METEOR and end-to-end runs (default 600; 0 = all 3,288 - NLTK's METEOR needs minutes for
#   all of them). NLTK's BLEU always runs on all pairs (a few seconds).
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
export NLTK_DATA=${NLTK_DATA:-/tmp/hme-nltk-data}
hme_json=$(mktemp)
trap 'rm -f "$hme_json"' EXIT
"$build/bench/bench_nltk" --benchmark_filter='FromTokens|Prepared|EndToEnd' --benchmark_min_time=0.5 \
  --benchmark_format=json >"$hme_json" 2>/dev/null
peer=$(/usr/bin/python3 "$here/nltk_peer.py" --pairs "$pairs")
/usr/bin/python3 - "$hme_json" "$peer" <<'PY'
import json, sys
hme = {b["name"]: b.get("items_per_second", 0.0) for b in json.load(open(sys.argv[1]))["benchmarks"]}
peer = dict(l.split() for l in sys.argv[2].splitlines())
rows = [("METEOR (from tokens)", "BM_MeteorFromTokens", "meteor_from_tokens"),
        ("BLEU (from tokens)", "BM_BleuFromTokens", "bleu_from_tokens"),
        ("BLEU (tokens in cache)", "BM_BleuScorePreparedInCache", "bleu_from_tokens"),
        ("word_tokenize + METEOR + BLEU", "BM_NltkEndToEnd", "end_to_end")]
print("NLTK timed on %s pairs (BLEU: %s); hme on all v2 pairs, one thread" % (peer["pairs"], peer["bleu_pairs"]))
print("%-32s %14s %14s %9s" % ("pairs/s", "hme", "NLTK 3.8", "ratio"))
for label, hk, pk in rows:
    h, p = hme.get(hk, 0.0), float(peer[pk])
    print("%-32s %14.0f %14.1f %8.0fx" % (label, h, p, h / p if p else float("nan")))
PY
