#!/usr/bin/env bash
# What one listed recording costs: wrk on GET /recordings?limit=1 and ?limit=50 (60 recordings, so a
# full page) and on GET /health, one server, same run. The per-item time is
# (1/rps(50) - 1/rps(1)) / 49 of wall time per request over WRK_CONNECTIONS connections; times the
# cores it is an upper bound on CPU per item (wrk shares the cores). Not in all.sh: no target, a
# figure to compare builds by (issue 14).
source "$(dirname "$0")/lib.sh"
WRK_SECONDS=${WRK_SECONDS:-8}; WRK_CONNECTIONS=${WRK_CONNECTIONS:-16}
require_jars
out=$RESULTS_DIR/list-page; rm -rf "$out"; mkdir -p "$out"
echo "machine: $(machine)"
start_server "$out/data"; wait_health 60
TOKEN=$(dev_token load@example.com)
for i in $(seq 1 60); do
  curl -sf -X POST "$API/recordings/upload-url" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"room_id":"load-room","contentType":"video/webm","size":1048576}' >/dev/null
done
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$TOKEN" >"$out/get.lua"
paths=("/health" "/recordings?limit=1" "/recordings?limit=50")
for p in "${paths[@]}"; do wrk -t2 -c"$WRK_CONNECTIONS" -d4s -s "$out/get.lua" "$API$p" >/dev/null; done
declare -A rps
for p in "${paths[@]}"; do
  rps[$p]=$(wrk -t2 -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" -s "$out/get.lua" "$API$p" | awk '/Requests\/sec/{print $2}')
  printf '%-24s %10s req/s\n' "$p" "${rps[$p]}"
done
awk -v one="${rps[/recordings?limit=1]}" -v fifty="${rps[/recordings?limit=50]}" -v cores="$(nproc)" 'BEGIN {
  item = (1e6 / fifty - 1e6 / one) / 49
  printf "per listed item: %.1f us of wall time per request, <= %.1f us of CPU (x %d cores)\n", item, item * cores, cores }'
echo "VERDICT list-page: measured (no target)"
