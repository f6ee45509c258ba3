#!/usr/bin/env bash
# Item 1 (issue 30): the API under load on loopback, embedded default (SQLite + local disk), dev auth,
# every rate relative to GET /health's own peak in the same run (machines here differ 2-3x in speed).
#  1. wrk peaks (WRK_CONNECTIONS connections, WRK_SECONDS) of GET /health, GET /recordings?limit=50
#     (a page of 50 COMPLETED recordings, so every item carries a signed download URL) and
#     POST /recordings/upload-url;
#  2. an open-loop fixed rate of RATE_SHARE (60 %) of /health's peak on each of the three for
#     FIXED_SECONDS (bench/FixedRate.java, wrk2's way: latency from when a request was due).
# Verdict: list and upload-url p99 <= 2x /health's p99 at that rate, 0 errors, the rate achieved
# (>= 95 % of it), and their wrk peaks >= 85 % of /health's. Client and server share the cores.
# The upload-url load comes from UPLOAD_USERS fresh users in turn (their limits raised through the
# settings, lib.sh), so no user reaches the open-uploads limit and the row measures the upload path,
# not its 429 answer.
source "$(dirname "$0")/lib.sh"
source "$BENCH_DIR/recording.sh"
WRK_SECONDS=${WRK_SECONDS:-10}; WRK_CONNECTIONS=${WRK_CONNECTIONS:-16}
FIXED_SECONDS=${FIXED_SECONDS:-15}; RATE_SHARE=${RATE_SHARE:-0.6}; UPLOAD_USERS=${UPLOAD_USERS:-200}
for tool in wrk curl jq ffmpeg; do
  command -v "$tool" >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk curl jq ffmpeg >/dev/null; }
done
require_jars
out=$RESULTS_DIR/load; rm -rf "$out"; mkdir -p "$out"
echo "machine: $(machine)"
echo "uptime: $(uptime)"
make_recording "$RESULTS_DIR/small-320x240.webm" 10 320x240
start_server "$out/data" RECORDING_PROCESSING_ENABLED=false; wait_health 90
TOKEN=$(dev_token load@example.com)
AUTH="Authorization: Bearer $TOKEN"
BODY='{"room_id":"load-room","contentType":"video/webm","size":1048576}'

