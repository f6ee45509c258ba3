#!/usr/bin/env bash
# Item 7 (third fault): a soak at a fixed rate against the embedded default: SOAK_SECONDS (60) of
# hey at SOAK_RATE req/s (default 200) on each of GET /recordings and POST /recordings/upload-url at
# once, with the server's RSS sampled every second. Reference in the same run: GET /health at the
# same rate, at the same time. Target: 0 errors, RSS flat (mean of the last 20 s within 10% of seconds 11-30: the heap
# settles in the first 10 s).
source "$(dirname "$0")/lib.sh"
SOAK_SECONDS=${SOAK_SECONDS:-60}; SOAK_RATE=${SOAK_RATE:-200}; WORKERS=10
require_jars
out=$RESULTS_DIR/soak; rm -rf "$out"; mkdir -p "$out"
echo "machine: $(machine)"
start_server "$out/data"; wait_health 60
TOKEN=$(dev_token soak@example.com); AUTH="Authorization: Bearer $TOKEN"
BODY='{"room_id":"soak","contentType":"video/webm","size":1048576}'
# Warm-up, not measured.
hey -z 10s -c 4 -q 50 -m POST -H "$AUTH" -T application/json -d "$BODY" "$API/recordings/upload-url" >/dev/null
hey -z 5s -c 4 -q 50 -H "$AUTH" "$API/recordings" >/dev/null
q=$(( SOAK_RATE / WORKERS ))
( for _ in $(seq 1 "$SOAK_SECONDS"); do rss_kib "$SERVER_PID"; sleep 1; done >"$out/rss.txt" ) &
sampler=$!
hey -z "${SOAK_SECONDS}s" -c $WORKERS -q $q -H "$AUTH" "$API/recordings" >"$out/list.txt" &
h1=$!
hey -z "${SOAK_SECONDS}s" -c $WORKERS -q $q -m POST -H "$AUTH" -T application/json -d "$BODY" "$API/recordings/upload-url" >"$out/upload.txt" &
h2=$!
hey -z "${SOAK_SECONDS}s" -c $WORKERS -q $q "$API/health" >"$out/health.txt" &
h3=$!
wait $h1 $h2 $h3; wait $sampler || true
summary() {
  awk '/Requests\/sec/{rps=$2} /99% in/{p99=$3*1000} /50% in/{p50=$3*1000}
       /^[ \t]*\[[0-9]+\]/{c=$1; gsub(/[\[\]]/,"",c); if (c ~ /^2/) ok+=$2; else bad+=$2}
       /Error distribution/{e=1} e && /^[ \t]*\[[0-9]+\]\s/{bad+=0}
       END{printf "%.0f req/s, p50 %.1f ms, p99 %.1f ms, 2xx %d, non-2xx %d", rps, p50, p99, ok, bad}' "$1"
}
errors() { awk '/Error distribution/{e=1; next} e && /\[[0-9]+\]/{gsub(/[\[\]]/,"",$1); n+=$1} END{print n+0}' "$1"; }
bad=0
for k in health list upload; do
  echo "$k: $(summary "$out/$k.txt"), transport errors $(errors "$out/$k.txt")"
  b=$(awk '/^[ \t]*\[[0-9]+\]/{c=$1; gsub(/[\[\]]/,"",c); if (c !~ /^2/) s+=$2} END{print s+0}' "$out/$k.txt")
  bad=$(( bad + b + $(errors "$out/$k.txt") ))
done
read -r early late < <(awk -v n="$SOAK_SECONDS" '{v[NR]=$1} END{for(i=11;i<=30&&i<=NR;i++){a+=v[i];na++} for(i=NR-19;i<=NR;i++){if(i>0){b+=v[i];nb++}} printf "%d %d\n", a/na/1024, b/nb/1024}' "$out/rss.txt")
rows=$(sqlite3 "$out/data/recordings.db" 'select count(*) from recordings' 2>/dev/null || echo '?')
echo "server RSS: mean of seconds 11-30 ${early} MiB, last 20 s mean ${late} MiB (samples in results/soak/rss.txt); rows $rows"
verdict=PASS; notes=()
(( bad == 0 )) || { verdict=FAIL; notes+=("$bad errors"); }
(( late * 10 <= early * 11 )) || { verdict=FAIL; notes+=("RSS grew ${early} -> ${late} MiB"); }
echo "VERDICT soak: $verdict${notes:+ (${notes[*]})} over ${SOAK_SECONDS} s at ${SOAK_RATE} req/s per endpoint"
