# Writing to a closed pipe ends quietly: the reader of hme's output goes away (head), hme stops
# at its next write (SIGPIPE, status 141, as cat or grep do) without printing anything, and an
# endless input does not keep it running.
source "$(dirname "$0")/lib.bash"
sample="$HME_SOURCE_DIR/data/sample.jsonl"
( "$HME" eval --stream --metrics gcg,rouge1 "$sample" 2>"$TMP/eval.err"; echo $? >"$TMP/eval.rc" ) | head -n 1 >"$TMP/eval.out"
expect_eq "eval --stream | head: first snapshot printed" "$(grep -c '"snapshot"' "$TMP/eval.out")" 1
expect_eq "eval: nothing on stderr" "$(cat "$TMP/eval.err")" ""
check "eval: status 0 or SIGPIPE" grep -qx '0\|141' "$TMP/eval.rc"
# an endless stream of pairs into hme score, whose output is closed after one line
( yes '{"prediction": "a b c", "reference": "a b d"}' | timeout 60 "$HME" score --metrics rouge1 2>"$TMP/score.err"
  echo ${PIPESTATUS[1]} >"$TMP/score.rc" ) | head -n 1 >"$TMP/score.out"
expect_eq "score | head: one line" "$(cat "$TMP/score.out")" '{"id":null,"scores":{"rouge1":0.6666666666666666}}'
expect_eq "score: nothing on stderr" "$(cat "$TMP/score.err")" ""
expect_eq "score: ended by SIGPIPE, not by the 60 s timeout" "$(cat "$TMP/score.rc")" 141
finish