# A page of 50 completed recordings (55 stored): upload-url, the PUT its ticket names, complete.
file=$RESULTS_DIR/small-320x240.webm; size=$(stat -c %s "$file")
for _ in $(seq 1 55); do
  ticket=$(curl -sf -X POST "$API/recordings/upload-url" -H "$AUTH" -H 'Content-Type: application/json' \
    -d "{\"room_id\":\"load-room\",\"size\":$size}")
  put=()
  while IFS= read -r h; do put+=(-H "$h"); done < <(jq -r '.upload_headers | to_entries[]
    | select(.key | ascii_downcase != "content-length") | "\(.key): \(.value)"' <<<"$ticket")
  curl -sf -X PUT "$(jq -r .upload_url <<<"$ticket")" "${put[@]}" --data-binary "@$file" -o /dev/null
  curl -sf -X POST "$API/recordings/$(jq -r .recording_id <<<"$ticket")/complete" -H "$AUTH" -o /dev/null
done
[[ $(curl -sf "$API/recordings?limit=50" -H "$AUTH" | jq '[.recordings[] | select(.status == "COMPLETED"
  and (.download_url | length) > 100)] | length') == 50 ]] || { echo "the page is not 50 completed recordings" >&2; exit 1; }

# dev_tokens PREFIX N: dev tokens of N fresh users PREFIX-0 ... PREFIX-(N-1), one a line.
dev_tokens() {
  python3 - "$API" "$1" "$2" <<'PY'
import json, sys, urllib.request
api, prefix, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(n):
    body = json.dumps({"email": f"{prefix}-{i}@example.com"}).encode()
    request = urllib.request.Request(api + "/dev/token", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        print(json.load(response)["token"])
PY
}
# post_lua FILE TOKENS: a wrk script that posts BODY as each user of TOKENS in turn (requests
# formatted once per thread, so the client does no more work per request).
post_lua() {
  {
    echo 'wrk.method = "POST"'; echo "wrk.body = '$BODY'"; echo 'wrk.headers["Content-Type"] = "application/json"'
    echo 'local tokens = {'; sed 's/.*/  "&",/' "$2"; echo '}'
    cat <<'LUA'
local requests, i = {}, 0
init = function()
  for _, token in ipairs(tokens) do
    wrk.headers["Authorization"] = "Bearer " .. token
    requests[#requests + 1] = wrk.format()
  end
end
request = function()
  i = i % #requests + 1
  return requests[i]
end
LUA
  } >"$1"
}
for set in warm wrk fixed; do dev_tokens "$set" "$UPLOAD_USERS" >"$out/tokens-$set.txt"; done
post_lua "$out/post-warm.lua" "$out/tokens-warm.txt"
post_lua "$out/post.lua" "$out/tokens-wrk.txt"
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$TOKEN" >"$out/get.lua"

to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f", v}'; }
# wrk_run NAME PATH [LUA]: prints "rps p99_ms non2xx"
wrk_run() {
  local name=$1 path=$2 script=${3:-} args=()
  [[ -n $script ]] && args=(-s "$script")
  wrk -t2 -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --timeout 5s --latency "${args[@]}" "$API$path" >"$out/wrk-$name.txt"
  local rps p99 bad
  rps=$(awk '/Requests\/sec/{print $2}' "$out/wrk-$name.txt")
  p99=$(awk '$1=="99%"{print $2}' "$out/wrk-$name.txt" | to_ms)
  bad=$(awk '/Non-2xx/{print $5}' "$out/wrk-$name.txt"); bad=${bad:-0}
  echo "$rps $p99 $bad"
}
# fixed_run NAME RATE PATH [FixedRate options]: prints "achieved p50_ms p99_ms errors sent"
fixed_run() {
  local name=$1 rate=$2 path=$3; shift 3
  java -XX:TieredStopAtLevel=1 -Xss512k "$BENCH_DIR/FixedRate.java" "$API$path" "$rate" "$FIXED_SECONDS" "$@" \
    | tee "$out/fixed-$name.txt"
}

# Warm-up (JIT) of each endpoint, not reported.
WRK_SECONDS=5 wrk_run warm-health /health >/dev/null
WRK_SECONDS=5 wrk_run warm-list '/recordings?limit=50' "$out/get.lua" >/dev/null
WRK_SECONDS=5 wrk_run warm-upload /recordings/upload-url "$out/post-warm.lua" >/dev/null

declare -A W F
W[health]=$(wrk_run health /health)
W[list]=$(wrk_run list '/recordings?limit=50' "$out/get.lua")
W[upload]=$(wrk_run upload /recordings/upload-url "$out/post.lua")
h_peak=${W[health]%% *}
rate=$(awk -v p="$h_peak" -v s="$RATE_SHARE" 'BEGIN{printf "%d", p*s}')
F[health]=$(fixed_run health "$rate" /health)
F[list]=$(fixed_run list "$rate" '/recordings?limit=50' --header "$AUTH")
F[upload]=$(fixed_run upload "$rate" /recordings/upload-url --method POST --body "$BODY" \
  --header 'Content-Type: application/json' --tokens "$out/tokens-fixed.txt")

verdict=PASS; notes=()
printf '\n%-30s %10s %9s %8s %10s\n' "wrk -c$WRK_CONNECTIONS ${WRK_SECONDS}s" "req/s" "p99 ms" "non-2xx" "vs health"
for k in health list upload; do
  read -r rps p99 bad <<<"${W[$k]}"
  share=$(awk -v a="$rps" -v b="$h_peak" 'BEGIN{printf "%.0f", 100*a/b}')
  printf '%-30s %10s %9s %8s %9s%%\n' "$k" "$rps" "$p99" "$bad" "$share"
  if [[ $k != health ]] && (( share < 85 )); then verdict=FAIL; notes+=("$k wrk peak $share% of health's"); fi
  (( bad == 0 )) || { verdict=FAIL; notes+=("$k wrk non-2xx $bad"); }
done
h_p99=$(cut -d' ' -f3 <<<"${F[health]}")
printf '\n%-30s %10s %9s %9s %7s %10s\n' "fixed $rate/s (${RATE_SHARE} x peak) ${FIXED_SECONDS}s" "achieved" "p50 ms" "p99 ms" "errors" "p99 vs hl"
for k in health list upload; do
  read -r got p50 p99 bad sent <<<"${F[$k]}"
  ratio=$(awk -v a="$p99" -v b="$h_p99" 'BEGIN{printf "%.1f", a/b}')
  printf '%-30s %10s %9s %9s %7s %9sx\n' "$k" "$got" "$p50" "$p99" "$bad" "$ratio"
  (( bad == 0 )) || { verdict=FAIL; notes+=("$k $bad errors at $rate/s"); }
  awk -v g="$got" -v r="$rate" 'BEGIN{exit !(g < 0.95*r)}' && { verdict=FAIL; notes+=("$k achieved $got of $rate/s"); }
  if [[ $k != health ]]; then
    awk -v a="$p99" -v b="$h_p99" 'BEGIN{exit !(a > 2*b)}' && { verdict=FAIL; notes+=("$k p99 ${ratio}x health's"); }
  fi
done
echo "uptime: $(uptime)"
echo "VERDICT load: $verdict${notes:+ (${notes[*]})}"
