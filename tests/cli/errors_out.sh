# --errors-out: malformed lines interleaved among the built-in sample's rows. The valid rows
# give the clean stream's metrics, the errors file holds exactly the bad lines (line number,
# reason, raw bytes), the summary counts errors by reason; also --max-record-bytes.
source "$(dirname "$0")/lib.bash"
sample="$HME_SOURCE_DIR/data/sample.jsonl"
metrics=gcg,autodan,f1,rouge1
"$HME" eval --json --metrics $metrics "$sample" >"$TMP/clean.json" 2>/dev/null
expect_eq "clean run exits 0" "$?" 0
long=$(head -c 3000 /dev/zero | tr '\0' 'x')
awk -v long="$long" '
  { print }
  NR == 10 { print "{\"prompt_id\": 1, " }                                   # malformed
  NR == 50 { print "{\"prompt_id\": 1, \"response_id\": 101, \"response\": 7, \"response_category\": \"harmful response\"}" }
  NR == 90 { print "{\"response\": \"" long "\"}" }                          # too long for --max-record-bytes 2048
  NR == 120 { printf "\xff\xfe bytes\n" }                                     # not UTF-8
' "$sample" >"$TMP/dirty.jsonl"
sed -n 5p "$sample" >>"$TMP/dirty.jsonl"                                      # duplicate row
# bad lines are at 11, 52, 93, 124 and the last line
last=$(wc -l <"$TMP/dirty.jsonl")
"$HME" eval --json --metrics $metrics --max-record-bytes 2048 --errors-out "$TMP/errors.ndjson" "$TMP/dirty.jsonl" \
  >"$TMP/dirty.json" 2>"$TMP/stderr.txt"
expect_eq "dirty run exits 0" "$?" 0
expect_eq "one errors-out line per bad line" "$(wc -l <"$TMP/errors.ndjson")" 5
expect_eq "line numbers" "$(sed 's/.*"line":\([0-9]*\).*/\1/' "$TMP/errors.ndjson" | tr '\n' ' ')" "11 52 93 124 $last "
expect_eq "reasons" "$(sed 's/.*"reason":"\([a-z_0-9]*\)".*/\1/' "$TMP/errors.ndjson" | tr '\n' ' ')" "json field too_long json duplicate "
check "errors counted by reason" grep -q '"errors":5,"errors_by_reason":{"json":2,"field":1,"duplicate":1,"too_long":1}' "$TMP/dirty.json"
expect_eq "valid rows give the clean metrics" "$(sed 's/.*"metrics"://' "$TMP/dirty.json")" "$(sed 's/.*"metrics"://' "$TMP/clean.json")"
expect_eq "stderr names each bad line" "$(wc -l <"$TMP/stderr.txt")" 5
# the raw bytes come back exactly: the non-UTF-8 line as base64, the duplicate verbatim
expect_eq "raw_base64 of the non-UTF-8 line" \
  "$(sed -n 4p "$TMP/errors.ndjson" | sed 's/.*"raw_base64":"\([^"]*\)".*/\1/' | base64 -d | od -An -tx1 | tr -d ' \n')" \
  "$(sed -n 124p "$TMP/dirty.jsonl" | tr -d '\n' | od -An -tx1 | tr -d ' \n')"
if command -v python3 >/dev/null; then
  check "every raw line equals the input line" python3 -c "
import base64, json, sys
lines = open('$TMP/dirty.jsonl', 'rb').read().split(b'\n')
for rec in map(json.loads, open('$TMP/errors.ndjson', encoding='utf-8')):
    raw = base64.b64decode(rec['raw_base64']) if 'raw_base64' in rec else rec['raw'].encode('utf-8')
    want = lines[rec['line'] - 1]
    if rec['reason'] == 'too_long': want = want[:2048]
    if raw != want: sys.exit('line %d differs' % rec['line'])"
fi
# hme score writes the same report
printf '{"prediction": "a b", "reference": "a c"}\n{"prediction": 1}\n' |
  "$HME" score --metrics rouge1 --errors-out "$TMP/score_err.ndjson" >"$TMP/score.out" 2>/dev/null
expect_eq "score: good line scored" "$(cat "$TMP/score.out")" '{"id":null,"scores":{"rouge1":0.5}}'
check "score: bad line in errors-out" grep -q '"line":2,"reason":"field"' "$TMP/score_err.ndjson"
finish
