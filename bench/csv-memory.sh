#!/usr/bin/env bash
# Memory of reading a large CSV with nn-data (the library issue's 1 GB benchmark; a report, not a test):
#   bench/csv-memory.sh [MB]   writes a CSV of about MB megabytes (default 1024: 1.1 M rows of 100
#                              features and a class, 435 MB of floats) under /tmp once, then reads it
#                              as LabeledData.csv does (a first pass counts the lines, the floats are
#                              allocated once) and from a stream read once (LabeledData.parse: the
#                              arrays grow), each in a JVM of its own, first in a heap of 1.1 times the
#                              float data, then in 4 GB for the time.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-1024}
. scripts/jdk25.sh
mvn -B -ntp -q install -DskipTests -pl nn-data -am
plain() { sed 's/\x1b\[[0-9;]*m//g'; }
cp=$(mvn -B -ntp -q -pl nn-data dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout | plain)
run() {
    local heap=$1
    shift
    java -Xmx"$heap" -cp "nn-data/target/test-classes:nn-data/target/classes:$cp" org.chainrule.data.CsvMemory "$@" 2>&1 \
        | grep -v '^SLF4J' | grep -v '^\s*at ' || true
}
file=/tmp/chainrule-csv-${mb}mb.csv
[ -f "$file" ] || run 1g write "$file" "$mb"
tight=$((mb * 47 / 100))m # 1.1 × the float data of this file's shape
for how in two-pass one-pass; do
    echo "-Xmx$tight: $(run "$tight" read "$file" "$how")"
done
for how in two-pass one-pass; do
    echo "-Xmx4g: $(run 4g read "$file" "$how")"
done
