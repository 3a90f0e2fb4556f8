#!/usr/bin/env bash
# Why titanic's result stays above the DCR-share limit: what generators that cannot copy score on it.
# Titanic (../shared/data/titanic.csv) cut in seeded halves (bench/metric_check/split.py, seed 7: 654 training rows);
# then, each evaluated with 6 evaluation seeds (library definition: all rows, worst group; mean / max / failing):
#   - random 654-row subsets (3 seeds) of argn's pool (10x) and of the independent generator's pool (10x: every
#     column drawn on its own from its training histogram, so no row can be any training row's near copy), and the
#     default selection from each pool;
#   - folds: the training half cut into 5 folds, argn trained without each fold; bench/privacy_check/unseen_fold.py
#     reads how much closer each model's rows are to the fold it never saw than to as many holdout rows.
# usage: bench/privacy_small_table.sh [OUT]   (JAR=... to time another build; about 3 minutes on 2 cores)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
data=${DATA:-$root/../shared/data}
[[ -f $data/titanic.csv ]] || { echo "privacy_small_table.sh: $data/titanic.csv not found (shared data absent); nothing to do" >&2; exit 0; }
out=${1:-$root/bench/out/privacy_small_table}
jar=${JAR:-$root/target/issosynth.jar}
[[ -f $jar ]] || (cd "$root" && ./mvnw -B -q -DskipTests package)
java=(java --add-modules jdk.incubator.vector -jar "$jar") # as run.sh starts it
mkdir -p "$out"
[[ -f $out/train.csv ]] || python3 "$here/metric_check/split.py" "$data/titanic.csv" "$out" > /dev/null
rows=$(($(wc -l < "$out/train.csv") - 1))

judge() { # synth -> "mean | max | failing"
  local figures=""
  for s in 1 2 3 4 5 6; do
    figures="$figures $("${java[@]}" evaluate --train "$out/train.csv" --synth "$1" --holdout "$out/holdout.csv" \
      --na-values '?' --seed "$s" -q 2>/dev/null | awk '/^DCR share/{print $3}')"
  done
  tr ' ' '\n' <<< "$figures" | awk 'NF {s += $1; if ($1 > m) m = $1; if ($1 >= 0.52) f++; n++}
    END {printf "%.4f | %.4f | %d of %d", s / n, m, f, n}'
}
subset() { # pool seed -> a random subset of the training size
  python3 -c "import csv,random,sys; r=list(csv.reader(open(sys.argv[1]))); random.seed(int(sys.argv[2]));
csv.writer(sys.stdout, lineterminator='\n').writerows([r[0]] + random.sample(r[1:], int(sys.argv[3])))" "$1" "$2" "$rows"
}

echo "| rows | from | DCR share mean | max | evaluations at or above 0.52 |"
echo "|---|---|---|---|---|"
for gen in argn independent; do
  pool=$out/${gen}_pool.csv
  [[ -f $pool ]] || "${java[@]}" generate --train "$out/train.csv" --generator "$gen" --rows $((rows * 10)) --seed 1 \
    --na-values '?' --output "$pool" -q > /dev/null 2>&1
  for s in 1 2 3; do
    subset "$pool" "$s" > "$out/${gen}_subset$s.csv"
    echo "| random subset $s | $gen pool | $(judge "$out/${gen}_subset$s.csv") |"
  done
  "${java[@]}" select --train "$out/train.csv" --pool "$pool" --na-values '?' --seed 1 --output "$out/${gen}_selected.csv" \
    -q > "$out/${gen}_selected.log" 2>&1
  echo "| selected (accuracy $(awk '$1 == "refine" {print $5}' "$out/${gen}_selected.log")) | $gen pool | $(judge "$out/${gen}_selected.csv") |"
done

echo
python3 - "$out" <<'PY'
import csv, random, sys
out = sys.argv[1]
rows = list(csv.reader(open(f"{out}/train.csv")))
header, body = rows[0], rows[1:]
order = list(range(len(body)))
random.Random(11).shuffle(order)
fold = [0] * len(body)
for k, i in enumerate(order):
    fold[i] = k % 5
open(f"{out}/folds.txt", "w").write("\n".join(map(str, fold)) + "\n")
for j in range(5):
    with open(f"{out}/without{j}.csv", "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header] + [r for r, k in zip(body, fold) if k != j])
PY
pools=""
for j in 0 1 2 3 4; do
  [[ -f $out/fold_pool$j.csv ]] || "${java[@]}" generate --train "$out/without$j.csv" --generator argn \
    --rows $((rows * 2)) --seed $((j + 1)) --na-values '?' --output "$out/fold_pool$j.csv" -q > /dev/null 2>&1
  pools="$pools${pools:+,}$out/fold_pool$j.csv"
done
python3 "$here/privacy_check/unseen_fold.py" --train "$out/train.csv" --holdout "$out/holdout.csv" \
  --folds "$out/folds.txt" --pools "$pools" --na-values '?'
