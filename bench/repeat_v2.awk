# Used by bench/scale_threads.sh. Repeats the v2 dataset K times with distinct prompt ids: copy k adds k*1000000 to prompt_id.
{
  line[NR] = $0
}
END {
  for (k = 0; k < K; k++) for (i = 1; i <= NR; i++) {
    s = line[i]
    p = index(s, "\"prompt_id\": ")
    rest = substr(s, p + 13)
    pid = rest + 0
    q = index(rest, "\"response_id\": ")
    rid = substr(rest, q + 15) + 0
    printf "%s\"prompt_id\": %d, \"response_id\": %d}\n", substr(s, 1, p - 1), pid + k * 1000000, rid + k * 100000000
  }
}
