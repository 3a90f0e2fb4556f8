#!/usr/bin/env bash
# Issue 13's operator cases, replayed: every way of starting the tool, cron, concurrent and killed runs, the
# checks before the long work, text encodings, exit codes and messages. Each case runs the tool (tiny settings:
# 2 epochs, one model, small tables from src/test/resources/fixtures or made here), checks what it must do and
# prints one line:
#   PASS|FAIL <section of the issue> <case>: <what was observed>
# (a FAIL ends with the checks that did not hold), then a count; exits 1 when a case failed. Takes about three
# minutes on 2 cores. Uses the checkout it lives in (its target/issosynth.jar, built first when missing, and its run.sh);
# the cases that need a fresh clone clone this checkout's committed HEAD.
#
#   bench/operator_cases.sh               all cases
#   SKIP_CLONE=1 bench/operator_cases.sh  without the fresh clone (cron without HOME, the two rebuild cases,
#                                         the second build's warnings, the census test's skip)
#   KEEP=1 ...                            keep the work folder (printed at the end) to look at the outputs
#
# Root is not needed: as root, a read-only results/ and a full disk are real (tmpfs mounts); otherwise results/ is
# chmod 555 (as root without mounts: chmod 555 and the run as uid 65534) and a full disk is a huge --pool-factor.
# Needs bash, python3, git, flock (util-linux) and a JDK 17+ on the PATH. `./mvnw verify` with all tests
# twice is not run (minutes): the second-build case builds once more with one test class, which is the build that
# printed the shade warnings.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar=$here/target/issosynth.jar
fix=$here/src/test/resources/fixtures
titanic=$fix/titanic.csv
census=$fix/census_2000.csv.gz
tiny=(--max-epochs 2 --models 1)
fast=(--no-privacy-guard --refinement-iterations 30)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/operator_cases.XXXXXX")
mounts=()
bg=()

cleanup() {
    local p m
    for p in ${bg[@]+"${bg[@]}"}; do kill "$p" 2>/dev/null; done
    for m in ${mounts[@]+"${mounts[@]}"}; do umount "$m" 2>/dev/null; done
    if [[ "${KEEP:-0}" == 1 ]]; then echo "work folder kept: $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

if [[ ! -f $jar ]]; then
    echo "building $jar ..." >&2
    (cd "$here" && ./mvnw -B -q -Dmaven.test.skip=true package) >&2 || { echo "build failed" >&2; exit 2; }
fi

npass=0
nfail=0
failed=()
# per case: ok=0 and why=""; need NOTE COMMAND... records a failed check; verdict NAME OBSERVED prints the line
begin() { ok=0; why=""; echo "... $1" >&2; }
need() {
    local what=$1
    shift
    if ! "$@"; then ok=1; why+=" [expected: $what]"; fi
}
verdict() {
    if [[ $ok == 0 ]]; then
        echo "PASS $1: $2"
        npass=$((npass + 1))
    else
        echo "FAIL $1: $2;$why"
        nfail=$((nfail + 1))
        failed+=("$1")
    fi
}

# runin DIR NAME CMD...: runs CMD in DIR (created), stdout to DIR/NAME.out, stderr to DIR/NAME.err; sets rc, secs
runin() {
    local d=$1 n=$2
    shift 2
    mkdir -p "$d"
    local t0
    t0=$(date +%s.%N)
    (cd "$d" && "$@") > "$d/$n.out" 2> "$d/$n.err"
    rc=$?
    secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
}
ij() { java -jar "$jar" "$@"; }
runsh() { "$here/run.sh" "$@"; }
# the one-line error of a command (issosynth: ...), cut to 170 characters
errline() { grep -m1 '^issosynth:' "$1" | cut -c1-170; }
# its last 130 characters
errtail() { grep -m1 '^issosynth:' "$1" | rev | cut -c1-130 | rev; }
# no Java stack trace on stderr
notrace() { ! grep -q -E '^[[:space:]]+at [a-zA-Z]|^Exception in thread|^Caused by:' "$1"; }
trained() { grep -q -E '\[train argn[^]]*\] (started|epoch|done)|epoch 1' "$1"; }
notrained() { ! trained "$1"; }
has() { grep -q -e "$2" "$1"; }
hasnot() { ! grep -q -e "$2" "$1"; }
isfile() { [[ -f $1 ]]; }
eq() { [[ "$1" == "$2" ]]; }
ne() { [[ "$1" != "$2" ]]; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
# files in DIR (not hidden, not the pool record)
outputs() { find "$@" -maxdepth 1 -type f ! -name '.*' ! -name '*.run.json' 2>/dev/null | sort; }
hidden() { find "$@" -maxdepth 1 -type f -name '.*' 2>/dev/null | sort; }
sha() { sha1sum < "$1" | cut -c1-12; }
count() { if [[ -z $1 ]]; then echo 0; else printf '%s\n' "$1" | wc -l; fi; }
names() { [[ -z $1 ]] && { echo none; return; }; printf '%s\n' "$1" | xargs -n1 basename | paste -sd' ' -; }
wait_for() { # wait_for SECONDS TEST...: polls the test every 0.1 s
    local n=$(($1 * 10))
    shift
    while ((n-- > 0)); do "$@" && return 0; sleep 0.1; done
    return 1
}
globbed() { compgen -G "$1" > /dev/null; }
# a run's hidden temp pool in DIR has rows
pool_written() { [[ -n $(find "$1" -maxdepth 1 -name '.pool_*.tmp' -size +0 2>/dev/null) ]]; }
mounted() { mount "$@" 2>/dev/null && mounts+=("${!#}"); }

# ------------------------------------------------------------------------------------------------------------
# tables made here
mk=$tmp/tables
mkdir -p "$mk"
python3 - "$mk" "$census" << 'EOF'
import gzip, random, sys
out, census = sys.argv[1], sys.argv[2]
random.seed(13)
lines = gzip.open(census, 'rt', encoding='utf-8').read().splitlines()
# census with a city column, written in ISO-8859-1 (Zürich, Genève, Köln, Malmö are no UTF-8 there)
cities = ['Zürich', 'Genève', 'Bern', 'Köln', 'Malmö']
with open(out + '/latin1.csv', 'w', encoding='latin-1', newline='\n') as f:
    f.write(lines[0] + ',city\n')
    for l in lines[1:]:
        f.write(l + ',' + random.choice(cities) + '\n')
# every combination of two columns exactly once: real rows never repeat, so every pool row is a copy
with open(out + '/grid.csv', 'w') as f:
    f.write('a,b\n')
    for i in range(10):
        for j in range(20):
            f.write('a%d,b%d\n' % (i, j))
def wide(path, cols, rows):
    with open(path, 'w') as f:
        f.write(','.join('c%d' % c for c in range(cols)) + '\n')
        for _ in range(rows):
            f.write(','.join(random.choice('abcde') for _ in range(cols)) + '\n')
wide(out + '/wide300.csv', 300, 60)
wide(out + '/wide1000.csv', 1000, 200)
EOF
tr '\n' ' ' < "$here/README.md" | tr -s ' ' > "$mk/readme.txt" # the README with its lines joined
head -n 2 "$titanic" > "$mk/one_row.csv"
sed 's/,/;/g; s/$/\r/' "$titanic" > "$mk/semicolon_crlf.csv"
head -n 656 "$titanic" > "$mk/titanic_a.csv"
{ head -n 1 "$titanic"; tail -n +657 "$titanic"; } > "$mk/titanic_b.csv"

# ============================================================================================================
# 1. The documented ways of starting it give the same bytes
begin "1 same bytes"
s1=$tmp/s1
declare -A k r s
for how in run.sh java-jar scalar vector256; do
    case $how in
        run.sh) runin "$s1/$how" run runsh "$titanic" "${tiny[@]}" --threads 2 --output result.csv ;;
        java-jar) runin "$s1/$how" run ij run "$titanic" "${tiny[@]}" --threads 2 --output result.csv ;;
        scalar) runin "$s1/$how" run env ISSOSYNTH_VECTOR=0 java -jar "$jar" run "$titanic" "${tiny[@]}" --threads 1 \
            --output result.csv ;;
        vector256) runin "$s1/$how" run java -XX:MaxVectorSize=32 -jar "$jar" run "$titanic" "${tiny[@]}" \
            --threads 2 --output result.csv ;;
    esac
    r[$how]=$rc
    s[$how]=$secs
    k[$how]=$(grep -o -m1 'GEMM kernel: [a-z0-9]*' "$s1/$how/run.err" | cut -d' ' -f3)
    need "$how exits 0" eq "$rc" 0
