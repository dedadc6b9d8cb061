#!/usr/bin/env bash
# Spark data-parallel training: samples/s on local[1] against local[2] for a compute-bound network,
# and the cost of one averaging round, in one run (nn-spark's SparkScaling). Usage: bench/spark-scaling.sh [SAMPLES [K]]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk25.sh
mvn -B -ntp -q install -DskipTests -pl nn-spark -am
plain() { sed 's/\x1b\[[0-9;]*m//g'; } # Maven's colour codes, which -B does not always remove
cp=$(mvn -B -ntp -q -pl nn-spark dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout | plain)
flags=$(mvn -B -ntp -q -pl nn-spark help:evaluate -Dexpression=spark.jvm -DforceStdout | plain)
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
java --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow $flags \
    -cp "nn-spark/target/test-classes:nn-spark/target/classes:$cp" org.chainrule.spark.SparkScaling "$@"
