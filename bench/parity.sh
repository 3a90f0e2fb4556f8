#!/usr/bin/env bash
# Byte-parity check for restructurings: runs a fixed set of small jobs (census and the wide table; argn,
# independent, an outside pool through select; evaluate --json) with one jar and keeps every output in OUT.
# Run it with the jar before and after a change into the same folder (the report names its input paths), moving
# the first run's folder aside, then compare the two folders:
#   bench/parity.sh /tmp/before.jar /tmp/parity && mv /tmp/parity /tmp/parity-before
#   bench/parity.sh target/issosynth.jar /tmp/parity && mv /tmp/parity /tmp/parity-after
#   bench/parity.sh --compare /tmp/parity-before /tmp/parity-after
# Needs ../shared/data (skips with a message without it). The HTML report's timings line, its stage seconds and
# the pool file's timestamp differ between identical runs, so they are masked before comparing.
set -euo pipefail
# the report's parts that change between identical runs: the timings line, stage seconds, the pool's timestamp
norm_html() {
  sed -E 's/></>\n</g' "$1" | grep -v 'id="timings"' \
    | sed -E 's#<td>[0-9]+\.[0-9]</td>#<td>S</td>#; s#pool_[0-9]{8}_[0-9]{4,6}(_[0-9]+)?#pool_TIME#'
}
if [[ "${1:-}" == --compare ]]; then
  a=$2; b=$3; bad=0
  for f in $(cd "$a" && find . -type f ! -name '*.log' | sort); do
    if [[ "$f" == *.html ]]; then
      cmp -s <(norm_html "$a/$f") <(norm_html "$b/$f") || { echo "DIFFER $f"; bad=1; continue; }
    else
      cmp -s "$a/$f" "$b/$f" || { echo "DIFFER $f"; bad=1; continue; }
    fi
    echo "same   $f ($(wc -c < "$a/$f") bytes)"
  done
  exit $bad
fi
jar=$(realpath "$1"); out=$2
here=$(cd "$(dirname "$0")" && pwd)
data=${DATA:-$here/../../shared/data}
[[ -f $data/census.csv.gz ]] || { echo "parity.sh: $data/census.csv.gz not found (shared data absent); nothing to do" >&2; exit 0; }
mkdir -p "$out"; out=$(realpath "$out")
java=(java --add-modules jdk.incubator.vector -jar "$jar")
# census in halves (first 24,421 rows train, the rest holdout), a 5,000-row training cut for argn speed
# (head closes the pipe early: no pipefail for these cuts)
set +o pipefail
zcat "$data/census.csv.gz" | head -n 24422 > "$out/census_train.csv"
{ zcat "$data/census.csv.gz" | head -n 1; zcat "$data/census.csv.gz" | tail -n +24423; } > "$out/census_holdout.csv"
head -n 5001 "$out/census_train.csv" > "$out/census5k.csv"
set -o pipefail
job() { # name, then run arguments
  local name=$1; shift
  mkdir -p "$out/$name"
  local t0=$SECONDS
  local rc=0
  "${java[@]}" run "$@" --workdir "$out/$name" --output "$out/$name/result.csv" -q > "$out/$name/stdout.log" 2> "$out/$name/stderr.log" || rc=$?
  # 3 = the privacy gate failed after writing everything (jars since the gate): the outputs still count
  [[ $rc == 0 || $rc == 3 ]] || { echo "$name: exit $rc" >&2; cat "$out/$name/stderr.log" >&2; exit 1; }
  for p in "$out/$name"/pool_data/*.csv; do [[ -f $p ]] && mv "$p" "$out/$name/pool.csv"; done
  echo "$name: $((SECONDS - t0)) s" >&2
}
job census_argn "$out/census5k.csv" --na-values '?' --max-epochs 3 --seed 7 --holdout "$out/census_holdout.csv" --report "$out/census_argn/report.html"
job census_independent "$out/census_train.csv" --na-values '?' --generator independent --seed 3
job census_pool "$out/census_train.csv" --na-values '?' --generator pool --pool "$out/census_independent/pool.csv" --size 3000 --seed 5 --no-privacy-guard
"${java[@]}" evaluate --train "$out/census_train.csv" --synth "$out/census_independent/result.csv" --holdout "$out/census_holdout.csv" --na-values '?' --json "$out/census_eval.json" -q > /dev/null
if [[ -f $data/wide100k.csv.gz ]]; then
  (set +o pipefail; zcat "$data/wide100k.csv.gz" | head -n 20001 > "$out/wide20k.csv")
  job wide_argn "$out/wide20k.csv" --na-values '?' --max-epochs 1 --pool-factor 3 --seed 11 --refinement-iterations 30
  job wide_independent "$out/wide20k.csv" --na-values '?' --generator independent --pool-factor 4 --seed 13 --refinement-iterations 30
fi
rm -f "$out"/census_train.csv "$out"/census_holdout.csv "$out"/census5k.csv "$out"/wide20k.csv
rm -rf "$out"/*/pool_data "$out"/*/results
