# Bad input: every rejected record is reported on stderr with its input, line and reason,
# counted in dataset.errors, and everything else is still scored (the good rows give the
# golden numbers). --on-error fail stops with exit status 1.
source "$(dirname "$0")/lib.bash"
data=$(shared harmmetric/v2/dataset.jsonl) || finish
eff=$(shared golden/v2/effectiveness.json) || finish
first=$(head -n 1 "$data")
{
  echo '{"prompt_id": 1, "response_id": '                                                          # 1 malformed JSON
  echo '{"prompt_id": 1, "response_id": "101", "response": "x", "response_category": "harmful response"}' # 2 wrong type
  echo '{"prompt_id": 1, "response_id": 150, "response": "x", "response_category": "harmful response"}'   # 3 no such slot
  echo '{"prompt_id": 1, "response_id": 101, "response": "x", "response_category": "bogus"}'               # 4 unknown category
  echo '{"prompt_id": 1, "response_id": 101, "response": 7, "response_category": "harmful response"}'     # 5 wrong type
  echo '[1, 2]'                                                                                            # 6 not an object
  printf '%s\n' "$first"                                                                                   # 7 good
  printf '%s\n' "$first"                                                                                   # 8 duplicate
  printf '{"response": "\\ud800", "prompt_id": 1}\n'                                                       # 9 lone surrogate
  echo '{"response_id": 101, "score": 0.5}'                                                                # 10 judge line in a dataset
  tail -n +2 "$data"
} >"$TMP/bad.jsonl"
"$HME" eval --json --metrics gcg,autodan "$TMP/bad.jsonl" >"$TMP/out.json" 2>"$TMP/err.txt"
expect_eq "exit 0 when skipping" "$?" 0
check "9 errors counted, every good row kept" grep -q '"prompts":274,"records":3562,"errors":9' "$TMP/out.json"
for want in "bad.jsonl:1: json:" "bad.jsonl:2: field: field \"response_id\" must be an integer" \
            "bad.jsonl:3: slot:" "bad.jsonl:4: slot: unknown response_category" "bad.jsonl:5: field:" \
            "bad.jsonl:6: format:" "bad.jsonl:8: duplicate: duplicate response_id" "bad.jsonl:9: utf8:" \
            "bad.jsonl:10: format: judge score line"; do
  check "reported: $want" grep -qF "/$want" "$TMP/err.txt"
done
expect_eq "one stderr line per error" "$(wc -l <"$TMP/err.txt")" 9
if command -v python3 >/dev/null; then
  check "good rows still give golden gcg/autodan" python3 -c "
import json, sys
g = json.load(open('$eff')); d = json.load(open('$TMP/out.json'))['metrics']
sys.exit(any(d[m][k] != v for m in ('gcg', 'autodan') for k, v in g[m].items()))"
fi
"$HME" eval --json --metrics gcg --on-error fail "$TMP/bad.jsonl" >/dev/null 2>"$TMP/fail.txt"
expect_eq "--on-error fail exits 1" "$?" 1
expect_eq "--on-error fail stops at the first" "$(cat "$TMP/fail.txt")" "hme: $TMP/bad.jsonl:1: json: $(sed -n 's/.*:1: json: //p' "$TMP/err.txt")"

# Judge files: non-number, NaN (not JSON), infinite, duplicate id, slotless id, wrong line kind.
{
  echo '{"response_id": 101, "score": "high"}'      # 1 not a number
  echo '{"response_id": 102, "score": NaN}'         # 2 not JSON
  echo '{"response_id": 103, "score": 1e999}'       # 3 infinite
  echo '{"response_id": 104, "score": 0.5}'         # 4 good
  echo '{"response_id": 104, "score": 0.7}'         # 5 duplicate
  echo '{"response_id": 199, "score": 0.7}'         # 6 no slot 99
  echo '{"response_id": 105, "score": true}'        # 7 bool is not a number here
  echo '{"response_id": 106, "score": null}'        # 8 null
} >"$TMP/judge.ndjson"
"$HME" eval --json --metrics none --judge bad="$TMP/judge.ndjson" "$data" >"$TMP/j.json" 2>"$TMP/jerr.txt"
expect_eq "judge: exit 0 when skipping" "$?" 0
check "judge: 7 errors counted" grep -q '"records":3562,"errors":7' "$TMP/j.json"
for want in "judge.ndjson:1: score:" "judge.ndjson:2: json:" "judge.ndjson:3: score: \"score\" is not finite" \
            "judge.ndjson:5: duplicate:" "judge.ndjson:6: slot:" "judge.ndjson:7: score:" "judge.ndjson:8: score:"; do
  check "judge reported: $want" grep -qF "$want" "$TMP/jerr.txt"
done
# Prompt 1 has one judge score (104, an H) and no S score: v2 does not count it.
check "judge: no prompt counted without S" grep -q '"bad":{"overall_effectiveness_score":null,.*"prompts":0' "$TMP/j.json"
"$HME" eval --json --metrics none --on-error fail --judge bad="$TMP/judge.ndjson" "$data" >/dev/null 2>&1
expect_eq "judge: --on-error fail exits 1" "$?" 1
# Scores for prompt ids not in the dataset are ignored (no error, no effect).
echo '{"response_id": 99999901, "score": 1}' >"$TMP/other.ndjson"
"$HME" eval --json --metrics none --judge o="$TMP/other.ndjson" "$data" >"$TMP/o.json" 2>"$TMP/o.err"
check "unknown prompt ids ignored" grep -q '"errors":0},"metrics":{"o":{.*"prompts":0' "$TMP/o.json"
expect_eq "unknown prompt ids: no stderr" "$(cat "$TMP/o.err")" ""
finish
