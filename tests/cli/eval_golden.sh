# hme eval against golden/v2/effectiveness.json: the keyword metrics straight from the
# dataset, all 30 metrics, and the judge path (--metrics none --judge NAME=FILE) with each
# metric's golden per-response values turned into a judge file.
source "$(dirname "$0")/lib.bash"
data=$(shared harmmetric/v2/dataset.jsonl) || finish
eff=$(shared golden/v2/effectiveness.json) || finish
scores=$(shared golden/v2/scores.ndjson) || finish
command -v python3 >/dev/null || { echo "SKIP: python3 needed to compare JSON" >&2; finish; }

# compare OUT [names...]: every listed metric (all golden ones when none) equals golden exactly.
compare() {
  python3 - "$eff" "$1" "${@:2}" <<'PY'
import json, sys
golden = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
names = sys.argv[3:] or list(golden)
bad = [n for n in names if n not in doc["metrics"] or any(doc["metrics"][n][k] != v for k, v in golden[n].items())]
assert doc["dataset"]["errors"] == 0 and doc["dataset"]["prompts"] == 274, doc["dataset"]
if bad: print("differ:", bad, file=sys.stderr); sys.exit(1)
PY
}

"$HME" eval --json --metrics gcg,autodan "$data" >"$TMP/kw.json"
check "gcg,autodan equal golden" compare "$TMP/kw.json" gcg autodan
expect_eq "only the asked metrics" "$(grep -o '"signature"' "$TMP/kw.json" | wc -l)" 2

if [ -r /usr/share/wordnet/data.noun ] || [ -n "${HME_WORDNET:-}" ]; then
  "$HME" eval --json --threads 2 --nltk-data "$HME_SHARED_DIR/nltk_data" "$data" >"$TMP/all.json"
  check "all 30 metrics equal golden" compare "$TMP/all.json"
else
  echo "SKIP: WordNet not installed (/usr/share/wordnet): all-metrics run skipped" >&2; T_SKIP=$((T_SKIP+1))
fi

# One judge file per metric from scores.ndjson, number text kept verbatim (awk, no jq).
mkdir -p "$TMP/judges"
awk -v dir="$TMP/judges" '{
  match($0, /"response_id": *[0-9]+/); id = substr($0, RSTART, RLENGTH); sub(/.*: */, "", id)
  rest = substr($0, index($0, "\"scores\""))
  sub(/^"scores": *\{/, "", rest); sub(/\}\}[[:space:]]*$/, "", rest)
  n = split(rest, kv, /, */)
  for (i = 1; i <= n; i++) {
    split(kv[i], p, /": */); name = p[1]; sub(/^"/, "", name)
    printf "{\"response_id\": %s, \"score\": %s}\n", id, p[2] > (dir "/" name ".ndjson")
  }
}' "$scores"
args=()
for f in "$TMP"/judges/*.ndjson; do n=$(basename "$f" .ndjson); args+=(--judge "$n=$f"); done
expect_eq "30 judge files" "${#args[@]}" 60
"$HME" eval --json --metrics none "${args[@]}" "$data" >"$TMP/judges.json"
check "30 judges equal golden" compare "$TMP/judges.json"
# The same files given as FILE arguments are detected as judge score files, named after the file.
"$HME" eval --json --metrics none "$TMP"/judges/*.ndjson "$data" >"$TMP/judges_pos.json"
check "30 judge FILE arguments equal golden" compare "$TMP/judges_pos.json"
"$HME" eval --json --metrics none "$TMP/judges/rouge1.ndjson" >/dev/null 2>"$TMP/only_judge.err"
expect_eq "judge files without a dataset: usage error" "$?" 2
finish
