#!/usr/bin/env python3
"""nltk_peer.py - NLTK 3.8 itself on the pairs bench_nltk.cc measures: every HarmMetric Eval
v2 response against its prompt's slot-0 reference (or the first --pairs of them).

Prints one line per measurement, "name pairs_per_s", for bench/nltk_peer.sh:
  meteor_from_tokens  single_meteor_score(ref_tokens, hyp_tokens)   (WordNet loaded and warm)
  bleu_from_tokens    sentence_bleu([ref_tokens], hyp_tokens), on all pairs unless --bleu-pairs
  end_to_end          word_tokenize(response) + both metrics (reference tokenized once per prompt)

Run with Debian's python and NLTK data (see ../shared/peers/nltk-peer.sh):
  NLTK_DATA=/tmp/hme-nltk-data /usr/bin/python3 bench/nltk_peer.py [--pairs N]
"""
import argparse
import json
import os
import time
import warnings

warnings.filterwarnings("ignore")  # method0's "0 counts of n-gram overlaps" warning

from nltk import word_tokenize
from nltk.corpus import wordnet
from nltk.translate.bleu_score import sentence_bleu
from nltk.translate.meteor_score import single_meteor_score


def load_pairs(path, limit):
    by_id = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            by_id[row["response_id"]] = row["response"]
    ids = sorted(i for i in by_id if i % 100 != 0)
    pairs = [(i // 100 * 100, i) for i in ids]
    return by_id, pairs[:limit] if limit else pairs


def rate(n, fn):
    t0 = time.perf_counter()
    fn()
    return n / (time.perf_counter() - t0)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("HME_SHARED_DIR", os.path.join(here, "..", "..", "shared")))
    ap.add_argument("--pairs", type=int, default=600, help="0 = all 3,288")
    ap.add_argument("--bleu-pairs", type=int, default=0, help="BLEU is fast enough for all (0)")
    a = ap.parse_args()
    path = os.path.join(a.shared, "harmmetric/v2/dataset.jsonl")
    by_id, pairs = load_pairs(path, a.pairs)
    _, bleu_pairs = load_pairs(path, a.bleu_pairs)
    wordnet.ensure_loaded()
    tokens = {i: word_tokenize(by_id[i]) for p in pairs + bleu_pairs for i in p}
    single_meteor_score(tokens[pairs[0][0]], tokens[pairs[0][1]])  # load WordNet's index maps

    def meteor():
        for r, h in pairs:
            single_meteor_score(tokens[r], tokens[h])

    def bleu():
        for r, h in bleu_pairs:
            sentence_bleu([tokens[r]], tokens[h])

    def end_to_end():
        cur, ref = None, None
        for r, h in pairs:
            if r != cur:
                cur, ref = r, word_tokenize(by_id[r])
            hyp = word_tokenize(by_id[h])
            single_meteor_score(ref, hyp)
            sentence_bleu([ref], hyp)

    print("pairs %d" % len(pairs))
    print("bleu_pairs %d" % len(bleu_pairs))
    print("meteor_from_tokens %.1f" % rate(len(pairs), meteor))
    print("bleu_from_tokens %.1f" % rate(len(bleu_pairs), bleu))
    print("end_to_end %.1f" % rate(len(pairs), end_to_end))


if __name__ == "__main__":
    main()
