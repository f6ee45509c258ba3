#!/usr/bin/env bash
# Item 7a: the S3 or the DynamoDB stand-in is stopped mid-run. The server runs the aws backend
# against S3Proxy and DynamoDB Local, each a process of its own (bench/jmh StandIn, data on disk,
# 127.0.0.1, fixed port), and bench/outage-client.py uploads (upload-url -> presigned PUT ->
# complete; a 503 is retried after its Retry-After) with WORKERS (4) threads for PHASE_SECONDS (30).
# Phases: reference (no outage); S3 stand-in SIGKILLed OUTAGE_AT (8) s into the phase and started
# again on the same port OUTAGE_SECONDS (10) s later; the same for DynamoDB. Each phase also leaves
# ABANDON (2) uploads that never PUT (a closed tab). FREEZE=1 (default) adds the same two faults
# as SIGSTOP + SIGCONT (a store that hangs instead of refusing). Then `recordings admin sweep`, the same sweep
# as it will run once the upload window and the 1-day grace have passed (bench SweepAfterGrace),
# and checks: no PENDING record left, every upload the client completed is COMPLETED with its
# object of the right size and sha256 (downloaded), nothing COMPLETED that the client did not make.
# Target: every 503 carries Retry-After and a problem+json body, no 500, nothing lost.
source "$(dirname "$0")/lib.sh"
PHASE_SECONDS=${PHASE_SECONDS:-30}; WORKERS=${WORKERS:-4}; OUTAGE_AT=${OUTAGE_AT:-8}
OUTAGE_SECONDS=${OUTAGE_SECONDS:-10}; ABANDON=${ABANDON:-2}; UPLOAD_DEADLINE=${UPLOAD_DEADLINE:-90}
UPLOAD_WINDOW_SECONDS=1800 # the server's default upload URL expiry (RECORDING_UPLOAD_URL_EXPIRY=30m)
require_jars
mvn -B -q -ntp -f "$BENCH_DIR/jmh/pom.xml" package -DskipTests >&2
out=$RESULTS_DIR/outage; rm -rf "$out"; mkdir -p "$out"
echo "machine: $(machine)"
CP=$BENCH_DIR/jmh/target/classes:$(cat "$BENCH_DIR/jmh/target/classpath.txt")
# DynamoDB Local accepts letters and digits only in an access key id; S3Proxy checks SigV4 with both.
export AWS_ACCESS_KEY_ID=AKIAOUTAGEBENCH00000 AWS_SECRET_ACCESS_KEY=outage-bench-secret AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true DDB_LOCAL_TELEMETRY=0
BUCKET=outage TABLE=outage
S3_PORT=$(free_port); DDB_PORT=$(free_port)
S3_URL=http://127.0.0.1:$S3_PORT DDB_URL=http://127.0.0.1:$DDB_PORT
LIFETIME=$(( 3 * PHASE_SECONDS + 600 )) # a stand-in exits by itself after this, whatever happens here

now_s() { date +%s.%N; }

# start_standin s3|dynamodb: starts it on its fixed port over its folder; sets S3_PID / DDB_PID.
start_standin() {
  local kind=$1 port dir pid
  if [[ $kind == s3 ]]; then port=$S3_PORT; else port=$DDB_PORT; fi
  dir=$out/$kind
  java -Xmx512m -cp "$CP" io.chatvideo.recording.bench.StandIn "$kind" "$port" "$dir" "$LIFETIME" \
    "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" >>"$out/$kind.log" 2>&1 &
  pid=$!
  SERVER_PIDS+=("$pid")
  for _ in $(seq 1 600); do
    if [[ $(grep -c "^ready $kind" "$out/$kind.log") -gt ${2:-0} ]]; then break; fi
    kill -0 "$pid" 2>/dev/null || { echo "$kind stand-in died:" >&2; tail -20 "$out/$kind.log" >&2; exit 1; }
    sleep 0.05
  done
  if [[ $kind == s3 ]]; then S3_PID=$pid; else DDB_PID=$pid; fi
}

start_standin s3 0
start_standin dynamodb 0
# Bootstrap (table with indexes and TTL, bucket; S3Proxy answers 501 to lifecycle and CORS, which
# the bootstrap reports and passes over) as an operator would, with the CLI.
ADMIN=(--backend aws --region us-east-1 --bucket $BUCKET --table $TABLE --s3-endpoint "$S3_URL"
  --dynamodb-endpoint "$DDB_URL" --path-style)
