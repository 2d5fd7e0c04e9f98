# Sourced by tests/cli/*.sh. Provides: $HME (binary), shared FILE (path or skip/fail),
# check "what" cmd..., expect_eq "what" got want, and finish (prints "N passed, N failed").
set -u
: "${HME:?HME must point at the hme binary}"
: "${HME_SHARED_DIR:=${HME_SOURCE_DIR:-.}/../shared}"
T_PASS=0; T_FAIL=0; T_SKIP=0
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
shared() {
  local p="$HME_SHARED_DIR/$1"
  if [ -r "$p" ]; then printf '%s\n' "$p"; return 0; fi
  if [ "${CI:-}" = true ]; then echo "FAIL: shared file missing in CI: $p" >&2; T_FAIL=$((T_FAIL+1));
  else echo "SKIP: shared file not found: $p" >&2; T_SKIP=$((T_SKIP+1)); fi
  return 1
}
pass() { T_PASS=$((T_PASS+1)); }
fail() { T_FAIL=$((T_FAIL+1)); echo "FAIL: $*" >&2; }
check() { local what=$1; shift; if "$@"; then pass; else fail "$what"; fi; }
expect_eq() { if [ "$2" = "$3" ]; then pass; else fail "$1: got [$2] want [$3]"; fi; }
finish() {
  if [ "$T_SKIP" -gt 0 ]; then echo "$T_PASS passed, $T_FAIL failed, $T_SKIP skipped"; else echo "$T_PASS passed, $T_FAIL failed"; fi
  [ "$T_FAIL" -eq 0 ] || exit 1
  [ "$T_PASS" -gt 0 ] || exit 77
  exit 0
}
