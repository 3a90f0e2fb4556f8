#!/usr/bin/env bash
# Quality of the RAW argn pool (no selection) on the shared flat tables (issue 3).
#
# Per table: a seeded 50/50 row split (bench/metric_check/split.py, --seed 7: Python's random.Random(7) shuffles
# the rows, first half = train.csv, second = holdout.csv; its worse.csv is not used here), then with default
# generator settings
#   java $JAVA_OPTS -jar $JAR generate --train train.csv --generator argn --rows N --output pool.csv \
#        [--na-values '?'] --log-file gen.log                       (N = rows of train.csv, seed = default 42)
#   java $JAVA_OPTS -jar $JAR evaluate -q --train train.csv --synth pool.csv --holdout holdout.csv \
#        [--na-values '?'] --json eval.json
# and prints a markdown table: ceiling (= holdout accuracy vs train), raw pool accuracy (overall/uni/bi/tri),
# gap = ceiling - pool (target: <= 0.01), training epochs / time / stop reason, generation rows/s.
# '?' is an NA token for census only (see ../shared/data/README.md).
#
# usage: bench/argn_quality.sh [TABLE ...]     TABLE in: census creditcard_default airbnb_nyc baseball_players
#                                              (default: all four, run one after the other, never in parallel)
# env:   JAR=path/to/issosynth.jar (default target/issosynth.jar, built if missing)
#        JAVA_OPTS (default "-Xmx4g --add-modules jdk.incubator.vector": the Vector API GEMM kernel)
#        DATA=../shared/data   OUT=bench/out/argn_quality (train/holdout/pool/eval.json/logs per table)
#        GEN_ARGS="..." extra generate options (e.g. "--max-training-minutes 20"); default none (= defaults)
# The accuracy figures are deterministic for the split seed and the generate seed; the timings are not (the
# machines are shared): repeat the timing if it matters.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DATA=${DATA:-$ROOT/../shared/data}
JAR=${JAR:-$ROOT/target/issosynth.jar}
JAVA_OPTS=${JAVA_OPTS:--Xmx4g --add-modules jdk.incubator.vector}
OUT=${OUT:-$HERE/out/argn_quality}
GEN_ARGS=${GEN_ARGS:-}
SPLIT_SEED=7

if [[ ! -d $DATA ]]; then
  echo "argn_quality: skipped: shared data folder $DATA is absent (set DATA=...)" >&2
  exit 0
fi
if [[ ! -f $JAR ]]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package) >&2
fi
TABLES=("$@")
[[ ${#TABLES[@]} -gt 0 ]] || TABLES=(census creditcard_default airbnb_nyc baseball_players)
mkdir -p "$OUT"
echo "jar: $JAR ($(date -r "$JAR" '+%F %T')), java: $(java -version 2>&1 | head -1), JAVA_OPTS: $JAVA_OPTS" >&2

for t in "${TABLES[@]}"; do
  file=$DATA/$t.csv.gz
  [[ -f $file ]] || file=$DATA/$t.csv
  if [[ ! -f $file ]]; then
    echo "argn_quality: skipped $t: $DATA/$t.csv[.gz] not found" >&2
    continue
  fi
  na=()
  [[ $t == census ]] && na=(--na-values '?')
  d=$OUT/$t
  mkdir -p "$d"
  python3 "$HERE/metric_check/split.py" "$file" "$d" --seed "$SPLIT_SEED" >/dev/null
  rm -f "$d/worse.csv"
  n=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))) - 1)' "$d/train.csv")
  echo "== $t: train $n rows; generate argn ${GEN_ARGS:+($GEN_ARGS) }..." >&2
  rm -f "$d/gen.log" "$d/pool.csv" "$d/eval.json"
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" generate --train "$d/train.csv" --generator argn --rows "$n" \
    --output "$d/pool.csv" "${na[@]}" --log-file "$d/gen.log" $GEN_ARGS >"$d/gen.out" 2>"$d/gen.err"
  end=$(date +%s.%N)
  echo "$start $end" >"$d/wall.txt"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" evaluate -q --train "$d/train.csv" --synth "$d/pool.csv" \
    --holdout "$d/holdout.csv" "${na[@]}" --json "$d/eval.json" >"$d/eval.out" 2>/dev/null
  { grep -E '\[train argn( [0-9]+/[0-9]+)?\] done in|\[generate argn( [0-9]+/[0-9]+)?\] done in' "$d/gen.log" || true; } \
    | sed 's/^.*issosynth - /   /' >&2
done

python3 - "$OUT" "${TABLES[@]}" <<'EOF'
import json, os, re, sys
out, tables = sys.argv[1], sys.argv[2:]
L = ("overall", "univariate", "bivariate", "trivariate")
rows, details = [], []
for t in tables:
    d = os.path.join(out, t)
    if not os.path.exists(os.path.join(d, "eval.json")):
        continue
    e = json.load(open(os.path.join(d, "eval.json")))
    log = open(os.path.join(d, "gen.log"), encoding="utf-8").read()
    # with --models K the first model's figures are shown
    tr = re.search(r"\[train argn(?: 1/\d+)?\] done in (\S+)\s+(\d+) epochs, ([\d,]+) steps, best val loss ([\d.]+), "
                   r"([\d,]+) rows/s(.*)", log)
    setup = re.search(r"\[train argn(?: 1/\d+)?\] ([\d,]+) training rows, ([\d,]+) validation rows, (\d+) sub-columns, "
                      r"([\d,]+) parameters, batch (\d+)", log)
    ge = re.search(r"\[generate argn(?: 1/\d+)?\] done in (\S+)\s+([\d,]+) rows, ([\d,]+) rows/s", log)
    s, en = map(float, open(os.path.join(d, "wall.txt")).read().split())
    stop = (tr.group(6).strip().strip("()") or "max epochs") if tr else "?"
    own = e["issosynth"]
    p, h = e["accuracy"], own["holdout_accuracy"]
    m = {k: p[k + "_max"] for k in ("overall", "univariate", "bivariate", "trivariate")}
    gap = h["overall"] - p["overall"]
    rows.append(f"| {t} | {own['train_rows']:,} × {own['columns']} | {h['overall']:.5f} | **{p['overall']:.5f}** | "
                f"{p['univariate']:.5f} | {p['bivariate']:.5f} | {p['trivariate']:.5f} | {gap:+.5f} | "
                f"{'yes' if gap <= 0.01 else 'NO'} | {tr.group(2) if tr else '?'} | {tr.group(1) if tr else '?'} | "
                f"{stop} | {ge.group(3) if ge else '?'} | {en - s:.0f} s |")
    details.append(f"| {t} | {' / '.join(f'{h[k]:.5f}' for k in L)} | {' / '.join(f'{m[k]:.5f}' for k in L)} | "
                   + (f"{setup.group(3)} | {setup.group(4)} | {setup.group(5)} | " if setup else "? | ? | ? | ")
                   + (f"{tr.group(4)} | {tr.group(5)} |" if tr else "? | ? |"))
print("| table | train rows × cols | ceiling (holdout) | raw pool overall | uni | bi | tri | gap (ceiling − pool) "
      "| within 0.01 | epochs | training | stop | generation rows/s | generate wall |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
print("\n".join(rows))
print()
print("| table | holdout overall / uni / bi / tri | noise ceiling (max) overall / uni / bi / tri | sub-columns "
      "| parameters | batch | best val loss | training rows/s |")
print("|---|---|---|---|---|---|---|---|")
print("\n".join(details))
EOF
