#!/usr/bin/env bash
# What real records score: the DCR share (library definition: all rows, worst column group) of a third real sample.
# Each shared table is cut at random into three equal parts: training, holdout and "synthetic" (real rows that
# neither of the others holds). A perfect generator can do no better than such rows, so this is the floor the
# privacy limit (DCR share < 0.52) has to be read against: on small or high-cardinality tables real records
# themselves cross it, because the worst of seven noisy group figures is taken.
#
# usage: bench/privacy_real_baseline.sh [SEEDS]   (SEEDS defaults to 5: cut seeds 1..SEEDS per table)
# env: JAR (default target/issosynth.jar, built when missing), DATA (default ../shared/data)
# prints per table: rows per part, the figure per cut seed, min / median / max and how many cuts fail 0.52
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
data=${DATA:-$root/../shared/data}
seeds=${1:-5}
[[ -d $data ]] || { echo "privacy_real_baseline.sh: $data not found (shared data absent); nothing to do" >&2; exit 0; }
jar=${JAR:-$root/target/issosynth.jar}
[[ -f $jar ]] || (cd "$root" && ./mvnw -B -q -DskipTests package)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%-20s %8s  %-48s %s\n' table rows "worst-group DCR share per cut" "min / median / max, failing"
for t in titanic.csv baseball_players.csv.gz creditcard_default.csv.gz airbnb_nyc.csv.gz census.csv.gz; do
  f=$data/$t
  [[ -f $f ]] || { echo "$t: absent, skipped"; continue; }
  figures=()
  for s in $(seq 1 "$seeds"); do
    python3 - "$f" "$s" "$work" <<'PY'
import gzip, random, sys
path, seed, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with (gzip.open(path, "rt", newline="") if path.endswith(".gz") else open(path, newline="")) as fh:
    text = fh.read()
# records, not lines: a quoted cell may hold a newline
import csv, io
rows = list(csv.reader(io.StringIO(text)))
header, body = rows[0], rows[1:]
random.Random(seed).shuffle(body)
n = len(body) // 3
for name, part in (("a", body[:n]), ("b", body[n:2 * n]), ("c", body[2 * n:3 * n])):
    with open(f"{work}/{name}.csv", "w", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(header)
        w.writerows(part)
print(n, file=open(f"{work}/n", "w"))
PY
    d=$(java --add-modules jdk.incubator.vector -jar "$jar" evaluate --train "$work/a.csv" --holdout "$work/b.csv" \
        --synth "$work/c.csv" --na-values '?' --seed "$s" -q 2>/dev/null | awk '/^DCR share/{print $3}')
    figures+=("$d")
  done
  summary=$(printf '%s\n' "${figures[@]}" | sort -g | awk '{v[NR]=$1; if ($1 >= 0.52) f++} END {
    m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%.4f / %.4f / %.4f, %d of %d fail", v[1], m, v[NR], f, NR}')
  printf '%-20s %8s  %-48s %s\n' "${t%%.*}" "$(cat "$work/n")" "${figures[*]}" "$summary"
done
