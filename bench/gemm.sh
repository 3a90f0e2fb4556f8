#!/usr/bin/env bash
# GEMM kernels (dev.issosynth.math) on the ARGN-Medium training shapes: GFLOPS of the scalar and
# Vector API kernels with 1 and 2 threads, min/median of RUNS timings after warm-up. The Vector API kernel runs
# twice: at the preferred vector width and at 256 bits (-Dissosynth.gemm.bits=256). Results go into bench/gemm.md.
#
# usage: bench/gemm.sh [key=value ...]   (passed to GemmBench: kernels, threads, runs, warmup, shapes, scalarRuns)
# env: JAVA=path/to/java (default: java on PATH), SKIP_BUILD=1 to reuse target/
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
java=${JAVA:-java}
if [[ -z ${SKIP_BUILD:-} ]]; then
  (cd "$root" && ./mvnw -B -q -o -DskipTests package && ./mvnw -B -q -o test-compile) >&2
fi
cp="$root/target/issosynth.jar:$root/target/test-classes"
opts=(-Xmx2g --add-modules jdk.incubator.vector)
"$java" "${opts[@]}" -cp "$cp" dev.issosynth.bench.GemmBench "$@"
echo
echo "# -Dissosynth.gemm.bits=256"
"$java" "${opts[@]}" -Dissosynth.gemm.bits=256 -cp "$cp" dev.issosynth.bench.GemmBench kernels=vector "$@"
