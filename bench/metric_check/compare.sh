#!/usr/bin/env bash
# Compares `issosynth evaluate` (Java) with the independent qa_reference.py on the shared tables.
# Each table is split 50/50 (fixed seed); both tools judge holdout-vs-train (near the noise ceiling) and a
# damaged holdout ("worse") vs train. PASS = |Java overall - Python overall| <= 0.002 (the issue's bound).
# The bound is loose (plausible binning slips move overall by < 0.002, see README), so the largest per-level
# difference is shown too, and columns whose univariate accuracy differs are listed under the table.
# usage: bench/metric_check/compare.sh            (env: JAR=path/to/issosynth.jar, DATA=../shared/data)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DATA=${DATA:-$ROOT/../shared/data}
JAR=${JAR:-$ROOT/target/issosynth.jar}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [[ ! -f $JAR ]]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package) >&2
fi
echo "jar: $JAR ($(date -r "$JAR" '+%F %T'))" >&2

# table file | extra NA tokens
TABLES="census.csv.gz|?
creditcard_default.csv.gz|
airbnb_nyc.csv.gz|
baseball_players.csv.gz|
titanic.csv|"

while IFS='|' read -r file na; do
  name=${file%%.*}
  mkdir -p "$WORK/$name"
  python3 "$HERE/split.py" "$DATA/$file" "$WORK/$name" >"$WORK/$name/split.txt"
  for synth in holdout worse; do
    # --keys none: the check is of the metric on every column (the reference has no key rule)
    java -jar "$JAR" evaluate -q --train "$WORK/$name/train.csv" --synth "$WORK/$name/$synth.csv" \
      ${na:+--na-values "$na"} --keys none --json - >"$WORK/$name/$synth.java.json"
    python3 "$HERE/qa_reference.py" --train "$WORK/$name/train.csv" --synth "$WORK/$name/$synth.csv" \
      ${na:+--na-values "$na"} >"$WORK/$name/$synth.py.json"
  done
done <<<"$TABLES"

python3 - "$WORK" <<'EOF'
import json, os, sys
work = sys.argv[1]
L = ("overall", "univariate", "bivariate", "trivariate")
print("| table | synth | Java overall / uni / bi / tri | Python overall / uni / bi / tri "
      "| \u0394 overall | max \u0394 level | Java max / Python max (overall) | result |")
print("|---|---|---|---|---|---|---|---|")
notes, fails = [], 0
for name in sorted(os.listdir(work)):
    for synth in ("holdout", "worse"):
        j = json.load(open(f"{work}/{name}/{synth}.java.json"))
        p = json.load(open(f"{work}/{name}/{synth}.py.json"))
        ja, pa = j["accuracy"], p["accuracy"]
        d = abs(ja["overall"] - pa["overall"])
        dl = max(abs(ja[k] - pa[k]) for k in L)
        ok = d <= 0.002
        fails += not ok
        fmt = lambda a: " / ".join(f"{a[k]:.5f}" for k in L)
        print(f"| {name} | {synth} | {fmt(ja)} | {fmt(pa)} | {d:.1e} | {dl:.1e} | "
              f"{j['accuracy']['overall_max']:.5f} / {p['accuracy_max']['overall']:.5f} | "
              f"{'PASS' if ok else 'FAIL'}{' (all levels within 1e-6)' if dl <= 1e-6 else ''} |")
        pu = {c["column"]: c for c in p["columns"]}
        for c in j["issosynth"]["univariate"]:
            q = pu[c["column"]]
            if abs(c["accuracy"] - q["accuracy"]) > 1e-9:
                notes.append(f"{name}/{synth}: column {c['column']} ({q['type']}, {q['bins']} bins in Python): "
                             f"univariate Java {c['accuracy']:.5f} vs Python {q['accuracy']:.5f}")
        if synth == "worse":
            notes.append(f"{name}/worse: " + open(f"{work}/{name}/split.txt").read().strip())
print()
print("\n".join(notes))
print(f"\n{'ALL PASS' if not fails else f'{fails} FAIL'} (bound 0.002 on overall)")
sys.exit(1 if fails else 0)
EOF
