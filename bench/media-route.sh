#!/usr/bin/env bash
# Issue 28: what the stable media addresses cost a player's first byte. One 20 s 720p recording on
# the local backend, shared once; then ROUNDS (default 300) rounds, each timing with curl the first
# byte of a Range request (bytes=0-65535, as a player's) to, in turn:
#   presigned - the capability URL the store signed (fetched once, before the rounds: the URL alone),
#   share     - GET /s/{token}/media/original (link checked, URL signed, bytes streamed at the address),
#   library   - GET /recordings/{id}/media/original with the media cookie (token verified, recording
#               checked, URL signed, bytes streamed).
# Medians and p95 of time to first byte, and each route minus the presigned URL at p50.
# Target: each route adds at most 10 ms p50 to the first byte.
source "$(dirname "$0")/lib.sh"
[[ -f $SERVER_JAR ]] || { echo "build the server jar first: mvn -B -pl adapter-http -am package -DskipTests" >&2; exit 1; }
source "$BENCH_DIR/recording.sh"
out=$RESULTS_DIR/media-route; mkdir -p "$out"
file=$out/call-20s-720p.webm
make_recording "$file" 20 1280x720
echo "machine: $(machine); $(curl --version | head -1 | cut -d' ' -f1-2)"
rm -rf "$out/data"
start_server "$out/data" RECORDING_PROCESSING_ENABLED=false
wait_health 90
token=$(dev_token media-bench@example.com)
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
size=$(stat -c %s "$file")
ticket=$(curl -sf -X POST "$API/recordings/upload-url" "${auth[@]}" -d "{\"room_id\":\"bench-media\",\"size\":$size}")
id=$(jq -r .recording_id <<<"$ticket")
put_headers=()
while IFS= read -r header; do put_headers+=(-H "$header"); done < <(jq -r '.upload_headers | to_entries[] | select(.key | ascii_downcase != "content-length") | "\(.key): \(.value)"' <<<"$ticket")
curl -sf -X PUT "$(jq -r .upload_url <<<"$ticket")" "${put_headers[@]}" --data-binary "@$file" -o /dev/null
curl -sf -X POST "$API/recordings/$id/complete" "${auth[@]}" -o /dev/null
share=$(curl -sf -X POST "$API/recordings/$id/shares" "${auth[@]}" -d '{}' | jq -r .url)
curl -sf -X POST "$API/recordings/$id/media" -H "Authorization: Bearer $token" -o /dev/null
presigned=$(curl -sf "$API/recordings/$id" "${auth[@]}" | jq -r .download_url)
[[ $presigned == http* ]] || presigned=$API$presigned
route_share=$share/media/original
route_library=$API/recordings/$id/media/original
ttfb() { curl -s -o /dev/null -H 'Range: bytes=0-65535' "${@:2}" -w '%{http_code} %{time_starttransfer}\n' "$1"; }
# Warm up the JIT on every path before timing.
for _ in $(seq 1 50); do
  ttfb "$presigned" >/dev/null; ttfb "$route_share" >/dev/null; ttfb "$route_library" -H "Cookie: recording_media=$token" >/dev/null
done
: >"$out/runs.txt"
for _ in $(seq 1 "${ROUNDS:-300}"); do
  echo "presigned $(ttfb "$presigned")" >>"$out/runs.txt"
  echo "share $(ttfb "$route_share")" >>"$out/runs.txt"
  echo "library $(ttfb "$route_library" -H "Cookie: recording_media=$token")" >>"$out/runs.txt"
done
python3 - "$out/runs.txt" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    kind, status, seconds = line.split()
    if status != "206":
        sys.exit(f"{kind} answered {status}, not 206")
    runs.setdefault(kind, []).append(float(seconds) * 1000)
def p95(xs):
    xs = sorted(xs); return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]
base = statistics.median(runs["presigned"])
ok = True
for kind in ("presigned", "share", "library"):
    xs = runs[kind]; p50 = statistics.median(xs)
    extra = "" if kind == "presigned" else f"   +{p50 - base:5.2f} ms p50 over the presigned URL"
    print(f"{kind:10s} first byte p50 {p50:6.2f} ms  p95 {p95(xs):6.2f} ms  ({len(xs)} requests){extra}")
    ok = ok and (kind == "presigned" or p50 - base <= 10)
print("VERDICT media-route: " + ("PASS" if ok else "FAIL") + " (each route adds <= 10 ms p50 to the first byte)")
sys.exit(0 if ok else 1)
PY
