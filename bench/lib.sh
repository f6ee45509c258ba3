# Shared helpers for the bench scripts (sourced, not run). Every server binds 127.0.0.1 on a port it
# picks and prints (bin/lib/listening.sh reads it), runs under a data directory of its own in
# bench/results/, and is stopped by its pid on exit.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results}
SERVER_JAR=$REPO_DIR/adapter-http/target/recordings-server.jar
CLI_JAR=$REPO_DIR/adapter-cli/target/recordings.jar
mkdir -p "$RESULTS_DIR"
# shellcheck source=../bin/lib/listening.sh
source "$REPO_DIR/bin/lib/listening.sh"

SERVER_PIDS=()
stop_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]:-}"; do
    [[ -n $pid ]] || continue
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  SERVER_PIDS=()
}
trap stop_servers EXIT

require_jars() {
  if [[ ! -f $SERVER_JAR || ! -f $CLI_JAR ]]; then
    echo "building the jars (mvn package -DskipTests) ..." >&2
    (cd "$REPO_DIR" && mvn -B -q -ntp package -DskipTests >&2)
  fi
}

# A port nothing listens on right now (the kernel picks it), for the stand-ins that cannot pick and
# print their own (bench/outage.sh's S3Proxy and DynamoDB Local); servers of ours pick theirs.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

machine() {
  echo "$(nproc) cores $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/{print $2}') GiB," \
    "$(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
}

now_ms() { date +%s%3N; }

# start_server DATA_DIR [ENV=VALUE ...]: starts the fat jar in the background on a port the server
# picks itself (a port found free here could be taken before the server binds it); sets SERVER_PID,
# and wait_health sets PORT and API from the line the server prints once it listens. Extra
# environment (e.g. RECORDING_BACKEND=aws) is passed through.
start_server() {
  start_server_with "java ${SERVER_JAVA_OPTS:-} -jar $SERVER_JAR" "$@"
}

# start_server_with COMMAND DATA_DIR [ENV=VALUE ...]: the same with another command line (split on
# spaces), e.g. the launcher bin/recordings-server.
start_server_with() {
  local command=$1 data=$2; shift 2
  PORT=
  API=
  SERVER_DATA=$data
  mkdir -p "$data"
  # One user drives each benchmark: its per-user limits are lifted (callers may still set them).
  env MICRONAUT_SERVER_HOST=127.0.0.1 MICRONAUT_SERVER_PORT=-1 RECORDINGS_DATA_DIR="$data" \
    RECORDING_WEB_DIR="$data/no-web" RECORDING_LIMITS_MAX_PENDING_UPLOADS=1000 \
    RECORDING_LIMITS_UPLOAD_REQUESTS_PER_MINUTE=1000000 RECORDING_LIMITS_DEV_TOKENS_PER_MINUTE=1000000 \
    RECORDING_LIMITS_MAX_BYTES_PER_DAY=1099511627776 "$@" \
    $command >"$data/server.log" 2>&1 &
  SERVER_PID=$!
  SERVER_PIDS+=("$SERVER_PID")
}

# wait_health [TIMEOUT_S]: reads where the server listens from its log (sets PORT and API), then
# polls /health until 200; fails if the server died or the time ran out.
wait_health() {
  local deadline=$(( $(date +%s) + ${1:-30} ))
  while (( $(date +%s) < deadline )); do
    if [[ -z $API ]]; then
      API=$(listening_url "$SERVER_DATA/server.log")
      PORT=${API##*:}
    fi
    if [[ -n $API && $(curl -s -o /dev/null -w '%{http_code}' "$API/health" 2>/dev/null) == 200 ]]; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died; log:" >&2; tail -20 "$SERVER_DATA/server.log" >&2 2>/dev/null; return 1; }
    sleep 0.005
  done
  echo "server not healthy within ${1:-30} s" >&2
  return 1
}

dev_token() {
  curl -sf -X POST "$API/dev/token" -H 'Content-Type: application/json' -d "{\"email\": \"${1:-bench@example.com}\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

rss_kib() { awk '/VmRSS/{print $2}' "/proc/$1/status"; }

median() { sort -n | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }
