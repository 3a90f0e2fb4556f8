#!/usr/bin/env bash
# Speed of the embedded TabularARGN on wide100k.csv.gz (100,000 x 70), the issue-3 targets: Medium <= 60 s per
# epoch, generation >= 20,000 rows/s, heap <= 4 GB, on the 2-core machine.
#
#  1. training: ArgnTrainBench (src/test/java/dev/issosynth/bench) times training steps (forward, backward, AdamW,
#     random column order, dropout) after a warm-up, REPEAT timings of STEPS steps each, per thread count; prints
#     min/median ms per step and the implied seconds per epoch (80 % of the rows train, the trainer's batch size).
#  2. generation: `generate --model-file` from a model trained for one epoch (saved once into $OUT), RUNS times
#     for each pool size in ROWS (100,000, and 1,000,000 = the pool `run` samples for this table); prints rows/s
#     of each run (the generator's own figure: sampling, decoding and writing the CSV; the first second or two of
#     a run go to JIT compilation, so the short run reads lower).
#
# usage: bench/argn_speed.sh        env: JAVA (default java), DATA (../shared/data), OUT (bench/out/argn_speed),
#        STEPS=20 REPEAT=5 THREADS="1 2" RUNS=3 ROWS="100000 1000000" MODEL=Medium SKIP_BUILD=1 (reuse target/)
# Timings on the shared machines are noisy: read min and median, compare builds in one session.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
java=${JAVA:-java}
DATA=${DATA:-$root/../shared/data}
OUT=${OUT:-$here/out/argn_speed}
table="$DATA/wide100k.csv.gz"
if [[ ! -f "$table" ]]; then
  echo "argn_speed.sh: $table not found (the shared data folder is absent); skipping" >&2
  exit 0
fi
if [[ -z ${SKIP_BUILD:-} ]]; then
  (cd "$root" && ./mvnw -B -q -o -DskipTests package && ./mvnw -B -q -o test-compile) >&2
fi
mkdir -p "$OUT"
opts=(-Xmx4g --add-modules jdk.incubator.vector)
cp="$root/target/issosynth.jar:$root/target/test-classes"
echo "# argn speed on wide100k, $(date -u +%Y-%m-%d), commit $(cd "$root" && git rev-parse --short HEAD), $(nproc) cpus"
for t in ${THREADS:-1 2}; do
  "$java" "${opts[@]}" -cp "$cp" dev.issosynth.bench.ArgnTrainBench "$table" "model=${MODEL:-Medium}" \
      "threads=$t" "steps=${STEPS:-20}" "repeat=${REPEAT:-5}" 2>&1 | grep -v '^WARNING'
done
model="$OUT/wide_${MODEL:-Medium}.model"
if [[ ! -f "$model" ]]; then
  "$java" "${opts[@]}" -jar "$root/target/issosynth.jar" generate --train "$table" --generator argn \
      --model "${MODEL:-Medium}" --max-epochs 1 --rows 10 --output "$OUT/tiny.csv" --save-model "$model" -q \
      2>&1 | grep -v '^WARNING' >&2
fi
for rows in ${ROWS:-100000 1000000}; do
  for i in $(seq 1 "${RUNS:-3}"); do
    "$java" "${opts[@]}" -jar "$root/target/issosynth.jar" generate --model-file "$model" --rows "$rows" \
        --output "$OUT/pool.csv" --log-file "$OUT/gen.log" -q 2>/dev/null >/dev/null
    grep -a "generate argn\] done" "$OUT/gen.log" | tail -1 | sed 's/^.*done in/generation run '"$i"': done in/'
  done
done