done
pools=""
res=""
for how in run.sh java-jar scalar vector256; do
    p=$(outputs "$s1/$how/pool_data" | head -n1)
    pools+="$( [[ -n $p ]] && sha "$p" || echo missing) "
    res+="$( [[ -f $s1/$how/result.csv ]] && sha "$s1/$how/result.csv" || echo missing) "
done
read -r -a pa <<< "$pools"
read -r -a ra <<< "$res"
for i in 1 2 3; do
    need "pool $i same as run.sh's" eq "${pa[$i]}" "${pa[0]}"
    need "result $i same as run.sh's" eq "${ra[$i]}" "${ra[0]}"
done
need "pools exist" ne "${pa[0]}" missing
verdict "1 same bytes from run.sh, java -jar, scalar kernel, 256-bit vectors" \
    "exit ${r[run.sh]}/${r[java-jar]}/${r[scalar]}/${r[vector256]}; kernels ${k[run.sh]}, ${k[java-jar]}, ${k[scalar]} (--threads 1), ${k[vector256]} (-XX:MaxVectorSize=32); pool sha1 ${pools% }; result sha1 ${res% }"

begin "1 java -jar kernel"
need "java -jar uses run.sh's kernel" eq "${k[java-jar]}" "${k[run.sh]}"
need "that kernel is a vector one" has <(echo "${k[java-jar]}") '^vector'
need "ISSOSYNTH_VECTOR=0 is scalar" eq "${k[scalar]}" scalar
verdict "1 java -jar gets the fastest kernel" \
    "run.sh: ${k[run.sh]} (${s[run.sh]} s), plain java -jar: ${k[java-jar]} (${s[java-jar]} s, relaunched with the module), ISSOSYNTH_VECTOR=0: ${k[scalar]} (${s[scalar]} s)"

