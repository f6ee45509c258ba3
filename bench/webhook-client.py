"""bench/webhook-latency.sh's and bench/webhook-burst.sh's parts, one subcommand each.

receive PORT_FILE LOG_FILE
    The loopback receiver (http.server, one thread per connection, HTTP/1.1 keep-alive). Every
    POST /hooks is logged as one JSON line: arrival (epoch seconds, float), webhook-id, the event's
    type, timestamp and recording id, and the status it was answered with. The answer is 204, or
    what POST /control?answer=204|503|hold set ("hold": the request waits until the answer is set
    to something else, then gets that). GET /control answers {"delivered": distinct webhook-ids
    answered 2xx, "requests": n}. Writes its port to PORT_FILE once it listens.

prepare API COUNT IDS_FILE
    COUNT uploads made ready to complete (upload-url, then the PUT of a few bytes), 8 at a time,
    by a fresh dev-token user per 1,000 (the server's cap on one user's pending uploads); "id token"
    to IDS_FILE, one a line. No event is written by these steps.

complete API IDS_FILE RATE OUT_FILE
    POST /recordings/{id}/complete for each id at RATE per second, open loop (each call starts at
    its scheduled time on one of 16 threads, whether or not earlier ones have answered); per
    recording the epoch time the call returned, as JSON lines. A non-200 answer is counted and
    printed; the script exits 1 if any.

reference URL RATE SECONDS OUT_FILE
    Plain POSTs of an event-sized body to the receiver at RATE per second on one keep-alive
    connection: the receiver's own round trip, one float (seconds) a line.
"""
import http.client
import http.server
import json
import os
import queue
import sys
import threading
import time
import urllib.parse
import urllib.request


def receive(port_file, log_file):
    state = {"answer": 204, "delivered": set(), "requests": 0}
    changed = threading.Condition()
    log = open(log_file, "a", buffering=1)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def reply(self, status, body=b""):
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            with changed:
                body = json.dumps({"delivered": len(state["delivered"]), "requests": state["requests"]})
            self.reply(200, body.encode())

        def do_POST(self):
            arrival = time.time()
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            url = urllib.parse.urlsplit(self.path)
            if url.path == "/control":
                answer = urllib.parse.parse_qs(url.query)["answer"][0]
                with changed:
                    state["answer"] = answer if answer == "hold" else int(answer)
                    changed.notify_all()
                return self.reply(204)
            webhook_id = self.headers.get("webhook-id")
            with changed:
                while state["answer"] == "hold":
                    changed.wait()
                answer = state["answer"]
                state["requests"] += 1
                if 200 <= answer < 300:
                    state["delivered"].add(webhook_id)
            try:
                event = json.loads(raw)
                data = event.get("data", {})
                line = {"arrival": arrival, "id": webhook_id, "type": event.get("type"),
                        "timestamp": event.get("timestamp"), "recording": data.get("recording_id"), "status": answer}
            except ValueError:
                line = {"arrival": arrival, "id": webhook_id, "type": None, "status": answer}
            log.write(json.dumps(line) + "\n")
            self.reply(answer)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(port_file + ".tmp", port_file)
    server.serve_forever()


class Api:
    """One keep-alive connection per thread to the server."""

    def __init__(self, api):
        self.base = urllib.parse.urlsplit(api)
        self.local = threading.local()

    def connection(self, netloc):
        connections = self.local.__dict__.setdefault("connections", {})
        if netloc not in connections:
            host, port = netloc.split(":")
            connections[netloc] = http.client.HTTPConnection(host, int(port), timeout=120)
        return connections[netloc]

    def token(self, email):
        status, raw = self.call("POST", "/dev/token", json.dumps({"email": email}), {"Content-Type": "application/json"})
        if status != 200:
            raise RuntimeError(f"/dev/token answered {status}: {raw[:200]!r}")
        return json.loads(raw)["token"]

    def call(self, method, url, body=None, headers=None, token=None):
        parts = urllib.parse.urlsplit(url if url.startswith("http") else self.base.geturl() + url)
        connection = self.connection(parts.netloc)
        path = parts.path + ("?" + parts.query if parts.query else "")
        all_headers = {**({"Authorization": f"Bearer {token}"} if token else {}), **(headers or {})}
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
        except (http.client.HTTPException, OSError):
            connection.close()
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
        raw = response.read()
        return response.status, raw


