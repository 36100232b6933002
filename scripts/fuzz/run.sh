#!/usr/bin/env bash
# Fuzz casefile's JSON import paths and its XML parse and validate path with libFuzzer
# (TESTPLAN 4.3, "Fuzz JSON importer", "Fuzz XML validate path").
#
#   TIER=ci   scripts/fuzz/run.sh     # 60 s per target (T1)
#   TIER=deep scripts/fuzz/run.sh     # 20 min per target (T2)
#
# Options (environment): TARGETS="records dcf xml bag" (which targets), FUZZ_SECONDS (overrides the
# tier's time per target), SKIP_BUILD=1 (reuse the last fuzz build), CORPUS_DIR (keep the
# evolving corpus there instead of a temporary directory; each target gets a subdirectory),
# CASEFILE_FUZZ_IGNORE=invariant,... (tolerate a known, reported invariant break, such as
# mapped-case-checks, so that it does not hide other bugs while its fix lands).
#
# Each target starts from the bundled samples, the committed regression inputs and a
# dictionary of the schema's field names and enum values. Any crash, timeout or OOM fails the
# run and leaves the input in scripts/fuzz/crashers/ for a human: minimise it with
#   CASEFILE_FUZZ_TARGET=T .build-fuzz/release/casefile-fuzz -minimize_crash=1 -runs=20000 \
#     -exact_artifact_path=Tests/Fuzz/regressions/T/NAME.json scripts/fuzz/crashers/FILE
# and commit the result under Tests/Fuzz/regressions/T/ (FuzzRegressionTests replays it).
set -uo pipefail

cd "$(dirname "$0")/../.."
root=$(pwd)
tier=${TIER:-ci}
case "$tier" in
  ci) seconds=60 ;;
  deep) seconds=1200 ;;
  *) echo "run.sh: TIER must be ci or deep, not '$tier'" >&2; exit 2 ;;
esac
seconds=${FUZZ_SECONDS:-$seconds}
targets=${TARGETS:-records dcf xml bag}
scratch=.build-fuzz
binary=$scratch/release/casefile-fuzz
crashers=$root/scripts/fuzz/crashers

export SWIFT_BACKTRACE=enable=no
export CASEFILE_SCHEMAS=$root/Schemas
export CASEFILE_DCF_DIR=${CASEFILE_DCF_DIR:-$(cd "$root/.." && pwd)/shared/reference/dcf-1.2.2}
# Leak checks stay on (ASan's default); Swift's runtime caches are reachable, not leaks.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
# One known libxml2 leak on malformed input during streamed validation; see lsan.supp.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/scripts/fuzz/lsan.supp:print_suppressions=0}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # swiftc's -sanitize= is "last one wins": SwiftPM passes --sanitize=fuzzer and
  # --sanitize=address as two flags, so Swift code would get ASan but no coverage counters
  # (the fuzzer then runs blind). The extra -Xswiftc -sanitize=fuzzer,address comes last and
  # restores both. C targets (BoringSSL, SQLite shims) get both from clang either way.
  echo "== building casefile-fuzz (release, fuzzer + address sanitizers)"
  start=$(date +%s)
  if ! swift build -c release --sanitize=fuzzer --sanitize=address \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING \
    --product casefile-fuzz --scratch-path "$scratch"; then
    echo "run.sh: the fuzz build failed" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  echo "== build took $(($(date +%s) - start)) s"
fi
[ -x "$binary" ] || { echo "run.sh: $binary is missing; build it first" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/casefile-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$crashers"

passed=0
failed=0
for target in $targets; do
  case "$target" in
    records) seeds=(Samples/records/*.json) ;;
    dcf) seeds=(Samples/dcf/valid/*.json Samples/dcf/invalid/*.json) ;;
    xml) seeds=(Tests/CaseAssemblyTests/Golden/*.xml) ;;
    bag) seeds=(Tests/Fuzz/regressions/bag/*) ;;
    *) echo "run.sh: unknown target '$target'" >&2; failed=$((failed + 1)); continue ;;
  esac
  corpus=${CORPUS_DIR:+$CORPUS_DIR/$target}
  corpus=${corpus:-$work/corpus-$target}
  mkdir -p "$corpus"
  cp "${seeds[@]}" "$corpus/"
  if [ -d "Tests/Fuzz/regressions/$target" ]; then
    find "Tests/Fuzz/regressions/$target" -type f -exec cp {} "$corpus/" \;
  fi
  before=$(ls "$crashers" | wc -l)
  log=$work/$target.log
  echo "== fuzzing $target for $seconds s ($(ls "$corpus" | wc -l) seed files)"
  CASEFILE_FUZZ_TARGET=$target "$binary" "$corpus" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=5 -max_len=65536 \
    -dict="scripts/fuzz/$target.dict" -artifact_prefix="$crashers/$target-" \
    -print_final_stats=1 -reload=0 >"$log" 2>&1
  status=$?
  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)' "$log"
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log"
  after=$(ls "$crashers" | wc -l)
  if [ "$status" -eq 0 ] && [ "$after" -eq "$before" ]; then
    echo "== $target: passed"
    passed=$((passed + 1))
  else
    echo "== $target: FAILED (libFuzzer exit $status); the report follows"
    grep -E -A 40 'ERROR: libFuzzer|ERROR: AddressSanitizer|Fatal error|==ERROR' "$log" | head -n 80
    cp "$log" "$crashers/$target-$(date +%Y%m%d-%H%M%S).log"
    ls -t "$crashers" | head -n 5 | sed 's/^/   left in scripts\/fuzz\/crashers\//'
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
