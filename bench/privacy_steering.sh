#!/usr/bin/env bash
# Privacy steering benchmark (issue 11): DCR share as the library computes it (all rows, worst column group), with
# and without steering, on pools of several kinds, against a real holdout the generator never saw.
#
# Cases (census, ../shared/data/census.csv.gz; training = a 5,000-row cut, holdout = every other census row):
#   argn A / argn B   default argn pools (10x) of two cuts (rows 1-5,000 and 5,001-10,000)
#   independent       the independent generator's pool (10x) of cut A
#   leaky             cut A's rows with 30 % of cells resampled (bench/noisy_pool.py, 10x)
#   leaky + verbatim  that pool plus half of cut A's rows verbatim
#   leaky 50 %        cut A's rows with 50 % of cells resampled (10x): copying the near-copy check does not flag
# Each result is evaluated with 4 evaluation seeds (the holdout sample and the random groups differ per seed); the
# table shows their mean worst-group DCR share, the mean DCR share of the group "all", the NNDR ratio of seed 1 and
# the overall accuracy against training.
#
# usage: bench/privacy_steering.sh [OUT]   (OUT defaults to bench/out/privacy_steering; pools are kept and reused)
# env: JAR (default target/issosynth.jar, built when missing), DATA (default ../shared/data)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
data=${DATA:-$root/../shared/data}
[[ -f $data/census.csv.gz ]] || { echo "privacy_steering.sh: $data/census.csv.gz not found (shared data absent); nothing to do" >&2; exit 0; }
out=${1:-$root/bench/out/privacy_steering}
mkdir -p "$out"
jar=${JAR:-$root/target/issosynth.jar}
[[ -f $jar ]] || (cd "$root" && ./mvnw -B -q -DskipTests package)
java=(java --add-modules jdk.incubator.vector -jar "$jar")

[[ -f $out/census_all.csv ]] || zcat "$data/census.csv.gz" > "$out/census_all.csv"
cut() { # name first_row: a 5,000-row training cut and the rest of census as its holdout
  local name=$1 first=$2
  head -n 1 "$out/census_all.csv" > "$out/$name.csv"
  sed -n "$((first + 1)),$((first + 5000))p" "$out/census_all.csv" >> "$out/$name.csv"
  { head -n 1 "$out/census_all.csv"; tail -n +2 "$out/census_all.csv" | awk -v a="$first" -v b=$((first + 4999)) 'NR < a || NR > b'; } > "$out/${name}_holdout.csv"
}
[[ -f $out/cutA.csv ]] || cut cutA 1
[[ -f $out/cutB.csv ]] || cut cutB 5001
pool() { # name train generator
  [[ -f $out/$1.csv ]] || "${java[@]}" generate --train "$out/$2.csv" --generator "$3" --rows 50000 --seed 1 \
    --na-values '?' --output "$out/$1.csv" -q
}
pool argnA_pool cutA argn
pool argnB_pool cutB argn
pool indep_pool cutA independent
[[ -f $out/leaky_pool.csv ]] || python3 "$here/noisy_pool.py" "$out/cutA.csv" "$out/leaky_pool.csv" 50000 0.3 1
[[ -f $out/leaky50_pool.csv ]] || python3 "$here/noisy_pool.py" "$out/cutA.csv" "$out/leaky50_pool.csv" 50000 0.5 1
[[ -f $out/leakyv_pool.csv ]] || { cat "$out/leaky_pool.csv"; sed -n 2,2501p "$out/cutA.csv"; } > "$out/leakyv_pool.csv"

evaluate() { # train synth holdout -> "worst all nndr"
  local w=0 a=0 n1=""
  for seed in 1 2 3 4; do
    local e
    e=$("${java[@]}" evaluate --train "$1" --synth "$2" --holdout "$3" --na-values '?' --seed $seed -q 2>/dev/null)
    w=$(awk -v s="$w" '/^DCR share/{print s + $3}' <<< "$e")
    # the group row "all" (marked "* all" when it is the worst group)
    a=$(awk -v s="$a" '$1 == "all" && NF > 5 {print s + $4; exit} $1 == "*" && $2 == "all" {print s + $5; exit}' <<< "$e")
    [[ -n $n1 ]] || n1=$(awk '/^NNDR ratio/{print $3}' <<< "$e")
  done
  awk -v w="$w" -v a="$a" -v n="$n1" 'BEGIN{printf "%.4f | %.4f | %s", w / 4, a / 4, n}'
}
printf '| case | steering | worst-group DCR share | DCR share "all" | NNDR ratio | accuracy |\n|---|---|---|---|---|---|\n'
for c in "argn A|cutA|argnA_pool" "argn B|cutB|argnB_pool" "independent|cutA|indep_pool" "leaky|cutA|leaky_pool" \
         "leaky + verbatim|cutA|leakyv_pool" "leaky 50 %|cutA|leaky50_pool"; do
  IFS='|' read -r label train p <<< "$c"
  for mode in off on; do
    flag=(); [[ $mode == off ]] && flag=(--no-privacy-guard)
    res=$out/${p}_$mode.csv
    "${java[@]}" run "$out/$train.csv" --generator pool --pool "$out/$p.csv" --na-values '?' --seed 7 \
      --workdir "$out/work" --output "$res" "${flag[@]}" -q > "$out/${p}_$mode.log" 2>&1
    acc=$(awk '$1 == "refine" {print $5}' "$out/${p}_$mode.log")
    printf '| %s | %s | %s | %s |\n' "$label" "$mode" "$(evaluate "$out/$train.csv" "$res" "$out/${train}_holdout.csv")" "$acc"
  done
done
