#!/bin/bash
# Seeded generation on census halves (bench/metric_check/split.py of ../shared/data/census.csv.gz): 1,000 seed
# rows are the (age, sex) of the first 1,000 holdout rows; the synthetic rows made for them are judged against those
# 1,000 real rows (the QA accuracy with the real rows as reference): a plain argn sample of 1,000 rows, generate
# --seed-data, and run --seed-data (10 candidates per seed row, the selection's choice). Also: how many rows
# contradict their given sex (a woman drawn as a husband, a man as a wife).
# Usage: bench/seeded.sh [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/census.csv.gz
[[ -f $data ]] || { echo "skipped: $data is absent"; exit 0; }
seed=${1:-1}
out=bench/out/seeded; mkdir -p "$out"
[[ -f $out/train.csv ]] || python3 bench/metric_check/split.py "$data" "$out" > /dev/null
[[ -f target/issosynth.jar ]] || ./mvnw -B -q -Dmaven.test.skip=true package
python3 - "$out" <<'PY'
import csv, sys
out = sys.argv[1]
rows = list(csv.reader(open(f"{out}/holdout.csv", newline="")))
h = rows[0]
with open(f"{out}/real1000.csv", "w", newline="") as f:
    csv.writer(f).writerows([h] + rows[1:1001])
a, s = h.index("age"), h.index("sex")
with open(f"{out}/seeds.csv", "w", newline="") as f:
    csv.writer(f).writerows([["age", "sex"]] + [[r[a], r[s]] for r in rows[1:1001]])
PY
jar=(java --add-modules jdk.incubator.vector -jar target/issosynth.jar)
"${jar[@]}" generate -q --train "$out/train.csv" --na-values '?' --generator argn --rows 1000 --seed "$seed" \
  --output "$out/plain.csv" > /dev/null 2>&1
"${jar[@]}" generate -q --train "$out/train.csv" --na-values '?' --generator argn --seed-data "$out/seeds.csv" \
  --seed "$seed" --output "$out/generated.csv" > /dev/null 2>&1
"${jar[@]}" run -q "$out/train.csv" --na-values '?' --seed-data "$out/seeds.csv" --seed "$seed" \
  --workdir "$out/w" --output "$out/selected.csv" > /dev/null 2>&1
echo "case accuracy_vs_the_1000_real_rows contradictions"
for c in plain generated selected; do
  acc=$("${jar[@]}" evaluate -q --train "$out/real1000.csv" --synth "$out/$c.csv" --na-values '?' --json - 2>/dev/null \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["accuracy"]["overall"])')
  bad=$(python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(sum((r["sex"] == "Female" and r["relationship"] == "Husband") or (r["sex"] == "Male" and r["relationship"] == "Wife") for r in rows))' "$out/$c.csv")
  echo "$c $acc $bad"
done
