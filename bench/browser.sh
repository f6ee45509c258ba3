#!/usr/bin/env bash
# Item 5: a RECORD_SECONDS (default 180) recording of the demo page's loopback call in headless
# Chromium (fake camera and microphone), with progressive upload to the embedded-default server.
# Reports the page's JS heap (reference: the same page, ready and idle, then the heap a few seconds
# into recording) and the bytes still to upload when stop is pressed, against the file size and the
# multipart part size. Targets: heap growth < 30 MiB, at most one part left at stop.
# Knobs: RECORD_SECONDS, IDLE_SECONDS (idle reference, default min(30, RECORD_SECONDS)),
# SAMPLE_SECONDS (heap sample interval), PAGE_PARAMS (demo page parameters, e.g. '&quality=360p&bitrate=8000000'),
# FAKE_VIDEO=noise (a camera of noise, which VP8 cannot compress, instead of Chromium's stock one).
source "$(dirname "$0")/lib.sh"
RECORD_SECONDS=${RECORD_SECONDS:-180}
require_jars
WEB_DIR=$REPO_DIR/web-client
if [[ ! -d $WEB_DIR/node_modules/playwright-core ]]; then
  echo "installing the web client's dependencies (npm ci) ..." >&2
  (cd "$WEB_DIR" && npm ci --no-audit --no-fund >&2)
fi
if [[ ! -f $WEB_DIR/dist/index.html ]]; then
  echo "building the web client (npm run build) ..." >&2
  (cd "$WEB_DIR" && npm run build >&2)
fi
out=$RESULTS_DIR/browser; rm -rf "$out"; mkdir -p "$out"
echo "machine: $(machine); $(/usr/bin/chromium --version 2>/dev/null | head -1); node $(node --version)"
echo "record ${RECORD_SECONDS} s; web client $(git -C "$REPO_DIR" rev-parse --short HEAD)$(git -C "$REPO_DIR" diff --quiet -- web-client/src || echo '+local changes')"

start_server "$out/data" RECORDING_WEB_DIR="$WEB_DIR/dist"; wait_health 90
set +e
BASE_URL=$API RECORD_SECONDS=$RECORD_SECONDS \
  timeout --signal=TERM $(( RECORD_SECONDS * 2 + 300 )) node "$BENCH_DIR/browser/record.mjs"
rc=$?
set -e
(( rc != 124 )) || echo "VERDICT browser: FAIL (timed out)"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$rc"
