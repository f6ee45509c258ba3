#!/usr/bin/env bash
# Item 6: JMH presign benchmarks (bench/jmh, PresignBenchmark): the AWS SDK presigner and the local
# backend's HMAC capability URL, against a bare SigV4 HMAC-SHA256 chain in the same run. Then issue
# 30's ListedItemBenchmark: one listed recording signed and written, against its JSON alone.
# JMH_OPTS overrides the run length (default: 2 forks, 3 x 1 s warm-up, 5 x 1 s measurement).
source "$(dirname "$0")/lib.sh"
require_jars
mvn -B -q -ntp -f "$BENCH_DIR/jmh/pom.xml" package -DskipTests >&2
out=$RESULTS_DIR/jmh; mkdir -p "$out"
echo "machine: $(machine)"
cp=$BENCH_DIR/jmh/target/classes:$(cat "$BENCH_DIR/jmh/target/classpath.txt")
# shellcheck disable=SC2086 # JMH_OPTS is a list of options.
java -cp "$cp" org.openjdk.jmh.Main PresignBenchmark ${JMH_OPTS:--f 2 -wi 3 -w 1s -i 5 -r 1s} \
  -rf json -rff "$out/presign.json" | tee "$out/presign.txt" | grep -E '^(Benchmark|PresignBenchmark)'
python3 - "$out/presign.json" <<'PY'
import json, sys
r = {b["benchmark"].rsplit(".", 1)[1]: b["primaryMetric"] for b in json.load(open(sys.argv[1]))}
floor = r["bareSigV4HmacChain"]["score"]
for name in ("awsPresigner", "localHmac", "bareSigV4HmacChain", "bareSingleHmac"):
    m = r[name]
    print(f"{name:22s} {m['score']:8.2f} ± {m['scoreError']:.2f} us/op   x{m['score']/floor:5.1f} the bare SigV4 chain")
aws, local = r["awsPresigner"]["score"], r["localHmac"]["score"]
ok = aws < 1000 and local < 1000
print(f"VERDICT presign: {'PASS' if ok else 'FAIL'} (no numeric target in the issue; both well under 1 ms per URL: "
      f"AWS {aws:.1f} us = x{aws/floor:.0f} the HMAC floor, local {local:.1f} us = x{local/floor:.0f})")
PY

# Issue 30: what one listed recording costs (ListedItemBenchmark), as ratios of the item's JSON alone.
# shellcheck disable=SC2086
java -cp "$cp" org.openjdk.jmh.Main ListedItemBenchmark ${JMH_OPTS:--f 2 -wi 3 -w 1s -i 5 -r 1s} \
  -rf json -rff "$out/listed-item.json" | tee "$out/listed-item.txt" | grep -E '^(Benchmark|ListedItemBenchmark)'
python3 - "$out/listed-item.json" <<'PY'
import json, sys
r = {b["benchmark"].rsplit(".", 1)[1]: b["primaryMetric"] for b in json.load(open(sys.argv[1]))}
floor = r["reference"]["score"]
for name in ("listedItem", "listedItemParsedUrl", "reference"):
    m = r[name]
    print(f"{name:22s} {m['score']:8.2f} ± {m['scoreError']:.2f} us/op   x{m['score']/floor:5.2f} the item's JSON alone")
now, before = r["listedItem"]["score"], r["listedItemParsedUrl"]["score"]
print(f"VERDICT listed-item: measured (signing and writing an item: x{now/floor:.2f} its JSON alone; "
      f"parsing the signed URL as before: x{before/floor:.2f}, {100*(before-now)/before:.0f}% more per item)")
PY
