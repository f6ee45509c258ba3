#!/usr/bin/env bash
# Item 3: listing at scale (bench/jmh ListingBench): page 1 and page 100 of one owner's listing with
# 1,000 and 100,000 recordings, in SQLite (adapter-local) and DynamoDB Local (adapter-aws, over
# HTTP on 127.0.0.1), against a Scan-and-filter listing of the same table in the same run.
# SIZES (default 100000,1000: the large one first, in the colder JVM, so the ratio is not flattered), REPEATS (default 5), STORES (default sqlite,dynamodb), SCAN_REPEATS
# (default 3; each Scan of 100,000 items in DynamoDB Local takes minutes). Target: at 100,000 <= 2x
# the latency at 1,000. Also (issue 17) page 1 and 10 of a one-week range and of a q search against the
# unfiltered walk of the same store in the same run: "VERDICT filtered-listing", target <= x2.
source "$(dirname "$0")/lib.sh"
require_jars
mvn -B -q -ntp -f "$BENCH_DIR/jmh/pom.xml" package -DskipTests >&2
echo "machine: $(machine)"
cp=$BENCH_DIR/jmh/target/classes:$(cat "$BENCH_DIR/jmh/target/classpath.txt")
mkdir -p "$RESULTS_DIR/listing"
DDB_LOCAL_TELEMETRY=0 timeout 1800 java -Xmx8g -cp "$cp" io.chatvideo.recording.bench.ListingBench \
  "${SIZES:-100000,1000}" "${REPEATS:-5}" "${STORES:-sqlite,dynamodb}" "${SCAN_REPEATS:-3}" 2> >(grep -v -E 'SLF4J|log4j' >&2) | tee "$RESULTS_DIR/listing/listing.txt"
