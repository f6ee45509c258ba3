#!/usr/bin/env bash
# Item 10b (issue 16): a burst of COUNT (1,000) events across a SIGKILL. The embedded-default server
# (processing off: the queue holds only events) with recording.webhook.url pointing at a loopback
# receiver run here. The receiver first holds every request (the one worker waits on its first
# delivery), and COUNT uploads are completed as fast as the API takes them: COUNT recording.completed
# events written through the SQLite outbox, queued. Then the receiver answers 204; when it has seen
# about half (KILL_AT, 500) distinct webhook-ids delivered, the server is SIGKILLed, restarted on the
# same data directory, and the rest drain. Printed: time to drain (and its parts), delivered / lost /
# duplicated by webhook-id. Target (issue 16): 0 lost. Reference in the same run: the drain rate
# before the kill, i.e. the time COUNT events would have taken without one.
source "$(dirname "$0")/lib.sh"
COUNT=${COUNT:-1000}; KILL_AT=${KILL_AT:-$(( COUNT / 2 ))}; DRAIN_BOUND=${DRAIN_BOUND:-600}
[[ -f $SERVER_JAR ]] || (cd "$REPO_DIR" && mvn -B -q -ntp -pl adapter-http -am package -DskipTests >&2)
out=$RESULTS_DIR/webhook-burst; rm -rf "$out"; mkdir -p "$out"
echo "machine: $(machine)"

python3 "$BENCH_DIR/webhook-client.py" receive "$out/receiver.port" "$out/arrivals.jsonl" &
SERVER_PIDS+=("$!")
for _ in $(seq 1 100); do [[ -f $out/receiver.port ]] && break; sleep 0.05; done
receiver=http://127.0.0.1:$(cat "$out/receiver.port")
curl -sf -X POST "$receiver/control?answer=hold"
delivered() { curl -sf "$receiver/control" | python3 -c 'import json,sys; print(json.load(sys.stdin)["delivered"])'; }

# The held first delivery must not time out while the burst is written.
server_env=(RECORDING_WEBHOOK_URL="$receiver/hooks" RECORDING_WEBHOOK_SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
  RECORDING_WEBHOOK_ALLOW_LOOPBACK=true RECORDING_WEBHOOK_TIMEOUT=60s RECORDING_PROCESSING_ENABLED=false)
start_server "$out/data" "${server_env[@]}"
wait_health 90
python3 "$BENCH_DIR/webhook-client.py" prepare "$API" "$COUNT" "$out/ids.txt"
python3 "$BENCH_DIR/webhook-client.py" complete "$API" "$out/ids.txt" 100000 "$out/completed.jsonl"
echo "queued: $COUNT events (load $(cut -d' ' -f1-3 /proc/loadavg))"

released=$(now_ms)
curl -sf -X POST "$receiver/control?answer=204"
while (( $(delivered) < KILL_AT )); do sleep 0.02; done
kill -KILL "$SERVER_PID"
killed=$(now_ms)
wait "$SERVER_PID" 2>/dev/null || true
sleep 0.2 # deliveries in flight at the kill reach the log
at_kill=$(delivered)
echo "SIGKILL after $(( killed - released )) ms with $at_kill delivered (load $(cut -d' ' -f1-3 /proc/loadavg))"

start_server "$out/data" "${server_env[@]}"
wait_health 90
up=$(now_ms)
deadline=$(( $(date +%s) + DRAIN_BOUND ))
while (( $(delivered) < COUNT && $(date +%s) < deadline )); do sleep 0.05; done
drained=$(now_ms)
stop_servers

python3 - "$out" "$COUNT" "$released" "$killed" "$up" "$drained" "$at_kill" <<'PY'
import collections, json, sys
out, count = sys.argv[1], int(sys.argv[2])
released, killed, up, drained, at_kill = (int(x) for x in sys.argv[3:8])
recordings = [json.loads(line)["recording"] for line in open(f"{out}/completed.jsonl")]
ids_by_recording = collections.defaultdict(set)
ok_by_id = collections.Counter()
for line in open(f"{out}/arrivals.jsonl"):
    a = json.loads(line)
    if a["type"] != "recording.completed":
        continue
    ids_by_recording[a["recording"]].add(a["id"])
    if 200 <= a["status"] < 300:
        ok_by_id[a["id"]] += 1
lost = [r for r in recordings if not any(ok_by_id[i] for i in ids_by_recording[r])]
several_ids = [r for r in recordings if len(ids_by_recording[r]) > 1]
duplicated = sum(n - 1 for n in ok_by_id.values() if n > 1)
delivered = sum(1 for r in recordings if r not in lost)
s = lambda ms: f"{ms / 1000:.1f} s"
rate = at_kill / ((killed - released) / 1000)
print(f"events: {len(recordings)} completed (of {count}); delivered {delivered}, lost {len(lost)}, "
      f"duplicated {duplicated} (extra 2xx deliveries of one webhook-id), recordings with more than one webhook-id "
      f"{len(several_ids)}")
print(f"time to drain: {s(drained - released)} from release to the last delivery = {s(killed - released)} to the "
      f"kill ({at_kill} delivered, {rate:.1f}/s) + {s(up - killed)} restart to healthy + {s(drained - up)} for the rest")
print(f"reference, the same {count} at the rate before the kill: {s(count / rate * 1000)}; the kill cost "
      f"{s(drained - released - count / rate * 1000)}")
ok = len(lost) == 0 and not several_ids and len(recordings) == count
print(f"VERDICT webhook-burst: {'PASS' if ok else 'FAIL'} ({len(lost)} lost of {count} across a SIGKILL at "
      f"{at_kill} delivered, target 0; {duplicated} duplicates, allowed)")
PY
