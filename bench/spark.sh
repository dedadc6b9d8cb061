#!/usr/bin/env bash
# Spark data-parallel training, measured (nn-spark's test-scope mains; reports, not tests):
#   bench/spark.sh scaling [SAMPLES [K]]  samples/s on local[1] against local[2] for a compute-bound
#                                         network, and the cost of one averaging round, in one run
#   bench/spark.sh fashion [EPOCHS [K]]   Fashion-MNIST test accuracy, local training against Spark
#                                         local[2] with 2 partitions (needs dataset-fashion-mnist)
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
    scaling) main=org.chainrule.spark.SparkScaling ;;
    fashion) main=org.chainrule.spark.FashionReport ;;
    *) echo "usage: bench/spark.sh scaling|fashion [ARGS...]" >&2; exit 2 ;;
esac
shift
. scripts/jdk25.sh
mvn -B -ntp -q install -DskipTests -pl nn-spark -am
plain() { sed 's/\x1b\[[0-9;]*m//g'; } # Maven's colour codes, which -B does not always remove
cp=$(mvn -B -ntp -q -pl nn-spark dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout | plain)
flags=$(mvn -B -ntp -q -pl nn-spark help:evaluate -Dexpression=spark.jvm -DforceStdout | plain)
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
java --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow $flags \
    -cp "nn-spark/target/test-classes:nn-spark/target/classes:$cp" "$main" "$@"
