#!/usr/bin/env bash
# Speed of the privacy figures as the library computes them (issue 11), at the Prize's scale: `evaluate --holdout`
# on the wide table (100,000 x 70, --na-values '?') cut in halves (bench/metric_check/split.py, seed 7: 50,000
# training and 50,000 holdout rows), with a 50,000-row synthetic table from the independent generator
# (`generate --generator independent --rows 50000`). All rows (no --privacy-sample): 50,000 x 50,000 exact 2-NN
# searches for 7 column groups, synthetic -> training and -> holdout, plus holdout -> training for the headline
# group. Prints per run the whole command's wall time, the privacy time evaluate reports and the JVM's peak RSS,
# then min / median; then one phase breakdown (PrivacyBench: wall and CPU seconds per phase).
#
# usage: bench/privacy_wide.sh    env: JAVA (java), DATA (../shared/data), OUT (bench/out/privacy_wide), REPEAT=3,
#        THREADS=0, SYNTH=independent|holdout, SKIP_BUILD=1, PHASES=0 to skip the breakdown
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
java=${JAVA:-java}
DATA=${DATA:-$root/../shared/data}
OUT=${OUT:-$here/out/privacy_wide}
REPEAT=${REPEAT:-3}
THREADS=${THREADS:-0}
SYNTH=${SYNTH:-independent}
table="$DATA/wide100k.csv.gz"
if [[ ! -f "$table" ]]; then
  echo "privacy_wide.sh: $table not found (the shared data folder is absent); skipping" >&2
  exit 0
fi
if [[ -z ${SKIP_BUILD:-} ]]; then
  (cd "$root" && ./mvnw -B -q -o -DskipTests package && ./mvnw -B -q -o test-compile) >&2
fi
vec=(--add-modules jdk.incubator.vector)
mkdir -p "$OUT"
if [[ ! -f "$OUT/train.csv" ]]; then
  python3 "$here/metric_check/split.py" "$table" "$OUT" >&2
fi
synth="$OUT/holdout.csv"
if [[ $SYNTH == independent ]]; then
  synth="$OUT/independent50k.csv"
  if [[ ! -f $synth ]]; then
    "$java" "${vec[@]}" -jar "$root/target/issosynth.jar" generate -q --train "$OUT/train.csv" --na-values '?' \
      --generator independent --rows 50000 --output "$synth" 2> >(grep -v incubator >&2) >/dev/null
  fi
fi
stats() { sort -g | awk '{v[NR]=$1} END {printf "min %.1f / median %.1f", v[1], (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
wall=(); priv=(); rss=()
for ((i = 1; i <= REPEAT; i++)); do
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$OUT/rss.txt" "$java" "${vec[@]}" -jar "$root/target/issosynth.jar" evaluate -q \
    --na-values '?' --threads "$THREADS" --train "$OUT/train.csv" --synth "$synth" --holdout "$OUT/holdout.csv" \
    2> >(grep -v incubator >&2) >"$OUT/evaluate.txt"
  end=$(date +%s.%N)
  w=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')
  line=$(grep '^privacy: samples' "$OUT/evaluate.txt")
  s=$(sed -E 's/.*; ([0-9.]+) s$/\1/' <<<"$line")
  m=$(awk '{printf "%.2f", $1 / 1048576}' "$OUT/rss.txt")
  echo "run $i: evaluate wall $w s, privacy $s s, peak RSS $m GB   ($line)"
  wall+=("$w"); priv+=("$s"); rss+=("$m")
done
echo "evaluate wall s: $(printf '%s\n' "${wall[@]}" | stats); privacy s: $(printf '%s\n' "${priv[@]}" | stats); peak RSS GB: $(printf '%s\n' "${rss[@]}" | stats)"
echo "figures of the last run:"
sed -n '/^privacy: samples/,$p' "$OUT/evaluate.txt"
if [[ ${PHASES:-1} != 0 ]]; then
  echo "phases (PrivacyBench, threads=2):"
  "$java" "${vec[@]}" -cp "$root/target/test-classes:$root/target/issosynth.jar" dev.issosynth.quality.PrivacyBench \
    "$OUT/train.csv" "$OUT/holdout.csv" "$synth" threads=2 na='?' 2> >(grep -v incubator >&2)
fi
