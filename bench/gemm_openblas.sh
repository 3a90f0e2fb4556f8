#!/usr/bin/env bash
# The second GEMM backend the issue asked to measure: OpenBLAS (org.bytedeco:openblas, native binaries from Maven
# Central, called through JavaCPP) against the Vector API kernel, on the dense ARGN-Medium shapes and on the
# shapes the block-skipping trainer and the generator actually run (one head; a 1,000-row generation batch).
# OpenBLAS is NOT a dependency of the tool: this script fetches the four jars into bench/out/openblas once
# (mvn dependency:copy) and puts them on the class path of GemmBench with kernels=openblas,vector.
#
# usage: bench/gemm_openblas.sh [key=value ...]   (GemmBench options: threads, runs, warmup, shapes)
# env: JAVA (default java), SKIP_BUILD=1 to reuse target/. Results and the choice: bench/gemm.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
java=${JAVA:-java}
libs="$here/out/openblas"
version=0.3.31-1.5.13
javacpp=1.5.13
if [[ -z ${SKIP_BUILD:-} ]]; then
  (cd "$root" && ./mvnw -B -q -o -DskipTests package && ./mvnw -B -q -o test-compile) >&2
fi
if [[ ! -f "$libs/openblas-$version-linux-x86_64.jar" ]]; then
  mkdir -p "$libs"
  for a in "org.bytedeco:openblas:$version" "org.bytedeco:openblas:$version:jar:linux-x86_64" \
           "org.bytedeco:javacpp:$javacpp" "org.bytedeco:javacpp:$javacpp:jar:linux-x86_64"; do
    (cd "$root" && ./mvnw -B -q -ntp dependency:copy -Dartifact="$a" -DoutputDirectory="$libs") >&2
  done
fi
cp="$root/target/issosynth.jar:$root/target/test-classes:$(ls "$libs"/*.jar | tr '\n' ':')"
"$java" -Xmx2g --add-modules jdk.incubator.vector -cp "$cp" dev.issosynth.bench.GemmBench kernels=openblas,vector "$@" \
    2>&1 | grep -v '^WARNING'
