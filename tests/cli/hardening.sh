#!/usr/bin/env bash
# Pathological inputs through the CLI finish in bounded time with the right answer
# (issue 5's limits): 10^5 references in one `hme score` record, a record carrying one
# 64 MiB token (over the record limit: rejected, the next record still scored), a line
# of JSON nested 10^5 deep, and 10^6 blank lines in front of the sample in `hme eval`.
. "$(dirname "$0")/lib.bash"
NLTK=()
if d=$(shared nltk_data); then NLTK=(--nltk-data "$d"); fi
LIM=300  # seconds; each case takes a few seconds, anything super-linear takes far longer
SRC=${HME_SOURCE_DIR:-$(dirname "$0")/../..}

# --- 10^5 references: the mean of equal scores of 1.0 is 1.0; max reduces to the one-ref line
one='{"id":7,"prediction":"The cat sat on the mat.","references":["The cat sat on the mat."]}'
{ printf '{"id":7,"prediction":"The cat sat on the mat.","references":["The cat sat on the mat."'
  for i in $(seq 2 100000); do printf ',"The cat sat on the mat."'; done; printf ']}\n'; } > "$TMP/refs.jsonl"
m=gcg,autodan,bleu,f1,rouge1,rouge2,rougeL,rougeLsum-recall-nostemmed
got=$(timeout $LIM "$HME" score --metrics $m "${NLTK[@]}" < "$TMP/refs.jsonl")
expect_eq "10^5 refs, mean" "$got" '{"id":7,"scores":{"gcg":1.0,"autodan":1.0,"bleu":1.0,"f1":1.0,"rouge1":1.0,"rouge2":1.0,"rougeL":1.0,"rougeLsum-recall-nostemmed":1.0}}'
want=$(printf '%s\n' "$one" | "$HME" score "${NLTK[@]}")
got=$(timeout $LIM "$HME" score --ref-reduce max "${NLTK[@]}" < "$TMP/refs.jsonl")
expect_eq "10^5 refs, max = one ref (all metrics)" "$got" "$want"

# --- a 64 MiB token: the record is over the 64 MiB limit, reported as too long, and the
#     reader resynchronizes on the next line
{ printf '{"id":1,"prediction":"'; head -c $((64 << 20)) /dev/zero | tr '\0' a; printf '","reference":"a"}\n'
  printf '{"id":2,"prediction":"a b","reference":"a b"}\n'; } > "$TMP/big.jsonl"
got=$(timeout $LIM "$HME" score --metrics f1,rouge1 < "$TMP/big.jsonl" 2> "$TMP/big.err"); rc=$?
expect_eq "64 MiB token: exit status" "$rc" 0
expect_eq "64 MiB token: next record scored" "$got" '{"id":2,"scores":{"f1":1.0,"rouge1":1.0}}'
check "64 MiB token: reported as too long on line 1" grep -q -- "-:1: too_long" "$TMP/big.err"

# --- JSON nested 10^5 deep in one record: rejected (no stack overflow), the next one scored
{ head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'; printf '\n'
  printf '{"id":3,"prediction":"x y","reference":"x y"}\n'; } > "$TMP/deep.jsonl"
got=$(timeout $LIM "$HME" score --metrics f1 < "$TMP/deep.jsonl" 2> "$TMP/deep.err"); rc=$?
expect_eq "deep nesting: exit status" "$rc" 0
expect_eq "deep nesting: next record scored" "$got" '{"id":3,"scores":{"f1":1.0}}'
check "deep nesting: reported as json on line 1" grep -q -- "-:1: json: nesting too deep" "$TMP/deep.err"

# --- 10^6 blank lines before the sample: same report as the sample alone
if [ -r "$SRC/data/sample.jsonl" ]; then
  want=$("$HME" eval --json --metrics rouge1,f1,gcg < "$SRC/data/sample.jsonl")
  { head -c 1000000 /dev/zero | tr '\0' '\n'; cat "$SRC/data/sample.jsonl"; } > "$TMP/nl.jsonl"
  got=$(timeout $LIM "$HME" eval --json --metrics rouge1,f1,gcg < "$TMP/nl.jsonl")
  expect_eq "10^6 newlines: same report" "$got" "$want"
fi
finish