java -jar "$CLI_JAR" admin init "${ADMIN[@]}" --retention 30d >"$out/init.txt" 2>&1 ||
  { echo "admin init failed:" >&2; cat "$out/init.txt" >&2; exit 1; }
start_server "$out/server" RECORDING_BACKEND=aws RECORDING_AWS_BUCKET=$BUCKET RECORDING_AWS_TABLE=$TABLE \
  RECORDING_AWS_S3_ENDPOINT="$S3_URL" RECORDING_AWS_DYNAMODB_ENDPOINT="$DDB_URL" RECORDING_AWS_PATH_STYLE=true \
  RECORDING_AUTH_ALLOW_DEV_WITH_AWS=true
wait_health 90
TOKEN=$(dev_token outage@example.com)
echo "stand-ins: S3Proxy 2.6.0 (filesystem) at $S3_URL, DynamoDB Local 3.3.1 (SQLite file) at $DDB_URL;" \
  "server pid $SERVER_PID at $API (aws backend, API call timeout 10 s)"

# phase NAME [s3|dynamodb [kill|freeze]]: one client run; with a stand-in, SIGKILL it and start it
# again on its port mid-run, or (freeze) SIGSTOP it and SIGCONT it: a store that accepts
# connections and never answers, which only the API call timeout bounds.
phase() {
  local name=$1 victim=${2:-} mode=${3:-kill} pid restarts
  echo "{\"phase\": \"$name\", \"victim\": \"$victim\", \"mode\": \"$mode\"" >"$out/$name.events"
  python3 "$BENCH_DIR/outage-client.py" "$API" "$TOKEN" "$PHASE_SECONDS" "$WORKERS" "$ABANDON" \
    "$UPLOAD_DEADLINE" "$out/$name.json" &
  local client=$!
  if [[ -n $victim ]]; then
    sleep "$OUTAGE_AT"
    if [[ $victim == s3 ]]; then pid=$S3_PID; else pid=$DDB_PID; fi
    echo ", \"killed\": $(now_s)" >>"$out/$name.events"
    if [[ $mode == freeze ]]; then
      kill -STOP "$pid"
      sleep "$OUTAGE_SECONDS"
      echo ", \"restarting\": $(now_s)" >>"$out/$name.events"
      kill -CONT "$pid"
    else
      kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
      sleep "$OUTAGE_SECONDS"
      echo ", \"restarting\": $(now_s)" >>"$out/$name.events"
      restarts=$(grep -c "^ready $victim" "$out/$victim.log")
      start_standin "$victim" "$restarts"
    fi
    echo ", \"ready\": $(now_s)" >>"$out/$name.events"
  fi
  echo "}" >>"$out/$name.events"
  timeout $(( PHASE_SECONDS + UPLOAD_DEADLINE + 60 )) tail --pid="$client" -f /dev/null || true
  wait "$client"
}

phase reference
phase s3-outage s3
phase dynamodb-outage dynamodb
if [[ ${FREEZE:-1} == 1 ]]; then
  phase s3-frozen s3 freeze
  phase dynamodb-frozen dynamodb freeze
fi

# After recovery: every record as the outage left it, the sweep an operator runs, then the same
# sweep as it will run after the grace.
java -jar "$CLI_JAR" admin list --all --limit 200 "${ADMIN[@]}" >"$out/admin-list-before.txt" 2>&1 || true
java -jar "$CLI_JAR" admin sweep "${ADMIN[@]}" >"$out/sweep.txt" 2>&1 || true
java -cp "$CP" io.chatvideo.recording.bench.SweepAfterGrace us-east-1 $BUCKET $TABLE "$S3_URL" "$DDB_URL" \
  "$UPLOAD_WINDOW_SECONDS" >"$out/sweep-after-grace.txt" 2> >(grep -v -E 'SLF4J' >&2) || true
java -jar "$CLI_JAR" admin list --all --limit 200 "${ADMIN[@]}" >"$out/admin-list.txt" 2>&1 || true
echo "health after recovery: $(curl -s -o /dev/null -w '%{http_code}' "$API/health")"

python3 - "$out" "$API" "$TOKEN" <<'PY'
import glob, hashlib, json, os, sys, urllib.request
out, api, token = sys.argv[1:4]
phases = [p for p in ["reference", "s3-outage", "dynamodb-outage", "s3-frozen", "dynamodb-frozen"]
          if os.path.exists(f"{out}/{p}.json")]
