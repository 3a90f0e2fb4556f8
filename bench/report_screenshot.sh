#!/usr/bin/env bash
# A PNG of the HTML report (issue 4 part 3) on census: halves of census as training and holdout, a synthetic table
# selected from a 10x `independent` pool, `issosynth report --holdout`, then headless chromium --screenshot.
# Falls back to the 2,000-row census fixture when the shared data folder is absent.
#
# usage: bench/report_screenshot.sh     env: JAVA (java), DATA (../shared/data), OUT (bench/out/report),
#        CHROMIUM (chromium), WINDOW (1400,6000 = width,height of the screenshot), SKIP_BUILD=1
# needs: chromium (Debian: apt-get install -y chromium)
# prints: the report's and the PNG's paths and sizes
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
java=${JAVA:-java}
DATA=${DATA:-$root/../shared/data}
OUT=${OUT:-$here/out/report}
CHROMIUM=${CHROMIUM:-chromium}
WINDOW=${WINDOW:-1400,6000}
if ! command -v "$CHROMIUM" >/dev/null; then
  echo "report_screenshot.sh: $CHROMIUM not found (apt-get install -y chromium)" >&2
  exit 1
fi
if [[ -z ${SKIP_BUILD:-} ]]; then
  (cd "$root" && ./mvnw -B -q -o -DskipTests package) >&2
fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
table="$DATA/census.csv.gz"
[[ -f "$table" ]] || table="$root/src/test/resources/fixtures/census_2000.csv.gz"
# halves by line parity: even data lines train, odd lines holdout
zcat "$table" | awk -v t="$OUT/train.csv" -v h="$OUT/holdout.csv" \
  'NR == 1 {print > t; print > h; next} NR % 2 == 0 {print > t; next} {print > h}'
issosynth() { "$java" -jar "$root/target/issosynth.jar" "$@"; }
rows=$(($(wc -l < "$OUT/train.csv") - 1))
issosynth generate -q --na-values '?' --train "$OUT/train.csv" --generator independent --rows $((rows * 10)) \
  --output "$OUT/pool.csv" >&2
issosynth select -q --na-values '?' --train "$OUT/train.csv" --pool "$OUT/pool.csv" --output "$OUT/synth.csv" >&2
issosynth report -q --na-values '?' --train "$OUT/train.csv" --synth "$OUT/synth.csv" --holdout "$OUT/holdout.csv" \
  --output "$OUT/report.html"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$CHROMIUM" --headless --disable-gpu --no-sandbox --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars --window-size="$WINDOW" \
  --screenshot="$OUT/report.png" "file://$OUT/report.html" 2>/dev/null
ls -l "$OUT/report.html" "$OUT/report.png"