def in_threads(count, items, work):
    jobs = queue.Queue()
    for item in items:
        jobs.put(item)
    failures = []

    def run():
        while True:
            try:
                item = jobs.get_nowait()
            except queue.Empty:
                return
            try:
                work(item)
            except Exception as e:  # reported, and the run fails
                failures.append(repr(e))

    threads = [threading.Thread(target=run) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return failures


def prepare(api, count, ids_file):
    client = Api(api)
    body = b"webm bytes of a bench call"
    tokens = [client.token(f"webhooks-{n}@example.com") for n in range((count + 999) // 1000)]
    ids = []
    lock = threading.Lock()

    def one(n):
        token = tokens[n // 1000]
        status, raw = client.call("POST", "/recordings/upload-url",
                                  json.dumps({"room_id": "bench-webhooks", "size": len(body)}),
                                  {"Content-Type": "application/json"}, token)
        if status != 201:
            raise RuntimeError(f"upload-url answered {status}: {raw[:200]!r}")
        ticket = json.loads(raw)
        headers = {k: v for k, v in ticket["upload_headers"].items() if k.lower() != "content-length"}
        status, raw = client.call("PUT", ticket["upload_url"], body, headers)
        if status != 200:
            raise RuntimeError(f"PUT answered {status}: {raw[:200]!r}")
        with lock:
            ids.append(f"{ticket['recording_id']} {token}")

    failures = in_threads(8, range(count), one)
    with open(ids_file, "w") as f:
        f.write("".join(i + "\n" for i in ids))
    if failures:
        print(f"prepare: {len(failures)} failed, first: {failures[0]}", file=sys.stderr)
        sys.exit(1)


def complete(api, ids_file, rate, out_file):
    client = Api(api)
    ids = [line.split() for line in open(ids_file)]
    start = time.time() + 0.5
    due = queue.Queue()
    for n, (recording_id, token) in enumerate(ids):
        due.put((start + n / rate, recording_id, token))
    out = open(out_file, "w", buffering=1)
    lock = threading.Lock()
    failures = []
    late = []

    def run():
        while True:
            try:
                at, recording_id, token = due.get_nowait()
            except queue.Empty:
                return
            wait = at - time.time()
            if wait > 0:
                time.sleep(wait)
            else:
                late.append(-wait)
            status, raw = client.call("POST", f"/recordings/{recording_id}/complete", token=token)
            returned = time.time()
            with lock:
                if status != 200:
                    failures.append(f"{recording_id}: {status} {raw[:200]!r}")
                else:
                    out.write(json.dumps({"recording": recording_id, "returned": returned, "started": at}) + "\n")

    threads = [threading.Thread(target=run) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.time() - start
    print(f"completed {len(ids) - len(failures)} of {len(ids)} in {elapsed:.1f} s "
          f"({(len(ids) - len(failures)) / elapsed:.1f}/s); started late: {len(late)} (max {max(late, default=0) * 1000:.0f} ms)")
    if failures:
        print(f"complete: {len(failures)} failed, first: {failures[0]}", file=sys.stderr)
        sys.exit(1)


def reference(url, rate, seconds, out_file):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    body = json.dumps({"type": "bench.reference", "timestamp": "2026-01-01T00:00:00Z",
                       "data": {"recording_id": "reference", "room_id": "bench-webhooks", "padding": "x" * 400}})
    headers = {"Content-Type": "application/json", "webhook-id": "msg_reference", "webhook-timestamp": "0",
               "webhook-signature": "v1,reference"}
    start = time.time()
    rounds = []
    for n in range(int(rate * seconds)):
        wait = start + n / rate - time.time()
        if wait > 0:
            time.sleep(wait)
        before = time.perf_counter()
        connection.request("POST", parts.path, body=body, headers=headers)
        connection.getresponse().read()
        rounds.append(time.perf_counter() - before)
    with open(out_file, "w") as f:
        f.write("".join(f"{r}\n" for r in rounds))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "receive":
        receive(*args)
    elif command == "prepare":
        prepare(args[0], int(args[1]), args[2])
    elif command == "complete":
        complete(args[0], args[1], float(args[2]), args[3])
    elif command == "reference":
        reference(args[0], float(args[1]), float(args[2]), args[3])
    else:
        sys.exit(f"unknown command {command}; see the docstring")
