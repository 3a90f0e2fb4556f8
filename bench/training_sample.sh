#!/usr/bin/env bash
# Effect of argn's training sample (--max-training-rows) on the raw pool: for one table and each setting, train
# with the default time budget, generate ROWS rows and score them against the training table (evaluate: 1 - TVD
# of the binned uni-, bi- and trivariate distributions). Settings run one after the other, never side by side
# (training has a time budget: a busy machine trains fewer epochs).
#
# usage: [NA=TOKEN] bench/training_sample.sh TABLE.csv ROWS SETTING... [-- more generate options]
#   SETTING  a --max-training-rows value: 0 = auto, or a row count (the table's row count = every row)
#   NA       a missing-value token for both generate and evaluate (census: '?')
# e.g.     NA='?' bench/training_sample.sh /work/scale/data/x15_10000000.csv 10000000 0 10000000
# Output: one line per setting on stdout (setting, rows trained on, epochs, best validation loss, accuracy) and the
# logs in bench/out/training_sample/<table>_<setting>/.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
jar=${JAR:-$root/target/issosynth.jar}
table=$1 rows=$2
shift 2
settings=()
while [[ $# -gt 0 && $1 != -- ]]; do settings+=("$1"); shift; done
[[ $# -gt 0 ]] && shift
name=$(basename "$table" .csv)
na=()
[[ -n ${NA:-} ]] && na=(--na-values "$NA")
printf 'setting\ttrained_rows\tepochs\tbest_val_loss\taccuracy\n'
for s in "${settings[@]}"; do
  out=$root/bench/out/training_sample/${name}_$s
  mkdir -p "$out"
  java --add-modules jdk.incubator.vector -jar "$jar" generate --generator argn --train "$table" --rows "$rows" \
    --max-training-rows "$s" --output "$out/pool.csv" --log-file "$out/generate.log" ${na[@]+"${na[@]}"} "$@" \
    > "$out/generate.out" 2> "$out/generate.err"
  java --add-modules jdk.incubator.vector -jar "$jar" evaluate --train "$table" --synth "$out/pool.csv" \
    --json "$out/evaluate.json" ${na[@]+"${na[@]}"} > "$out/evaluate.txt" 2> "$out/evaluate.err"
  read -r trained epochs best acc < <(python3 - "$out/generate.err" "$out/evaluate.json" <<'PY'
import json, re, sys
log = open(sys.argv[1], errors="replace").read()
m = re.search(r"([0-9,]+) training rows, ([0-9,]+) validation rows", log)
trained = int(m.group(1).replace(",", "")) + int(m.group(2).replace(",", "")) if m else "?"
epochs = re.findall(r"epoch (\d+):", log)
best = re.findall(r"best ([0-9.]+)\)", log)
acc = json.load(open(sys.argv[2]))["accuracy"]["overall"]
print(trained, epochs[-1] if epochs else "?", best[-1] if best else "?", acc)
PY
)
  printf '%s\t%s\t%s\t%s\t%s\n' "$s" "$trained" "$epochs" "$best" "$acc"
  rm -f "$out/pool.csv"
done
