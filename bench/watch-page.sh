#!/usr/bin/env bash
# Item 10: the watch page of a share link in headless Chromium on loopback, against the same media
# file fetched directly. One 30 s 720p recording is uploaded and processed (MP4 rendition and
# poster, as a shared recording has), shared once; then RUNS (default 15) runs of each page,
# alternating, each in a fresh browser context: the watch page /s/{token} (server-rendered, its
# media URL signed per view) and the reference, a plain page served by the same server whose
# <video> (same attributes) points at the rendition's presigned URL from GET /recordings/{id}.
# Per page: time to first byte of the document and of the media, and navigation -> canplay;
# median and p95, and the ratios watch / reference. Target: canplay within 1.5x the reference + 50 ms.
source "$(dirname "$0")/lib.sh"
require_jars
command -v ffmpeg >/dev/null || { echo "ffmpeg is missing (apt-get install ffmpeg)" >&2; exit 1; }
WEB_DIR=$REPO_DIR/web-client
if [[ ! -d $WEB_DIR/node_modules/playwright-core ]]; then
  echo "installing the web client's dependencies (npm ci) ..." >&2
  (cd "$WEB_DIR" && npm ci --no-audit --no-fund >&2)
fi
source "$BENCH_DIR/recording.sh"
out=$RESULTS_DIR/watch-page; mkdir -p "$out"
file=$out/call-30s-720p.webm
make_recording "$file" 30 1280x720
echo "machine: $(machine); $(/usr/bin/chromium --version 2>/dev/null | head -1); node $(node --version)"

# The reference page is the only file of the web dir the server serves here.
rm -rf "$out/web" "$out/data"; mkdir -p "$out/web"; cp "$BENCH_DIR"/browser/watch-reference/* "$out/web/"
start_server "$out/data" RECORDING_WEB_DIR="$out/web" RECORDING_PROCESSING_ENABLED=true
wait_health 90
token=$(dev_token watch-bench@example.com)
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
size=$(stat -c %s "$file")
ticket=$(curl -sf -X POST "$API/recordings/upload-url" "${auth[@]}" -d "{\"room_id\":\"bench-watch\",\"size\":$size}")
id=$(jq -r .recording_id <<<"$ticket")
put_headers=()
while IFS= read -r header; do put_headers+=(-H "$header"); done < <(jq -r '.upload_headers | to_entries[] | select(.key | ascii_downcase != "content-length") | "\(.key): \(.value)"' <<<"$ticket")
curl -sf -X PUT "$(jq -r .upload_url <<<"$ticket")" "${put_headers[@]}" --data-binary "@$file" -o /dev/null
curl -sf -X POST "$API/recordings/$id/complete" "${auth[@]}" -o /dev/null
for _ in $(seq 1 600); do
  state=$(curl -sf "$API/recordings/$id" "${auth[@]}" | jq -r .processing)
  [[ $state == ready || $state == failed ]] && break
  sleep 0.5
done
[[ $state == ready ]] || { echo "processing ended $state; log:" >&2; tail -20 "$out/data/server.log" >&2; exit 1; }
share=$(curl -sf -X POST "$API/recordings/$id/shares" "${auth[@]}" -d '{}' | jq -r .url)
# Fetched last, so its presigned URL (1 hour by default) outlives the runs.
media=$(curl -sf "$API/recordings/$id" "${auth[@]}" | jq -r '.renditions[] | select(.format == "mp4") | .download_url')
reference="$API/reference.html?src=$(jq -rn --arg u "$media" '$u|@uri')&type=video/mp4"
echo "load before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
WATCH_URL=$share REFERENCE_URL=$reference RUNS=${RUNS:-15} timeout 900 node "$BENCH_DIR/browser/watch-page.mjs" >"$out/runs.jsonl"
echo "load after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$out/runs.jsonl" <<'PY'
import json, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
def pick(kind, key):
    return sorted(r[key] for r in runs if r["kind"] == kind and r[key] is not None)
def p95(xs):
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]
rows = {}
for key, name in [("documentTtfbMs", "document TTFB"), ("mediaTtfbMs", "media TTFB"), ("canplayMs", "navigation -> canplay")]:
    w, r = pick("watch", key), pick("reference", key)
    rows[key] = (statistics.median(w), p95(w), statistics.median(r), p95(r))
    print(f"{name:22s} watch page p50 {rows[key][0]:7.1f} / p95 {rows[key][1]:7.1f} ms   reference p50 {rows[key][2]:7.1f} / p95 {rows[key][3]:7.1f} ms"
          f"   ratio p50 x{rows[key][0] / rows[key][2]:.2f}  p95 x{rows[key][1] / rows[key][3]:.2f}")
print(f"runs: {len(pick('watch', 'canplayMs'))} of each")
w50, _, r50, _ = rows["canplayMs"]
ok = w50 <= 1.5 * r50 + 50
print("VERDICT watch-page: " + ("PASS" if ok else "FAIL") + f" (canplay p50 {w50:.0f} ms vs reference {r50:.0f} ms; target <= 1.5x + 50 ms)")
sys.exit(0 if ok else 1)
PY