notes, ok = [], True

def fmt(x): return "-" if x is None else f"{x:.1f}"

rows, all_uploads = [], []
for name in phases:
    run = json.load(open(f"{out}/{name}.json"))
    ev = json.load(open(f"{out}/{name}.events"))
    req, ups = run["requests"], run["uploads"]
    all_uploads += ups
    statuses = {}
    for r in req:
        statuses[f"{r['step']} {r['status']}"] = statuses.get(f"{r['step']} {r['status']}", 0) + 1
    api_req = [r for r in req if r["step"] != "put"]
    s503 = [r for r in api_req if r["status"] == 503]
    bad503 = [r for r in s503 if not (r.get("retry_after") or "").isdigit() or "problem+json" not in r.get("content_type", "")
              or not r.get("problem") or r.get("stack_trace")]
    other = [r for r in api_req if r["status"] not in (200, 201, 503)]
    put_fail = [r for r in req if r["step"] == "put" and r["status"] != 200]
    slowest = max((r["secs"] for r in api_req), default=0)  # the API's; a PUT to a frozen S3 waits for the client's 30 s
    real = [u for u in ups if not u["abandoned"]]
    done = [u for u in real if u["completed"]]
    gave_up = [u for u in real if not u["completed"]]
    worst = max((u["completed"] - u["started"] for u in done), default=0)
    recover = health_down = None
    hs = {}
    if "killed" in ev:
        after = [u["completed"] for u in done if u["completed"] >= ev["ready"]]
        recover = (min(after) - ev["ready"]) if after else None
        during = [h for h in run["health"] if ev["killed"] <= h["t"] - h["secs"] <= ev["ready"]]  # polls sent during it
        for h in during:
            hs[f"{h['status']} {h['state']}"] = hs.get(f"{h['status']} {h['state']}", 0) + 1
        slow_health = max((h["secs"] for h in during), default=0)
        ups_after_restart = [h for h in run["health"] if h["t"] >= ev["ready"] and h["status"] == 200]
        health_down = (ups_after_restart[0]["t"] - ev["ready"]) if ups_after_restart else None
    # The longest time with no upload completing, from the phase's first completion to its last.
    times = sorted(u["completed"] for u in done)
    seen = max((b - a for a, b in zip(times, times[1:])), default=0)
    rows.append((name, len(req), len(s503), len(bad503), len(other), len(put_fail), len(real), len(done), len(gave_up),
                 sum(1 for u in ups if u["abandoned"] and u["id"]), recover, health_down, hs, slowest, worst, seen))
    print(f"{name}: requests {len(req)} (API {len(api_req)}, PUT {len(req) - len(api_req)}); by step and status: "
          + ", ".join(f"{k} x{v}" for k, v in sorted(statuses.items())))
    if bad503:
        print(f"  503s without Retry-After / problem+json / with a stack trace: {len(bad503)}, e.g. {bad503[0]}")
    for r in other[:3]:
        print(f"  other non-2xx: {r['step']} {r['status']}: {r.get('detail', '')[:200]}")
    if "killed" in ev:
        verb = "SIGSTOP" if ev["mode"] == "freeze" else "SIGKILL"
        again = "SIGCONT" if ev["mode"] == "freeze" else "restarted"
        print(f"  outage: {verb} at +{ev['killed'] - run['start']:.1f} s, {again} at +{ev['ready'] - run['start']:.1f} s"
              f" (stand-in start {ev['ready'] - ev['restarting']:.1f} s); longest time with no upload completing {seen:.1f} s;"
              f" /health during the outage: " + (", ".join(f"{k} x{v}" for k, v in sorted(hs.items())) or "no polls") + f" (slowest {slow_health:.1f} s)")
    if bad503: ok = False; notes.append(f"{name}: {len(bad503)} bad 503s")
    if other: ok = False; notes.append(f"{name}: {len(other)} API answers other than 2xx/503")
    if gave_up: ok = False; notes.append(f"{name}: {len(gave_up)} uploads gave up")
    if slowest > 12: ok = False; notes.append(f"{name}: a request took {slowest:.1f} s (API call timeout 10 s)")

