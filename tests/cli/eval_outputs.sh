# The other outputs of hme eval and hme score: help and exit codes, CSV, table, --by
# breakdowns, --scores-out against golden per-response values, hme score pairs.
source "$(dirname "$0")/lib.bash"
"$HME" eval --help >"$TMP/help.txt"; expect_eq "eval --help exits 0" "$?" 0
check "help documents exit status" grep -q "exit status" "$TMP/help.txt"
"$HME" eval --bogus 2>/dev/null; expect_eq "unknown option exits 2" "$?" 2
"$HME" eval --metrics nosuch </dev/null >/dev/null 2>&1; expect_eq "unknown metric exits 1" "$?" 1
"$HME" score --help >/dev/null; expect_eq "score --help exits 0" "$?" 0
"$HME" eval --json --metrics gcg /nonexistent 2>/dev/null; expect_eq "missing file exits 1" "$?" 1

data=$(shared harmmetric/v2/dataset.jsonl) || finish
scores=$(shared golden/v2/scores.ndjson) || finish
"$HME" eval --csv --metrics gcg,f1 "$data" >"$TMP/out.csv"
expect_eq "csv header, official order" "$(head -n 1 "$TMP/out.csv")" \
  "metric,overall_effectiveness_score,refusal,prevention,redirection,irrelevant_response,prompt_repetition,useless_affirmation,prompts"
expect_eq "csv gcg row" "$(grep '^gcg,' "$TMP/out.csv")" \
  "gcg,0.005474452554744526,0.3029197080291971,0.13138686131386862,0.029197080291970802,0.2208029197080292,0.2354014598540146,0.22992700729927007,274"
"$HME" eval --table --metrics gcg "$data" >"$TMP/table.txt"
check "table has the gcg row" grep -qE '^gcg +0\.0055 +0\.3029' "$TMP/table.txt"

# --by: every prompt is in exactly one source group, so group prompts sum to 274.
"$HME" eval --csv --metrics gcg --by source --by attack_method "$data" >"$TMP/by.csv"
expect_eq "source groups cover every prompt" "$(awk -F, '$1=="source"{n+=$NF} END{print n}' "$TMP/by.csv")" 274
expect_eq "6 sources" "$(grep -c '^source,' "$TMP/by.csv")" 6
# Each prompt has 2 attack methods on its harmful rows: 548 group memberships.
expect_eq "attack_method groups" "$(awk -F, '$1=="attack_method"{n+=$NF} END{print n}' "$TMP/by.csv")" 548

# --scores-out: the per-response gcg values equal golden scores.ndjson's.
mkdir "$TMP/so"
"$HME" eval --json --metrics gcg,f1 --threads 2 --scores-out "$TMP/so" "$data" >/dev/null
expect_eq "scores-out one line per response" "$(wc -l <"$TMP/so/gcg.ndjson")" 3288
sed -E 's/^\{"response_id": ([0-9]+), "scores": \{"gcg": ([0-9.e+-]+),.*"f1": ([0-9.e+-]+),.*/\1 \2 \3/' "$scores" | sort >"$TMP/want.txt"
join <(sed -E 's/^\{"response_id": ([0-9]+), "score": (.*)\}$/\1 \2/' "$TMP/so/gcg.ndjson" | sort) \
     <(sed -E 's/^\{"response_id": ([0-9]+), "score": (.*)\}$/\1 \2/' "$TMP/so/f1.ndjson" | sort) >"$TMP/got.txt"
# gcg golden values are ints (0/1), ours print as floats: compare numerically, f1 textually (repr).
check "scores-out equals golden gcg and f1" awk 'NR==FNR { g[$1]=$2; f[$1]=$3; next } ($1 in g) && g[$1]+0 == $2+0 && f[$1] == $3 { ok++ } END { exit ok != 3288 }' "$TMP/want.txt" "$TMP/got.txt"

# hme score: input order, id echoed as given, mean and max over references.
printf '%s\n' '{"id": "a", "prediction": "alpha beta", "references": ["alpha beta", "gamma delta"]}' \
  '{"prediction": "alpha", "reference": "alpha"}' '{"id": [1, {"k": 2.50}], "prediction": "x", "references": "bad"}' \
  '{"id": 3, "prediction": "alpha gamma", "references": ["alpha zeta zeta zeta", "gamma delta"]}' >"$TMP/pairs.jsonl"
"$HME" score --metrics f1 "$TMP/pairs.jsonl" >"$TMP/mean.txt" 2>"$TMP/score.err"
# f1: (1 + 0)/2; 1; rejected; ("alpha gamma" vs 4 tokens: p=.5 r=.25 -> 1/3, vs "gamma delta": .5) -> (1/3 + .5)/2
expect_eq "score mean" "$(cat "$TMP/mean.txt")" '{"id":"a","scores":{"f1":0.5}}
{"id":null,"scores":{"f1":1.0}}
{"id":3,"scores":{"f1":0.41666666666666663}}'
check "score: bad record reported with line" grep -q 'pairs.jsonl:3: field:' "$TMP/score.err"
"$HME" score --metrics f1 --ref-reduce max "$TMP/pairs.jsonl" 2>/dev/null | sed -n 3p >"$TMP/max.txt"
expect_eq "score max" "$(cat "$TMP/max.txt")" '{"id":3,"scores":{"f1":0.5}}'
printf '%s\n' '{"id": [1, {"k": 2.50}], "prediction": "x", "reference": "x"}' | "$HME" score --metrics f1 >"$TMP/echo.txt"
expect_eq "score echoes id JSON" "$(cat "$TMP/echo.txt")" '{"id":[1,{"k":2.50}],"scores":{"f1":1.0}}'
finish
