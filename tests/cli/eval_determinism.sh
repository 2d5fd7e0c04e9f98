# The JSON document is byte-identical for any row order, thread count and reader chunking,
# and --stream's last snapshot carries the same numbers as the final document.
source "$(dirname "$0")/lib.bash"
data=$(shared harmmetric/v2/dataset.jsonl) || finish
m=gcg,autodan,f1,cosine,rouge1,rougeL-recall-nostemmed
"$HME" eval --json --metrics "$m" "$data" >"$TMP/base.json"
check "base run has 274 prompts" grep -q '"prompts":274,"records":3562,"errors":0' "$TMP/base.json"

# A fixed pseudo-random permutation: references no longer come first, prompts interleave.
awk 'BEGIN { srand(7) } { printf "%.8f\t%s\n", rand(), $0 }' "$data" | sort -k1,1 | cut -f2- >"$TMP/shuf.jsonl"
check "shuffle changed the order" bash -c "! cmp -s '$data' '$TMP/shuf.jsonl'"
for t in 1 2 8; do
  "$HME" eval --json --metrics "$m" --threads $t "$TMP/shuf.jsonl" >"$TMP/t$t.json"
  check "shuffled, $t threads: identical" cmp -s "$TMP/base.json" "$TMP/t$t.json"
done
for c in 1 7 4096 65536 1048576; do
  "$HME" eval --json --metrics "$m" --threads 2 --chunk-size $c "$TMP/shuf.jsonl" >"$TMP/c$c.json"
  check "chunk size $c: identical" cmp -s "$TMP/base.json" "$TMP/c$c.json"
done
# Stdin and a file split in two inputs read the same rows.
"$HME" eval --json --metrics "$m" <"$data" >"$TMP/stdin.json"
check "stdin: identical" cmp -s "$TMP/base.json" "$TMP/stdin.json"

"$HME" eval --stream --metrics "$m" --threads 8 "$TMP/shuf.jsonl" >"$TMP/stream.ndjson"
expect_eq "one snapshot per prompt + final" "$(wc -l <"$TMP/stream.ndjson")" 275
tail -n 1 "$TMP/stream.ndjson" >"$TMP/stream-final.json"
check "stream final document identical" cmp -s "$TMP/base.json" "$TMP/stream-final.json"
# The last snapshot's metric objects equal the document's minus the signature field.
snap=$(tail -n 2 "$TMP/stream.ndjson" | head -n 1 | sed 's/.*"metrics"://; s/}$//')
final=$(sed 's/.*"metrics"://; s/}$//; s/,"signature":"[^"]*"//g' "$TMP/base.json")
expect_eq "last snapshot == final metrics" "$snap" "$final"
finish
