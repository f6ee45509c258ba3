#!/usr/bin/env bash
# What of the images can be checked without a Docker engine: that every file the Dockerfiles
# COPY exists after the build, and that their entrypoint commands run here against the built jars
# and Debian's ffmpeg, as the containers run them. One line "deploy check: passed|failed NAME"
# per check (bin/test counts them). Not checked: the images themselves (base image, apt-get in
# the image, the user, the CDS archive recorded at build time).
set -uo pipefail
cd "$(dirname "$0")/../.."

status=0
pass() { echo "deploy check: passed $1"; }
fail() { echo "deploy check: failed $1${2:+: $2}"; status=1; }
scratch=$(mktemp -d)
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT

for dockerfile in deploy/docker/worker.Dockerfile deploy/docker/server.Dockerfile; do
  missing=""
  while read -r source; do
    [[ -e $source ]] || missing+=" $source"
  done < <(awk '$1 == "COPY" { print $2 }' "$dockerfile")
  if [[ -z $missing ]]; then pass "$dockerfile: every COPY source exists"; else fail "$dockerfile" "missing$missing"; fi
done

# The worker's entrypoint and command, on the local backend for a moment: --drain stops once no job is due.
worker() {
  RECORDINGS_JAR=adapter-cli/target/recordings.jar RECORDING_BACKEND=local RECORDINGS_DATA_DIR="$scratch/worker" \
    timeout 120 bin/recordings worker --drain "$@" >"$scratch/worker.log" 2>&1
}
if worker; then
  pass "worker entrypoint: recordings worker --drain with ffmpeg"
else
  fail "worker entrypoint: recordings worker --drain with ffmpeg" "$(tail -n 3 "$scratch/worker.log")"
fi
# Without ffmpeg the same command must refuse to start, or the check above proves nothing.
if RECORDING_PROCESSING_FFMPEG=/nonexistent/ffmpeg worker; then
  fail "worker entrypoint: refuses to run without ffmpeg" "it ran"
else
  pass "worker entrypoint: refuses to run without ffmpeg ($(tail -n 1 "$scratch/worker.log" | cut -c1-80))"
fi

# The server's entrypoint, on loopback and a port of its choosing, until /health answers 200.
RECORDINGS_SERVER_JAR=adapter-http/target/recordings-server.jar MICRONAUT_SERVER_HOST=127.0.0.1 \
  MICRONAUT_SERVER_PORT=-1 RECORDINGS_DATA_DIR="$scratch/server" RECORDING_WEB_DIR="$scratch/no-web" \
  RECORDING_PROCESSING_ENABLED=false bin/recordings-server >"$scratch/server.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 600); do
  url=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$scratch/server.log" | grep -o 'http://.*' || true)
  [[ -n $url ]] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [[ -n $url ]] && [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url/health") == 200 ]]; then
  pass "server entrypoint: recordings-server answers /health"
else
  fail "server entrypoint: recordings-server answers /health" "$(tail -n 3 "$scratch/server.log")"
fi
exit $status
