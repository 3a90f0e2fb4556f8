#!/bin/bash
# Steering through the selection's targets on census cut A (5,000 training rows, a 50,000-row argn pool, a
# 5,000-row holdout; made by bench/privacy_steering.sh): no steering, income rebalanced to 50/50, income made
# independent of sex, workclass imputed, fixed combinations (education with education_num, relationship with sex),
# and the first three together. Per case: the selection's accuracy against the
# training data, the steering lines of the summary, and the DCR share against the holdout (the judge's privacy).
# Usage: bench/steering.sh
set -euo pipefail
cd "$(dirname "$0")/.."
o=bench/out/privacy_steering
[[ -f $o/cutA.csv && -f $o/argnA_pool.csv ]] || { echo "skipped: run bench/privacy_steering.sh first ($o/cutA.csv)"; exit 0; }
[[ -f target/issosynth.jar ]] || ./mvnw -B -q -Dmaven.test.skip=true package
out=bench/out/steering; mkdir -p "$out"
declare -A cases=(
  [none]=""
  [rebalance]="--rebalance income=>50K:0.5"
  [fair]="--fair income --sensitive sex"
  [impute]="--impute workclass"
  [rules]="--fixed-combinations education,education_num --fixed-combinations relationship,sex"
  [all]="--rebalance income=>50K:0.5 --fair income --sensitive sex --impute workclass"
)
for c in none rebalance fair impute rules all; do
  # shellcheck disable=SC2086
  java --add-modules jdk.incubator.vector -jar target/issosynth.jar run "$o/cutA.csv" --generator pool \
    --pool "$o/argnA_pool.csv" --na-values '?' --seed 7 --holdout "$o/cutA_holdout.csv" \
    --output "$out/$c.csv" ${cases[$c]} > "$out/$c.out" 2> "$out/$c.err"
  echo "== $c: ${cases[$c]:-(no steering)}"
  awk '$1=="refine"{print "accuracy vs training " $5}' "$out/$c.out"
  grep -E "^(rebalanced|fairness|imputed|rule)" "$out/$c.err" || true
  grep -E "^DCR share" "$out/$c.out" || true
done
