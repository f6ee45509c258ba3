#!/usr/bin/env python3
"""Upload client for bench/outage.sh (stdlib only): WORKERS threads, each doing upload-url ->
presigned PUT of a random 64 KiB-1 MiB file -> (0-1 s) -> complete, with a 0.2 s pause, for
SECONDS; plus ABANDON uploads that request a URL and never PUT (a closed tab), and a thread that
polls /health every 0.5 s. As a real client: a 503 from the API is retried after its Retry-After,
a failed PUT (storage unreachable) after 1 s, the same step again, until the upload's deadline.
Every response is recorded. Writes one JSON document to OUT.

usage: outage-client.py API TOKEN SECONDS WORKERS ABANDON DEADLINE_S OUT
"""
import hashlib
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse

API, TOKEN, SECONDS, WORKERS, ABANDON, DEADLINE, OUT = sys.argv[1:8]
SECONDS, WORKERS, ABANDON, DEADLINE = float(SECONDS), int(WORKERS), int(ABANDON), float(DEADLINE)
TIMEOUT = 30  # per request; the server's own bound on an S3/DynamoDB call is 10 s

lock = threading.Lock()
requests, uploads, health = [], [], []


def call(method, url, body=None, headers=None):
    """One HTTP request; returns (status or 'conn-error', headers dict, body bytes, seconds)."""
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=TIMEOUT)
    path = u.path + ("?" + u.query if u.query else "")
    t0 = time.time()
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data, time.time() - t0
    except (OSError, http.client.HTTPException) as e:
        return "conn-error", {}, str(e).encode(), time.time() - t0
    finally:
        conn.close()


def record(step, status, hdrs, data, secs):
    entry = {"t": time.time(), "step": step, "status": status, "secs": round(secs, 4)}
    if status == 503 or (isinstance(status, int) and status >= 400):
        entry["retry_after"] = hdrs.get("retry-after")
        entry["content_type"] = hdrs.get("content-type", "")
        text = data.decode("utf-8", "replace")
        try:
            problem = json.loads(text)
            entry["problem"] = isinstance(problem, dict) and all(k in problem for k in ("type", "title", "status"))
        except ValueError:
            entry["problem"] = False
        entry["stack_trace"] = "Exception" in text or "\tat " in text or "at io." in text
        entry["detail"] = text[:300]
    with lock:
        requests.append(entry)
    return entry


def api(step, method, path, payload=None):
    headers = {"Authorization": "Bearer " + TOKEN}
    body = None
    if payload is not None:
        body = json.dumps(payload).encode()
        headers["Content-Type"] = "application/json"
    status, hdrs, data, secs = call(method, API + path, body, headers)
    record(step, status, hdrs, data, secs)
    return status, hdrs, data


def wait_after(status, hdrs):
    if status == 503 and (hdrs.get("retry-after") or "").isdigit():
        time.sleep(int(hdrs["retry-after"]))
    else:
        time.sleep(1)


def upload(worker, n, abandon=False):
    rnd = random.Random(f"{worker}-{n}-{time.time()}")
    size = rnd.randint(64 * 1024, 1024 * 1024)
    data = os.urandom(size)
    up = {"worker": worker, "n": n, "size": size, "sha256": hashlib.sha256(data).hexdigest(), "id": None,
          "started": time.time(), "completed": None, "gave_up": None, "abandoned": abandon}
    deadline = up["started"] + DEADLINE
    with lock:
        uploads.append(up)
    # 1. upload-url
    while True:
        status, hdrs, body = api("upload-url", "POST", "/recordings/upload-url",
                                 {"room_id": "outage", "filename": f"w{worker}-{n}.webm", "contentType": "video/webm",
                                  "size": size})
        if status == 201:
            ticket = json.loads(body)
            up["id"] = ticket["recording_id"]
            break
        if time.time() > deadline:
            up["gave_up"] = "upload-url"
            return
        wait_after(status, hdrs)
    if abandon:
        return
    # 2. presigned PUT straight to storage, then 3. complete; a complete that finds no object re-PUTs.
    put_headers = dict(ticket.get("upload_headers") or {"Content-Type": "video/webm"})
    while True:
        while True:
            status, hdrs, body, secs = call("PUT", ticket["upload_url"], data, put_headers)
            record("put", status, hdrs, body, secs)
            if status == 200:
                break
            if time.time() > deadline:
                up["gave_up"] = "put"
                return
            wait_after(status, hdrs)
        # A browser completes a moment after its PUT (it closes the journal first): between 0 and 1 s
        # here, so some completions land while storage is down.
        time.sleep(rnd.random())
        while True:
            status, hdrs, body = api("complete", "POST", f"/recordings/{up['id']}/complete")
            if status == 200:
                up["completed"] = time.time()
                return
            if time.time() > deadline:
                up["gave_up"] = "complete"
                return
            if status == 409:
                break  # the object is not there: PUT again
            wait_after(status, hdrs)


def worker(w, stop_at):
    n = 0
    while time.time() < stop_at:
        upload(w, n, abandon=n < ABANDON and w == 0)
        n += 1
        time.sleep(0.2)


def poll_health(stop):
    while not stop.is_set():
        status, hdrs, data, secs = call("GET", API + "/health")
        try:
            state = json.loads(data).get("status")
        except ValueError:
            state = None
        with lock:
            health.append({"t": time.time(), "status": status, "state": state, "secs": round(secs, 4)})
        stop.wait(0.5)


def main():
    t0 = time.time()
    stop = threading.Event()
    poller = threading.Thread(target=poll_health, args=(stop,), daemon=True)
    poller.start()
    threads = [threading.Thread(target=worker, args=(w, t0 + SECONDS)) for w in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    poller.join()
    with open(OUT, "w") as f:
        json.dump({"start": t0, "end": time.time(), "requests": requests, "uploads": uploads, "health": health}, f)


main()
