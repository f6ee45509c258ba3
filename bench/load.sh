#!/usr/bin/env bash
# Item 1: the API under load on loopback, embedded default (SQLite + local disk), dev auth.
# For GET /health (the reference), GET /recordings and POST /recordings/upload-url:
#  - wrk: peak throughput and latency with WRK_CONNECTIONS connections for WRK_SECONDS;
#  - hey -q: fixed rates (RATES, total req/s over HEY_WORKERS workers) for HEY_SECONDS each.
# Targets: p99 < 10 ms at 1,000 req/s, and wrk throughput >= 50% of /health's.
# Client and server share the machine's cores; the figures include that contention.
# The upload-url load is spread over many users, fresh ones per run (UPLOAD_USERS for each wrk run,
# one per hey worker), so that no user reaches the server's 1,000 open uploads and the row measures
# the upload path, not its 429 answer. Any non-2xx answer on an upload row fails the script (exit 1).
source "$(dirname "$0")/lib.sh"
WRK_SECONDS=${WRK_SECONDS:-10}; WRK_CONNECTIONS=${WRK_CONNECTIONS:-16}
HEY_SECONDS=${HEY_SECONDS:-8}; HEY_WORKERS=${HEY_WORKERS:-20}; RATES=${RATES:-250 500 1000 2000}
UPLOAD_USERS=${UPLOAD_USERS:-128}
require_jars
out=$RESULTS_DIR/load; rm -rf "$out"; mkdir -p "$out"
echo "machine: $(machine)"
start_server "$out/data"; wait_health 60
TOKEN=$(dev_token load@example.com)
AUTH="Authorization: Bearer $TOKEN"
BODY='{"room_id":"load-room","contentType":"video/webm","size":1048576}'
# A full first page (50) for the listing.
for i in $(seq 1 60); do
  curl -sf -X POST "$API/recordings/upload-url" -H "$AUTH" -H 'Content-Type: application/json' -d "$BODY" >/dev/null
