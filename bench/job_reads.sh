#!/usr/bin/env bash
# What one read of the training file and one pass over the pool cost a whole job: times `run` on the wide table
# (../shared/data/wide100k.csv.gz, 100,000 x 70) with two jars in turn (A B A B ...), e.g. the jar before and after
# the pipeline change that binned the generated pool while it is written and read the training file once.
# Prints each run's wall seconds and peak RSS, then min / median per jar and the median of the pairwise ratios.
#
# usage: bench/job_reads.sh JAR_A JAR_B [RUNS] [run options ...]
#   default run options: --generator independent (no training, so the job is the reads, the guard and the
#   selection); pass e.g. `--max-epochs 1` after RUNS to time argn instead (then drop --generator).
# env: DATA=../shared/data
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${DATA:-$here/../../shared/data}
train=$data/wide100k.csv.gz
[[ -f $train ]] || { echo "job_reads.sh: $train not found (shared data absent); nothing to do" >&2; exit 0; }
a=$(realpath "$1"); b=$(realpath "$2"); runs=${3:-3}
shift $(( $# < 3 ? $# : 3 ))
opts=("$@"); [[ ${#opts[@]} -gt 0 ]] || opts=(--generator independent)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
one() { # jar -> "seconds rss_kb"
  rm -rf "$work/out"; mkdir -p "$work/out"
  /usr/bin/time -f '%e %M' -o "$work/time" java --add-modules jdk.incubator.vector -jar "$1" run "$train" \
    --na-values '?' --workdir "$work/out" -q "${opts[@]}" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
  cat "$work/time"
}
declare -a ta tb
for i in $(seq 1 "$runs"); do
  read -r sa ma <<< "$(one "$a")"; read -r sb mb <<< "$(one "$b")"
  ta+=("$sa"); tb+=("$sb")
  printf 'run %d: A %6.1f s (%4d MB)   B %6.1f s (%4d MB)   A/B %.3f\n' "$i" "$sa" $((ma / 1024)) "$sb" $((mb / 1024)) \
    "$(echo "$sa / $sb" | bc -l)"
done
python3 - "${ta[*]}" "${tb[*]}" <<'PY'
import statistics, sys
a = [float(x) for x in sys.argv[1].split()]; b = [float(x) for x in sys.argv[2].split()]
r = [x / y for x, y in zip(a, b)]
print(f"A: min {min(a):.1f} s, median {statistics.median(a):.1f} s;  B: min {min(b):.1f} s, median {statistics.median(b):.1f} s")
print(f"A/B: median {statistics.median(r):.3f} (min {min(r):.3f}, max {max(r):.3f})")
PY
