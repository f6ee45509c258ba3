"""bench/processing-latency.sh's client: uploads N copies of one recording (single PUT), completes
them all at once, and polls GET /recordings/{id} every 20 ms until each is ready (or fails), while
sampling the server's RSS. Prints one JSON object: per recording the seconds from its `complete`
answer to the poll that first saw `ready`, plus the RSS samples.

Usage: processing-client.py API TOKEN FILE COUNT SERVER_PID TIMEOUT_S
"""
import json
import os
import sys
import threading
import time
import urllib.request

api, token, path, count, pid, timeout = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], float(sys.argv[6])
body = open(path, "rb").read()
auth = {"Authorization": f"Bearer {token}"}


def call(method, url, data=None, headers=None):
    request = urllib.request.Request(url if url.startswith("http") else api + url, data=data, method=method,
                                     headers={**auth, **(headers or {})})
    with urllib.request.urlopen(request, timeout=120) as response:
        raw = response.read()
        return json.loads(raw) if raw and response.headers.get_content_type() == "application/json" else None


def rss_kib():
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))


ids = []
for i in range(count):
    ticket = call("POST", "/recordings/upload-url", json.dumps({"room_id": "bench-processing", "size": len(body)}).encode(),
                  {"Content-Type": "application/json"})
    put_headers = {k: v for k, v in ticket["upload_headers"].items() if k.lower() != "content-length"}
    urllib.request.urlopen(urllib.request.Request(ticket["upload_url"], data=body, method="PUT", headers=put_headers),
                           timeout=120).read()
    ids.append(ticket["recording_id"])

rss = [rss_kib()]
stop = threading.Event()


def sample():
    while not stop.wait(0.25):
        rss.append(rss_kib())


threading.Thread(target=sample, daemon=True).start()
completed_at = {}
barrier = threading.Barrier(count)


def complete(recording_id):
    barrier.wait()
    call("POST", f"/recordings/{recording_id}/complete")
    completed_at[recording_id] = time.monotonic()


threads = [threading.Thread(target=complete, args=(i,)) for i in ids]
for t in threads:
    t.start()
for t in threads:
    t.join()
first_complete = min(completed_at.values())
ready_at, failed = {}, {}
deadline = time.monotonic() + timeout
while len(ready_at) + len(failed) < count and time.monotonic() < deadline:
    for recording_id in ids:
        if recording_id in ready_at or recording_id in failed:
            continue
        recording = call("GET", f"/recordings/{recording_id}")
        if recording["processing"] == "ready":
            ready_at[recording_id] = time.monotonic()
        elif recording["processing"] == "failed":
            failed[recording_id] = recording.get("processing_error")
    time.sleep(0.02)
stop.set()
print(json.dumps({
    "latencies": sorted(ready_at[i] - completed_at[i] for i in ready_at),
    "all_ready_after": (max(ready_at.values()) - first_complete) if ready_at else None,
    "failed": failed,
    "unfinished": count - len(ready_at) - len(failed),
    "rss_kib": rss,
}))
