#!/usr/bin/env bash
# Compares issosynth's privacy figures (evaluate --holdout) with the independent qa_privacy_reference.py.
# Each table is split 50/50 (bench/metric_check/split.py, seed 7); the synthetic table is a selection result:
# `issosynth run TRAIN --generator independent` (a 10x pool of independently sampled columns, then the selection,
# guard on). Both sides judge it against training and holdout on all rows. Printed per table and group:
#   Java          issosynth's DCR share / NNDR ratio / identical-match share
#   Py on Java    the reference on issosynth's own groups (same dims, matched by name): the same computation
#   Py            the reference with its own groups (its own k-means seeds and random groups)
#   Py other-emb  the same with a different fixed value embedding (--embedding other)
# PASS per table = |Java headline DCR share - Py headline| <= 0.01 and every group's share on Java's groups within
# 0.01 (the quantile subsample is drawn by each side's own generator, so digits may differ slightly).
# usage: bench/privacy_check/compare.sh [TABLES]   (env: JAR, DATA=../shared/data, OUT=bench/out/privacy_check)
#        TABLES: names of shared tables (default: census baseball_players)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DATA=${DATA:-$ROOT/../shared/data}
JAR=${JAR:-$ROOT/target/issosynth.jar}
OUT=${OUT:-$ROOT/bench/out/privacy_check}
TABLES=${*:-census baseball_players}
JAVA_CMD=(java)
if java --add-modules jdk.incubator.vector -version >/dev/null 2>&1; then
  JAVA_CMD=(java --add-modules jdk.incubator.vector)
fi
if [[ ! -f $JAR ]]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package) >&2
fi
echo "jar: $JAR ($(date -r "$JAR" '+%F %T'))" >&2
fails=0
for name in $TABLES; do
  file=$(ls "$DATA/$name".csv* | head -1)
  na=""
  [[ $name == census ]] && na="?"
  dir="$OUT/$name"
  mkdir -p "$dir"
  if [[ ! -f $dir/train.csv ]]; then
    python3 "$ROOT/bench/metric_check/split.py" "$file" "$dir" >"$dir/split.txt"
  fi
  if [[ ! -f $dir/synth.csv ]]; then
    "${JAVA_CMD[@]}" -jar "$JAR" run -q "$dir/train.csv" --generator independent ${na:+--na-values "$na"} \
      --workdir "$dir" --output "$dir/synth.csv" 2> >(grep -v incubator >&2) >"$dir/run.txt"
  fi
  start=$(date +%s.%N)
  "${JAVA_CMD[@]}" -jar "$JAR" evaluate -q --train "$dir/train.csv" --synth "$dir/synth.csv" \
    --holdout "$dir/holdout.csv" ${na:+--na-values "$na"} --keys none --json "$dir/java.json" 2> >(grep -v incubator >&2) \
    >"$dir/java.txt"
  java_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
  start=$(date +%s.%N)
  python3 "$HERE/qa_privacy_reference.py" --train "$dir/train.csv" --holdout "$dir/holdout.csv" \
    --synth "$dir/synth.csv" ${na:+--na-values "$na"} --groups-from "$dir/java.json" >"$dir/py.json"
  py_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
  python3 "$HERE/qa_privacy_reference.py" --train "$dir/train.csv" --holdout "$dir/holdout.csv" \
    --synth "$dir/synth.csv" ${na:+--na-values "$na"} --embedding other >"$dir/py_other.json"
  python3 - "$dir" "$name" "$java_s" "$py_s" <<'PY' || fails=$((fails + 1))
import json, sys
d, name, java_s, py_s = sys.argv[1:]
j = json.load(open(f"{d}/java.json"))["issosynth"]["privacy"]
p = json.load(open(f"{d}/py.json"))
o = json.load(open(f"{d}/py_other.json"))
print(f"\n### {name}: {j['training_sample']:,} rows per table, {j['encoding_dims']} dims "
      f"(evaluate {java_s} s, reference {py_s} s)\n")
print("| group | dims | Java DCR share | Py on Java's groups | Py own groups | Py other-emb | "
      "Java NNDR ratio | Py on Java's groups | Java identical | Py on Java's groups |")
print("|---|---|---|---|---|---|---|---|---|---|")
worst = 0.0
for jg, pj, pg, og in zip(j["groups"], p["on_issosynth_groups"], p["groups"], o["groups"]):
    worst = max(worst, abs(jg["dcr_share"] - pj["dcr_share"]))
    print(f"| {jg['name']} | {jg['dims']} | {jg['dcr_share']:.5f} | {pj['dcr_share']:.5f} | {pg['dcr_share']:.5f} "
          f"({pg['dims']}) | {og['dcr_share']:.5f} | {jg['nndr_ratio']:.4g} | {pj['nndr_ratio']:.4g} | "
          f"{jg['identical_match_share']:.5f} | {pj['identical_match_share']:.5f} |")
head = abs(j["dcr_share"] - p["dcr_share"])
ok = head <= 0.01 and worst <= 0.01
print(f"\nheadline: Java {j['group']} {j['dcr_share']:.5f} (NNDR ratio {j['nndr_ratio']:.4g}); "
      f"Py {p['headline']} {p['dcr_share']:.5f} (NNDR ratio {p['nndr_ratio']:.4g}); "
      f"Py other-emb {o['headline']} {o['dcr_share']:.5f}. |diff| {head:.4f}; largest group diff on Java's groups "
      f"{worst:.4f}: {'PASS' if ok else 'FAIL'}")
sys.exit(0 if ok else 1)
PY
done
exit $((fails > 0))
