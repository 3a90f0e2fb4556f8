#!/usr/bin/env bash
# issosynth, the whole job: ./run.sh path/to/train.csv [flags]   (= issosynth run path/to/train.csv [flags])
#
# Builds target/issosynth.jar (./mvnw -B -q -DskipTests package) when it is missing or older than pom.xml or
# any file under src/, then runs it. Works from any folder: the jar is found beside this script, while
# relative paths and the default outputs (pool_data/, results/) stay relative to the caller's folder.
#
# Safe for cron and for runs that overlap: the build runs under a lock (target/.run.lock), so two scripts that
# both find the jar stale build it once; and the JVM runs a private copy named by the jar's content
# (target/issosynth-run-<checksum>.jar), so a later rebuild never changes the jar a running job reads. Copies not
# used for a day are removed. Without HOME (a bare cron environment) the user's home from the passwd database
# is used, for Maven's ~/.m2.
#
# The JVM gets --add-modules jdk.incubator.vector, so the argn generator trains with the Vector API GEMM kernel
# (about 8x faster than the scalar one); the JVM then prints "WARNING: Using incubator modules:
# jdk.incubator.vector" on stderr, which is expected. A JVM without that module (checked once, quietly, with
# `java --add-modules jdk.incubator.vector -version`) runs without it, on the scalar kernel.
#
# Environment: JAVA (java command; default $JAVA_HOME/bin/java, else java on PATH), JAVA_OPTS (e.g. -Xmx8g),
# ISSOSYNTH_VECTOR=0 (do not add the Vector API module: scalar kernel, no incubator warning).
# Examples: ./run.sh data/adult.csv                          (embedded argn generator)
#           ./run.sh data/adult.csv --generator independent
#           ./run.sh data/adult.csv --generator pool --pool pool_data/my_pool.csv --size 5000
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/issosynth.jar"

if [[ -z "${HOME:-}" ]]; then
    HOME="$(getent passwd "$(id -u)" 2>/dev/null | cut -d: -f6)"
    export HOME="${HOME:-$here/target/home}"
fi

stale() {
    [[ ! -f "$jar" ]] || [[ -n "$(find "$here/pom.xml" "$here/src" -newer "$jar" -print -quit)" ]]
}

# flock (util-linux) where there is one; without it the script builds unlocked, as before
lock() { if command -v flock >/dev/null 2>&1; then flock "$@" 9; fi; }
mkdir -p "$here/target"
exec 9>"$here/target/.run.lock"
if stale; then
    lock -x
    if stale; then # a script that waited for the lock finds the jar another one just built
        echo "run.sh: building $jar ..." >&2
        # Build output goes to stderr: stdout is the tool's (its last line is 'output: <path>').
        (cd "$here" && ./mvnw -B -q -DskipTests package) >&2
    fi
else
    lock -s # a build in progress finishes before the jar is copied
fi
sum="$(cksum < "$jar" | cut -d' ' -f1)"
copy="$here/target/issosynth-run-$sum.jar"
if [[ ! -f "$copy" ]]; then
    cp "$jar" "$copy.$$.tmp" && mv -f "$copy.$$.tmp" "$copy"
fi
touch "$copy"
# a running JVM keeps its copy open, so removing an old copy never disturbs it
find "$here/target" -maxdepth 1 -name 'issosynth-run-*.jar' -mmin +1440 -delete 2>/dev/null || true
exec 9>&-

if [[ -n "${JAVA:-}" ]]; then
    java_cmd="$JAVA"
elif [[ -n "${JAVA_HOME:-}" ]]; then
    java_cmd="$JAVA_HOME/bin/java"
else
    java_cmd=java
fi
read -r -a java_opts <<< "${JAVA_OPTS:-}"

vector_opts=()
if [[ "${ISSOSYNTH_VECTOR:-1}" != 0 ]] && "$java_cmd" --add-modules jdk.incubator.vector -version >/dev/null 2>&1; then
    vector_opts=(--add-modules jdk.incubator.vector)
fi

exec "$java_cmd" ${vector_opts[@]+"${vector_opts[@]}"} ${java_opts[@]+"${java_opts[@]}"} -jar "$copy" run "$@"