# ============================================================================================================
# 2. Concurrent and interrupted runs
clone=$tmp/clone
if [[ "${SKIP_CLONE:-0}" != 1 ]]; then
    git clone -q "$here" "$clone"
    cp "$titanic" "$clone/t.csv"

    begin "2 cron without HOME"
    runin "$clone" cron env -i PATH=/usr/bin:/bin ./run.sh t.csv --max-epochs 2 --models 1
    out=$(grep -m1 '^output: ' "$clone/cron.out" | cut -d' ' -f2)
    need "exit 0" eq "$rc" 0
    need "the jar was built" has "$clone/cron.err" 'run.sh: building'
    need "no HOME error" hasnot "$clone/cron.err" 'HOME'
    need "a result" isfile "$clone/$out"
    verdict "2 cron without HOME on a fresh clone (env -i PATH=/usr/bin:/bin ./run.sh t.csv)" \
        "exit $rc in $secs s, built the jar first, output: $out; stderr has no 'HOME: parameter not set'"

    begin "2 rebuild race"
    echo 'package dev.issosynth; final class ReplayMarkerA { }' > "$clone/src/main/java/dev/issosynth/ReplayMarkerA.java"
    for i in 1 2; do
        (runin "$tmp/race$i" run "$clone/run.sh" "$titanic" --generator independent "${fast[@]}"; echo "$rc" > "$tmp/race$i/rc") &
        bg+=($!)
    done
    wait
    r1=$(cat "$tmp/race1/rc")
    r2=$(cat "$tmp/race2/rc")
    builds=$(cat "$tmp/race1/run.err" "$tmp/race2/run.err" | grep -c 'run.sh: building')
    marker=$(python3 -c "import sys, zipfile; print(sum(n.endswith('ReplayMarkerA.class') for n in zipfile.ZipFile(sys.argv[1]).namelist()))" \
        "$clone/target/issosynth.jar" 2>/dev/null || echo 0)
    need "both exit 0" eq "$r1$r2" 00
    need "one build" eq "$builds" 1
    need "the new jar holds the new class" eq "$marker" 1
    need "no Maven error" hasnot <(cat "$tmp/race1/run.err" "$tmp/race2/run.err") '\[ERROR\]\|FATAL'
    verdict "2 two run.sh start together when a rebuild is due" \
        "exit $r1 and $r2; 'run.sh: building' printed $builds× (the other waited on target/.run.lock); target/issosynth.jar present with the new class"

    begin "2 rebuild while a job runs"
    sumA=$(cksum < "$clone/target/issosynth.jar" | cut -d' ' -f1)
    mkfifo "$tmp/feed"
    # job 1 starts its JVM, then waits for its training table on stdin while job 2 rebuilds the jar
    (runin "$tmp/job1" run sh -c "timeout 900 cat '$tmp/feed' | '$clone/run.sh' - --max-epochs 2 --models 1 --no-privacy-guard --output r.csv"
     echo "$rc" > "$tmp/job1/rc") &
    job1=$!
    bg+=($job1)
    wait_for 60 has "$tmp/job1/run.err" 'incubator'
    sleep 2
    echo 'package dev.issosynth; final class ReplayMarkerB { }' > "$clone/src/main/java/dev/issosynth/ReplayMarkerB.java"
    runin "$tmp/job2" run "$clone/run.sh" "$titanic" --generator independent "${fast[@]}"
    r2=$rc
    sumB=$(cksum < "$clone/target/issosynth.jar" | cut -d' ' -f1)
    cat "$titanic" > "$tmp/feed"
    wait "$job1"
    r1=$(cat "$tmp/job1/rc")
    rows=$( [[ -f $tmp/job1/r.csv ]] && echo $(($(wc -l < "$tmp/job1/r.csv") - 1)) || echo 0)
    need "job 2 rebuilt the jar" has "$tmp/job2/run.err" 'run.sh: building'
    need "the jar changed" ne "$sumA" "$sumB"
    need "job 1 exits 0" eq "$r1" 0
    need "job 1 wrote its result" eq "$rows" 1309
    need "no NoClassDefFoundError" hasnot "$tmp/job1/run.err" 'NoClassDefFoundError'
    need "no stack trace" notrace "$tmp/job1/run.err"
    need "job 1 trained after the swap" trained "$tmp/job1/run.err"
    verdict "2 run.sh rebuilds the jar while a job runs" \
        "job 1's JVM started on jar cksum $sumA and waited; job 2 rebuilt it (cksum $sumB, exit $r2); job 1 then trained and exited $r1 with r.csv ($rows rows), no NoClassDefFoundError"
fi

# Starts a job in folder $1 whose 200,000-row pool takes a few seconds to write (pid in $pid) and waits until the
# pool's hidden temp file has rows.
start_pool_job() {
  (cd "$1" && exec "$here/run.sh" "$census" --na-values '?' "${tiny[@]}" --pool-factor 100 --no-privacy-guard \
      > run.out 2> run.err) &
  pid=$!
  bg+=($pid)
  wait_for 120 pool_written "$1/pool_data"
}

begin "2 kill -9 leftovers"
d=$tmp/kill
mkdir -p "$d"
# kill while the pool is being written (its hidden temp file has rows)
start_pool_job "$d"
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
left=$(hidden "$d/pool_data" "$d/results")
partial=$(outputs "$d/pool_data" "$d/results")
tmpsize=$(find "$d/pool_data" -maxdepth 1 -name '.pool_*.tmp' -printf '%s' 2>/dev/null)
runin "$d" next runsh "$titanic" --generator independent "${fast[@]}"
after=$(hidden "$d/pool_data" "$d/results")
need "a temp file was left" has <(echo "$left") '\.tmp$'
need "a reservation was left" has <(echo "$left") '\.reserved$'
need "no visible partial file" eq "$partial" ""
need "the next run exits 0" eq "$rc" 0
need "nothing hidden left after it" eq "$after" ""
verdict "2 kill -9 leftovers removed by the next run" \
    "kill -9 while generating left $(names "$left") (temp ${tmpsize:-0} bytes), no visible partial file; the next run (exit $rc) left $(count "$after") hidden files"

