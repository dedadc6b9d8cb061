#!/usr/bin/env bash
# Runs the JMH benchmarks (module nn-bench) on the module path, JDK 25, building them first.
# Arguments go to JMH, e.g.:
#   bench/jmh.sh                                   # everything (about 25 minutes)
#   bench/jmh.sh GemmBench -p shape=512x512x512    # one benchmark, one size
#   bench/jmh.sh TrainingBench -prof gc            # with the allocation per sample
#   bench/jmh.sh -l                                # list the benchmarks
# Shared machines are noisy: compare only figures from one run.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
source "$here/scripts/jdk25.sh"
(cd "$here" && mvn -B -ntp -q -DskipTests -pl nn-bench -am package) >&2
# jmh-core is an automatic module: it needs jdk.unsupported (Unsafe) and jdk.management resolved.
# The forked benchmark VMs inherit these options, so they run on the module path too.
exec java --sun-misc-unsafe-memory-access=allow -XX:ObjectAlignmentInBytes=64 \
    --add-modules=jdk.incubator.vector,jdk.unsupported,jdk.management,ALL-MODULE-PATH \
    --module-path "$here/nn-bench/target/nn-bench.jar:$here/nn-bench/target/lib" \
    --module jmh.core/org.openjdk.jmh.Main "$@"
