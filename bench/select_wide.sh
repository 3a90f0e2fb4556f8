#!/usr/bin/env bash
# Selection benchmark at the Prize's scale: training = ../shared/data/wide100k.csv.gz (100,000 x 70), pool =
# 25x as many rows from the 'independent' generator (2.5 M rows, made once and kept in bench/out/). Prints
# time, rows, objective and accuracy per stage, and the peak heap, for pools of 2x, 5x, 10x and 25x (the
# first rows of the same pool file), under a hard 2 GB heap limit.
#
# usage: bench/select_wide.sh [POOL_ROWS_LIST] [key=value ...]
#   POOL_ROWS_LIST  comma-separated pool sizes (default 200000,500000,1000000,2500000; 0 = whole pool)
#   key=value       engine overrides passed to SelectBench (ipfIterations=2, rounds=100, threads=1, ...)
# env: POOL=path/to/pool.csv to use another pool (e.g. bench/noisy_pool.py output), DATA=../shared/data
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
data=${DATA:-$root/../shared/data}
train=$data/wide100k.csv.gz
[[ -f $train ]] || { echo "select_wide.sh: $train not found (shared data absent); nothing to do" >&2; exit 0; }
out=$root/bench/out
mkdir -p "$out"
sizes=${1:-200000,500000,1000000,2500000}
shift || true

(cd "$root" && ./mvnw -B -q -DskipTests package && ./mvnw -B -q test-compile) >&2
jar=$root/target/issosynth.jar
pool=${POOL:-$out/wide_independent_25x.csv}
if [[ ! -f $pool ]]; then
  echo "making pool $pool (2.5 M rows) ..." >&2
  java -jar "$jar" generate --train "$train" --generator independent --rows 2500000 --seed 1 --output "$pool" -q >&2
fi
exec java -Xmx2g -cp "$jar:$root/target/test-classes" dev.issosynth.bench.SelectBench "$train" "$pool" '?' "$sizes" "$@"
