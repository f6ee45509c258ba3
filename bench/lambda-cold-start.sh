#!/usr/bin/env bash
# Item 9: the Lambda function's cold start against the server jar's, in the same run, on the same
# stand-ins (S3Proxy, DynamoDB Local, ElasticMQ in one JVM on 127.0.0.1) and the same
# configuration (aws backend, jwt mode): each run starts the function in a fresh JVM the way
# Lambda's runtime does (public constructor, environment variables, one GET /health event; launch
# to the answer, and handler creation to the answer inside it), then the server jar (launch to the
# first 200 on /health). Median of RUNS (default 5). Target: the function's launch to its first
# answer below the server's launch to its first 200. SnapStart cannot run here (no Lambda, no
# CRaC JVM): BENCHMARKS.md says what it changes.
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-5}
echo "machine: $(machine)"
out=$RESULTS_DIR/lambda-cold-start; rm -rf "$out"; mkdir -p "$out"
(cd "$REPO_DIR" && mvn -B -ntp -pl adapter-lambda -am verify -Dtest=none -Dit.test=LambdaColdStartBench \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.runs="$RUNS" \
  -DargLine="-Dbench.runs=$RUNS" >"$out/mvn.log" 2>&1) || { tail -n 40 "$out/mvn.log"; exit 1; }
report=$(ls "$REPO_DIR"/adapter-lambda/target/failsafe-reports/*LambdaColdStartBench-output.txt 2>/dev/null || true)
grep -hE '^(run [0-9]+|MEDIAN)' "$out/mvn.log" ${report:+"$report"} | sort -u | sort -t: -k1,1 | tee "$out/result.txt"
line=$(grep -h '^MEDIAN' "$out/result.txt" | tail -n 1)
function_ms=$(sed -E 's/.*launch->first answered event ([0-9]+) ms.*/\1/' <<<"$line")
server_ms=$(sed -E 's/.*server launch->first 200 ([0-9]+) ms.*/\1/' <<<"$line")
verdict=PASS
(( function_ms < server_ms )) || verdict=FAIL
echo "VERDICT lambda-cold-start: $verdict (function launch->first answer ${function_ms} ms vs server launch->first 200 ${server_ms} ms)"
