#!/usr/bin/env bash
# The privacy target as the issue states it: the default job on seeded halves of every shared table (training half,
# holdout half), its result judged by the library's definition (all rows, worst column group), over several
# evaluation seeds (each draws its own random groups; the holdout sample differs where the halves differ in size).
#
# For each table: bench/metric_check/split.py cuts it in halves (seed 7); `run train.csv --na-values '?'` with the
# defaults (embedded argn generator, privacy steering on) writes the result and keeps its pool; `evaluate --holdout`
# with seeds 1..SEEDS. A pool made by an earlier call is reused: the jar then selects from it (`--generator pool`,
# the same seed), so results of two jars differ by the selection alone; delete OUT/TABLE to start over. With OLD_JAR
# set, that jar selects from the same pool too: a before/after in one call.
#
# usage: bench/privacy_tables.sh [OUT]   (OUT defaults to bench/out/privacy_tables; halves and pools are reused)
# env: JAR (default target/issosynth.jar, built when missing), OLD_JAR (optional), SEEDS (default 6),
#      TABLES (default: titanic baseball_players creditcard_default airbnb_nyc census wide100k), DATA (../shared/data)
# prints per table and jar: accuracy (refine stage, against training), worst-group DCR share mean / max over the
# seeds and how many seeds fail 0.52, the smallest NNDR ratio over the seeds (the headline group's; limit > 0.5), the
# headline groups
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
data=${DATA:-$root/../shared/data}
[[ -d $data ]] || { echo "privacy_tables.sh: $data not found (shared data absent); nothing to do" >&2; exit 0; }
out=${1:-$root/bench/out/privacy_tables}
seeds=${SEEDS:-6}
jar=${JAR:-$root/target/issosynth.jar}
[[ -f $jar ]] || (cd "$root" && ./mvnw -B -q -DskipTests package)
mkdir -p "$out"
java_for() { echo java --add-modules jdk.incubator.vector -jar "$1"; } # as run.sh starts it

judge() { # label jar dir result log
  local label=$1 j=$2 d=$3 res=$4 log=$5 figures="" groups="" ratios=""
  for s in $(seq 1 "$seeds"); do
    local e
    e=$($(java_for "$j") evaluate --train "$d/train.csv" --synth "$res" --holdout "$d/holdout.csv" --na-values '?' \
      --seed "$s" -q 2>/dev/null)
    figures="$figures $(awk '/^DCR share/{print $3}' <<< "$e")"
    groups="$groups$(grep -o "group '[^']*'" <<< "$e" | head -1 | sed "s/group //");"
    ratios="$ratios $(awk '/^NNDR ratio/{print $3}' <<< "$e")"
  done
  local nndr
  nndr=$(tr ' ' '\n' <<< "$ratios" | awk 'NF' | sort -g | head -1)
  local acc
  acc=$(awk '$1 == "refine" {print $5}' "$log")
  printf '| %s | %s | %s | %s | %s | %s |\n' "$(basename "$d")" "$label" "$acc" \
    "$(tr ' ' '\n' <<< "$figures" | awk 'NF {s += $1; if ($1 > m) m = $1; if ($1 >= 0.52) f++; n++}
      END {printf "%.4f | %.4f | %d/%d", s / n, m, f, n}')" "$nndr" "$groups"
}

printf '| table | jar | accuracy | DCR share mean | max | seeds failing | NNDR ratio (min) | worst groups |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for t in ${TABLES:-titanic baseball_players creditcard_default airbnb_nyc census wide100k}; do
  f=$data/$t.csv
  [[ -f $f ]] || f=$f.gz
  [[ -f $f ]] || { echo "| $t | absent, skipped |"; continue; }
  d=$out/$t
  mkdir -p "$d"
  [[ -f $d/train.csv ]] || python3 "$here/metric_check/split.py" "$f" "$d" > /dev/null
  pool=$(ls -t "$d"/w/pool_data/*.csv 2> /dev/null | head -1 || true)
  if [[ -z $pool ]]; then # the default job, which keeps its pool
    $(java_for "$jar") run "$d/train.csv" --na-values '?' --workdir "$d/w" --output "$d/new.csv" -q \
      > "$d/new.log" 2>&1
    pool=$(ls -t "$d"/w/pool_data/*.csv | head -1)
  else
    $(java_for "$jar") run "$d/train.csv" --na-values '?' --generator pool --pool "$pool" --workdir "$d/w_new" \
      --output "$d/new.csv" -q > "$d/new.log" 2>&1
  fi
  judge new "$jar" "$d" "$d/new.csv" "$d/new.log"
  if [[ -n ${OLD_JAR:-} ]]; then
    $(java_for "$OLD_JAR") run "$d/train.csv" --na-values '?' --generator pool --pool "$pool" --workdir "$d/w_old" \
      --output "$d/old.csv" -q > "$d/old.log" 2>&1
    judge old "$OLD_JAR" "$d" "$d/old.csv" "$d/old.log"
  fi
done