print()
print("| phase | requests | 503 (all with Retry-After + problem) | other non-2xx (API) | failed PUTs | uploads started | completed | gave up | abandoned on purpose | first completion after restart s | /health 200 again after restart s | /health during outage | slowest API request s | slowest upload s | longest gap between completions s |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for (name, n, s503, bad, other, putf, real, done, gave, ab, rec, hd, hs, slow, worst, seen) in rows:
    hstxt = ", ".join(f"{k} x{v}" for k, v in sorted(hs.items())) or "-"
    print(f"| {name} | {n} | {s503} ({'yes' if bad == 0 else f'{bad} not'}) | {other} | {putf} | {real} | {done} | {gave} | {ab} | {fmt(rec)} | {fmt(hd)} | {hstxt} | {slow:.2f} | {worst:.1f} | {seen:.1f} |")
print()

# The store after the sweeps: every record, through the CLI's Scan.
def admin_list(path):
    found = {}
    for line in open(path):
        parts = line.split()
        if parts and len(parts[0]) == 36 and parts[0].count("-") == 4:
            found[parts[0]] = next((p for p in ("PENDING", "COMPLETED", "ABANDONED") if p in parts), "?")
    return found
before = admin_list(f"{out}/admin-list-before.txt")
listed = admin_list(f"{out}/admin-list.txt")
known = {u["id"] for u in all_uploads if u["id"]}
on_purpose = {u["id"] for u in all_uploads if u["id"] and u["abandoned"]}
pend_before = [i for i, s in before.items() if s != "COMPLETED"]
print(f"store after recovery, before any sweep: {len(before)} records, {len(pend_before)} not COMPLETED:"
      f" {sum(1 for i in pend_before if i in on_purpose)} abandoned on purpose,"
      f" {sum(1 for i in pend_before if i in known and i not in on_purpose)} the client gave up,"
      f" {sum(1 for i in pend_before if i not in known)} the client never got an id for"
      " (an upload-url answered 503 whose write reached the store anyway)")
print(open(f"{out}/sweep.txt").read().strip())
print(open(f"{out}/sweep-after-grace.txt").read().strip())
counts = {}
for s in listed.values(): counts[s] = counts.get(s, 0) + 1
print(f"store after the sweeps: {len(listed)} records: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"))
completed_ids = {u["id"]: u for u in all_uploads if u["completed"]}
started_ids = {u["id"] for u in all_uploads if u["id"]}
pending = [i for i, s in listed.items() if s != "COMPLETED"]
unknown = [i for i, s in listed.items() if s == "COMPLETED" and i not in completed_ids]
missing = [i for i in completed_ids if listed.get(i) != "COMPLETED"]
strays = [i for i in listed if i not in started_ids]
# Download every completed recording through a fresh download URL and compare size and sha256.
good = bad = 0
for rid, u in completed_ids.items():
    try:
        r = urllib.request.Request(f"{api}/recordings/{rid}", headers={"Authorization": "Bearer " + token})
        meta = json.load(urllib.request.urlopen(r, timeout=30))
        body = urllib.request.urlopen(meta["download_url"], timeout=30).read()
        if meta["size"] == u["size"] and len(body) == u["size"] and hashlib.sha256(body).hexdigest() == u["sha256"]:
            good += 1
        else:
            bad += 1
    except Exception as e:
        bad += 1
        print(f"  {rid}: {e}")
print(f"completed uploads: {len(completed_ids)}; downloaded with the right size and sha256: {good}; wrong or missing: {bad}")
print(f"records not COMPLETED left: {len(pending)}; COMPLETED the client did not complete: {len(unknown)};"
      f" completed uploads missing from the store: {len(missing)}; records the client never got an id for: {len(strays)}")
if pending: ok = False; notes.append(f"{len(pending)} records left not COMPLETED")
if unknown or missing or bad: ok = False; notes.append(f"lost or wrong: {len(missing)} missing, {bad} bad downloads, {len(unknown)} unknown")
ref_done = rows[0][7]
for r in rows[1:]:
    print(f"{r[0]}: {r[7]} uploads completed vs {ref_done} in the reference ({100 * r[7] / max(ref_done, 1):.0f} %)")
summary = (f"every 503 with Retry-After + problem+json, nothing lost: {len(completed_ids)} completed and verified, "
           f"0 PENDING after the sweep" if ok else "; ".join(notes))
print(f"VERDICT outage: {'PASS' if ok else 'FAIL'} ({summary})")
PY
