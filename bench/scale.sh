#!/usr/bin/env bash
# Scale benchmark: the whole job (`java -jar issosynth.jar run`, embedded argn generator, default selection) on
# tables of 100k to 10M rows with 15 columns (census.csv.gz's) or 70 (wide100k.csv.gz's). Per job: wall time,
# time per stage, peak RSS, the result's accuracy and a random pool subset's, exit code; one line per job appended
# to bench/out/scale/results.tsv (runs of different days accumulate), then the Markdown tables of this call's jobs
# (bench/scale_report.py: min / median per size, growth exponent b of time ~ a * rows^b per stage).
#
# usage: bench/scale.sh [ROWS:COLS ...] [key=value ...] [issosynth run options ...]
#   ROWS:COLS  a table to run, ROWS as 20000, 100k, 1m, 2.5m, 10m; COLS 15 (census) or 70 (wide100k)
#              (default: 100k:15 1m:15 10m:15 100k:70 1m:70 10m:70, in that order; 10M rows take hours)
#   jar=PATH   the jar (default: target/issosynth.jar of this checkout, built when missing)
#   heap=8g    the JVM's -Xmx                        repeat=1   runs per table (report: min / median)
#   work=DIR   tables and job folders (default $SCALE_WORK, else /work/scale)
#   tsv=FILE   the record (default bench/out/scale/results.tsv)   keep=1   keep each job's pool and result
#   everything from the first argument starting with '-' on goes to `run` as it is (a leading `--` is dropped),
#   e.g. --max-training-minutes 30 --pool-factor 5 --seed 1
# env: DATA (../shared/data), JAVA (java), JAVA_OPTS (more JVM options), SCALE_WORK, and JAR, HEAP, REPEAT, KEEP
#      as the keys above (a key on the command line wins)
#
# Tables: bench/scale_data.py SOURCE ROWS, made once into WORK/data/x15_<rows>.csv / x70_<rows>.csv (rows drawn
# with replacement, seed 1, large integers jittered). Each job runs in its own folder WORK/runs/<batch>_x<cols>_
# <rows>_<rep>/ as
#   /usr/bin/time -v java -Xmx<heap> [--add-modules jdk.incubator.vector] -Xlog:gc:file=gc.log $JAVA_OPTS \
#       -jar JAR run TABLE \
#       --na-values '?' -q --log-file job.log --json summary.json --output result.csv [options]
# (the Vector API module given directly, as run.sh does, so no second JVM is launched and the peak RSS is the
# job's JVM); stdout.txt, stderr.txt, time.txt, job.log and summary.json stay there, the pool (pool_data/) and
# result.csv are deleted after the job unless keep=1 (at the default --pool-factor 10 a 10M-row job's pool is 100M
# rows: ~11 GB of CSV at 15 columns, ~35 GB at 70; the tables themselves ~1.1 and ~3.5 GB). gc.log (-Xlog:gc) gives
# the largest heap occupancy after a collection, an estimate of the heap the job needs (the peak RSS follows -Xmx:
# the JVM grows into the heap it is given). A failed job is recorded with its exit code and its error line, and the
# next one runs.
# Stages (defined in bench/scale_report.py): read, privref, train, generate, poolprep, rank, ipf, trim, refine,
# score, estimate, write, end, other; ipf/trim/refine are the JSON summary's, the rest from the log's timestamps
# against the launch time. argn's --models auto trains 2 models up to 2,000,000 cells (100k x 15) and 1 above, and
# --max-training-minutes (default 10) caps training: pass --models 1 and a budget that does not bind when the
# training's growth rate matters (the 'capped' column says which stages hit a time budget).
#
#   bench/scale_report.py report bench/out/scale/results.tsv [--since 2026-12-01] [--commit abc1234] [--any-commit]
# prints the tables again from all recorded jobs (grouped by shape, heap, options and commit).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
data=${DATA:-$root/../shared/data}
java=${JAVA:-java}
jar=${JAR:-$root/target/issosynth.jar}
heap=${HEAP:-8g}
repeat=${REPEAT:-1}
work=${SCALE_WORK:-/work/scale}
tsv=$root/bench/out/scale/results.tsv
keep=${KEEP:-0}

specs=()
opts=()
while [[ $# -gt 0 ]]; do
  case $1 in
    -*) [[ $1 == -- ]] && shift; opts=("$@"); break ;;
    jar=*) jar=${1#jar=} ;;
    heap=*) heap=${1#heap=} ;;
    repeat=*) repeat=${1#repeat=} ;;
    work=*) work=${1#work=} ;;
    tsv=*) tsv=${1#tsv=} ;;
    keep=*) keep=${1#keep=} ;;
    *:*) specs+=("$1") ;;
    *) echo "scale.sh: unknown argument '$1' (ROWS:COLS, key=value, or run options starting with -)" >&2; exit 2 ;;
  esac
  shift