begin "2 SIGTERM"
d=$tmp/term
mkdir -p "$d"
start_pool_job "$d"
tmpsize=$(find "$d/pool_data" -maxdepth 1 -name '.pool_*.tmp' -printf '%s' 2>/dev/null)
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
rc=$?
left=$(hidden "$d/pool_data" "$d/results")
need "exit 143 (128 + SIGTERM)" eq "$rc" 143
need "it was stopped while writing its pool" ne "${tmpsize:-0}" 0
need "nothing left" eq "$left$(outputs "$d/pool_data" "$d/results")" ""
need "no stack trace" notrace "$d/run.err"
need "no error line (as the README says)" hasnot "$d/run.err" '^issosynth:'
verdict "2 SIGTERM (cron's timeout, Ctrl-C) while the pool is written" \
    "exit $rc, no error line; the temp pool (${tmpsize:-0} bytes when stopped) and the reservations removed at once: $(count "$left") hidden files left"

begin "2 leftovers in java.io.tmpdir"
# --encoding decodes the training table into a private folder in java.io.tmpdir, --output - writes the result there
d=$tmp/killtmp
mkdir -p "$d/jtmp"
enc=("$here/run.sh" "$mk/latin1.csv" --na-values '?' --encoding ISO-8859-1 --output - "${tiny[@]}")
for sig in TERM KILL; do
    (cd "$d" && export JAVA_OPTS="-Djava.io.tmpdir=$d/jtmp" && exec "${enc[@]}" > "$sig.out" 2> "$sig.err") &
    pid=$!
    bg+=($pid)
    wait_for 120 has "$d/$sig.err" 'train argn\] started'
    sleep 0.5
    kill -$sig "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    eval "rc_$sig=\$?"
done
left=$(find "$d/jtmp" -mindepth 1 -maxdepth 1 | sort)
copies=$(find "$d/jtmp" -name latin1.csv -printf '%s\n' 2>/dev/null | paste -sd+ -)
runin "$d" next env JAVA_OPTS="-Djava.io.tmpdir=$d/jtmp" "${enc[@]}" "${fast[@]}"
after=$(find "$d/jtmp" -mindepth 1 -maxdepth 1 | sort)
need "the stopped runs had private folders" ne "$left" ""
need "the next run exits 0" eq "$rc" 0
need "no folder of a stopped run left after the next run" eq "$after" ""
verdict "2 leftovers in java.io.tmpdir after SIGTERM and kill -9 (--encoding, --output -)" \
    "a run stopped by SIGTERM (exit $rc_TERM) and one by kill -9 (exit $rc_KILL) during training left $(count "$left") folders ($(names "$left" | sed -E 's/-[0-9]+/-*/g')) holding UTF-8 copies of the training table (${copies:-0} bytes); after the same command ran again (exit $rc): $(count "$after") left"

begin "2 --resume"
d=$tmp/resume
mkdir -p "$d"
cmd=("$here/run.sh" "$census" --na-values '?' "${tiny[@]}" --output result.csv)
(cd "$d" && exec "${cmd[@]}" > first.out 2> first.err) &
pid=$!
bg+=($pid)
wait_for 180 globbed "$d/pool_data/pool_*.csv.run.json"
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
pool=$(outputs "$d/pool_data")
killedin=$(grep -o '^\[[a-z]*' "$d/first.err" | tail -n1 | tr -d '[')
runin "$d" second "${cmd[@]}" --resume
runin "$tmp/resume_ref" run "${cmd[@]}"
need "the first run's pool was complete" globbed "$d/pool_data/pool_*.csv.run.json"
need "the first run was killed before its result" eq "$(grep -c '^output:' "$d/first.out")" 0
need "the resumed run exits 0" eq "$rc" 0
need "it says it resumes" has "$d/second.err" 'resume: selecting from the finished pool'
need "it does not train" notrained "$d/second.err"
need "a result" isfile "$d/result.csv"
need "result as an uninterrupted run's" eq "$(sha "$d/result.csv" 2>/dev/null)" "$(sha "$tmp/resume_ref/result.csv" 2>/dev/null)"
verdict "2 --resume after a run killed after its pool" \
    "kill -9 in stage '${killedin}' once $(basename "${pool:-none}") and its .run.json were complete; the same command with --resume: exit $rc in $secs s, '$(grep -m1 -o 'resume: selecting[^(]*' "$d/second.err" | sed 's/ *$//')', no training; result byte-identical to an uninterrupted run's"

begin "2 run id"
d=$tmp/runid
mkdir -p "$d"
for i in 1 2; do
    (runin "$d" "r$i" ij run "$titanic" --generator independent "${fast[@]}"; echo "$rc" > "$d/r$i.rc") &
