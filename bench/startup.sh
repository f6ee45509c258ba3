#!/usr/bin/env bash
# Item 2: start-up. Server: launch to the first 200 on /health (fresh data directory each time),
# through the shipped launcher bin/recordings-server (the verdict) and with a plain java -jar.
# CLI: `recordings --version` and `recordings list` wall time through the launcher bin/recordings.
# Reference in the same run: a bare JVM (`java -version`), the floor any Java command pays.
# Median of RUNS (default 7). Targets: server < 2 s, recordings list < 1.5 s.
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-7}
require_jars
out=$RESULTS_DIR/startup; rm -rf "$out"; mkdir -p "$out"
launcher=$REPO_DIR/bin/recordings
echo "machine: $(machine)"

# Warm the page cache and let the launcher make its class-data-sharing archive once.
"$launcher" --version >/dev/null
java -version 2>/dev/null

time_ms() { local t0; t0=$(now_ms); "$@" >/dev/null 2>&1 || return 1; echo $(( $(now_ms) - t0 )); }

jvm=(); server=(); version=(); list=(); list_plain=()
for i in $(seq 1 "$RUNS"); do jvm+=("$(time_ms java -version)"); done

for i in $(seq 1 "$RUNS"); do
  t0=$(now_ms)
  start_server "$out/server-$i"
  wait_health 30
  server+=($(( $(now_ms) - t0 )))
  if (( i == 1 )); then
    # Keep the first server for the CLI runs, with one recording so the listing is not empty.
    CLI_API=$API; TOKEN=$(dev_token)
    curl -sf -X POST "$API/recordings/upload-url" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d '{"room_id":"startup","contentType":"video/webm","size":10}' >/dev/null
  else
    kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  fi
done

# The same start through the shipped launcher bin/recordings-server, which maps a class-data-sharing
# archive of the server's classes (recorded once per jar by a training run, done here before timing):
# most of a plain start is loading and verifying some 7,700 classes from the fat jar.
rm -f "${SERVER_JAR%.jar}.jsa"
start_server_with "$REPO_DIR/bin/recordings-server" "$out/train"
wait_health 60
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
server_cds=()
for i in $(seq 1 "$RUNS"); do
  t0=$(now_ms)
  start_server_with "$REPO_DIR/bin/recordings-server" "$out/server-cds-$i"
  wait_health 30
  server_cds+=($(( $(now_ms) - t0 )))
  kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
done

export RECORDINGS_CONFIG_DIR=$out/cli-config
for i in $(seq 1 "$RUNS"); do
  version+=("$(time_ms "$launcher" --version)")
  list+=("$(time_ms "$launcher" list --api "$CLI_API" --token "$TOKEN")")
  list_plain+=("$(time_ms java -jar "$CLI_JAR" list --api "$CLI_API" --token "$TOKEN")")
done
"$launcher" list --api "$CLI_API" --token "$TOKEN" | head -3

m() { printf '%s\n' "$@" | median; }
jvm_m=$(m "${jvm[@]}"); server_m=$(m "${server[@]}"); version_m=$(m "${version[@]}"); cds_m=$(m "${server_cds[@]}")
list_m=$(m "${list[@]}"); plain_m=$(m "${list_plain[@]}")
echo "bare JVM (java -version)         median ${jvm_m} ms   runs: ${jvm[*]}"
echo "server java -jar -> first 200   median ${server_m} ms   runs: ${server[*]}   (x$(awk -v a="$server_m" -v b="$jvm_m" 'BEGIN{printf "%.1f", a/b}') bare JVM)"
echo "server bin/recordings-server     median ${cds_m} ms   runs: ${server_cds[*]}   ($(awk -v a="$cds_m" -v b="$server_m" 'BEGIN{printf "%.0f", 100*a/b}')% of java -jar)"
echo "recordings --version (launcher)  median ${version_m} ms   runs: ${version[*]}"
echo "recordings list (launcher)       median ${list_m} ms   runs: ${list[*]}   (x$(awk -v a="$list_m" -v b="$jvm_m" 'BEGIN{printf "%.1f", a/b}') bare JVM)"
echo "recordings list (java -jar)      median ${plain_m} ms   runs: ${list_plain[*]}"
verdict=PASS
(( ${cds_m%.*} < 2000 )) || verdict=FAIL
(( ${list_m%.*} < 1500 )) || verdict=FAIL
echo "VERDICT startup: $verdict (server via bin/recordings-server ${cds_m} ms < 2000 ms; recordings list ${list_m} ms < 1500 ms)"
