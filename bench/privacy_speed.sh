#!/usr/bin/env bash
# Speed of evaluate's privacy figures (issue 4 part 1, issue 11): exact 2-nearest-neighbour search of the synthetic
# rows in the training rows and in the holdout rows on the 7 column groups, and of the holdout rows in the training
# rows on the headline group, on census halves: 10,000 rows per table (SAMPLE=10000), SAMPLE=0 all 24,421.
#
# Makes the split once (bench/metric_check/split.py, seed 7: train.csv, holdout.csv, worse.csv = a damaged copy of
# the holdout used as "synthetic"), then runs `evaluate --holdout` REPEAT times per kernel and prints the privacy
# time evaluate reports (seeded sampling + encoding + the three searches; CSV reading and accuracy excluded) and
# the whole command's wall time, then min / median.
#   vector: JVM with --add-modules jdk.incubator.vector (what run.sh starts): the Vector API GEMM kernel
#   scalar: plain java -jar: the scalar GEMM kernel
#
# usage: bench/privacy_speed.sh     env: JAVA (java), DATA (../shared/data), OUT (bench/out/privacy_speed),
#        REPEAT=5, KERNELS="vector scalar", SAMPLE=10000 (--privacy-sample), THREADS=0, SKIP_BUILD=1
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
java=${JAVA:-java}
DATA=${DATA:-$root/../shared/data}
OUT=${OUT:-$here/out/privacy_speed}
REPEAT=${REPEAT:-5}
KERNELS=${KERNELS:-vector scalar}
SAMPLE=${SAMPLE:-10000}
THREADS=${THREADS:-0}
table="$DATA/census.csv.gz"
if [[ ! -f "$table" ]]; then
  echo "privacy_speed.sh: $table not found (the shared data folder is absent); skipping" >&2
  exit 0
fi
if [[ -z ${SKIP_BUILD:-} ]]; then
  (cd "$root" && ./mvnw -B -q -o -DskipTests package) >&2
fi
mkdir -p "$OUT"
if [[ ! -f "$OUT/worse.csv" ]]; then
  python3 "$here/metric_check/split.py" "$table" "$OUT" >&2
fi
stats() { sort -g | awk '{v[NR]=$1} END {printf "min %.2f / median %.2f", v[1], (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
for k in $KERNELS; do
  opts=()
  [[ $k == vector ]] && opts=(--add-modules jdk.incubator.vector)
  priv=(); wall=()
  for ((i = 1; i <= REPEAT; i++)); do
    start=$(date +%s.%N)
    line=$("$java" "${opts[@]}" -jar "$root/target/issosynth.jar" evaluate -q --na-values '?' --threads "$THREADS" \
        --train "$OUT/train.csv" --synth "$OUT/worse.csv" --holdout "$OUT/holdout.csv" --privacy-sample "$SAMPLE" \
        2> >(grep -v 'incubator' >&2) | grep '^privacy: samples')
    end=$(date +%s.%N)
    s=$(sed -E 's/.*; ([0-9.]+) s$/\1/' <<<"$line")
    w=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
    echo "$k run $i: privacy $s s, evaluate wall $w s   ($line)"
    priv+=("$s"); wall+=("$w")
  done
  echo "$k: privacy s $(printf '%s\n' "${priv[@]}" | stats); evaluate wall s $(printf '%s\n' "${wall[@]}" | stats)"
done
