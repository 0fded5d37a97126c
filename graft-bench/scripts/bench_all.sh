#!/usr/bin/env bash
# Runs the kernel benchmarks on JDK 17 and JDK 25 and numpy's OpenBLAS GEMM in one sitting,
# interleaved, so the ratios in BENCHMARKS.md compare figures taken under the same conditions.
# Usage: graft-bench/scripts/bench_all.sh [case-filter] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
filter=${1:-}
rounds=${2:-2}
jar=graft-bench/target/graft-bench.jar
[ -f "$jar" ] || mvn -B -q -ntp package -DskipTests
jdk17=${JDK17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
for r in $(seq 1 "$rounds"); do
  for jdk in "$jdk17" "$jdk25"; do
    if [ -x "$jdk/bin/java" ]; then
      echo "# round $r, $("$jdk/bin/java" -version 2>&1 | head -n 1)"
      "$jdk/bin/java" --add-modules jdk.incubator.vector -jar "$jar" kernels $filter 2>/dev/null
    fi
  done
  if [ -z "$filter" ] || [[ gemm == *"$filter"* ]]; then
    if python3 -c 'import numpy' 2>/dev/null; then
      echo "# round $r, numpy OpenBLAS"
      python3 graft-bench/scripts/numpy_gemm.py 9
    fi
  fi
done