done
[[ ${#specs[@]} -gt 0 ]] || specs=(100k:15 1m:15 10m:15 100k:70 1m:70 10m:70)
[[ $repeat =~ ^[1-9][0-9]*$ ]] || { echo "scale.sh: repeat=$repeat is not a count" >&2; exit 2; }

# 100k -> 100000, 2.5m -> 2500000
rows_of() {
  python3 -c 'import sys
s = sys.argv[1].lower()
m = {"k": 10**3, "m": 10**6}.get(s[-1:], 1)
v = float(s[:-1] if s[-1:] in "km" else s) * m
assert v >= 1 and v == int(v)
print(int(v))' "$1" 2>/dev/null
}
source_of() {
  case $1 in
    15) echo "$data/census.csv.gz" ;;
    70) echo "$data/wide100k.csv.gz" ;;
    *) return 1 ;;
  esac
}
jobs=()
for s in "${specs[@]}"; do
  r=$(rows_of "${s%%:*}") || { echo "scale.sh: '$s': rows must be like 100000, 100k, 1m" >&2; exit 2; }
  c=${s#*:}
  src=$(source_of "$c") || { echo "scale.sh: '$s': columns must be 15 (census) or 70 (wide100k)" >&2; exit 2; }
  [[ -f $src ]] || { echo "scale.sh: $src not found (shared data absent; set DATA=...)" >&2; exit 2; }
  jobs+=("$r:$c")
done

if [[ ! -f $jar ]]; then
  if [[ $jar == "$root/target/issosynth.jar" ]]; then
    echo "building $jar ..." >&2
    (cd "$root" && ./mvnw -B -q -Dmaven.test.skip=true package) >&2 || { echo "scale.sh: build failed" >&2; exit 2; }
  else
    echo "scale.sh: $jar not found" >&2; exit 2
  fi
fi
jar=$(realpath "$jar")
[[ -x /usr/bin/time ]] || { echo "scale.sh: /usr/bin/time (GNU time, for the peak RSS) is missing" >&2; exit 2; }
# the commit the jar was built from, when it lies in a git checkout (+dirty: sources changed since)
jar_repo=$(dirname "$(dirname "$jar")")
commit=$(git -C "$jar_repo" rev-parse --short HEAD 2>/dev/null || echo "?")
if [[ $commit != "?" && -n $(git -C "$jar_repo" status --porcelain -- src pom.xml 2>/dev/null) ]]; then
  commit+="+dirty"
fi
vector=()
if [[ ${ISSOSYNTH_VECTOR:-1} != 0 ]] && "$java" --add-modules jdk.incubator.vector -version >/dev/null 2>&1; then
  vector=(--add-modules jdk.incubator.vector)
fi
read -r -a java_opts <<< "${JAVA_OPTS:-}"
batch=$(date +%Y%m%d_%H%M%S)
host=$(hostname 2>/dev/null || echo "?")
cpus=$(nproc)
mkdir -p "$work/data" "$work/runs" "$(dirname "$tsv")"
tsv=$(realpath "$tsv")
echo "scale.sh: batch $batch, jar $jar ($commit), -Xmx$heap, $repeat run(s) per table, options: ${opts[*]:-(none)}" >&2
echo "          tables and jobs in $work, record $tsv" >&2

for j in "${jobs[@]}"; do
  rows=${j%%:*}
  cols=${j#*:}
  table=$work/data/x${cols}_$rows.csv
  if [[ ! -s $table ]]; then
    echo "making $table ($rows rows x $cols columns) ..." >&2
    t=$(date +%s)
    python3 "$here/scale_data.py" "$(source_of "$cols")" "$rows" "$table.tmp.$$" \
      && mv "$table.tmp.$$" "$table" \
      || { rm -f "$table.tmp.$$"; echo "scale.sh: could not make $table" >&2; exit 1; }
    echo "  made in $(( $(date +%s) - t )) s, $(du -h "$table" | cut -f1)" >&2
  fi
  for rep in $(seq 1 "$repeat"); do
    job=$work/runs/${batch}_x${cols}_${rows}_$rep
    mkdir -p "$job"
    echo "$(date +%H:%M:%S) x$cols $rows rows, run $rep/$repeat: $job" >&2
    t0=$(date +%s.%N)
    (cd "$job" && /usr/bin/time -v -o time.txt "$java" "-Xmx$heap" ${vector[@]+"${vector[@]}"} \
        -Xlog:gc:file=gc.log ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" run "$table" --na-values '?' -q --log-file job.log \
        --json summary.json --output result.csv ${opts[@]+"${opts[@]}"} > stdout.txt 2> stderr.txt)
    rc=$?
    if [[ $keep != 1 ]]; then
      rm -rf "$job/pool_data" "$job/result.csv"
    fi
    python3 "$here/scale_report.py" record "$tsv" "$job" date="$(date +%Y-%m-%d)" batch="$batch" commit="$commit" \
      host="$host" cpus="$cpus" cols="$cols" rows="$rows" heap="$heap" opts="${opts[*]:-}" rep="$rep" exit="$rc" \
      t0="$t0" || echo "scale.sh: could not record $job" >&2
  done
done
echo >&2
python3 "$here/scale_report.py" report "$tsv" --batch "$batch"
