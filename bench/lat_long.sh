#!/bin/bash
# Raw argn pools of airbnb_nyc with latitude/longitude as two numbers (inferred) against the pair declared as one
# position (--columns: latitude/longitude, the LAT_LONG encoding). Per seed and mode: a pool as large as the
# training half, its accuracy against the training half (evaluate), and the position's own figures (pos_stats.py).
# Usage: bench/lat_long.sh [SEEDS...]   (default seeds 1 2 3); needs ../shared/data/airbnb_nyc.csv(.gz)
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/airbnb_nyc.csv; [[ -f $data ]] || data=$data.gz
[[ -f $data ]] || { echo "skipped: $data is absent"; exit 0; }
out=bench/out/lat_long; mkdir -p "$out"
[[ -f $out/train.csv ]] || python3 bench/metric_check/split.py "$data" "$out" > /dev/null
printf 'columns:\n  - name: latitude\n    type: latitude\n  - name: longitude\n    type: longitude\n' > "$out/position.yaml"
[[ -f target/issosynth.jar ]] || ./mvnw -B -q -Dmaven.test.skip=true package
rows=$(($(wc -l < "$out/train.csv") - 1))
seeds=("$@"); [[ ${#seeds[@]} -gt 0 ]] || seeds=(1 2 3)
echo "seed mode overall univariate bivariate trivariate lat_x_long hood_x_lat hood_x_long in_hood_box secs"
for seed in "${seeds[@]}"; do
  for mode in numbers position; do
    cols=(); [[ $mode == position ]] && cols=(--columns "$out/position.yaml")
    start=$(date +%s)
    java --add-modules jdk.incubator.vector -jar target/issosynth.jar generate -q --train "$out/train.csv" \
      --generator argn --rows "$rows" --seed "$seed" "${cols[@]}" --output "$out/pool_${mode}_$seed.csv" 2>/dev/null
    secs=$(($(date +%s) - start))
    java --add-modules jdk.incubator.vector -jar target/issosynth.jar evaluate -q --train "$out/train.csv" \
      --synth "$out/pool_${mode}_$seed.csv" --json "$out/eval_${mode}_$seed.json" 2>/dev/null > /dev/null
    acc=$(python3 -c "import json,sys; a=json.load(open(sys.argv[1]))['accuracy']; print(a['overall'], a['univariate'], a['bivariate'], a['trivariate'])" "$out/eval_${mode}_$seed.json")
    echo "$seed $mode $acc $(python3 bench/lat_long_stats.py "$out/train.csv" "$out/pool_${mode}_$seed.csv") $secs"
  done
done
