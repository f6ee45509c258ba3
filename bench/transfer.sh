#!/usr/bin/env bash
# Item 4: embedded-default transfer of SIZE_MIB (default 1024) through the server: presigned PUT,
# complete, then GET of the download URL. Reference in the same run, right beside each transfer and
# from the same page-cache state: dd of the same source file into the same data directory with
# conv=fsync (the server forces the object to disk before answering), and dd of the stored object
# itself to /dev/null. The page cache is dropped before each of the four (as root; without root
# they all run warm): this disk is a virtio device whose host caches, and a reference taken a
# minute earlier than the transfer was seen anywhere between 330 and 2,100 MiB/s.
# Server RSS is sampled every 100 ms. Targets: >= 50% of dd, RSS growth < 64 MiB.
source "$(dirname "$0")/lib.sh"
SIZE_MIB=${SIZE_MIB:-1024}
require_jars
out=$RESULTS_DIR/transfer; rm -rf "$out"; mkdir -p "$out"
echo "machine: $(machine); disk: $(df -h "$out" | awk 'NR==2{print $1" "$2}')"
src=$out/source.bin
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$src"
bytes=$(stat -c %s "$src")

mibs() { awk -v b="$bytes" -v ms="$1" 'BEGIN{printf "%.0f", b/1048576/(ms/1000)}'; }
cache=warm
[[ -w /proc/sys/vm/drop_caches ]] && cache=cold
drop_cache() { sync; if [[ $cache == cold ]]; then echo 3 >/proc/sys/vm/drop_caches; fi; }

start_server "$out/data"; wait_health 60
TOKEN=$(dev_token transfer@example.com); AUTH="Authorization: Bearer $TOKEN"
rss_start=$(rss_kib "$SERVER_PID")
# Warm both paths (class loading and JIT) with a 64 MiB object, put once and fetched four times, as
# a server that has been up a while would be; the first 1 GiB transfer is measured after that.
warm=$(curl -sf -X POST "$API/recordings/upload-url" -H "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"room_id\":\"warm\",\"contentType\":\"video/webm\",\"size\":$((64 * 1048576))}")
warm_id=$(echo "$warm" | python3 -c 'import json,sys;print(json.load(sys.stdin)["recording_id"])')
head -c $((64 * 1048576)) /dev/zero | curl -sf -X PUT "$(echo "$warm" | python3 -c 'import json,sys;print(json.load(sys.stdin)["upload_url"])')" \
  -H 'Content-Type: video/webm' --data-binary @- >/dev/null
curl -sf -X POST "$API/recordings/$warm_id/complete" -H "$AUTH" >/dev/null
warm_url=$(curl -sf "$API/recordings/$warm_id" -H "$AUTH" | python3 -c 'import json,sys;print(json.load(sys.stdin)["download_url"])')
for _ in 1 2 3 4; do curl -sf -o /dev/null "$warm_url"; done
rss_before=$(rss_kib "$SERVER_PID")
( peak=0; while kill -0 "$SERVER_PID" 2>/dev/null; do r=$(rss_kib "$SERVER_PID" 2>/dev/null || echo 0); (( r > peak )) && peak=$r && echo "$peak" >"$out/rss-peak"; sleep 0.1; done ) &
sampler=$!

