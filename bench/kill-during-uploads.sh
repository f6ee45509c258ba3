#!/usr/bin/env bash
# Item 7 (second fault): the embedded-default server is SIGKILLed while UPLOADS (20) concurrent
# presigned PUTs of FILE_MIB (32) MiB each (followed by complete) are in flight, then restarted on
# the same data directory. Checks: every COMPLETED recording downloads with the sha256 of the file
# that was uploaded for it; no object file is visible that is not a complete upload (objects/ holds
# only files whose sha256 is one of the sources, .meta sidecars aside); the server answers normally after the restart.
# Reference in the same run: the same uploads with no kill (all must complete and match).
# The uploads start STAGGER (0.25) s apart, so that at the kill some have completed and others are
# mid-PUT: both kinds are then checked.
source "$(dirname "$0")/lib.sh"
UPLOADS=${UPLOADS:-20}; FILE_MIB=${FILE_MIB:-32}; KILL_AFTER=${KILL_AFTER:-2}; STAGGER=${STAGGER:-0.25}
require_jars
out=$RESULTS_DIR/kill; rm -rf "$out"; mkdir -p "$out/src"
echo "machine: $(machine)"
for i in $(seq 1 "$UPLOADS"); do head -c "$((FILE_MIB * 1048576))" /dev/urandom >"$out/src/$i.webm"; done
declare -A SHA; for i in $(seq 1 "$UPLOADS"); do SHA[$i]=$(sha256sum "$out/src/$i.webm" | cut -d' ' -f1); done

# upload_one I: upload-url, PUT, complete; prints "I ID" as soon as the id is known.
upload_one() {
  local i=$1 resp url id
  resp=$(curl -sf -X POST "$API/recordings/upload-url" -H "$AUTH" -H 'Content-Type: application/json' \
    -d "{\"room_id\":\"kill\",\"filename\":\"$i.webm\",\"contentType\":\"video/webm\",\"size\":$((FILE_MIB * 1048576))}") || return 0
  url=$(echo "$resp" | python3 -c 'import json,sys;print(json.load(sys.stdin)["upload_url"])')
  id=$(echo "$resp" | python3 -c 'import json,sys;print(json.load(sys.stdin)["recording_id"])')
  echo "$i $id" >>"$out/ids"
  curl -sf -X PUT "$url" -H 'Content-Type: video/webm' -T "$out/src/$i.webm" >/dev/null 2>&1 || return 0
  curl -sf -X POST "$API/recordings/$id/complete" -H "$AUTH" >/dev/null 2>&1 || return 0
}

# check: prints "completed pending verified mismatched stray" for the server at $API.
check() {
  local completed=0 pending=0 ok=0 bad=0 stray=0
  curl -sf "$API/recordings?limit=200" -H "$AUTH" >"$out/list.json"
  while read -r id status; do
    if [[ $status == COMPLETED ]]; then
      completed=$((completed + 1))
      i=$(awk -v id="$id" '$2==id{print $1}' "$out/ids")
      dl=$(curl -sf "$API/recordings/$id" -H "$AUTH" | python3 -c 'import json,sys;print(json.load(sys.stdin)["download_url"])')
      got=$(curl -sf "$dl" | sha256sum | cut -d' ' -f1)
      if [[ -n $i && $got == "${SHA[$i]}" ]]; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
    else
      pending=$((pending + 1))
    fi
  done < <(python3 -c 'import json,sys;[print(r["recording_id"], r["status"]) for r in json.load(open(sys.argv[1]))["recordings"]]' "$out/list.json")
  local all=" ${SHA[*]} "
  while IFS= read -r f; do
    s=$(sha256sum "$f" | cut -d' ' -f1)
    [[ $all == *" $s "* ]] || stray=$((stray + 1))
  done < <(find "$DATA/objects" -type f ! -name "*.meta")
  echo "$completed $pending $ok $bad $stray"
}

# Reference: no kill.
DATA=$out/ref; : >"$out/ids"
start_server "$DATA"; wait_health 60
TOKEN=$(dev_token kill@example.com); AUTH="Authorization: Bearer $TOKEN"
pids=(); for i in $(seq 1 "$UPLOADS"); do upload_one "$i" & pids+=($!); sleep "$STAGGER"; done; wait "${pids[@]}"
read -r c p ok bad stray < <(check)
echo "reference (no kill): $c completed, $p pending, $ok sha256 match, $bad mismatch, $stray stray object files"
ref_ok=$(( c == UPLOADS && ok == UPLOADS && bad == 0 && stray == 0 ))
stop_servers

# The fault: SIGKILL while the uploads run.
DATA=$out/killed; : >"$out/ids"
start_server "$DATA"; wait_health 60
TOKEN=$(dev_token kill@example.com); AUTH="Authorization: Bearer $TOKEN"
# Kill KILL_AFTER seconds after the first bytes reach the staging area (the PUTs are streaming).
( for _ in $(seq 1 600); do [[ -n $(find "$DATA/tmp" -type f 2>/dev/null | head -1) ]] && break; sleep 0.1; done
  sleep "$KILL_AFTER"; kill -KILL "$SERVER_PID" ) &
killer=$!
pids=(); for i in $(seq 1 "$UPLOADS"); do upload_one "$i" & pids+=($!); sleep "$STAGGER"; done
wait "$killer"; wait "$SERVER_PID" 2>/dev/null || true
wait "${pids[@]}" 2>/dev/null || true
started=$(wc -l <"$out/ids")
staged=$(find "$DATA" -path '*/tmp/*' -type f | wc -l)
start_server "$DATA"; wait_health 60
read -r c p ok bad stray < <(check)
echo "after SIGKILL ${KILL_AFTER} s into the PUTs and restart: $started uploads had an id, $staged staged files left by the kill;" \
  "$c completed, $p pending, $ok sha256 match, $bad mismatch, $stray stray object files;" \
  "staged files after restart: $(find "$DATA" -path '*/tmp/*' -type f | wc -l)"
verdict=PASS; notes=()
(( ref_ok )) || { verdict=FAIL; notes+=("reference run lost uploads"); }
(( bad == 0 )) || { verdict=FAIL; notes+=("$bad completed recordings do not match"); }
(( stray == 0 )) || { verdict=FAIL; notes+=("$stray partial objects visible"); }
(( c > 0 && c < UPLOADS )) || { verdict=FAIL; notes+=("the kill did not fall between completed and in-flight uploads ($c of $UPLOADS completed); change KILL_AFTER"); }
echo "VERDICT kill-during-uploads: $verdict${notes:+ (${notes[*]})}"
