#!/usr/bin/env bash
# Live heap of a training table read whole, its codes and the exact-copy check (after full GCs), against the CSV's
# size: bench/java/HeapOfTraining.java run on the jar's classes.
# usage: bench/training_heap.sh TABLE.csv [JAR...]   (default: target/issosynth.jar; census-style '?' as missing)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
table=$1
shift
jars=("$@")
[[ ${#jars[@]} -gt 0 ]] || jars=("$here/../target/issosynth.jar")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for jar in "${jars[@]}"; do
  javac -d "$out" -cp "$jar" "$here/java/HeapOfTraining.java"
  echo -n "$(basename "$jar"): "
  java -Xmx8g -cp "$jar:$out" HeapOfTraining "$table"
done
