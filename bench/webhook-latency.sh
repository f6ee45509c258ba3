#!/usr/bin/env bash
# Item 10a (issue 16): event -> delivered latency. The embedded-default server (one worker, the
# default; processing off, so that the queue holds only events: with it on, each of these fake
# uploads would also queue an ffprobe run) with recording.webhook.url pointing at a loopback receiver run here
# (bench/webhook-client.py receive). SECONDS_ (30) x RATE (100) uploads are made ready first
# (upload-url + PUT, no event); then POST /recordings/{id}/complete is called at RATE per second,
# open loop: each call writes a real recording.completed event through the SQLite outbox, in the
# same transaction as the state change. Latency = the receiver's arrival time - the event's own
# `timestamp` (written before the commit; same machine, same clock), and - the time `complete`
# returned to the client. Reference in the same run: the receiver's own round trip, plain POSTs
# from the bench at RATE per second. Target (issue 16): p99 < 1 s. Knobs: RATE, SECONDS_, SERVER_ENV
# (more server environment, e.g. RECORDING_PROCESSING_WORKERS=2), RESULTS_DIR (on tmpfs the
# SQLite commits cost nothing: the figure without the disk).
source "$(dirname "$0")/lib.sh"
RATE=${RATE:-100}; SECONDS_=${SECONDS_:-30}
[[ -f $SERVER_JAR ]] || (cd "$REPO_DIR" && mvn -B -q -ntp -pl adapter-http -am package -DskipTests >&2)
out=$RESULTS_DIR/webhook-latency; rm -rf "$out"; mkdir -p "$out"
echo "machine: $(machine)"
count=$(( RATE * SECONDS_ ))

python3 "$BENCH_DIR/webhook-client.py" receive "$out/receiver.port" "$out/arrivals.jsonl" &
RECEIVER_PID=$!
SERVER_PIDS+=("$RECEIVER_PID")
for _ in $(seq 1 100); do [[ -f $out/receiver.port ]] && break; sleep 0.05; done
hooks=http://127.0.0.1:$(cat "$out/receiver.port")/hooks

python3 "$BENCH_DIR/webhook-client.py" reference "$hooks" "$RATE" 10 "$out/reference.txt"

start_server "$out/data" RECORDING_WEBHOOK_URL="$hooks" RECORDING_WEBHOOK_SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw \
  RECORDING_WEBHOOK_ALLOW_LOOPBACK=true RECORDING_PROCESSING_ENABLED=false ${SERVER_ENV:-}
wait_health 90
python3 "$BENCH_DIR/webhook-client.py" prepare "$API" "$count" "$out/ids.txt"
echo "load before the measured window: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$BENCH_DIR/webhook-client.py" complete "$API" "$out/ids.txt" "$RATE" "$out/completed.jsonl"
echo "load after the measured window: $(cut -d' ' -f1-3 /proc/loadavg)"
# Every completion's event delivered, or 60 s more.
for _ in $(seq 1 600); do
  (( $(grep -c '"recording.completed"' "$out/arrivals.jsonl" || true) >= count )) && break
  sleep 0.1
done
stop_servers

python3 - "$out" "$count" "$RATE" <<'PY'
import json, sys
from datetime import datetime
out, count, rate = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]

reference = [float(line) for line in open(f"{out}/reference.txt")]
returned = {}
for line in open(f"{out}/completed.jsonl"):
    r = json.loads(line)
    returned[r["recording"]] = r["returned"]
first = {}
for line in open(f"{out}/arrivals.jsonl"):
    a = json.loads(line)
    if a["type"] == "recording.completed" and a["recording"] not in first:
        first[a["recording"]] = a
since_event = [a["arrival"] - datetime.fromisoformat(a["timestamp"].replace("Z", "+00:00")).timestamp()
               for a in first.values()]
since_return = [a["arrival"] - returned[r] for r, a in first.items() if r in returned]
missing = count - len(first)
ms = lambda s: f"{s * 1000:.1f}"
print(f"reference, the receiver's round trip (plain POST at {rate:.0f}/s, {len(reference)}): "
      f"p50 {ms(pct(reference, 50))} / p99 {ms(pct(reference, 99))} ms")
print(f"event timestamp -> arrival ({len(since_event)} of {count} events): p50 {ms(pct(since_event, 50))} / "
      f"p99 {ms(pct(since_event, 99))} / max {ms(max(since_event))} ms")
print(f"complete returned -> arrival: p50 {ms(pct(since_return, 50))} / p99 {ms(pct(since_return, 99))} ms")
# Per 5 s of completions: a backlog (the worker slower than the rate) shows as a latency that grows.
start = min(returned.values())
windows = {}
for r, a in first.items():
    if r in returned:
        windows.setdefault(int((returned[r] - start) // 5), []).append(a["arrival"] - returned[r])
print("complete returned -> arrival p50 per 5 s window (ms): " +
      " ".join(f"{ms(pct(v, 50))}" for _, v in sorted(windows.items())))
p99 = pct(since_event, 99)
print(f"p99 / reference p99: x{p99 / pct(reference, 99):.0f}; missing deliveries: {missing}")
ok = missing == 0 and p99 < 1.0
print(f"VERDICT webhook-latency: {'PASS' if ok else 'FAIL'} (event -> delivered p99 {ms(p99)} ms at {rate:.0f} events/s, "
      f"target < 1000 ms, every event delivered; reference round trip p99 {ms(pct(reference, 99))} ms)")
PY