done
wait
ids=""
for i in 1 2; do
    p=$(cat "$d/r$i.out" "$d/r$i.err" | grep -o -m1 'pool_data/pool_[0-9_]*\.csv' | sed 's/.*pool_//; s/\.csv//')
    o=$(grep -m1 '^output: ' "$d/r$i.out" | sed 's/.*flat_result_//; s/\.csv//')
    need "run $i exits 0" eq "$(cat "$d/r$i.rc")" 0
    need "run $i: pool id = result id" eq "$p" "$o"
    need "run $i: id as README says" has <(echo "$p") '^[0-9]\{8\}_[0-9]\{4\}\(_[0-9]*\)\?$'
    ids+="pool_$p.csv + flat_result_$o.csv; "
    eval "id$i=\$p"
done
need "the two runs differ" ne "$id1" "$id2"
verdict "2 pool and result of a run share its run id (two runs started together)" "${ids%; }"

# ============================================================================================================
# 3. Checks before the long work
begin "3 read-only results/"
d=$tmp/ro
mkdir -p "$d/results"
runner=()
if [[ $(id -u) == 0 ]] && mounted -t tmpfs -o ro,size=1m tmpfs "$d/results"; then
    how="a read-only tmpfs on results/"
elif [[ $(id -u) != 0 ]]; then
    chmod 555 "$d/results"
    how="results/ chmod 555"
else
    chmod 555 "$d/results"
    chmod 777 "$d"
    runner=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    how="results/ chmod 555, run as uid 65534"
fi
runin "$d" run ${runner[@]+"${runner[@]}"} java -jar "$jar" run "$titanic" "${tiny[@]}"
need "exit 1" eq "$rc" 1
need "refused before training" notrained "$d/run.err"
need "no pool left" eq "$(outputs "$d/pool_data")" ""
need "one line, no stack trace" notrace "$d/run.err"
verdict "3 read-only results/" "$how: exit $rc in $secs s, before training: '$(errline "$d/run.err")'"

begin "3 missing results/"
d=$tmp/missing
runin "$d" run ij run "$titanic" --generator independent "${fast[@]}"
r1=$rc
res=$(outputs "$d/results")
runin "$d" run2 ij run "$titanic" --generator independent "${fast[@]}" --output new/sub/r.csv
need "exit 0" eq "$r1$rc" 00
need "results/ created with the result" ne "$res" ""
need "a missing --output folder is created" isfile "$d/new/sub/r.csv"
verdict "3 missing results/ (and a missing --output folder)" \
    "exit $r1, results/ created: $(names "$res"); --output new/sub/r.csv: exit $rc, folder created"

begin "3 results is a file"
d=$tmp/resfile
mkdir -p "$d"
echo keep > "$d/results"
runin "$d" run ij run "$titanic" "${tiny[@]}"
need "exit 1" eq "$rc" 1
need "refused before training" notrained "$d/run.err"
need "the file kept" eq "$(cat "$d/results")" keep
need "no pool left" eq "$(outputs "$d/pool_data")" ""
need "one line, no stack trace" notrace "$d/run.err"
verdict "3 results is a file" "exit $rc in $secs s, before training: '$(errline "$d/run.err")'; the file is untouched"

begin "3 output = input"
d=$tmp/same
mkdir -p "$d"
cp "$titanic" "$d/t.csv"
ln -s t.csv "$d/link.csv"
before=$(sha "$d/t.csv")
runin "$d" run ij run t.csv "${tiny[@]}" --output ./t.csv
r1=$rc
s1t=$secs
e1=$(errline "$d/run.err")
runin "$d" link ij run t.csv "${tiny[@]}" --output link.csv
need "exit 2 (usage)" eq "$r1$rc" 22
need "refused before training" notrained "$d/run.err"
need "the input unchanged" eq "$(sha "$d/t.csv")" "$before"
verdict "3 output would be the input" \
    "--output ./t.csv: exit $r1 in $s1t s: '$e1'; a symlink to it: exit $rc; t.csv unchanged"

begin "3 too little disk"
d=$tmp/disk
mkdir -p "$d"
if [[ $(id -u) == 0 ]] && mounted -t tmpfs -o size=1m tmpfs "$d"; then
    how="a 1 MB tmpfs, census 2,000 rows x 10"
    runin "$d" run runsh "$census" --na-values '?' "${tiny[@]}"
else
    how="--pool-factor 1e8 (no tmpfs without root)"
    runin "$d" run runsh "$titanic" "${tiny[@]}" --pool-factor 1e8
fi
need "exit 1" eq "$rc" 1
need "refused before training" notrained "$d/run.err"
need "the message names both sizes" has "$d/run.err" 'the pool needs about .* the disk has'
need "no pool left" eq "$(outputs "$d/pool_data")" ""
verdict "3 too little disk for the pool" "$how: exit $rc in $secs s, before training: '$(errline "$d/run.err")'"

begin "3 --size above the pool"
d=$tmp/size
runin "$d" run ij run "$titanic" "${tiny[@]}" --size 20000
need "exit 1" eq "$rc" 1
need "refused before training" notrained "$d/run.err"
need "names --pool-factor" has "$d/run.err" 'pool-factor'
verdict "3 --size above the pool's rows" "exit $rc in $secs s, before training: '$(errline "$d/run.err")'"

