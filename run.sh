#!/usr/bin/env bash
# issosynth, the whole job: ./run.sh path/to/train.csv [flags]   (= issosynth run path/to/train.csv [flags])
#
# Builds target/issosynth.jar (./mvnw -B -q -DskipTests package) when it is missing or older than pom.xml or
# any file under src/, then runs it. Works from any folder: the jar is found beside this script, while
# relative paths and the default outputs (pool_data/, results/) stay relative to the caller's folder.
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

if [[ ! -f "$jar" ]] || [[ -n "$(find "$here/pom.xml" "$here/src" -newer "$jar" -print -quit)" ]]; then
    echo "run.sh: building $jar ..." >&2
    # Build output goes to stderr: stdout is the tool's (its last line is 'output: <path>').
    (cd "$here" && ./mvnw -B -q -DskipTests package) >&2
fi

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

exec "$java_cmd" ${vector_opts[@]+"${vector_opts[@]}"} ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" run "$@"