resp=$(curl -sf -X POST "$API/recordings/upload-url" -H "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"room_id\":\"transfer\",\"contentType\":\"video/webm\",\"size\":$bytes}")
url=$(echo "$resp" | python3 -c 'import json,sys;print(json.load(sys.stdin)["upload_url"])')
id=$(echo "$resp" | python3 -c 'import json,sys;print(json.load(sys.stdin)["recording_id"])')
headers=$(echo "$resp" | python3 -c 'import json,sys;[print(f"{k}: {v}") for k,v in json.load(sys.stdin)["upload_headers"].items() if k.lower()!="content-length"]')
hargs=(); while IFS= read -r h; do [[ -n $h ]] && hargs+=(-H "$h"); done <<<"$headers"
drop_cache
t0=$(now_ms); dd if="$src" of="$out/data/dd.bin" bs=1M conv=fsync status=none; dd_write_ms=$(( $(now_ms) - t0 ))
rm -f "$out/data/dd.bin"
drop_cache
t0=$(now_ms)
code=$(curl -s -o "$out/put-response" -w '%{http_code}' -X PUT "$url" "${hargs[@]}" -T "$src")
put_ms=$(( $(now_ms) - t0 ))
[[ $code == 2* ]] || { echo "PUT answered $code: $(cat "$out/put-response")"; exit 1; }
rss_after_put=$(rss_kib "$SERVER_PID")
curl -sf -X POST "$API/recordings/$id/complete" -H "$AUTH" >"$out/complete.json"
download=$(curl -sf "$API/recordings/$id" -H "$AUTH" | python3 -c 'import json,sys;print(json.load(sys.stdin)["download_url"])')
object=$(find "$out/data/objects" -type f -name "*-$id-recording.webm")
drop_cache
t0=$(now_ms); dd if="$object" of=/dev/null bs=1M status=none; dd_read_ms=$(( $(now_ms) - t0 ))
drop_cache
t0=$(now_ms)
got=$(curl -sf -o /dev/null -w '%{size_download}' "$download")
get_ms=$(( $(now_ms) - t0 ))
t0=$(now_ms); curl -sf -o /dev/null "$download"; again_ms=$(( $(now_ms) - t0 ))
sleep 0.3
rss_after=$(rss_kib "$SERVER_PID"); kill "$sampler" 2>/dev/null || true
peak=$(cat "$out/rss-peak" 2>/dev/null || echo "$rss_after")
(( peak > rss_after )) || peak=$rss_after
status=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["status"])' "$out/complete.json")
rm -f "$src"

put_rate=$(mibs "$put_ms"); get_rate=$(mibs "$get_ms"); ddw=$(mibs "$dd_write_ms"); ddr=$(mibs "$dd_read_ms")
growth=$(( (peak - rss_before) / 1024 ))
printf '%-28s %8s %9s %s\n' "" "MiB/s" "time ms" "vs dd"
printf '%-28s %8s %9s\n' "dd write, fsync ($cache)" "$ddw" "$dd_write_ms"
printf '%-28s %8s %9s %s\n' "server PUT ($cache)" "$put_rate" "$put_ms" "$(( 100 * put_rate / ddw ))%"
printf '%-28s %8s %9s\n' "dd read of the object ($cache)" "$ddr" "$dd_read_ms"
printf '%-28s %8s %9s %s\n' "server GET ($cache)" "$get_rate" "$get_ms" "$(( 100 * get_rate / ddr ))%"
printf '%-28s %8s %9s %s\n' "server GET again (warm)" "$(mibs "$again_ms")" "$again_ms" "(no reference)"
echo "bytes $bytes, downloaded $got, status after complete: $status"
echo "server RSS: at start $((rss_start/1024)) MiB, after the 64 MiB warm-up (before) $((rss_before/1024)) MiB, after PUT $((rss_after_put/1024)) MiB, peak $((peak/1024)) MiB, end $((rss_after/1024)) MiB; growth to peak ${growth} MiB"
verdict=PASS; notes=()
(( 2 * put_rate >= ddw )) || { verdict=FAIL; notes+=("PUT below 50% of dd write"); }
(( 2 * get_rate >= ddr )) || { verdict=FAIL; notes+=("GET below 50% of dd read"); }
(( growth < 64 )) || { verdict=FAIL; notes+=("RSS growth ${growth} MiB"); }
[[ $got == "$bytes" && $status == COMPLETED ]] || { verdict=FAIL; notes+=("transfer incomplete"); }
echo "VERDICT transfer: $verdict${notes:+ (${notes[*]})}"