begin "3 pool too small after the guard"
d=$tmp/guard
runin "$d" run runsh "$mk/grid.csv" "${tiny[@]}"
r1=$rc
e1=$(errline "$d/run.err")
pool=$(outputs "$d/pool_data")
runin "$d" resume runsh "$mk/grid.csv" "${tiny[@]}" --resume --no-privacy-guard
need "exit 1" eq "$r1" 1
need "the finished pool is kept" ne "$pool" ""
need "the error names the pool and --resume" has "$d/run.err" 'finished pool is kept.*--resume'
need "no stack trace" notrace "$d/run.err"
need "the remedy with --resume exits 0" eq "$rc" 0
need "without training again" notrained "$d/resume.err"
verdict "3 pool too small for --size after the guard (every pool row copies a training row)" \
    "exit $r1 after training: '...$(errtail "$d/run.err")'; $(names "$pool") kept; the error names --resume; '--resume --no-privacy-guard': exit $rc in $secs s, no training"

begin "3 too wide for the heap"
# argn sizes its model to the heap: 300 columns under 256 MB train a smaller model and finish; 2,000 columns are
# 1,000 columns under 512 MB are too wide even for the smallest, and are refused before the first epoch
d=$tmp/wide
runin "$d" fit env JAVA_OPTS=-Xmx256m "$here/run.sh" "$mk/wide300.csv" "${tiny[@]}"
fitrc=$rc
need "300 columns in 256 MB: exit 0" eq "$fitrc" 0
need "says it trains a smaller model" has "$d/fit.err" 'training a [STa-z]* model'
need "names JAVA_OPTS for the asked size" has "$d/fit.err" 'JAVA_OPTS=-Xmx'
fitline=$(grep -oE 'training a (Small|Tiny) model \([0-9,]+ parameters\)' "$d/fit.err" | head -n1)
runin "$d" run env JAVA_OPTS=-Xmx512m "$here/run.sh" "$mk/wide1000.csv" "${tiny[@]}" --log-file run.log
need "1,000 columns in 512 MB: exit 1" eq "$rc" 1
need "refused before the first epoch" hasnot "$d/run.err" 'epoch'
need "names JAVA_OPTS" has "$d/run.err" 'JAVA_OPTS'
need "not 'java -Xmx'" hasnot "$d/run.err" 'java -Xmx'
need "no stack trace on stderr" notrace "$d/run.err"
need "the stack trace in --log-file" has "$d/run.log" 'at dev.issosynth'
verdict "3 table too wide for the heap" \
    "300 columns in 256 MB: exit $fitrc, $fitline; 1,000 columns in 512 MB: exit $rc in $secs s, before the first epoch: '$(errline "$d/run.err")'; stack trace in --log-file only"

begin "3 one-row table"
d=$tmp/onerow
runin "$d" run runsh "$mk/one_row.csv" "${tiny[@]}"
need "exit 1" eq "$rc" 1
need "names the minimum" has "$d/run.err" '10'
need "names --generator independent" has "$d/run.err" 'generator independent'
need "no output" eq "$(outputs "$d/pool_data" "$d/results")" ""
verdict "3 one-row training table" "exit $rc in $secs s: '$(errline "$d/run.err")'; no pool, no result"

# ============================================================================================================
# 4. Text is never silently changed
begin "4 Latin-1 without --encoding"
d=$tmp/latin1
runin "$d" plain runsh "$mk/latin1.csv" --na-values '?' "${tiny[@]}"
need "exit 1" eq "$rc" 1
need "names --encoding" has "$d/plain.err" '\-\-encoding'
need "before training" notrained "$d/plain.err"
need "no output" eq "$(outputs "$d/pool_data" "$d/results")" ""
verdict "4 Latin-1 input without --encoding" "exit $rc in $secs s: '$(errline "$d/plain.err")'; no pool, no result"

begin "4 Latin-1 with --encoding"
runin "$d" enc runsh "$mk/latin1.csv" --na-values '?' --encoding ISO-8859-1 "${tiny[@]}" "${fast[@]}" --output result.csv
pool=$(outputs "$d/pool_data" | head -n1)
check=$(python3 - "$mk/latin1.csv" "$d/result.csv" "$pool" << 'EOF'
import csv, io, sys
def cities(path):
    raw = open(path, 'rb').read()
    try:
        raw.decode('utf-8')
        utf8 = 'valid UTF-8'
    except UnicodeDecodeError:
        utf8 = 'not UTF-8'
    rows = list(csv.reader(io.StringIO(raw.decode('latin-1'))))
    i = rows[0].index('city')
    return raw, utf8, [r[i] for r in rows[1:]]
traw, _, tc = cities(sys.argv[1])
out = []
ok = True
for name, path in (('result', sys.argv[2]), ('pool', sys.argv[3])):
    raw, utf8, c = cities(path)
    z = raw.count('Zürich'.encode('latin-1'))
    ok &= utf8 == 'not UTF-8' and z > 0 and set(c) <= set(tc) and b'\xc3' not in raw
    out.append("%s: %d x 'Z\\xfcrich', %s, cities %d of the training's %d" % (name, z, utf8, len(set(c)), len(set(tc))))
print(('OK ' if ok else 'BAD ') + '; '.join(out))
EOF
)
mode="result $(stat -c %a "$d/result.csv" 2>/dev/null), pool $(stat -c %a "$pool" 2>/dev/null)"
plainmode=$(stat -c %a "$(outputs "$tmp/s1/run.sh/pool_data" | head -n1)" 2>/dev/null)
need "exit 0" eq "$rc" 0
need "ISO-8859-1 bytes, the training's cities" has <(echo "$check") '^OK'
verdict "4 Latin-1 input with --encoding ISO-8859-1" "exit $rc; ${check#* } (file modes: $mode; $plainmode without --encoding)"

