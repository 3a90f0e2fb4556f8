#!/usr/bin/env bash
# Parquet vs CSV pool reading: the 2.5 M-row pool of the 100,000 x 70 table binned with the training bins (what
# select and run do with a pool file), once from CSV and once from the same pool in Parquet (all columns as strings,
# so both give the same cells; snappy, written by DuckDB), paired runs with farm-bench: wall time, CPU, peak memory.
#
# Then the write side: the pool written by issosynth as Parquet (ParquetOutput.convert: two passes, types chosen from
# the values, snappy) against a plain CSV copy.
#
# usage: bench/parquet_read.sh [RUNS [WRITE_RUNS]]   (3 and 2 by default)
# env: TRAIN (default /work/exp/wide100k.csv), POOL (default /work/exp/wide_pool.csv: make both with
#      bench/privacy_wide.sh's steps or any 2.5 M-row pool of that table)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
train=${TRAIN:-/work/exp/wide100k.csv}
pool=${POOL:-/work/exp/wide_pool.csv}
[[ -f $train && -f $pool ]] || { echo "parquet_read.sh: $train or $pool not found; nothing to do" >&2; exit 0; }
(cd "$root" && ./mvnw -B -q -o -DskipTests package && ./mvnw -B -q -o test-compile \
  && ./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test) >&2
cp="$root/target/test-classes:$root/target/classes:$(cat "$root/target/bench.cp")"
parquet=${pool%.csv}.parquet
java -cp "$cp" dev.issosynth.bench.PoolReadBench convert "$pool" "$parquet"
ls -l "$pool" "$parquet"
run() { echo "java -Xmx8g --add-modules jdk.incubator.vector -cp $cp dev.issosynth.bench.PoolReadBench $train $1 ?"; }
echo "== read: bin the pool (A Parquet, B CSV)"
farm-bench -n "${1:-3}" --warmup 0 --timeout 1800 --vs "$(run "$pool")" -- $(run "$parquet")
write() { echo "java -Xmx8g -cp $cp dev.issosynth.bench.PoolReadBench write-$1 $pool $2"; }
out=$(dirname "$pool")
echo "== write: the pool written by issosynth (A Parquet, types from the values; B a CSV copy)"
farm-bench -n "${2:-2}" --warmup 0 --timeout 1800 --vs "$(write csv "$out/bench_copy.csv")" -- \
  $(write parquet "$out/bench_copy.parquet")
ls -l "$out/bench_copy.csv" "$out/bench_copy.parquet"
rm -f "$out/bench_copy.csv" "$out/bench_copy.parquet"