done
# dev_tokens PREFIX N: dev tokens of N fresh users PREFIX-0 … PREFIX-(N-1), one a line.
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
# post_lua FILE PREFIX: a wrk script that posts BODY as UPLOAD_USERS fresh users, the next user on
# each request (requests formatted once per thread, so the client does no more work per request).
post_lua() {
  {
    echo 'wrk.method = "POST"'
    echo "wrk.body = '$BODY'"
    echo 'wrk.headers["Content-Type"] = "application/json"'
    echo 'local tokens = {'
    dev_tokens "$2" "$UPLOAD_USERS" | sed 's/.*/  "&",/'
    echo '}'
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
post_lua "$out/post-warm.lua" warm
post_lua "$out/post.lua" wrk
cat >"$out/get.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA

# wrk_run NAME PATH [LUA]: prints "rps p50_ms p99_ms non2xx"
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f", v}'; }
wrk_run() {
  local name=$1 path=$2 script=${3:-} args=()
  [[ -n $script ]] && args=(-s "$script")
  wrk -t2 -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --timeout 5s --latency "${args[@]}" "$API$path" >"$out/wrk-$name.txt"
  local rps p50 p99 bad
  rps=$(awk '/Requests\/sec/{print $2}' "$out/wrk-$name.txt")
  p50=$(awk '$1=="50%"{print $2}' "$out/wrk-$name.txt" | to_ms)
  p99=$(awk '$1=="99%"{print $2}' "$out/wrk-$name.txt" | to_ms)
  bad=$(awk '/Non-2xx/{print $5}' "$out/wrk-$name.txt"); bad=${bad:-0}
  echo "$rps $p50 $p99 $bad"
}
# hey_run NAME RATE PATH [hey args]: prints "rps p50_ms p99_ms errors"
hey_run() {
  local name=$1 rate=$2 path=$3; shift 3
  local q=$(( rate / HEY_WORKERS ))
  hey -z "${HEY_SECONDS}s" -c "$HEY_WORKERS" -q "$q" -t 5 "$@" "$API$path" >"$out/hey-$name-$rate.txt"
  awk '
    /Requests\/sec/ {rps=$2}
    /50%% in|50% in/ {p50=$3*1000}
    /99%% in|99% in/ {p99=$3*1000}
    /^[ \t]*\[[0-9]+\]/ {code=$1; gsub(/[\[\]]/,"",code); if (code !~ /^2/) bad+=$2}
    /Error distribution/ {errs=1}
    errs && /^[ \t]*\[[0-9]+\]/ {bad+=0}
    END {printf "%.0f %.2f %.2f %d\n", rps, p50, p99, bad}' "$out/hey-$name-$rate.txt"
}
# hey_upload RATE: HEY_WORKERS hey processes of one worker each, each as a fresh user, RATE in all;
# percentiles over every request's line of their CSV output. Prints "rps p50_ms p99_ms non2xx".
hey_upload() {
  local rate=$1 q=$(( $1 / HEY_WORKERS )) pids=() token n=0
  while read -r token; do
    hey -z "${HEY_SECONDS}s" -c 1 -q "$q" -t 5 -o csv -m POST -H "Authorization: Bearer $token" \
      -T application/json -d "$BODY" "$API/recordings/upload-url" >"$out/hey-upload-$rate-$n.csv" &
    pids+=($!); n=$(( n + 1 ))
  done < <(dev_tokens "hey-$rate" "$HEY_WORKERS")
  wait "${pids[@]}"
  python3 - "$HEY_SECONDS" "$out"/hey-upload-"$rate"-*.csv <<'PY'
import csv, sys
seconds, times, bad = float(sys.argv[1]), [], 0
for name in sys.argv[2:]:
    with open(name) as f:
        for row in csv.DictReader(f):
            times.append(float(row["response-time"]) * 1000)
            bad += not row["status-code"].startswith("2")
times.sort()
pick = lambda p: times[min(len(times) - 1, int(p * len(times)))] if times else 0
print(f"{len(times) / seconds:.0f} {pick(0.50):.2f} {pick(0.99):.2f} {bad}")
PY
}
# refused NAME BAD: says loudly that an upload row got non-2xx answers, and makes the script fail.
upload_failed=()
refused() {
  (( $2 == 0 )) && return 0
  echo "FAIL: POST /recordings/upload-url ($1) got $2 non-2xx answers: that row measured refusals, not uploads" \
    "(see $out/)" >&2
  upload_failed+=("$1: $2")
}

# Warm-up (JIT) on each endpoint, not reported.
for p in "health /health" "list /recordings $out/get.lua" "upload /recordings/upload-url $out/post-warm.lua"; do
  set -- $p; r=$(WRK_SECONDS=4 wrk_run "warm-$1" "$2" "${3:-}")
  [[ $1 == upload ]] && refused "wrk warm-up" "${r##* }"
done

declare -A W
W[health]=$(wrk_run health /health)
W[list]=$(wrk_run list /recordings "$out/get.lua")
W[upload]=$(wrk_run upload /recordings/upload-url "$out/post.lua")
refused "wrk" "${W[upload]##* }"
h_rps=$(echo "${W[health]}" | cut -d' ' -f1)
printf '%-34s %10s %9s %9s %7s %9s\n' "wrk -c$WRK_CONNECTIONS ${WRK_SECONDS}s" "req/s" "p50 ms" "p99 ms" "non-2xx" "vs health"
verdict=PASS; notes=()
for k in health list upload; do
  read -r rps p50 p99 bad <<<"${W[$k]}"
  ratio=$(awk -v a="$rps" -v b="$h_rps" 'BEGIN{printf "%.0f%%", 100*a/b}')
  printf '%-34s %10s %9s %9s %7s %9s\n' "$k" "$rps" "$p50" "$p99" "$bad" "$ratio"
  if [[ $k != health ]] && awk -v a="$rps" -v b="$h_rps" 'BEGIN{exit !(a < 0.5*b)}'; then verdict=FAIL; notes+=("$k throughput $ratio of health"); fi
  (( bad == 0 )) || { verdict=FAIL; notes+=("$k non-2xx $bad"); }
done

printf '\n%-34s %10s %9s %9s %7s\n' "hey -q, ${HEY_WORKERS} workers ${HEY_SECONDS}s" "req/s" "p50 ms" "p99 ms" "errors"
for rate in $RATES; do
  for k in health list upload; do
    case $k in
      health) r=$(hey_run health "$rate" /health) ;;
      list) r=$(hey_run list "$rate" /recordings -H "$AUTH") ;;
      upload) r=$(hey_upload "$rate") ;;
    esac
    read -r rps p50 p99 bad <<<"$r"
    [[ $k == upload ]] && refused "hey @ $rate/s" "$bad"
    printf '%-34s %10s %9s %9s %7s\n' "$k @ $rate/s" "$rps" "$p50" "$p99" "$bad"
    if (( rate == 1000 )) && [[ $k != health ]]; then
      awk -v p="$p99" 'BEGIN{exit !(p >= 10)}' && { verdict=FAIL; notes+=("$k p99 ${p99} ms at 1000/s"); }
    fi
    (( bad == 0 )) || { verdict=FAIL; notes+=("$k errors $bad at $rate/s"); }
  done
done
echo "server RSS after the run: $(( $(rss_kib "$SERVER_PID") / 1024 )) MiB; recordings rows: $(sqlite3 "$out/data/recordings.db" 'select count(*) from recordings' 2>/dev/null || echo '?')"
echo "VERDICT load: $verdict${notes:+ (${notes[*]})}"
if (( ${#upload_failed[@]} )); then
  echo "FAIL: the upload-url rows got non-2xx answers (${upload_failed[*]}); their figures are not the upload path" >&2
  exit 1
fi