begin "4 ? tokens"
d=$tmp/tokens
runin "$d" gen ij generate --train "$census" --generator argn --rows 2000 --na-values '?' "${tiny[@]}" --output pool.csv
check=$(python3 - "$census" "$d/pool.csv" << 'EOF'
import csv, gzip, sys
train = list(csv.reader(gzip.open(sys.argv[1], 'rt')))
pool = list(csv.reader(open(sys.argv[2])))
h = train[0]
cols = [i for i in range(len(h)) if any(r[i] == '?' for r in train[1:])]
q = {h[i]: sum(r[i] == '?' for r in pool[1:]) for i in cols}
empty = sum(c == '' for r in pool[1:] for c in r)
ok = all(v > 0 for v in q.values()) and empty == 0 and cols
print(('OK ' if ok else 'BAD ') + ', '.join("%s %d '?'" % kv for kv in q.items()) + '; %d empty cells' % empty)
EOF
)
need "exit 0" eq "$rc" 0
need "'?' where the training has it, no empty cells" has <(echo "$check") '^OK'
verdict "4 argn writes the column's own missing token" "generate --generator argn, census with '?': exit $rc; pool: ${check#* }"

begin "4 ; delimiter"
d=$tmp/semicolon
runin "$d" run ij run "$mk/semicolon_crlf.csv" --generator independent "${fast[@]}" --output r.csv
head1=$(head -n1 "$d/r.csv" 2>/dev/null)
crs=$(tr -cd '\r' < "$d/r.csv" 2>/dev/null | wc -c)
sex=$(cut -d, -f3 "$d/r.csv" 2>/dev/null | tail -n +2 | sort -u | paste -sd/ -)
need "exit 0" eq "$rc" 0
need "comma-separated, as documented" eq "$head1" "$(head -n1 "$titanic")"
need "LF line endings, as documented" eq "$crs" 0
need "the cells' text kept" eq "$sex" female/male
need "the README says so" has "$mk/readme.txt" 'Outputs are always comma-separated with LF line endings'
verdict "4 ';' delimiter and CRLF in the input" \
    "exit $rc; output header '$(echo "$head1" | cut -c1-30)...', $crs CR bytes: ',' and LF as the README documents (the issue's 'or document the choice'; ';' is not kept)"

# ============================================================================================================
# 5. Honest exit codes and messages
begin "5 /dev/full"
d=$tmp/full
runin "$d" json sh -c "java -jar '$jar' evaluate --train '$titanic' --synth '$titanic' --json - > /dev/full"
r1=$rc
e1=$(errline "$d/json.err")
runin "$d" text sh -c "java -jar '$jar' evaluate --train '$titanic' --synth '$titanic' > /dev/full"
r2=$rc
runin "$d" gen sh -c "java -jar '$jar' generate --train '$titanic' --generator independent --rows 100 --output - > /dev/full"
need "evaluate --json - exits 1" eq "$r1" 1
need "evaluate (text) exits 1" eq "$r2" 1
need "generate --output - exits 1" eq "$rc" 1
need "one line" notrace "$d/json.err"
verdict "5 evaluate --json - > /dev/full" \
    "exit $r1: '$e1'; evaluate (text) > /dev/full: exit $r2; generate --output - > /dev/full: exit $rc"

begin "5 1,000 x 200 in 4 GB"
d=$tmp/wide1000
runin "$d" run java -Xmx4g -jar "$jar" run "$mk/wide1000.csv" "${tiny[@]}" "${fast[@]}" --pool-factor 2
r1=$rc
s1t=$secs
e1=$(errline "$d/run.err")
runin "$d" small java -Xmx4g -jar "$jar" run "$mk/wide1000.csv" "${tiny[@]}" "${fast[@]}" --pool-factor 2 --model Small
need "the default model runs in 4 GB" eq "$r1" 0
need "one line, no stack trace" notrace "$d/run.err"
verdict "5 1,000 columns x 200 rows under argn within 4 GB" \
    "default (--model Medium): exit $r1 in $s1t s: '${e1:-no error}'; --model Small: exit $rc in $secs s"

begin "5 --models auto budget"
d=$tmp/budget
runin "$d" gen ij generate --train "$census" --generator argn --rows 200 --na-values '?' --max-epochs 1000 \
    --max-training-minutes 0.02 --threads 2 --output p.csv
mapfile -t done_lines < <(grep -o '\[train argn [0-9]/[0-9]\] done in [0-9.]*s.*' "$d/gen.err")
times=$(printf '%s\n' "${done_lines[@]}" | sed -E 's/.*done in ([0-9.]+)s.*\((.*)\)$/\1 s (\2)/' | paste -sd, -)
need "exit 0" eq "$rc" 0
need "auto trains two models here" eq "${#done_lines[@]}" 2
for l in "${done_lines[@]}"; do
    t=$(echo "$l" | sed -E 's/.*done in ([0-9.]+)s.*/\1/')
    need "each model within its 1.2 s budget (+1.5 s)" lt "$t" 2.7
    need "each model stopped by the time limit" has <(echo "$l") '(time limit)'
done
need "the README says the budget is per model" has "$mk/readme.txt" 'at most 10 minutes per model by default, and two models'
verdict "5 --models auto and the time budget" \
    "--max-training-minutes 0.02 (1.2 s), census 2,000 x 15: ${#done_lines[@]} models, $times: the budget is per model, as the README says (up to 2 x 10 minutes by default)"

