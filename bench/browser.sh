#!/usr/bin/env bash
# Item 5: a RECORD_SECONDS (default 180) recording of the demo page's loopback call in headless
# Chromium and in headless Firefox ESR (fake camera and microphone, both through puppeteer-core as the
# web client's e2e tests launch them), with progressive upload to the embedded-default server.
# Per browser: the RSS of the page processes (Chromium's renderers, Firefox's web content processes)
# while recording against the same page idle for as long (reference), Chromium's JS heap, the bytes
# still to upload when stop is pressed, and stop -> uploaded against the same bytes sent with one plain
# PUT from the same page (reference). Targets: JS heap growth < 30 MiB, at most one part left at stop.
# Knobs: BROWSERS (default 'chromium firefox'), RECORD_SECONDS, IDLE_SECONDS (idle reference,
# default RECORD_SECONDS), SAMPLE_SECONDS, PAGE_PARAMS (demo page parameters, e.g.
# '&quality=360p&bitrate=8000000'), FAKE_VIDEO=noise (Chromium: a camera of noise, which VP8 cannot compress).
source "$(dirname "$0")/lib.sh"
RECORD_SECONDS=${RECORD_SECONDS:-180}
BROWSERS=${BROWSERS:-chromium firefox}
require_jars
WEB_DIR=$REPO_DIR/web-client
if [[ ! -d $WEB_DIR/node_modules/puppeteer-core ]]; then
  echo "installing the web client's dependencies (npm ci) ..." >&2
  (cd "$WEB_DIR" && npm ci --no-audit --no-fund >&2)
fi
if [[ ! -f $WEB_DIR/dist/index.html ]]; then
  echo "building the web client (npm run build) ..." >&2
  (cd "$WEB_DIR" && npm run build >&2)
fi
out=$RESULTS_DIR/browser; rm -rf "$out"; mkdir -p "$out"
echo "machine: $(machine); $(/usr/bin/chromium --version 2>/dev/null | head -1); $(/usr/bin/firefox-esr --version 2>/dev/null | head -1); node $(node --version)"
echo "record ${RECORD_SECONDS} s in: $BROWSERS; web client $(git -C "$REPO_DIR" rev-parse --short HEAD)$(git -C "$REPO_DIR" diff --quiet -- web-client/src || echo '+local changes')"

# Processing on (the page then sends part 1 early and leaves the WebM Duration to the remux), without
# the MP4 transcode, which would only make the Duration check wait minutes for the poster.
start_server "$out/data" RECORDING_WEB_DIR="$WEB_DIR/dist" RECORDING_PROCESSING_ENABLED=true RECORDING_PROCESSING_MP4=false
wait_health 90
if [[ " $BROWSERS " == *" firefox "* ]]; then
  # Firefox runs an AudioContext only with an output device: a PulseAudio null sink on a socket of
  # our own (as web-client/test/support/sound-server.ts does), stopped by its pid with the server.
  command -v pulseaudio >/dev/null || { echo "pulseaudio is missing (apt-get install -y pulseaudio)" >&2; exit 1; }
  sound=$out/sound; mkdir -p "$sound"
  HOME=$sound XDG_RUNTIME_DIR=$sound pulseaudio -n --daemonize=no --exit-idle-time=-1 --use-pid-file=no --system=false \
    -L module-null-sink -L "module-native-protocol-unix socket=$sound/native auth-anonymous=1" >"$sound/log" 2>&1 &
  SERVER_PIDS+=("$!")
  for _ in $(seq 1 100); do [[ -S $sound/native ]] && break; sleep 0.1; done
  [[ -S $sound/native ]] || { echo "pulseaudio did not listen in 10 s; log:" >&2; cat "$sound/log" >&2; exit 1; }
  export PULSE_SERVER=unix:$sound/native
fi
rc=0
for browser in $BROWSERS; do
  echo
  echo "== $browser"
  set +e
  BROWSER=$browser BASE_URL=$API RECORD_SECONDS=$RECORD_SECONDS \
    timeout --signal=TERM $(( RECORD_SECONDS * 3 + 300 )) node "$BENCH_DIR/browser/record.mjs"
  one=$?
  set -e
  (( one != 124 )) || echo "VERDICT browser-$browser: FAIL (timed out)"
  (( one == 0 )) || rc=1
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$rc"