begin "5 select --size 20000"
d=$tmp/select
runin "$d" pool ij generate --train "$titanic" --generator independent --rows 13090 --output pool.csv
runin "$d" sel ij select --train "$titanic" --pool pool.csv --size 20000
need "exit 1" eq "$rc" 1
need "no --no-privacy-guard (it cannot help)" hasnot "$d/sel.err" 'no-privacy-guard'
need "names the pool's size" has "$d/sel.err" '13090\|13,090'
verdict "5 select --size 20000 from a 13,090-row pool" "exit $rc: '...$(errtail "$d/sel.err")'"

begin "5 run --help"
d=$tmp/help
runin "$d" help ij run --help
heads=$(grep -E '^[A-Z][A-Za-z ,()-]+:$' "$d/help.out" | paste -sd'|' -)
need "exit 0" eq "$rc" 0
need "headings in the order a user needs them" eq "$heads" \
    'Inputs, outputs and the job:|Selection:|Steering (rebalancing, fairness, imputation, rules):|Privacy steering:|Generator argn (the default):|Saved argn models:|Generators mostly and mostly-local (MOSTLY AI):|All commands:'
verdict "5 run --help grouped" "exit $rc, $(wc -l < "$d/help.out") lines under: ${heads//|/ / }"

begin "5 exit codes"
runin "$d" top ij --help
need "top-level help lists 0-4" has <(tr '\n' ' ' < "$d/top.out") 'Exit codes: 0 success, 1 failure.* 2 usage error, 3 privacy limits failed.* 4 an outside model'
for c in 0 1 2 3 4; do need "README row $c" has "$here/README.md" "^| \`$c\` |"; done
runin "$d" c0 ij evaluate --train "$titanic" --synth "$titanic"
c0=$rc
runin "$d" c1 ij run missing.csv
c1=$rc
runin "$d" c2 ij run "$titanic" --no-such-option
c2=$rc
runin "$d" c3 ij evaluate --train "$mk/titanic_a.csv" --synth "$mk/titanic_a.csv" --holdout "$mk/titanic_b.csv" --fail-on-privacy
c3=$rc
runin "$d" c4 ij run "$titanic" --generator mostly-local --python /nonexistent/python3
c4=$rc
need "observed 0 1 2 3 4" eq "$c0 $c1 $c2 $c3 $c4" "0 1 2 3 4"
need "one-line errors" notrace "$d/c1.err"
verdict "5 exit codes 0-4 in --help, README and practice" \
    "--help and README list 0-4; observed: evaluate $c0, missing file $c1, unknown option $c2, evaluate --fail-on-privacy with the training rows as synthetic $c3, mostly-local without Python $c4"

begin "5 quality verdict"
q=$(grep -m1 '^quality:' "$s1/run.sh/run.out")
need "the verdict line" has <(echo "$q") 'overall accuracy [0-9.]*; a fresh real sample of [0-9,]* rows would score about [0-9.]*'
need "stdout ends with output:" eq "$(tail -n1 "$s1/run.sh/run.out")" "output: result.csv"
need "progress on stderr only" hasnot "$s1/run.sh/run.out" '\[train argn'
verdict "5 the summary says whether the result is good" "'$(echo "$q" | cut -c1-150)...'; stdout ends with 'output: result.csv', progress on stderr"

if [[ "${SKIP_CLONE:-0}" != 1 ]]; then
    begin "5 second build quiet"
    runin "$clone" verify ./mvnw -B -Dtest=CensusIntegrationTest -Dsurefire.failIfNoSpecifiedTests=false verify
    warn=$(grep '^\[WARNING\]' "$clone/verify.out" | grep -v -E 'Tests run:|Tests? (is )?skipped|^\[WARNING\] *$' || true)
    tests=$(grep -m1 -o 'Tests run: [0-9]*, Failures: [0-9]*, Errors: [0-9]*, Skipped: [0-9]*' "$clone/verify.out")
    run_=$(echo "$tests" | sed -E 's/Tests run: ([0-9]+).*/\1/')
    skip=$(echo "$tests" | sed -E 's/.*Skipped: ([0-9]+)/\1/')
    why_skip=$(grep -h -o 'skipped: [^"<]*shared data absent)' "$clone"/target/surefire-reports/*.xml 2>/dev/null | head -n1)
    need "BUILD SUCCESS" has "$clone/verify.out" 'BUILD SUCCESS'
    need "no warnings" eq "$(count "$warn")" 0
    verdict "5 a second build is quiet (./mvnw verify after run.sh, one test class)" \
        "exit $rc in $secs s, $(count "$warn") warnings$( [[ -n $warn ]] && echo ": $(echo "$warn" | head -n1 | cut -c1-100)") (besides surefire's line for the skipped tests); the full ./mvnw verify twice is not replayed (minutes)"
    begin "5 census test skipped visibly"
    need "tests counted as skipped" eq "${run_:-0}/${skip:-x}" "${skip:-y}/${skip:-y}"
    need "some tests" ne "${run_:-0}" 0
    need "the reason in the report" ne "$why_skip" ""
    verdict "5 CensusIntegrationTest without ../shared/data" "$tests; '$why_skip'"
fi

echo "operator cases: $npass PASS, $nfail FAIL"
[[ $nfail == 0 ]] || { echo "failed: ${failed[*]}" >&2; exit 1; }
